// The event viewer panel: toolbar, query line, table and details; the drain from the pipeline, pause and
// follow-tail, copy and the JSON Lines export on a worker thread.
#include "eventviewer.h"

#include "common/emptystate.h"
#include "common/settingskeys.h"
#include "connectiondialog.h"
#include "eventdetails.h"
#include "eventformats.h"
#include "eventrowdelegate.h"
#include "querylineedit.h"
#include "stream/eventjson.h"
#include "stream/eventquery.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPromise>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace cdc::ui {

namespace {

using stream::EventTableModel;

constexpr int kDrainDelayMs = 33;
constexpr int kQueryDelayMs = 250;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

EventViewer::EventViewer(QWidget *parent)
    : QWidget(parent)
    , m_ownedStore(std::make_unique<stream::EventStore>())
    , m_ownedModel(std::make_unique<stream::EventTableModel>(m_ownedStore.get()))
    , m_model(m_ownedModel.get())
{
    build();
}

EventViewer::EventViewer(stream::EventTableModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    build();
}

EventViewer::~EventViewer()
{
    QSettings s;
    s.setValue(settings::eventColumns(), m_table->horizontalHeader()->saveState());
    s.setValue(settings::eventSplitter(), m_splitter->saveState());
    // The pipeline stops (and joins its thread) before the model it fed goes away.
    m_ownedPipeline.reset();
    m_table->setModel(nullptr);
}

void EventViewer::build()
{
    setObjectName(QStringLiteral("eventViewer"));
    m_factory = [](const stream::ConsumerSettings &settings, stream::EventStore &store) {
        return std::make_unique<stream::EventPipeline>(settings, stream::SourceRouting{}, store.sharedStrings(),
                                                       store.sharedPages());
    };
    auto timer = [this](int ms, bool singleShot, void (EventViewer::*slot)()) {
        auto *t = new QTimer(this);
        t->setInterval(ms);
        t->setSingleShot(singleShot);
        connect(t, &QTimer::timeout, this, slot);
        return t;
    };
    m_drainTimer = timer(kDrainDelayMs, true, &EventViewer::drain);
    m_queryTimer = timer(kQueryDelayMs, true, &EventViewer::applyQuery);
    m_rateTimer = timer(1000, false, &EventViewer::updateRates);
    m_rateTimer->start();

    createActions();
    m_table = new QTableView(this);
    m_details = new EventDetails(this);
    m_query = new QueryLineEdit(this);
    m_query->setStringTable(&m_model->store()->strings());
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("eventCount"));
    m_queryProblem = new QLabel(this);
    m_queryProblem->setObjectName(QStringLiteral("queryProblem"));
    m_queryProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_queryProblem->hide();
    setUpTable();

    m_empty = new EmptyState(
        tr("No events yet"),
        tr("Change and outbox events from PostgreSQL and MySQL appear here as they happen, merged into one "
           "table and tagged with their database. Connect to a Kafka cluster, or start the sandbox to watch the "
           "pipeline with no infrastructure."),
        this);
    m_empty->addAction(m_actions.connect);

    auto *queryRow = new QHBoxLayout;
    queryRow->setContentsMargins(4, 0, 4, 0);
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(m_queryProblem);
    queryRow->addWidget(m_count);
    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->setSpacing(4);
    tableLayout->addLayout(queryRow);
    tableLayout->addWidget(m_table, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("eventSplitter"));
    m_splitter->addWidget(tablePane);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(m_splitter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createToolBar());
    layout->addWidget(m_pages, 1);

    QSettings s;
    m_table->horizontalHeader()->restoreState(s.value(settings::eventColumns()).toByteArray());
    m_splitter->restoreState(s.value(settings::eventSplitter()).toByteArray());

