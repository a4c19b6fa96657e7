// SPDX-License-Identifier: GPL-3.0-or-later
// The event viewer panel: toolbar, query line, table and details; the drain from the pipeline, pause and
// follow-tail, the placeholder over an empty table. Copy and export are in eventviewerexport.cpp.
#include "eventviewer.h"

#include "common/emptystate.h"
#include "common/settingskeys.h"
#include "connectiondialog.h"
#include "eventdetails.h"
#include "eventformats.h"
#include "eventrowdelegate.h"
#include "querylineedit.h"
#include "stream/eventquery.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

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
    setUpTable();
    buildOverlays();

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
    m_splitterSized = m_splitter->restoreState(s.value(settings::eventSplitter()).toByteArray());
    m_detailsWanted = s.value(settings::eventDetailsWanted(), true).toBool();
    setDetailsVisible(false); // nothing is selected yet

    connect(m_query, &QLineEdit::textChanged, m_queryTimer, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &EventViewer::rememberPosition);
    connect(m_model, &EventTableModel::filterApplied, this, [this] {
        restorePosition();
        updateCount();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventViewer::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EventViewer::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EventViewer::updatePlaceholder);
    updateCount();
    updatePage();
}

void EventViewer::buildOverlays()
{
    // Over the table, so that the header stays and nothing moves when they come and go.
    m_placeholder = new QFrame(m_table->viewport());
    m_placeholder->setObjectName(QStringLiteral("tablePlaceholder"));
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_placeholderTitle = new QLabel(m_placeholder);
    m_placeholderTitle->setObjectName(QStringLiteral("placeholderTitle"));
    m_placeholderTitle->setAlignment(Qt::AlignCenter);
    m_placeholderTitle->setWordWrap(true);
    QFont big = m_placeholderTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_placeholderTitle->setFont(big);
    m_queryProblem = new QLabel(m_placeholder);
    m_queryProblem->setObjectName(QStringLiteral("queryProblem"));
    m_queryProblem->setAlignment(Qt::AlignCenter);
    m_queryProblem->setWordWrap(true);
    m_queryProblem->hide();
    m_placeholderHint = new QLabel(m_placeholder);
    m_placeholderHint->setAlignment(Qt::AlignCenter);
    m_placeholderHint->setWordWrap(true);
    m_placeholderHint->setForegroundRole(QPalette::PlaceholderText);
    auto *placeholderLayout = new QVBoxLayout(m_placeholder);
    placeholderLayout->setContentsMargins(16, 16, 16, 16);
    placeholderLayout->addStretch(1);
    placeholderLayout->addWidget(m_placeholderTitle);
    placeholderLayout->addWidget(m_queryProblem);
    placeholderLayout->addWidget(m_placeholderHint);
    placeholderLayout->addStretch(2);
    m_placeholder->hide();

    m_followNote = new QFrame(m_table->viewport());
    m_followNote->setObjectName(QStringLiteral("followNote"));
    m_followNote->setFrameShape(QFrame::StyledPanel);
    m_followNote->setAutoFillBackground(true);
    m_followNote->setBackgroundRole(QPalette::ToolTipBase);
    m_followNoteText = new QLabel(tr("Paused at the selected row — Follow resumes the tail"), m_followNote);
    m_followNoteText->setForegroundRole(QPalette::ToolTipText);
    m_followNoteText->setWordWrap(true); // two lines in a narrow dock rather than cut
    auto *resume = new QToolButton(m_followNote);
    resume->setObjectName(QStringLiteral("resumeFollow"));
    resume->setText(tr("Follow"));
    resume->setToolTip(tr("Show the newest events again (End)"));
    connect(resume, &QToolButton::clicked, this, [this] { setFollowingTail(true); });
    auto *noteLayout = new QHBoxLayout(m_followNote);
    noteLayout->setContentsMargins(8, 2, 2, 2);
    noteLayout->addWidget(m_followNoteText);
    noteLayout->addWidget(resume);
    m_followNote->hide();

    m_table->viewport()->installEventFilter(this);
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
    m_actions.disconnect->setVisible(false); // in Connect…'s place while connected
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

    m_actions.details = make(tr("Details"), tr("Show the selected event's value, diff, headers, key and raw bytes"));
    m_actions.details->setObjectName(QStringLiteral("toggleDetails"));
    m_actions.details->setCheckable(true);
    connect(m_actions.details, &QAction::triggered, this, [this](bool show) {
        m_detailsWanted = show; // the user's choice: remembered, and kept when rows are selected
        QSettings().setValue(settings::eventDetailsWanted(), show);
        setDetailsVisible(show);
    });

    // Ctrl+F works from anywhere in the window (the canvas, another dock): the filter is the window's
    // search. The main window adds this action to itself too, so that a hidden or tabbed-away panel
    // still answers (a shortcut needs a visible widget); the panel then raises its dock.
    m_actions.find = make(tr("Filter Events"), tr("Edit the Events panel's query (Ctrl+F)"));
    m_actions.find->setObjectName(QStringLiteral("findEvents"));
    m_actions.find->setShortcut(QKeySequence::Find);
    m_actions.find->setShortcutContext(Qt::WindowShortcut);
    connect(m_actions.find, &QAction::triggered, this, &EventViewer::raiseAndFocusQuery);
    addAction(m_actions.find);

    // Shortcuts for the whole panel (WidgetWithChildrenShortcut: they do not clash with the window's).
    m_actions.exportShortcut = make(tr("Export"), tr("Export the selection, or the filtered view"));
    m_actions.exportShortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_actions.exportShortcut, &QAction::triggered, this,
            [this] { exportInteractively(!selectedRows().empty()); });
    m_actions.copy = make(tr("Copy as JSON"), tr("Copy the selected events, one JSON object per line"));
    m_actions.copy->setShortcut(QKeySequence::Copy);
    m_actions.copy->setShortcutContext(Qt::WidgetShortcut); // the table's Ctrl+C is handled in eventFilter
    connect(m_actions.copy, &QAction::triggered, this, &EventViewer::copySelection);
    m_actions.exportShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_actions.exportShortcut);
}

