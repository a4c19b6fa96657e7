// SPDX-License-Identifier: GPL-3.0-or-later
// The Lag dock: charts per unit fed from the LagMonitor on a coalescing timer.
#include "lagpanel.h"

#include "common/emptystate.h"
#include "common/messagebar.h"
#include "common/settingskeys.h"
#include "common/sourcecolors.h"
#include "lag/lagchart.h"
#include "lag/lagcsv.h"
#include "lag/lagmonitor.h"
#include "lag/lagthresholdsdialog.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace cdc::ui {

namespace {

constexpr int kChartMinimumHeight = 150;
constexpr int kChartMinimumWidth = 280; // narrower, the time axis has room for two labels

const lag::LagThreshold &thresholdFor(const lag::LagThresholds &thresholds, lag::LagUnit unit)
{
    switch (unit) {
    case lag::LagUnit::Bytes: return thresholds.postgresBytes;
    case lag::LagUnit::Milliseconds: return thresholds.mysqlMs;
    case lag::LagUnit::Messages: break;
    }
    return thresholds.consumerMessages;
}

QString exportFolder()
{
    return QSettings()
        .value(settings::lagExportFolder(), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        .toString();
}

} // namespace

LagPanel::LagPanel(lag::LagMonitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_replotTimer(new QTimer(this))
    , m_liveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("lagPanel"));
    createActions();

    m_messages = new MessageBar(this);
    m_empty = new EmptyState(
        tr("No lag samples yet"),
        tr("Lag appears here when lag monitoring runs for the pipeline: PostgreSQL replication-slot lag in WAL "
           "bytes, MySQL lag in milliseconds and consumer-group lag in messages, each on its own chart with "
           "its own thresholds."),
        this);
    m_empty->setObjectName(QStringLiteral("lagEmptyState"));

    // The charts side by side or in rows when they fit at their minimum size, else one tab each: never
    // scrolled below the fold (issue 20). The area's minimum is one chart and a tab bar whatever the
    // arrangement, so arranging never changes the dock's size.
    m_chartArea = new QWidget(this);
    m_chartArea->setObjectName(QStringLiteral("lagCharts"));
    m_chartArea->installEventFilter(this); // re-arranges the charts as the panel's shape changes
    m_gridHost = new QWidget(m_chartArea);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(4);
    m_tabs = new QTabWidget(m_chartArea);
    m_tabs->setObjectName(QStringLiteral("lagChartTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(false);
    m_tabs->hide();
    auto *areaLayout = new QVBoxLayout(m_chartArea);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    areaLayout->addWidget(m_gridHost);
    areaLayout->addWidget(m_tabs);
    m_chartArea->setMinimumSize(kChartMinimumWidth, kChartMinimumHeight + fontMetrics().height() + 12);

    m_readout = new QLabel(this);
    m_readout->setObjectName(QStringLiteral("lagReadout"));
    m_readout->setTextFormat(Qt::RichText);
    m_readout->setWordWrap(true);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setContentsMargins(4, 0, 4, 2);
    showReadoutAt(std::nullopt);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(2);
    contentLayout->addWidget(createToolBar());
    contentLayout->addWidget(m_chartArea, 1);
    contentLayout->addWidget(m_readout);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_messages);
    layout->addWidget(m_pages, 1);

    // One replot per tick however many samples arrived; a live view also moves on with the clock.
    m_replotTimer->setSingleShot(true);
    connect(m_replotTimer, &QTimer::timeout, this, [this] {
        if (!isVisible()) {
            m_stale = true; // hidden dock: catch up when shown
            return;
        }
        replotNow();
    });
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, [this] { scheduleReplot(); });

    connect(monitor, &lag::LagMonitor::seriesAdded, this, [this](const lag::SeriesKey &key) {
        addSeries(key);
        updatePage();
        scheduleReplot();
    });
    connect(monitor, &lag::LagMonitor::sampleAdded, this, [this](const lag::SeriesKey &, qint64 timeMs, double) {
        if (!m_paused && (m_live || (timeMs >= m_fromMs && timeMs <= m_toMs)))
            scheduleReplot();
    });
    connect(monitor, &lag::LagMonitor::samplerFailed, this, [this](const QString &sampler, const QString &message) {
        m_samplerProblems.insert(sampler, message);
        showSamplerProblems();
    });
    connect(monitor, &lag::LagMonitor::samplerRecovered, this, [this](const QString &sampler) {
        if (m_samplerProblems.remove(sampler) > 0)
            showSamplerProblems();
    });