    connect(m_query, &QLineEdit::textChanged, m_queryTimer, qOverload<>(&QTimer::start));
    connect(m_model, &EventTableModel::filterApplied, this, [this] {
        updateCount();
        if (m_following && !m_paused)
            scrollToTail();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventViewer::updateCount);
    updateCount();
    updatePage();
}

void EventViewer::createActions()
{
    auto make = [this](const QString &text, const QString &tip) {
        auto *action = new QAction(text, this);
        action->setToolTip(tip);
        return action;
    };
    m_actions.connect = make(tr("Connect…"), tr("Watch Kafka topics: choose the brokers, topics and where to start"));
    connect(m_actions.connect, &QAction::triggered, this, [this] {
        auto *dialog = new ConnectionDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setSettings(ConnectionDialog::remembered());
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            ConnectionDialog::remember(dialog->settings());
            connectTo(dialog->settings());
        });
        dialog->open();
    });
    m_actions.disconnect = make(tr("Disconnect"), tr("Stop consuming; the events stay in the table"));
    m_actions.disconnect->setEnabled(false);
    connect(m_actions.disconnect, &QAction::triggered, this, &EventViewer::disconnectFromKafka);

    m_actions.pause = make(tr("Pause"), tr("Hold the view still; events keep arriving into the store (Space)"));
    m_actions.pause->setCheckable(true);
    connect(m_actions.pause, &QAction::toggled, this, &EventViewer::setPaused);
    m_actions.follow = make(tr("Follow"), tr("Keep the newest event in view; scrolling up stops it, End resumes"));
    m_actions.follow->setCheckable(true);
    m_actions.follow->setChecked(true);
    connect(m_actions.follow, &QAction::toggled, this, &EventViewer::setFollowingTail);

    const QSettings settings;
    m_actions.housekeeping =
        make(tr("Heartbeats && schema changes"), tr("Also show Debezium heartbeats and schema change events"));
    m_actions.housekeeping->setCheckable(true);
    m_actions.housekeeping->setChecked(settings.value(settings::eventShowHousekeeping(), false).toBool());
    connect(m_actions.housekeeping, &QAction::toggled, this, [this](bool show) {
        QSettings().setValue(settings::eventShowHousekeeping(), show);
        if (m_pipeline)
            m_pipeline->setShowHeartbeatsAndSchemaChanges(show);
    });

    m_actions.clear = make(tr("Clear"), tr("Remove every event from the table and the store"));
    connect(m_actions.clear, &QAction::triggered, this, &EventViewer::clear);
    m_actions.exportSelection = make(tr("Selection…"), tr("Save the selected events as JSON Lines"));
    connect(m_actions.exportSelection, &QAction::triggered, this, [this] { exportInteractively(true); });
    m_actions.exportShown = make(tr("Filtered View…"), tr("Save every event the query shows as JSON Lines"));
    connect(m_actions.exportShown, &QAction::triggered, this, [this] { exportInteractively(false); });

    // Shortcuts for the whole panel (WidgetWithChildrenShortcut: they do not clash with the window's).
    m_actions.find = make(tr("Find"), tr("Edit the query"));
    m_actions.find->setShortcut(QKeySequence::Find);
    connect(m_actions.find, &QAction::triggered, this, [this] {
        m_query->setFocus(Qt::ShortcutFocusReason);
        m_query->selectAll();
    });
    m_actions.exportShortcut = make(tr("Export"), tr("Export the selection, or the filtered view"));
    m_actions.exportShortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_actions.exportShortcut, &QAction::triggered, this,
            [this] { exportInteractively(!selectedRows().empty()); });
    m_actions.copy = make(tr("Copy as JSON"), tr("Copy the selected events, one JSON object per line"));
    m_actions.copy->setShortcut(QKeySequence::Copy);
    m_actions.copy->setShortcutContext(Qt::WidgetShortcut); // the table's Ctrl+C is handled in eventFilter
    connect(m_actions.copy, &QAction::triggered, this, &EventViewer::copySelection);
    for (QAction *action : {m_actions.find, m_actions.exportShortcut}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
}