QWidget *EventViewer::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("eventToolBar"));
    // Text only: the style's standard icons are drawn for light palettes and vanish on dark ones. Few and
    // short buttons, so that none folds into the » overflow at the dock's default width; the settings one
    // changes rarely live in the Options menu.
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_actions.connect);
    bar->addAction(m_actions.disconnect);
    bar->addSeparator();
    bar->addAction(m_actions.pause);
    bar->addAction(m_actions.follow);
    bar->addAction(m_actions.clear);
    auto menuButton = [bar](const QString &name, const QString &text, const QString &tip) {
        auto *button = new QToolButton(bar);
        button->setObjectName(name);
        button->setText(text);
        button->setToolTip(tip);
        button->setPopupMode(QToolButton::InstantPopup);
        button->setMenu(new QMenu(button));
        bar->addWidget(button);
        return button;
    };
    QToolButton *exportButton =
        menuButton(QStringLiteral("exportButton"), tr("Export"), tr("Save events as JSON Lines (Ctrl+E)"));
    exportButton->menu()->addAction(m_actions.exportSelection);
    exportButton->menu()->addAction(m_actions.exportShown);
    bar->addSeparator();
    bar->addAction(m_actions.details);

    const QSettings s;
    QToolButton *options = menuButton(QStringLiteral("eventOptions"), tr("Options"),
                                      tr("Merge order, watermark, heartbeats and schema changes"));
    QMenu *menu = options->menu();
    menu->addSection(tr("Merge both databases' events"));
    m_order = new QActionGroup(this);
    m_order->setObjectName(QStringLiteral("mergeOrder"));
    const QList<std::pair<QString, stream::EventMerger::Order>> orders = {
        {tr("In arrival order"), stream::EventMerger::Order::Arrival},
        {tr("By event time, behind a watermark (late events are flagged)"), stream::EventMerger::Order::EventTime}};
    const int savedOrder = s.value(settings::eventMergeOrder(), 0).toInt() == 1 ? 1 : 0;
    for (const auto &[text, order] : orders) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setData(int(order));
        action->setChecked(m_order->actions().size() == savedOrder);
        m_order->addAction(action);
    }
    m_watermark = new QSpinBox(menu);
    m_watermark->setObjectName(QStringLiteral("watermark"));
    m_watermark->setRange(0, 600000);
    m_watermark->setSingleStep(500);
    m_watermark->setSuffix(tr(" ms"));
    m_watermark->setToolTip(tr("Watermark: how long an event waits for earlier ones from the other database"));
    m_watermark->setValue(s.value(settings::eventWatermarkMs(), 2000).toInt());
    auto *watermarkRow = new QWidget(menu);
    auto *watermarkLayout = new QHBoxLayout(watermarkRow);
    watermarkLayout->setContentsMargins(24, 2, 8, 2);
    auto *watermarkLabel = new QLabel(tr("Watermark:"), watermarkRow);
    watermarkLabel->setBuddy(m_watermark);
    watermarkLayout->addWidget(watermarkLabel);
    watermarkLayout->addWidget(m_watermark, 1);
    auto *watermarkAction = new QWidgetAction(menu);
    watermarkAction->setDefaultWidget(watermarkRow);
    menu->addAction(watermarkAction);
    menu->addSeparator();
    menu->addAction(m_actions.housekeeping);
    connect(m_order, &QActionGroup::triggered, this, &EventViewer::applyMergeOrder);
    connect(m_watermark, &QSpinBox::valueChanged, this, &EventViewer::applyMergeOrder);
    m_watermark->setEnabled(savedOrder == 1);
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
                if (!current.isValid() || m_restoring)
                    return;
                m_details->setEvent(m_model->event(current.row()));
                if (m_detailsWanted)
                    setDetailsVisible(true);
                // A row the user picks stays where it is: Follow would scroll it away at the next batch.
                if (m_following && !m_paused) {
                    setFollowingTail(false);
                    m_heldBySelection = true;
                    m_followNote->show();
                    placeOverlays();
                }
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
    m_actions.connect->setVisible(false);
    m_actions.disconnect->setEnabled(true);
    m_actions.disconnect->setVisible(true);
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
    m_actions.connect->setVisible(true);
    m_actions.disconnect->setEnabled(false);
    m_actions.disconnect->setVisible(false);
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
    // The model holds what it shows at the pause, so a new query while paused finds only those events.
    if (paused) {
        m_model->holdAt(m_model->store()->endSequence());
    } else {
        m_model->release();
        if (m_following)
            scrollToTail();
    }
    updateCount();
}