    m_toMs = m_now();
    m_fromMs = m_toMs - m_spanMs;
    for (const lag::SeriesKey &key : monitor->series())
        addSeries(key);
    setLive(true);
    updatePage();
}

LagPanel::~LagPanel() = default;

void LagPanel::createActions()
{
    auto make = [this](const QString &text, const QString &tip, bool checkable) {
        auto *action = new QAction(text, this);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        action->setCheckable(checkable);
        return action;
    };
    m_rangeGroup = new QActionGroup(this);
    m_rangeGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    const std::pair<QAction **, std::pair<QString, qint64>> ranges[] = {
        {&m_actions.fiveMinutes, {tr("5 min"), kFiveMinutesMs}},
        {&m_actions.oneHour, {tr("1 h"), kOneHourMs}},
        {&m_actions.oneDay, {tr("24 h"), kOneDayMs}},
    };
    for (const auto &[target, range] : ranges) {
        const qint64 span = range.second;
        *target = make(range.first, tr("Show the last %1 and follow new samples").arg(range.first), true);
        m_rangeGroup->addAction(*target);
        connect(*target, &QAction::triggered, this, [this, span] { showLast(span); });
    }
    m_actions.fiveMinutes->setObjectName(QStringLiteral("lagRange5m"));
    m_actions.oneHour->setObjectName(QStringLiteral("lagRange1h"));
    m_actions.oneDay->setObjectName(QStringLiteral("lagRange24h"));

    m_actions.live =
        make(tr("Live"), tr("Follow the newest samples; dragging or zooming the time axis stops it"), true);
    m_actions.live->setObjectName(QStringLiteral("lagLive"));
    connect(m_actions.live, &QAction::toggled, this, &LagPanel::setLive);
    m_actions.pause = make(tr("Pause"), tr("Hold the charts still; samples are still recorded"), true);
    m_actions.pause->setObjectName(QStringLiteral("lagPause"));
    connect(m_actions.pause, &QAction::toggled, this, &LagPanel::setPaused);

    m_actions.thresholds =
        make(tr("Thresholds…"), tr("Set the warning and critical lag of each database for this project"), false);
    m_actions.thresholds->setObjectName(QStringLiteral("lagThresholds"));
    connect(m_actions.thresholds, &QAction::triggered, this, &LagPanel::editThresholds);

    m_actions.exportPng = make(tr("Export PNG…"), tr("Save the charts as a PNG picture"), false);
    connect(m_actions.exportPng, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Lag Charts"), exportFolder() + QStringLiteral("/lag.png"), tr("PNG picture (*.png)"));
        if (path.isEmpty())
            return;
        QSettings().setValue(settings::lagExportFolder(), QFileInfo(path).absolutePath());
        if (auto r = exportPng(path); !r)
            m_messages->showMessage(MessageBar::Kind::Error, r.error().toString());
        else
            m_messages->showMessage(MessageBar::Kind::Information, tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    });
    m_actions.exportCsv = make(tr("Export CSV…"), tr("Save the samples of the shown time range as CSV"), false);
    connect(m_actions.exportCsv, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Lag Samples"), exportFolder() + QStringLiteral("/lag.csv"), tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        QSettings().setValue(settings::lagExportFolder(), QFileInfo(path).absolutePath());
        if (auto r = exportCsv(path); !r)
            m_messages->showMessage(MessageBar::Kind::Error, r.error().toString());
        else
            m_messages->showMessage(MessageBar::Kind::Information, tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    });
}