QWidget *EventViewer::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("eventToolBar"));
    // Text only: the style's standard icons are drawn for light palettes and vanish on dark ones.
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_actions.connect);
    bar->addAction(m_actions.disconnect);
    bar->addSeparator();
    bar->addAction(m_actions.pause);
    bar->addAction(m_actions.follow);
    bar->addAction(m_actions.clear);
    auto *exportButton = new QToolButton(bar);
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save events as JSON Lines (Ctrl+E)"));
    exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    menu->addAction(m_actions.exportSelection);
    menu->addAction(m_actions.exportShown);
    exportButton->setMenu(menu);
    bar->addWidget(exportButton);
    bar->addSeparator();

    const QSettings s;
    m_order = new QComboBox(bar);
    m_order->setObjectName(QStringLiteral("mergeOrder"));
    m_order->addItem(tr("Arrival order"), int(stream::EventMerger::Order::Arrival));
    m_order->addItem(tr("Event time"), int(stream::EventMerger::Order::EventTime));
    m_order->setToolTip(tr("Merge both databases' events as they arrive, or by their source time behind a "
                           "watermark (late events are flagged)"));
    m_order->setCurrentIndex(s.value(settings::eventMergeOrder(), 0).toInt() == 1 ? 1 : 0);
    m_watermark = new QSpinBox(bar);
    m_watermark->setObjectName(QStringLiteral("watermark"));
    m_watermark->setRange(0, 600000);
    m_watermark->setSingleStep(500);
    m_watermark->setSuffix(tr(" ms"));
    m_watermark->setToolTip(tr("Watermark: how long an event waits for earlier ones from the other database"));
    m_watermark->setValue(s.value(settings::eventWatermarkMs(), 2000).toInt());
    bar->addWidget(m_order);
    bar->addWidget(m_watermark);
    auto *housekeeping = new QCheckBox(m_actions.housekeeping->text(), bar);
    housekeeping->setObjectName(QStringLiteral("showHousekeeping"));
    housekeeping->setToolTip(m_actions.housekeeping->toolTip());
    housekeeping->setChecked(m_actions.housekeeping->isChecked());
    connect(housekeeping, &QCheckBox::toggled, m_actions.housekeeping, &QAction::setChecked);
    bar->addWidget(housekeeping);
    connect(m_order, &QComboBox::currentIndexChanged, this, &EventViewer::applyMergeOrder);
    connect(m_watermark, &QSpinBox::valueChanged, this, &EventViewer::applyMergeOrder);
    m_watermark->setEnabled(m_order->currentIndex() == 1);
    return bar;
}

void EventViewer::setUpTable()
{
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new EventRowDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QHeaderView *rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed); // uniform row heights: no per-row measuring
    rows->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics fm = fontMetrics();
    auto width = [&fm](const char *sample) { return fm.horizontalAdvance(QString::fromLatin1(sample)) + 18; };
    columns->resizeSection(EventTableModel::SourceColumn, width("postgres") + 8);
    columns->resizeSection(EventTableModel::CompositeKeyColumn, width("PG-1234567") + 16);
    columns->resizeSection(EventTableModel::ArrivalColumn, width("00:00:00.000"));
    columns->resizeSection(EventTableModel::SourceTimeColumn, width("00:00:00.000"));
    columns->resizeSection(EventTableModel::TopicColumn, width("outbox.event.postgres.Order"));
    columns->resizeSection(EventTableModel::PartitionColumn, width("99"));
    columns->resizeSection(EventTableModel::OffsetColumn, width("1234567"));
    columns->resizeSection(EventTableModel::OpColumn, width("outbox"));
    columns->resizeSection(EventTableModel::EntityColumn, width("Table / aggregate"));
    columns->resizeSection(EventTableModel::EventTypeColumn, width("OrderCreated"));
    columns->resizeSection(EventTableModel::KeyColumn, width("{\"id\":42}"));

    m_actions.copy->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(m_actions.copy);
    m_table->addAction(m_actions.exportSelection);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->installEventFilter(this);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_details->setEvent(m_model->event(current.row()));
            });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_scrolling && m_following && value < m_table->verticalScrollBar()->maximum())
            setFollowingTail(false);
    });
}