void EventViewer::setFollowingTail(bool follow)
{
    m_following = follow;
    const QSignalBlocker blocker(m_actions.follow);
    m_actions.follow->setChecked(follow);
    if (follow) {
        m_heldBySelection = false;
        m_followNote->hide();
        if (!m_paused)
            scrollToTail();
    }
}

void EventViewer::clear()
{
    m_model->clear();
    m_details->clear();
    if (m_detailsWanted)
        setDetailsVisible(false); // back to nothing selected
    m_heldBySelection = false;
    m_followNote->hide();
    m_hasAnchorCurrent = m_hasAnchorTop = false;
    m_newWhilePaused = 0;
    updateCount();
    updatePage();
}

void EventViewer::setDetailsVisible(bool visible)
{
    const bool opening = visible && m_details->isHidden();
    m_details->setVisible(visible);
    if (opening && !m_splitterSized && m_splitter->width() > 0) {
        // The first time (no saved sizes): the table keeps most of the width, the pane what its tabs need.
        const int total = m_splitter->width();
        const int pane = qMax(m_details->minimumSizeHint().width(), total * 2 / 5);
        m_splitter->setSizes({total - pane, pane});
        m_splitterSized = true;
    }
    const QSignalBlocker blocker(m_actions.details);
    m_actions.details->setChecked(visible);
}

bool EventViewer::isDetailsVisible() const
{
    return !m_details->isHidden();
}

void EventViewer::raiseAndFocusQuery()
{
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto *dock = qobject_cast<QDockWidget *>(w)) {
            dock->show();
            dock->raise(); // brings a tabbed dock to the front
            break;
        }
    }
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

// Before the rows are reset (a new query): remember the current event and the one at the top, by
// sequence, so that the view comes back to them instead of jumping to the top or the tail.
void EventViewer::rememberPosition()
{
    if (m_hasAnchorCurrent || m_hasAnchorTop)
        return; // a query's first result resets the rows twice: keep where the view was before both
    const QModelIndex current = m_table->currentIndex();
    m_hasAnchorCurrent = current.isValid();
    if (m_hasAnchorCurrent)
        m_anchorCurrent = current.data(EventTableModel::SequenceRole).toULongLong();
    const int top = m_table->rowAt(0);
    m_hasAnchorTop = top >= 0;
    if (m_hasAnchorTop) {
        m_anchorTop = sequenceOfRow(top);
        m_anchorTopY = m_table->rowViewportPosition(top);
    }
}