QWidget *LagPanel::createToolBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(2, 0, 2, 0);
    row->setSpacing(1);
    auto button = [bar](QAction *action) {
        auto *b = new QToolButton(bar);
        b->setDefaultAction(action);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return b;
    };
    row->addWidget(button(m_actions.fiveMinutes));
    row->addWidget(button(m_actions.oneHour));
    row->addWidget(button(m_actions.oneDay));
    row->addSpacing(8);
    row->addWidget(button(m_actions.live));
    row->addWidget(button(m_actions.pause));
    row->addStretch(1);
    row->addWidget(button(m_actions.thresholds));
    auto *exportButton = new QToolButton(bar);
    exportButton->setObjectName(QStringLiteral("lagExport"));
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save the charts as a picture or the samples as CSV"));
    exportButton->setAutoRaise(true);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    menu->addAction(m_actions.exportPng);
    menu->addAction(m_actions.exportCsv);
    exportButton->setMenu(menu);
    row->addWidget(exportButton);
    return bar;
}

void LagPanel::setClock(std::function<qint64()> now)
{
    m_now = std::move(now);
    if (m_live) {
        m_toMs = m_now();
        m_fromMs = m_toMs - m_spanMs;
    }
}

void LagPanel::addEmptyStateAction(QAction *action)
{
    m_empty->addAction(action);
}

LagChart *LagPanel::ensureChart(lag::LagUnit unit)
{
    if (LagChart *chart = m_charts.value(int(unit)))
        return chart;
    auto *chart = new LagChart(unit, m_gridHost);
    chart->setMinimumSize(kChartMinimumWidth, kChartMinimumHeight);
    chart->setMouseTracking(true);
    chart->installEventFilter(this);
    connect(chart->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this, chart](const QCPRange &range) { onChartRangeChanged(chart, range); });
    m_charts.insert(int(unit), chart);
    m_arranged = 0; // lay out again
    arrangeCharts();
    // Shown at once with the panel's time range; its points come with the next replot, right away.
    chart->setThreshold(thresholdFor(m_monitor->thresholds(), unit));
    chart->load(*m_monitor, m_fromMs, m_toMs);
    scheduleReplot(0);
    return chart;
}

void LagPanel::addSeries(const lag::SeriesKey &key)
{
    LagChart *chart = ensureChart(key.unit);
    if (chart->graphFor(key.id))
        return;
    int shade = 0;
    for (const LagChart *c : std::as_const(m_charts)) {
        for (const lag::SeriesKey &k : c->seriesKeys())
            shade += k.databaseKind == key.databaseKind;
    }
    chart->addSeries(key, shade);
}

QList<LagChart *> LagPanel::charts() const
{
    return m_charts.values();
}

LagChart *LagPanel::chart(lag::LagUnit unit) const
{
    return m_charts.value(int(unit));
}

bool LagPanel::isShowingCharts() const
{
    return m_pages->currentIndex() == 1;
}

void LagPanel::updatePage()
{
    m_pages->setCurrentIndex(m_charts.isEmpty() ? 0 : 1);
    m_actions.exportPng->setEnabled(!m_charts.isEmpty());
    m_actions.exportCsv->setEnabled(!m_charts.isEmpty());
}

void LagPanel::arrangeCharts()
{
    const int n = int(m_charts.size());
    if (n == 0)
        return;
    const int width = std::max(1, m_chartArea->width());
    const int height = std::max(1, m_chartArea->height());
    const int spacing = m_grid->spacing();
    // Of the grids whose every cell holds a chart at its minimum size, the one that makes each chart
    // closest to 2.2:1; when none does, one tab per chart.
    int columns = 0;
    double best = std::numeric_limits<double>::max();
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const double cellWidth = double(width - (c - 1) * spacing) / c;
        const double cellHeight = double(height - (rows - 1) * spacing) / rows;
        if (cellWidth < kChartMinimumWidth || cellHeight < kChartMinimumHeight)
            continue;
        const double score = std::abs(std::log(cellWidth / cellHeight / 2.2));
        if (score < best) {
            best = score;
            columns = c;
        }
    }
    if (columns == m_columns && m_arranged == n)
        return;
    m_columns = columns;
    m_arranged = n;
    LagChart *current = qobject_cast<LagChart *>(m_tabs->currentWidget());
    const QSignalBlocker blocker(m_tabs);
    while (m_tabs->count() > 0)
        m_tabs->removeTab(0);
    for (LagChart *chart : std::as_const(m_charts))
        m_grid->removeWidget(chart);
    if (columns == 0) {
        for (LagChart *chart : std::as_const(m_charts)) {
            const int tab = m_tabs->addTab(chart, LagChart::shortTitleFor(chart->unit()));
            m_tabs->setTabToolTip(tab, LagChart::titleFor(chart->unit()));
            chart->show();
        }
        if (current)
            m_tabs->setCurrentWidget(current);
        m_gridHost->hide();
        m_tabs->show();
        return;
    }
    const int rows = (n + columns - 1) / columns;
    int i = 0;
    for (LagChart *chart : std::as_const(m_charts)) {
        // The last chart takes what is left of its row: no empty cell.
        const int span = i == n - 1 ? columns - i % columns : 1;
        m_grid->addWidget(chart, i / columns, i % columns, 1, span);
        chart->show();
        ++i;
    }
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, r < rows ? 1 : 0);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    m_tabs->hide();
    m_gridHost->show();
}