void EventViewer::attachPipeline(stream::EventPipeline *pipeline)
{
    if (m_pipeline)
        disconnect(m_pipeline, nullptr, this, nullptr);
    m_pipeline = pipeline;
    if (!pipeline)
        return;
    connect(pipeline, &stream::EventPipeline::eventsAvailable, this, [this] {
        if (!m_drainTimer->isActive())
            m_drainTimer->start();
    });
    connect(pipeline, &stream::EventPipeline::stateChanged, this,
            [this](stream::StreamConsumer::State state, const QString &message) {
                Q_EMIT connectionStateChanged(ConnectionDialog::stateText(state, message));
            });
    pipeline->setShowHeartbeatsAndSchemaChanges(m_actions.housekeeping->isChecked());
    applyMergeOrder();
    updatePage();
}

bool EventViewer::connectTo(const stream::ConsumerSettings &settings)
{
    disconnectFromKafka();
    std::unique_ptr<stream::EventPipeline> pipeline = m_factory(settings, *m_model->store());
    attachPipeline(pipeline.get());
    if (auto started = pipeline->start(); !started) {
        attachPipeline(nullptr);
        showError(tr("Cannot connect to Kafka"), started.error().toString());
        return false;
    }
    m_ownedPipeline = std::move(pipeline);
    m_actions.connect->setEnabled(false);
    m_actions.disconnect->setEnabled(true);
    Q_EMIT connectionStateChanged(tr("Kafka: connecting to %1…").arg(settings.bootstrapServers));
    updatePage();
    return true;
}

void EventViewer::disconnectFromKafka()
{
    if (m_ownedPipeline) {
        m_ownedPipeline->stop();
        deliver(m_ownedPipeline->take()); // what was consumed before the stop
        attachPipeline(nullptr);
        m_ownedPipeline.reset();
        Q_EMIT connectionStateChanged(tr("Kafka: not connected"));
    }
    m_actions.connect->setEnabled(true);
    m_actions.disconnect->setEnabled(false);
    updatePage();
}

void EventViewer::drain()
{
    if (m_pipeline)
        deliver(m_pipeline->take());
}

void EventViewer::deliver(stream::EventBatch &&batch)
{
    if (batch.empty())
        return;
    for (const stream::PendingEvent &e : batch)
        ++m_received[std::size_t(e.record.source)];
    const auto added = qint64(batch.size());

    // When the view holds still, remember the event at its top and where it is drawn: appending at the
    // end moves nothing (the table scrolls by pixel), but dropping the oldest events from the store
    // would slide newer rows under the user's eyes.
    const bool holdStill = m_paused || !m_following;
    const int topRow = m_table->rowAt(0);
    const int topY = topRow >= 0 ? m_table->rowViewportPosition(topRow) : 0;
    const quint64 topSequence =
        topRow >= 0 ? m_model->index(topRow, 0).data(EventTableModel::SequenceRole).toULongLong() : 0;

    m_model->appendBatch(std::move(batch));

    if (m_paused)
        m_newWhilePaused += added;
    if (holdStill && topRow >= 0) {
        const int row = m_model->rowOfSequence(topSequence);
        if (row != topRow) {
            QScrollBar *bar = m_table->verticalScrollBar();
            m_scrolling = true;
            bar->setValue(row < 0 ? 0 : bar->value() + m_table->rowViewportPosition(row) - topY);
            m_scrolling = false;
        }
    } else if (!holdStill) {
        scrollToTail();
    }
    updateCount();
    updatePage();
}

