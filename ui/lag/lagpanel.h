// SPDX-License-Identifier: GPL-3.0-or-later
// The Lag dock: one chart per unit (PostgreSQL WAL bytes, MySQL ms, consumer messages) of what the
// LagMonitor samples, with thresholds, time ranges, live follow and pause, a hover readout, PNG and
// CSV export and the threshold editor. Replots on a timer, a few times a second at most, reading
// only the visible range; the samples themselves stay in the monitor.
#pragma once

#include "core/result.h"
#include "lag/lagtypes.h"

#include <QMap>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QActionGroup;
class QCPRange;
class QGridLayout;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolButton;

namespace cdc::lag {
class LagMonitor;
}

namespace cdc::ui {

class EmptyState;
class LagChart;
class LagThresholdsDialog;
class MessageBar;

class LagPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr qint64 kFiveMinutesMs = 5 * 60 * 1000;
    static constexpr qint64 kOneHourMs = 60 * 60 * 1000;
    static constexpr qint64 kOneDayMs = 24 * 60 * 60 * 1000;
    static constexpr int kReplotIntervalMs = 250; // at most four replots a second

    explicit LagPanel(lag::LagMonitor *monitor, QWidget *parent = nullptr);
    ~LagPanel() override;

    lag::LagMonitor *monitor() const { return m_monitor; }

    // What "now" is; the wall clock unless a test or a replay says otherwise.
    void setClock(std::function<qint64()> now);
    qint64 now() const { return m_now(); }

    // The last `spanMs` up to now, following it (what the 5 min / 1 h / 24 h buttons do).
    void showLast(qint64 spanMs);
    // A fixed window; stops following now.
    void setTimeRange(qint64 fromMs, qint64 toMs);
    qint64 visibleFromMs() const { return m_fromMs; }
    qint64 visibleToMs() const { return m_toMs; }
    void setLive(bool live);
    bool isLive() const { return m_live; }
    // Paused: the charts stand still (samples are still recorded by the monitor).
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    // Reads the visible range and replots now (the timer does this by itself).
    void replotNow();
    int replotCount() const { return m_replots; }

    QList<LagChart *> charts() const;
    LagChart *chart(lag::LagUnit unit) const;
    bool isShowingCharts() const; // false while the empty state is shown
    MessageBar *messageBar() const { return m_messages; }
    QLabel *readout() const { return m_readout; }
    QWidget *chartArea() const { return m_chartArea; }
    // True when the charts do not all fit at their minimum size and show one tab each.
    bool isTabbed() const;
    QTabWidget *chartTabs() const { return m_tabs; }
    // Puts a button for `action` (e.g. Start Lag Monitoring) on the empty state.
    void addEmptyStateAction(QAction *action);

    // The hover readout at `timeMs` on every chart (what moving the mouse over a chart does); none hides it.
    void showReadoutAt(std::optional<qint64> timeMs);

    // The charts as a picture, and every series' samples of the visible range as CSV
    // ("series,label,unit,time_iso,time_ms,min,max,mean").
    Result<void> exportPng(const QString &path) const;
    Result<void> exportCsv(const QString &path) const;

    // Opens the threshold editor (window-modal); OK emits thresholdsEdited.
    LagThresholdsDialog *editThresholds();

    struct Actions
    {
        QAction *fiveMinutes = nullptr;
        QAction *oneHour = nullptr;
        QAction *oneDay = nullptr;
        QAction *live = nullptr;
        QAction *pause = nullptr;
        QAction *thresholds = nullptr;
        QAction *exportPng = nullptr;
        QAction *exportCsv = nullptr;
    };
    const Actions &actions() const { return m_actions; }

Q_SIGNALS:
    // The user changed the thresholds: the project should hold them now (undoably).
    void thresholdsEdited(const cdc::lag::LagThresholds &thresholds);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    QWidget *createToolBar();
    void addSeries(const lag::SeriesKey &key);
    LagChart *ensureChart(lag::LagUnit unit);
    void scheduleReplot(int delayMs = kReplotIntervalMs);
    void arrangeCharts();
    void updatePage();
    void updateRangeChecks();
    void showSamplerProblems();
    void onChartRangeChanged(LagChart *chart, const QCPRange &range);

    lag::LagMonitor *m_monitor;
    std::function<qint64()> m_now;
    qint64 m_spanMs = kFiveMinutesMs;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    bool m_live = true;
    bool m_paused = false;
    bool m_loading = false; // while load() sets the charts' ranges: not the user's zoom
    bool m_stale = false;   // a replot was due while the panel was hidden
    int m_replots = 0;
    int m_columns = -1;                       // of the grid; 0: tabs
    int m_arranged = 0;                       // the number of charts arranged
    QMap<QString, QString> m_samplerProblems; // sampler name -> message

    QMap<int, LagChart *> m_charts; // by LagUnit, in the unit's order
    QStackedWidget *m_pages = nullptr;
    EmptyState *m_empty = nullptr;
    MessageBar *m_messages = nullptr;
    QWidget *m_chartArea = nullptr;
    QWidget *m_gridHost = nullptr;
    QGridLayout *m_grid = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_readout = nullptr;
    QTimer *m_replotTimer = nullptr;
    QTimer *m_liveTimer = nullptr;
    QActionGroup *m_rangeGroup = nullptr;
    Actions m_actions;
};

} // namespace cdc::ui
