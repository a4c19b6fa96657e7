// SPDX-License-Identifier: GPL-3.0-or-later
// The Events dock: the live table of change and outbox events from both databases, with the query
// line, pause/resume, follow-tail, merge order, export to JSON Lines, and the details of the selected
// event. It drains an EventPipeline on a short single-shot timer; the core does the decoding,
// storing, filtering and merging.
#pragma once

#include "stream/eventpipeline.h"
#include "stream/eventrecord.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QFrame;
class QLabel;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace cdc::stream {
class EventStore;
class EventTableModel;
} // namespace cdc::stream

namespace cdc::ui {

class EmptyState;
class EventDetails;
class QueryLineEdit;

class EventViewer : public QWidget
{
    Q_OBJECT

public:
    // Makes the pipeline that fills `store` (it shares the store's strings and pages).
    using PipelineFactory = std::function<std::unique_ptr<stream::EventPipeline>(
        const stream::ConsumerSettings &settings, stream::EventStore &store)>;

    // Owns a store of the default capacity and its model.
    explicit EventViewer(QWidget *parent = nullptr);
    // Shows `model` (tests feed it batches); the model and its store must outlive the viewer.
    EventViewer(stream::EventTableModel *model, QWidget *parent);
    ~EventViewer() override;

    // How "Connect…" builds its pipeline (the main window routes topics by the project's topology).
    void setPipelineFactory(PipelineFactory factory) { m_factory = std::move(factory); }
    // Builds a pipeline with the factory, starts it and drains it; false (and a message) when it cannot start.
    bool connectTo(const stream::ConsumerSettings &settings);
    void disconnectFromKafka();
    // Drains `pipeline` from now on (not owned); nullptr detaches.
    void attachPipeline(stream::EventPipeline *pipeline);
    // The drain path: what the timer takes from the pipeline goes here, one model insert per call.
    void deliver(stream::EventBatch &&batch);

    // A button in the empty state (e.g. the main window's "Start Sandbox").
    void addEmptyStateAction(QAction *action);
    // A banner between the toolbar and the table (e.g. the sandbox's burst, with its "Filter to these");
    // its owner shows and hides it.
    void addBanner(QWidget *banner);

    // Paused: events are still appended to the store (exports see them, memory stays bounded) but the
    // table shows none that came after the pause, even when the query changes; resuming shows them and
    // follows the tail again if it was on.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setFollowingTail(bool follow);
    bool isFollowingTail() const { return m_following; }
    void clear();

    // The details pane beside the table: hidden until a row is selected, unless the user opened it;
    // closing it with the Details button is remembered.
    void setDetailsVisible(bool visible);
    bool isDetailsVisible() const;

    // Ctrl+F: focuses the query from anywhere in the window (the main window adds it to itself so that
    // it works while this panel is hidden or tabbed away; it raises the panel's dock).
    QAction *findAction() const { return m_actions.find; }

    // The selected events as JSON Lines (one object per line, in table order): what Ctrl+C copies.
    QByteArray selectedEventsJson() const;
    // Writes the selected events, or every event the filter shows, to `path` on a worker thread;
    // exportFinished() reports the outcome.
    void exportToFile(const QString &path, bool selectionOnly);

    // "postgres 1,234/s · mysql 987/s", from what was delivered in the last second.
    QString rateText() const { return m_rateText; }
    void updateRates(); // once a second by a timer; public for tests

    QTableView *tableView() const { return m_table; }
    QueryLineEdit *queryEdit() const { return m_query; }
    EventDetails *details() const { return m_details; }
    stream::EventTableModel *model() const { return m_model; }
    QLabel *countLabel() const { return m_count; }
    QLabel *queryProblemLabel() const { return m_queryProblem; }
    // The message over the table when it has no rows to show ("No events match …"), empty when none.
    QString placeholderText() const;
    // The note shown while Follow is off because a row was selected, empty when none.
    QString followNoteText() const;
    bool isShowingEvents() const; // false while the empty state is shown

Q_SIGNALS:
    void rateTextChanged(const QString &text);
    void connectionStateChanged(const QString &text);
    void exportFinished(bool ok, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void build();
    void createActions();
    QWidget *createToolBar();
    void setUpTable();
    void buildOverlays();
    void drain();
    void applyQuery();
    void updateCount();
    void updatePage();
    void updatePlaceholder();
    void placeOverlays();
    void rememberPosition();
    void restorePosition();
    int rowAtOrAfterSequence(quint64 sequence) const;
    quint64 sequenceOfRow(int row) const;
    void raiseAndFocusQuery();
    void scrollToTail();
    void copySelection();
    void exportInteractively(bool selectionOnly);
    void applyMergeOrder();
    void showError(const QString &title, const QString &message);
    std::vector<int> selectedRows() const;

    std::unique_ptr<stream::EventStore> m_ownedStore;
    std::unique_ptr<stream::EventTableModel> m_ownedModel;
    stream::EventTableModel *m_model = nullptr;
    std::unique_ptr<stream::EventPipeline> m_ownedPipeline;
    QPointer<stream::EventPipeline> m_pipeline;
    PipelineFactory m_factory;

    QStackedWidget *m_pages = nullptr;
    EmptyState *m_empty = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    EventDetails *m_details = nullptr;
    QueryLineEdit *m_query = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_queryProblem = nullptr;
    QFrame *m_placeholder = nullptr; // over the table's viewport
    QLabel *m_placeholderTitle = nullptr;
    QLabel *m_placeholderHint = nullptr;
    QFrame *m_followNote = nullptr; // at the bottom of the table's viewport
    QLabel *m_followNoteText = nullptr;
    QActionGroup *m_order = nullptr;
    QSpinBox *m_watermark = nullptr;
    QTimer *m_drainTimer = nullptr;
    QTimer *m_queryTimer = nullptr;
    QTimer *m_rateTimer = nullptr;

    struct Actions
    {
        QAction *connect = nullptr;
        QAction *disconnect = nullptr;
        QAction *pause = nullptr;
        QAction *follow = nullptr;
        QAction *housekeeping = nullptr;
        QAction *clear = nullptr;
        QAction *details = nullptr;
        QAction *exportSelection = nullptr;
        QAction *exportShown = nullptr;
        QAction *find = nullptr;
        QAction *exportShortcut = nullptr;
        QAction *copy = nullptr;
    } m_actions;

    bool m_paused = false;
    bool m_following = true;
    bool m_scrolling = false;       // our own scrolls do not count as the user scrolling up
    bool m_restoring = false;       // our own selection does not count as the user selecting
    bool m_heldBySelection = false; // Follow went off because the user selected a row
    bool m_splitterSized = false;   // the splitter has sizes from the settings or a first opening
    bool m_detailsWanted = true;    // the pane opens when a row is selected (false: the user closed it)
    // Where the view was before the rows were reset (a new query): the current event and the top one.
    quint64 m_anchorCurrent = 0;
    quint64 m_anchorTop = 0;
    int m_anchorTopY = 0;
    bool m_hasAnchorCurrent = false;
    bool m_hasAnchorTop = false;
    qint64 m_newWhilePaused = 0;
    std::array<qint64, 3> m_received{};     // delivered per SourceTag since the viewer started
    std::array<qint64, 3> m_lastReceived{}; // at the last rate update
    QString m_rateText;
};

} // namespace cdc::ui