void EventViewer::scrollToTail()
{
    m_scrolling = true;
    m_table->scrollToBottom();
    m_scrolling = false;
}

void EventViewer::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_newWhilePaused = 0;
    const QSignalBlocker blocker(m_actions.pause);
    m_actions.pause->setChecked(paused);
    m_actions.pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused && m_following)
        scrollToTail();
    updateCount();
}

void EventViewer::setFollowingTail(bool follow)
{
    m_following = follow;
    const QSignalBlocker blocker(m_actions.follow);
    m_actions.follow->setChecked(follow);
    if (follow && !m_paused)
        scrollToTail();
}

void EventViewer::clear()
{
    m_model->clear();
    m_details->clear();
    m_newWhilePaused = 0;
    updateCount();
    updatePage();
}

void EventViewer::applyQuery()
{
    const Result<void> applied = m_model->setFilter(m_query->text());
    if (applied) {
        m_query->setProblem({});
        m_queryProblem->hide();
    } else {
        const Error &e = applied.error();
        const QString text = e.where.isEmpty() ? e.what : e.where + QStringLiteral(": ") + e.what;
        m_query->setProblem(e.hint.isEmpty() ? text : text + u'\n' + e.hint);
        m_queryProblem->setText(text);
        QPalette p = m_queryProblem->palette();
        p.setColor(QPalette::WindowText, isDark(palette()) ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28));
        m_queryProblem->setPalette(p);
        m_queryProblem->show();
    }
    updateCount();
}

void EventViewer::updateCount()
{
    const QLocale locale;
    const qsizetype stored = m_model->store()->size();
    QString text =
        m_model->isFiltering()
            ? tr("%1 of %2").arg(locale.toString(qint64(m_model->rowCount())), locale.toString(qint64(stored)))
            : (stored == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(qint64(stored))));
    if (m_paused)
        text += tr(" · paused, %1 new").arg(locale.toString(m_newWhilePaused));
    m_count->setText(text);
}

void EventViewer::updatePage()
{
    const bool events = m_model->store()->size() > 0 || m_pipeline || m_model->isFiltering();
    m_pages->setCurrentIndex(events ? 1 : 0);
}

bool EventViewer::isShowingEvents() const
{
    return m_pages->currentIndex() == 1;
}

void EventViewer::updateRates()
{
    const QLocale locale;
    QStringList parts;
    for (auto tag : {stream::SourceTag::Postgres, stream::SourceTag::MySql, stream::SourceTag::Unknown}) {
        const auto i = std::size_t(tag);
        const qint64 delta = m_received[i] - m_lastReceived[i];
        // A source is shown once it has sent anything (then also at 0/s: it has gone quiet).
        if (m_received[i] > 0 && (tag != stream::SourceTag::Unknown || delta > 0))
            parts << tr("%1 %2/s").arg(stream::sourceTagName(tag), locale.toString(delta));
    }
    m_lastReceived = m_received;
    const QString text = parts.join(QStringLiteral(" · "));
    if (text != m_rateText) {
        m_rateText = text;
        Q_EMIT rateTextChanged(text);
    }
}

void EventViewer::applyMergeOrder()
{
    const auto order = stream::EventMerger::Order(m_order->currentData().toInt());
    m_watermark->setEnabled(order == stream::EventMerger::Order::EventTime);
    QSettings s;
    s.setValue(settings::eventMergeOrder(), m_order->currentIndex());
    s.setValue(settings::eventWatermarkMs(), m_watermark->value());
    if (m_pipeline)
        m_pipeline->setMergeOrder(order, m_watermark->value());
}

