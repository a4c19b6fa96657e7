// What the lag alerts mean for the rest of the window: how lagging each topology node is (the canvas
// tints it), one line for the status bar ("Lag: PostgreSQL critical — 1.2 GB behind") and the alerts
// in force for the Diagnostics dock. Observes a LagMonitor; holds no thresholds of its own.
#pragma once

#include "lag/lagtypes.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>

class QLabel;

namespace cdc::lag {
class LagMonitor;
}

namespace cdc::ui {

class LagStatus : public QObject
{
    Q_OBJECT

public:
    explicit LagStatus(lag::LagMonitor *monitor, QObject *parent = nullptr);

    // The alerts in force (series at warning or critical), critical first, then the newest.
    QList<lag::LagAlert> activeAlerts() const;
    lag::LagLevel worstLevel() const { return m_level; }
    lag::LagLevel nodeLevel(const QString &nodeId) const { return m_nodeLevels.value(nodeId, lag::LagLevel::Ok); }
    // "Lag: PostgreSQL critical — 1.2 GB behind", "Lag: OK", or empty while there are no series.
    QString statusText() const { return m_text; }

    // "PostgreSQL", "MySQL", or "consumer <label>": who is behind, for people.
    static QString subject(const lag::SeriesKey &key);
    // Shows `text` on a status-bar label as a badge in the level's colour (plain when Ok).
    static void showOnLabel(QLabel *label, const QString &text, lag::LagLevel level);

Q_SIGNALS:
    void nodeLevelChanged(const QString &nodeId, cdc::lag::LagLevel level, const QString &summary);
    void statusChanged(const QString &text, cdc::lag::LagLevel level);
    void alertsChanged(const QList<cdc::lag::LagAlert> &alerts);

private:
    void onAlert(const lag::LagAlert &alert);
    void updateNode(const QString &nodeId);
    void updateStatus();

    lag::LagMonitor *m_monitor;
    QMap<QString, lag::LagAlert> m_active; // by series id
    QHash<QString, qint64> m_order;        // series id -> when its alert came (a counter)
    QHash<QString, lag::LagLevel> m_nodeLevels;
    qint64 m_counter = 0;
    QString m_statusSeries; // the series the status line speaks of
    QString m_text;
    lag::LagLevel m_level = lag::LagLevel::Ok;
};

} // namespace cdc::ui