void EventViewer::restorePosition()
{
    if (m_model->rowCount() == 0)
        return;               // nothing to come back to yet (no match, a query with a problem): keep the anchors
    m_table->doItemsLayout(); // the scroll range of the new rows, before scrolling in it
    if (m_hasAnchorCurrent) {
        if (const int row = m_model->rowOfSequence(m_anchorCurrent); row >= 0) {
            m_restoring = true;
            m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_restoring = false;
        }
    }
    m_scrolling = true;
    if (m_following && !m_paused) {
        m_table->scrollToBottom();
    } else if (const QModelIndex current = m_table->currentIndex(); current.isValid()) {
        m_table->scrollTo(current, QAbstractItemView::PositionAtCenter);
    } else if (m_hasAnchorTop) {
        if (const int row = rowAtOrAfterSequence(m_anchorTop); row >= 0) {
            m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtTop);
            if (sequenceOfRow(row) == m_anchorTop)
                m_table->verticalScrollBar()->setValue(m_table->verticalScrollBar()->value() - m_anchorTopY);
        }
    }
    m_scrolling = false;
    m_hasAnchorCurrent = m_hasAnchorTop = false;
}

quint64 EventViewer::sequenceOfRow(int row) const
{
    return m_model->index(row, 0).data(EventTableModel::SequenceRole).toULongLong();
}

// Rows are in sequence order: the first row at or after `sequence`, else the last row.
int EventViewer::rowAtOrAfterSequence(quint64 sequence) const
{
    int low = 0;
    int high = m_model->rowCount();
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (sequenceOfRow(mid) < sequence)
            low = mid + 1;
        else
            high = mid;
    }
    return qMin(low, m_model->rowCount() - 1);
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
    updatePlaceholder();
}

// What the table says when it has no rows: the query's problem, no match, or nothing received yet.
void EventViewer::updatePlaceholder()
{
    QString title;
    QString hint;
    if (m_model->isQueryRejected()) {
        title = tr("No events are shown until the query is fixed");
        hint = m_query->problem().section(u'\n', 1);
        if (hint.isEmpty())
            hint = tr("Esc clears the query.");
    } else if (m_model->rowCount() == 0 && m_model->isFiltering() && !m_model->filterPending()) {
        QString query = m_model->filter().text();
        if (query.size() > 80)
            query = query.left(79) + QChar(0x2026);
        title = tr("No events match %1").arg(query);
        const qsizetype stored = m_model->store()->size();
        hint = stored == 0   ? tr("No events have arrived yet.")
               : stored == 1 ? tr("The one event received so far does not match. Esc clears the query.")
                             : tr("None of the %1 events received so far matches. Esc clears the query.")
                                   .arg(QLocale().toString(qint64(stored)));
    } else if (m_model->rowCount() == 0 && !m_model->isFiltering() && m_model->store()->size() == 0) {
        title = tr("Waiting for events");
        hint = tr("Events appear here as the connectors capture changes in the databases.");
    }
    m_placeholderTitle->setText(title);
    m_placeholderHint->setText(hint);
    m_placeholderHint->setVisible(!hint.isEmpty());
    m_placeholder->setVisible(!title.isEmpty());
    // The note is about a row; with no rows it would only cover the message.
    m_followNote->setVisible(title.isEmpty() && !m_following && m_heldBySelection);
    placeOverlays();
}

void EventViewer::placeOverlays()
{
    const QRect area = m_table->viewport()->rect();
    m_placeholder->setGeometry(area);
    const int width = qMin(m_followNote->sizeHint().width(), area.width() - 16);
    const QSize note(width, qMin(m_followNote->heightForWidth(width), area.height() - 16));
    m_followNote->setGeometry(QRect(QPoint(area.right() - 8 - note.width(), area.bottom() - 8 - note.height()), note));
    m_followNote->raise();
}

QString EventViewer::placeholderText() const
{
    return m_placeholder->isHidden() ? QString() : m_placeholderTitle->text();
}

QString EventViewer::followNoteText() const
{
    return m_followNote->isHidden() ? QString() : m_followNoteText->text();
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
    const QAction *checked = m_order->checkedAction();
    const auto order = stream::EventMerger::Order(checked ? checked->data().toInt() : 0);
    m_watermark->setEnabled(order == stream::EventMerger::Order::EventTime);
    QSettings s;
    s.setValue(settings::eventMergeOrder(), int(m_order->actions().indexOf(checked)));
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
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        placeOverlays();
        return QWidget::eventFilter(watched, event);
    }
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
