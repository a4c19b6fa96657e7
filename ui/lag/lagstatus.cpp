// Lag alerts for the canvas, the status bar and the Diagnostics dock.
#include "lagstatus.h"

#include "common/sourcecolors.h"
#include "lag/lagmonitor.h"

#include <QLabel>

#include <algorithm>

namespace cdc::ui {

LagStatus::LagStatus(lag::LagMonitor *monitor, QObject *parent) : QObject(parent), m_monitor(monitor)
{
    connect(monitor, &lag::LagMonitor::alert, this, &LagStatus::onAlert);
    connect(monitor, &lag::LagMonitor::seriesAdded, this, [this] {
        if (m_text.isEmpty())
            updateStatus();
    });
    // The status line tells the current value of the series it speaks of.
    connect(monitor, &lag::LagMonitor::sampleAdded, this, [this](const lag::SeriesKey &key, qint64, double) {
        if (key.id == m_statusSeries)
            updateStatus();
    });
}

QString LagStatus::subject(const lag::SeriesKey &key)
{
    if (key.databaseKind == QLatin1String("postgres"))
        return tr("PostgreSQL");
    if (key.databaseKind == QLatin1String("mysql"))
        return tr("MySQL");
    return tr("consumer %1").arg(key.label);
}

QList<lag::LagAlert> LagStatus::activeAlerts() const
{
    QList<lag::LagAlert> out = m_active.values();
    std::stable_sort(out.begin(), out.end(), [this](const lag::LagAlert &a, const lag::LagAlert &b) {
        if (a.to != b.to)
            return a.to == lag::LagLevel::Critical;
        return m_order.value(a.series.id) > m_order.value(b.series.id);
    });
    return out;
}

void LagStatus::onAlert(const lag::LagAlert &alert)
{
    if (alert.to == lag::LagLevel::Ok) {
        m_active.remove(alert.series.id);
        m_order.remove(alert.series.id);
    } else {
        m_active.insert(alert.series.id, alert);
        m_order.insert(alert.series.id, ++m_counter);
    }
    if (!alert.series.nodeId.isEmpty())
        updateNode(alert.series.nodeId);
    Q_EMIT alertsChanged(activeAlerts());
    updateStatus();
}

void LagStatus::updateNode(const QString &nodeId)
{
    lag::LagLevel level = lag::LagLevel::Ok;
    QStringList messages;
    for (const lag::LagAlert &a : activeAlerts()) {
        if (a.series.nodeId != nodeId)
            continue;
        level = std::max(level, a.to);
        messages << a.message();
    }
    if (level == lag::LagLevel::Ok)
        m_nodeLevels.remove(nodeId);
    else
        m_nodeLevels.insert(nodeId, level);
    Q_EMIT nodeLevelChanged(nodeId, level, messages.join(u'\n'));
}

void LagStatus::updateStatus()
{
    const QList<lag::LagAlert> alerts = activeAlerts();
    QString text;
    lag::LagLevel level = lag::LagLevel::Ok;
    m_statusSeries.clear();
    if (!alerts.isEmpty()) {
        const lag::LagAlert &top = alerts.front();
        level = top.to;
        m_statusSeries = top.series.id;
        double value = top.value;
        if (const lag::TimeSeries *series = m_monitor->seriesData(top.series.id)) {
            if (const auto last = series->last())
                value = last->max;
        }
        text = tr("Lag: %1 %2 — %3 behind")
                   .arg(subject(top.series), lag::levelName(top.to), lag::formatValue(top.series.unit, value));
        if (alerts.size() > 1)
            text += tr(" (+%n more)", nullptr, int(alerts.size() - 1));
    } else if (!m_monitor->series().isEmpty()) {
        text = tr("Lag: OK");
    }
    if (text == m_text && level == m_level)
        return;
    m_text = text;
    m_level = level;
    Q_EMIT statusChanged(m_text, m_level);
}

void LagStatus::showOnLabel(QLabel *label, const QString &text, lag::LagLevel level)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    if (level == lag::LagLevel::Ok) {
        label->setStyleSheet(QString());
        return;
    }
    // A badge: the level reads in colour and in words, on light and dark status bars alike.
    const QColor fill = lagLevelColor(level);
    label->setStyleSheet(QStringLiteral("QLabel { background-color: %1; color: %2; border-radius: 3px; "
                                        "padding: 0px 6px; font-weight: bold; }")
                             .arg(fill.name(), sourceTagTextColor(fill).name()));
}

} // namespace cdc::ui