bool LagPanel::isTabbed() const
{
    return m_columns == 0 && !m_charts.isEmpty();
}

void LagPanel::scheduleReplot(int delayMs)
{
    if (m_charts.isEmpty())
        return;
    if (!m_replotTimer->isActive() || m_replotTimer->remainingTime() > delayMs)
        m_replotTimer->start(delayMs);
}

void LagPanel::replotNow()
{
    m_replotTimer->stop();
    m_stale = false;
    if (m_charts.isEmpty())
        return;
    if (m_live && !m_paused) {
        m_toMs = m_now();
        m_fromMs = m_toMs - m_spanMs;
    }
    m_loading = true;
    for (LagChart *chart : std::as_const(m_charts)) {
        chart->setThreshold(thresholdFor(m_monitor->thresholds(), chart->unit()));
        chart->load(*m_monitor, m_fromMs, m_toMs);
        chart->replot(QCustomPlot::rpQueuedReplot);
    }
    m_loading = false;
    ++m_replots;
}

void LagPanel::showLast(qint64 spanMs)
{
    m_spanMs = spanMs;
    if (m_live)
        replotNow();
    else
        setLive(true);
    updateRangeChecks();
}

void LagPanel::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        return;
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_spanMs = toMs - fromMs;
    if (m_live)
        setLive(false);
    replotNow();
    updateRangeChecks();
}

void LagPanel::setLive(bool live)
{
    m_live = live;
    {
        const QSignalBlocker blocker(m_actions.live);
        m_actions.live->setChecked(live);
    }
    if (live && !m_paused)
        m_liveTimer->start();
    else
        m_liveTimer->stop();
    updateRangeChecks();
    if (live)
        replotNow();
}

void LagPanel::setPaused(bool paused)
{
    m_paused = paused;
    {
        const QSignalBlocker blocker(m_actions.pause);
        m_actions.pause->setChecked(paused);
    }
    if (paused) {
        m_replotTimer->stop();
        m_liveTimer->stop();
    } else {
        if (m_live)
            m_liveTimer->start();
        scheduleReplot(0);
    }
}

void LagPanel::updateRangeChecks()
{
    for (auto [action, span] : {std::pair{m_actions.fiveMinutes, kFiveMinutesMs},
                                std::pair{m_actions.oneHour, kOneHourMs}, std::pair{m_actions.oneDay, kOneDayMs}})
        action->setChecked(m_live && m_spanMs == span);
}