std::vector<int> EventViewer::selectedRows() const
{
    std::vector<int> rows;
    for (const QItemSelectionRange &range : m_table->selectionModel()->selection())
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.push_back(row);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

QByteArray EventViewer::selectedEventsJson() const
{
    QByteArray out;
    for (int row : selectedRows()) {
        stream::appendEventJsonLine(out, m_model->event(row));
    }
    return out;
}

void EventViewer::copySelection()
{
    const QByteArray json = selectedEventsJson();
    if (!json.isEmpty())
        QGuiApplication::clipboard()->setText(QString::fromUtf8(json));
}

void EventViewer::exportInteractively(bool selectionOnly)
{
    if (selectionOnly && selectedRows().empty()) {
        showError(tr("Nothing to export"), tr("Select one or more events first."));
        return;
    }
    const QString folder =
        QSettings()
            .value(settings::eventExportFolder(), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString path = QFileDialog::getSaveFileName(
        this, selectionOnly ? tr("Export Selected Events") : tr("Export Shown Events"),
        folder + QStringLiteral("/events.jsonl"), tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(settings::eventExportFolder(), QFileInfo(path).absolutePath());
    exportToFile(path, selectionOnly);
}

void EventViewer::exportToFile(const QString &path, bool selectionOnly)
{
    std::optional<std::vector<quint64>> sequences;
    if (selectionOnly) {
        sequences.emplace();
        for (int row : selectedRows())
            sequences->push_back(m_model->index(row, 0).data(EventTableModel::SequenceRole).toULongLong());
    }
    // The worker reads a snapshot (which keeps its events alive) and evaluates the filter itself.
    const stream::EventQuery query = selectionOnly ? stream::EventQuery() : m_model->filter();
    auto job = [snapshot = m_model->store()->snapshot(), sequences = std::move(sequences), query,
                path](QPromise<JsonLinesOutcome> &promise) {
        std::optional<std::vector<quint64>> rows = sequences;
        if (!rows && !query.isEmpty())
            rows = stream::matchingSequences(snapshot, query, 0, snapshot.size());
        promise.addResult(writeJsonLines(snapshot, rows, path, [&promise](qsizetype done, qsizetype total) {
            promise.setProgressRange(0, int(qMin<qsizetype>(total, INT_MAX)));
            promise.setProgressValue(int(qMin<qsizetype>(done, INT_MAX)));
            return !promise.isCanceled();
        }));
    };
    auto *watcher = new QFutureWatcher<JsonLinesOutcome>(this);
    auto *progress = new QProgressDialog(tr("Exporting events…"), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500); // shown only for exports that take a while
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, progress, &QProgressDialog::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, watcher, &QFutureWatcherBase::cancel);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, progress] {
        progress->deleteLater();
        watcher->deleteLater();
        if (watcher->isCanceled() || watcher->future().resultCount() == 0) {
            Q_EMIT exportFinished(false, tr("Export cancelled; no file was written."));
            return;
        }
        const JsonLinesOutcome outcome = watcher->result();
        if (!outcome.ok && !outcome.cancelled)
            showError(tr("Cannot export events"), outcome.message);
        Q_EMIT exportFinished(outcome.ok, outcome.message);
    });
    watcher->setFuture(QtConcurrent::run(std::move(job)));
}

void EventViewer::showError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("eventViewerError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void EventViewer::addEmptyStateAction(QAction *action)
{
    m_empty->addAction(action);
}

void EventViewer::addBanner(QWidget *banner)
{
    // Below the toolbar (the first item of the panel's layout), above the table or the empty state.
    if (auto *box = qobject_cast<QVBoxLayout *>(layout()))
        box->insertWidget(1, banner);
}

bool EventViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_table || (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    // Taken before the window's shortcuts (Edit ▸ Copy) and the table's own keys (End, Space select).
    const bool copy = key->matches(QKeySequence::Copy);
    const bool end = key->key() == Qt::Key_End && key->modifiers() == Qt::NoModifier;
    const bool space = key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier;
    if (!copy && !end && !space)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    if (copy)
        copySelection();
    else if (end)
        setFollowingTail(true);
    else
        setPaused(!m_paused);
    return true;
}

} // namespace cdc::ui