void LagPanel::onChartRangeChanged(LagChart *chart, const QCPRange &range)
{
    if (m_loading)
        return;
    // The user dragged or zoomed the time axis: every chart shows the same time, and Live stops.
    m_fromMs = qint64(std::llround(range.lower * 1000));
    m_toMs = qint64(std::llround(range.upper * 1000));
    m_spanMs = std::max<qint64>(1000, m_toMs - m_fromMs);
    m_loading = true;
    for (LagChart *other : std::as_const(m_charts)) {
        if (other != chart) {
            other->xAxis->setRange(range);
            other->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    m_loading = false;
    if (m_live)
        setLive(false);
    updateRangeChecks();
    scheduleReplot(60); // the points of the new range, soon but not on every mouse move
}

void LagPanel::showReadoutAt(std::optional<qint64> timeMs)
{
    if (!timeMs) {
        for (LagChart *chart : std::as_const(m_charts))
            chart->setCursorKey(std::nullopt);
        m_readout->setForegroundRole(QPalette::PlaceholderText);
        m_readout->setText(tr("Point at a chart to read each series at that time.").toHtmlEscaped());
        return;
    }
    const double key = LagChart::keyFor(*timeMs);
    QStringList parts;
    for (LagChart *chart : std::as_const(m_charts)) {
        chart->setCursorKey(key);
        for (const LagChart::Reading &r : chart->readingsAt(key))
            parts << QStringLiteral("<span style=\"color:%1\">■</span>&nbsp;%2&nbsp;<b>%3</b>")
                         .arg(r.color.name(), r.label.toHtmlEscaped(), r.value.toHtmlEscaped());
    }
    m_readout->setForegroundRole(QPalette::WindowText);
    const QString time = QDateTime::fromMSecsSinceEpoch(*timeMs).toString(QStringLiteral("d MMM HH:mm:ss"));
    m_readout->setText(QStringLiteral("<b>%1</b> — ").arg(time.toHtmlEscaped()) +
                       (parts.isEmpty() ? tr("no samples at this time").toHtmlEscaped()
                                        : parts.join(QStringLiteral(" &nbsp;·&nbsp; "))));
}

void LagPanel::showSamplerProblems()
{
    if (m_samplerProblems.isEmpty()) {
        if (m_messages->kind() == MessageBar::Kind::Error)
            m_messages->clearMessage();
        return;
    }
    QStringList lines;
    for (auto it = m_samplerProblems.cbegin(); it != m_samplerProblems.cend(); ++it)
        lines << it.key() + QStringLiteral(": ") + it.value();
    m_messages->showMessage(MessageBar::Kind::Error, lines.join(u'\n'));
}

LagThresholdsDialog *LagPanel::editThresholds()
{
    auto *dialog = new LagThresholdsDialog(m_monitor->thresholds(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->thresholds() != m_monitor->thresholds())
            Q_EMIT thresholdsEdited(dialog->thresholds());
    });
    dialog->open();
    return dialog;
}

Result<void> LagPanel::exportPng(const QString &path) const
{
    if (m_charts.isEmpty())
        return Error{tr("There is no lag chart to export yet."), path, tr("Start lag monitoring first.")};
    for (LagChart *chart : m_charts)
        chart->replot(); // the picture shows what the data says now, not the last queued frame
    // As shown; tabbed charts one under the other, so the picture has every chart.
    QPixmap picture;
    if (isTabbed()) {
        const QSize size = m_tabs->currentWidget()->size();
        picture = QPixmap(QSize(size.width(), size.height() * int(m_charts.size())) * devicePixelRatioF());
        picture.setDevicePixelRatio(devicePixelRatioF());
        picture.fill(palette().color(QPalette::Window));
        QPainter painter(&picture);
        int y = 0;
        for (LagChart *chart : m_charts) {
            painter.drawPixmap(0, y, chart->toPixmap(size.width(), size.height()));
            y += size.height();
        }
    } else {
        picture = m_chartArea->grab();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !picture.save(&file, "PNG") || !file.commit())
        return Error{tr("Cannot write the picture: %1").arg(file.errorString()), path,
                     tr("Choose a folder you can write to.")};
    return {};
}

Result<void> LagPanel::exportCsv(const QString &path) const
{
    return writeLagCsv(*m_monitor, m_fromMs, m_toMs, path);
}

bool LagPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_chartArea && event->type() == QEvent::Resize) {
        arrangeCharts();
        return false;
    }
    auto *chart = qobject_cast<LagChart *>(watched);
    if (!chart)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::MouseMove) {
        const QPoint pos = static_cast<QMouseEvent *>(event)->position().toPoint();
        if (chart->axisRect()->rect().contains(pos))
            showReadoutAt(qint64(std::llround(chart->xAxis->pixelToCoord(pos.x()) * 1000)));
        else
            showReadoutAt(std::nullopt);
    } else if (event->type() == QEvent::Leave) {
        showReadoutAt(std::nullopt);
    }
    return false;
}

void LagPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeCharts();
}

void LagPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale || m_replots == 0)
        scheduleReplot(0);
}

} // namespace cdc::ui
