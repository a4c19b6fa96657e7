// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the event viewer, offscreen, fed with realistic batches through its drain path (no Kafka):
// rows and source tags, follow-tail, pause, the live query, the diff of updates, JSON Lines export and
// copy, the rate counter, the connection dialog, the main window's Events dock, and screenshots.
#include "common/emptystate.h"
#include "common/sourcecolors.h"
#include "mainwindow/mainwindow.h"
#include "stream/connectiondialog.h"
#include "stream/eventdetails.h"
#include "stream/eventformats.h"
#include "stream/eventingest.h"
#include "stream/eventpipeline.h"
#include "stream/eventrowdelegate.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"
#include "stream/eventviewer.h"
#include "stream/querylineedit.h"
#include "topology/projectdocument.h"

#include "guitestsupport.h"
#include "stream/viewersamples.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace cdc;
using stream::EventTableModel;

namespace {

using cdc::guitest::darkPalette;
using cdc::guitest::outputDir;

// A store, its model and the ingest that turns Kafka messages into batches, as the pipeline would.
struct Feed
{
    explicit Feed(qsizetype capacity = stream::EventStore::kDefaultCapacity, std::size_t segment = 8192)
        : store(capacity, std::make_shared<stream::StringTable>(), segment)
        , model(&store)
        , ingest(stream::SourceRouting{}, store.sharedStrings())
    {}
    stream::EventBatch batch(const std::vector<stream::KafkaMessage> &messages)
    {
        return stream::ingestMessages(ingest, messages, 1764000001000);
    }
    stream::EventStore store;
    EventTableModel model;
    stream::EventIngest ingest;
};

quint64 sequenceAt(const ui::EventViewer &viewer, int row)
{
    return viewer.model()->index(row, 0).data(EventTableModel::SequenceRole).toULongLong();
}

std::vector<QJsonObject> parseLines(const QByteArray &text)
{
    std::vector<QJsonObject> out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {};
        out.push_back(doc.object());
    }
    return out;
}

void showAndFocus(ui::EventViewer &viewer)
{
    viewer.resize(1000, 420);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.activateWindow();
    viewer.tableView()->setFocus();
    QTRY_VERIFY(viewer.tableView()->hasFocus());
}

} // namespace

class TstEventViewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::useTestSettings(QStringLiteral("tst_eventviewer")); }

    void init() { QSettings().clear(); }

    void showsAnEmptyStateUntilEventsArrive()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        viewer.resize(800, 300);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QVERIFY(!viewer.isShowingEvents());
        auto *empty = viewer.findChild<ui::EmptyState *>();
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->explanation().contains(QStringLiteral("sandbox")));
        bool connectButton = false;
        for (QPushButton *button : empty->findChildren<QPushButton *>())
            connectButton |= button->text() == QStringLiteral("Connect");
        QVERIFY(connectButton);

        viewer.deliver(feed.batch(viewersamples::mixedMessages()));
        QVERIFY(viewer.isShowingEvents());
        QVERIFY(viewer.tableView()->isVisible());
    }

    void rowsAppearWithTheirSourceTag()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::mixedMessages()));
        QCOMPARE(feed.model.rowCount(), 5);
        QCOMPARE(feed.store.size(), 5);

        using stream::SourceTag;
        const SourceTag expected[] = {SourceTag::Postgres, SourceTag::MySql, SourceTag::Postgres, SourceTag::MySql,
                                      SourceTag::Unknown};
        QTableView *table = viewer.tableView();
        const QImage shot = table->viewport()->grab().toImage();
        for (int row = 0; row < 5; ++row) {
            const QModelIndex index = feed.model.index(row, EventTableModel::SourceColumn);
            QCOMPARE(SourceTag(index.data(EventTableModel::SourceTagRole).toInt()), expected[row]);
            // The delegate paints a tag in the source's colour: probe inside its left padding.
            const QRect rect = table->visualRect(index);
            const QPoint probe(rect.left() + 7, rect.center().y());
            const QColor painted = shot.pixelColor(probe * shot.devicePixelRatio());
            const QColor want = ui::sourceTagColor(expected[row]);
            QVERIFY2(qAbs(painted.red() - want.red()) < 8 && qAbs(painted.blue() - want.blue()) < 8,
                     qPrintable(QStringLiteral("row %1: %2 instead of %3").arg(row).arg(painted.name(), want.name())));
        }
        QCOMPARE(feed.model.index(0, EventTableModel::CompositeKeyColumn).data().toString(), QStringLiteral("PG-42"));
        QCOMPARE(feed.model.index(1, EventTableModel::CompositeKeyColumn).data().toString(), QStringLiteral("MY-42"));
        // The message that is not JSON is kept and flagged with why.
        QVERIFY(!feed.model.index(4, 0).data(EventTableModel::ProblemRole).toString().isEmpty());
    }

    void followsTheTailUntilScrolledUpAndEndResumes()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        QScrollBar *bar = viewer.tableView()->verticalScrollBar();
        viewer.deliver(feed.batch(viewersamples::outboxStream(200)));
        QVERIFY(viewer.isFollowingTail());
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        viewer.deliver(feed.batch(viewersamples::outboxStream(100, 200)));
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(viewer.tableView()->rowAt(viewer.tableView()->viewport()->height() - 2), 299);

        bar->setValue(bar->maximum() / 2); // the user drags the scroll bar up
        QVERIFY(!viewer.isFollowingTail());
        const int value = bar->value();
        const int top = viewer.tableView()->rowAt(0);
        viewer.deliver(feed.batch(viewersamples::outboxStream(100, 300)));
        QTest::qWait(20); // let the view lay out the new rows
        QCOMPARE(bar->value(), value);
        QCOMPARE(viewer.tableView()->rowAt(0), top);

        QTest::keyClick(viewer.tableView(), Qt::Key_End);
        QVERIFY(viewer.isFollowingTail());
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(viewer.tableView()->rowAt(viewer.tableView()->viewport()->height() - 2), 399);
    }

    void pauseKeepsConsumingButHoldsTheView()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        QScrollBar *bar = viewer.tableView()->verticalScrollBar();
        viewer.deliver(feed.batch(viewersamples::outboxStream(200)));
        const int top = viewer.tableView()->rowAt(0);
        const int topY = viewer.tableView()->rowViewportPosition(top);
        const quint64 topSequence = sequenceAt(viewer, top);

        QTest::keyClick(viewer.tableView(), Qt::Key_Space);
        QVERIFY(viewer.isPaused());
        viewer.deliver(feed.batch(viewersamples::outboxStream(150, 200)));
        QCOMPARE(feed.store.size(), 350);     // consumed into the store
        QCOMPARE(feed.model.rowCount(), 200); // but not shown until Resume
        QCOMPARE(viewer.tableView()->rowAt(0), top);
        QCOMPARE(sequenceAt(viewer, viewer.tableView()->rowAt(0)), topSequence);
        QTest::qWait(20); // let the view lay out again
        QCOMPARE(viewer.tableView()->rowAt(0), top);
        QCOMPARE(viewer.tableView()->rowViewportPosition(top), topY);
        QVERIFY2(viewer.countLabel()->text().contains(QStringLiteral("paused, 150 new")),
                 qPrintable(viewer.countLabel()->text()));

        QTest::keyClick(viewer.tableView(), Qt::Key_Space);
        QVERIFY(!viewer.isPaused());
        QCOMPARE(feed.model.rowCount(), 350);
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(viewer.tableView()->rowAt(viewer.tableView()->viewport()->height() - 2), 349);
    }

    void heldViewStaysOnItsEventWhenTheOldestAreDropped()
    {
        Feed feed(128, 64); // drops whole segments of 64 once over 128 events
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::outboxStream(120)));
        viewer.setFollowingTail(false);
        viewer.tableView()->scrollTo(feed.model.index(100, 0), QAbstractItemView::PositionAtTop);
        QCOMPARE(viewer.tableView()->rowAt(0), 100);
        const quint64 topSequence = sequenceAt(viewer, 100);

        viewer.deliver(feed.batch(viewersamples::outboxStream(40, 120)));
        QCOMPARE(feed.store.firstSequence(), 64u); // the oldest segment went
        QCOMPARE(viewer.tableView()->rowAt(0), 36);
        QCOMPARE(sequenceAt(viewer, 36), topSequence);
        QCOMPARE(viewer.tableView()->rowViewportPosition(36), 0);
        QTest::qWait(20);
        QCOMPARE(viewer.tableView()->rowAt(0), 36);
    }

    void queryFiltersAndShowsItsErrors()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::outboxStream(30))); // 20 postgres, 10 mysql
        viewer.deliver(feed.batch(viewersamples::mixedMessages()));
        QCOMPARE(feed.model.rowCount(), 35);

        QTest::keyClick(&viewer, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(viewer.queryEdit()->hasFocus());
        QTest::keyClicks(viewer.queryEdit(), QStringLiteral("source:mysql"));
        QTRY_COMPARE(feed.model.rowCount(), 12);
        for (int row = 0; row < feed.model.rowCount(); ++row)
            QCOMPARE(stream::SourceTag(feed.model.index(row, 0).data(EventTableModel::SourceTagRole).toInt()),
                     stream::SourceTag::MySql);
        QTRY_COMPARE(viewer.countLabel()->text(), QStringLiteral("12 of 35"));
        viewer.queryEdit()->clear();
        QTRY_COMPARE(viewer.countLabel()->text(), QStringLiteral("35 events"));
        viewer.queryEdit()->setText(QStringLiteral("source:mysql"));
        QTRY_COMPARE(feed.model.rowCount(), 12);
        QVERIFY(viewer.queryProblemLabel()->isHidden());

        viewer.queryEdit()->setText(QStringLiteral("source:mysql \"unterminated"));
        QTRY_VERIFY(viewer.queryProblemLabel()->isVisible());
        QVERIFY2(viewer.queryProblemLabel()->text().startsWith(QStringLiteral("column ")),
                 qPrintable(viewer.queryProblemLabel()->text()));
        QVERIFY(!viewer.queryEdit()->problem().isEmpty());

        QTest::keyClick(viewer.queryEdit(), Qt::Key_Escape);
        QVERIFY(viewer.queryEdit()->text().isEmpty());
        QTRY_COMPARE(feed.model.rowCount(), 35);
        QVERIFY(viewer.queryProblemLabel()->isHidden());
    }

    // Issue 20: with Follow on, clicking a row let it scroll away at the next batch.
    void selectingARowPausesFollowAndSaysSo()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::outboxStream(200)));
        QVERIFY(viewer.isFollowingTail());
        QVERIFY(viewer.followNoteText().isEmpty());
        QTableView *table = viewer.tableView();
        const int row = table->rowAt(table->viewport()->height() / 2);
        QVERIFY(row > 0);
        const QRect rect = table->visualRect(feed.model.index(row, EventTableModel::CompositeKeyColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(table->currentIndex().row(), row);
        QVERIFY(!viewer.isFollowingTail());
        QVERIFY2(viewer.followNoteText().contains(QStringLiteral("Paused at the selected row")),
                 qPrintable(viewer.followNoteText()));
        auto *note = table->viewport()->findChild<QWidget *>(QStringLiteral("followNote"));
        QVERIFY(note && note->isVisible());
        QVERIFY(table->viewport()->rect().contains(note->geometry()));

        const quint64 selected = sequenceAt(viewer, row);
        viewer.deliver(feed.batch(viewersamples::outboxStream(100, 200)));
        QTest::qWait(20);                                                        // let the view lay out the new rows
        QCOMPARE(table->visualRect(feed.model.index(row, 0)).top(), rect.top()); // it did not move
        QCOMPARE(sequenceAt(viewer, table->currentIndex().row()), selected);
        QVERIFY(viewer.isDetailsVisible());

        auto *resume = note->findChild<QToolButton *>(QStringLiteral("resumeFollow"));
        QVERIFY(resume);
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(viewer.isFollowingTail());
        QVERIFY(viewer.followNoteText().isEmpty());
        QCOMPARE(table->verticalScrollBar()->value(), table->verticalScrollBar()->maximum());
    }

    void aQueryWithNoMatchSaysSo()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::outboxStream(30)));
        QVERIFY(viewer.placeholderText().isEmpty());
        viewer.queryEdit()->setText(QStringLiteral("type:NoSuchThing"));
        QTRY_COMPARE(viewer.placeholderText(), QStringLiteral("No events match type:NoSuchThing"));
        QCOMPARE(feed.model.rowCount(), 0);
        auto *placeholder = viewer.tableView()->viewport()->findChild<QWidget *>(QStringLiteral("tablePlaceholder"));
        QVERIFY(placeholder && placeholder->isVisible());
        QCOMPARE(placeholder->geometry(), viewer.tableView()->viewport()->rect());
        QVERIFY(viewer.grab().save(outputDir() + QStringLiteral("/eventviewer-nomatch.png")));
        viewer.queryEdit()->setText(QStringLiteral("source:mysql"));
        QTRY_COMPARE(feed.model.rowCount(), 10);
        QVERIFY(viewer.placeholderText().isEmpty());
        QVERIFY(placeholder->isHidden());

        // Connected but nothing received yet: the table's own empty state, not "no match".
        viewer.queryEdit()->clear();
        QTRY_VERIFY(!feed.model.isFiltering());
        stream::EventPipeline pipeline(stream::ConsumerSettings{}, stream::SourceRouting{}, feed.store.sharedStrings(),
                                       feed.store.sharedPages());
        viewer.attachPipeline(&pipeline);
        viewer.clear();
        QVERIFY(viewer.isShowingEvents());
        QCOMPARE(viewer.placeholderText(), QStringLiteral("Waiting for events"));
        viewer.attachPipeline(nullptr);
    }

    // Issue 20: an invalid query left the previous results under the error.
    void anInvalidQueryShowsNoRowsUntilFixed()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::outboxStream(30)));
        viewer.queryEdit()->setText(QStringLiteral("source:mysql"));
        QTRY_COMPARE(feed.model.rowCount(), 10);
        viewer.queryEdit()->setText(QStringLiteral("source:mysql \"unterminated"));
        QTRY_VERIFY(viewer.queryProblemLabel()->isVisible());
        QCOMPARE(feed.model.rowCount(), 0);
        QCOMPARE(viewer.tableView()->model()->rowCount(), 0);
        QCOMPARE(viewer.placeholderText(), QStringLiteral("No events are shown until the query is fixed"));
        viewer.deliver(feed.batch(viewersamples::outboxStream(30, 30)));
        QCOMPARE(feed.model.rowCount(), 0);
        QCOMPARE(viewer.countLabel()->text(), QStringLiteral("0 of 60"));

        viewer.queryEdit()->setText(QStringLiteral("source:mysql \"unterminated\""));
        QTRY_VERIFY(viewer.queryProblemLabel()->isHidden());
        QTRY_VERIFY(!feed.model.filterPending());
        QVERIFY(viewer.placeholderText().startsWith(QStringLiteral("No events match")));
        viewer.queryEdit()->setText(QStringLiteral("source:mysql"));
        QTRY_COMPARE(feed.model.rowCount(), 20);
    }

    // Issue 20: editing the filter while paused pulled in the events that came after the pause.
    void pauseHoldsWhileTheFilterChanges()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::outboxStream(200))); // 66 from mysql
        viewer.setPaused(true);
        viewer.deliver(feed.batch(viewersamples::outboxStream(150, 200)));
        QCOMPARE(feed.store.size(), 350);

        viewer.queryEdit()->setText(QStringLiteral("source:mysql"));
        QTRY_COMPARE(viewer.countLabel()->text(), QStringLiteral("66 of 350 · paused, 150 new"));
        QCOMPARE(feed.model.rowCount(), 66);
        for (int row = 0; row < feed.model.rowCount(); ++row)
            QVERIFY(sequenceAt(viewer, row) < 200);
        viewer.queryEdit()->setText(QStringLiteral("source:postgres"));
        QTRY_COMPARE(feed.model.rowCount(), 134);
        QCOMPARE(sequenceAt(viewer, 133), quint64(199));
        viewer.queryEdit()->clear();
        QTRY_VERIFY(!feed.model.isFiltering());
        QCOMPARE(feed.model.rowCount(), 200);

        viewer.setPaused(false);
        QCOMPARE(feed.model.rowCount(), 350);
        viewer.queryEdit()->setText(QStringLiteral("source:mysql"));
        QTRY_COMPARE(feed.model.rowCount(), 116);
    }

    // Issue 20: the view jumped between the top and the tail when the filter changed.
    void theFilterKeepsTheViewWhereItWas()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        QTableView *table = viewer.tableView();
        QScrollBar *bar = table->verticalScrollBar();
        viewer.deliver(feed.batch(viewersamples::outboxStream(600)));
        // Following: it stays on the tail through a new query.
        viewer.queryEdit()->setText(QStringLiteral("source:postgres"));
        QTRY_COMPARE(feed.model.rowCount(), 400);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QCOMPARE(sequenceAt(viewer, table->rowAt(table->viewport()->height() - 2)), quint64(598));

        // A selected row in the middle: it stays selected and in view when the query widens.
        table->selectRow(200);
        const quint64 selected = sequenceAt(viewer, 200);
        table->scrollTo(feed.model.index(200, 0), QAbstractItemView::PositionAtCenter);
        QVERIFY(!viewer.isFollowingTail());
        viewer.queryEdit()->clear();
        QTRY_COMPARE(feed.model.rowCount(), 600);
        QCOMPARE(sequenceAt(viewer, table->currentIndex().row()), selected);
        QVERIFY(table->viewport()->rect().contains(table->visualRect(table->currentIndex())));
        QVERIFY(bar->value() > 0);
        QVERIFY(bar->value() < bar->maximum());

        // No selection: the top row stays on top.
        table->clearSelection();
        table->setCurrentIndex({});
        table->scrollTo(feed.model.index(300, 0), QAbstractItemView::PositionAtTop);
        const quint64 top = sequenceAt(viewer, table->rowAt(0));
        viewer.queryEdit()->setText(QStringLiteral("-type:NoSuchThing"));
        QTRY_VERIFY(feed.model.isFiltering() && !feed.model.filterPending());
        QCOMPARE(feed.model.rowCount(), 600);
        QCOMPARE(sequenceAt(viewer, table->rowAt(0)), top);
    }

    void detailsPaneOpensOnSelectionAndRemembersBeingClosed()
    {
        Feed feed;
        {
            ui::EventViewer viewer(&feed.model, nullptr);
            showAndFocus(viewer);
            viewer.deliver(feed.batch(viewersamples::mixedMessages()));
            QVERIFY(!viewer.isDetailsVisible()); // nothing selected: the table gets the room
            viewer.tableView()->selectRow(2);
            QVERIFY(viewer.isDetailsVisible());
            auto *toggle = viewer.findChild<QAction *>(QStringLiteral("toggleDetails"));
            QVERIFY(toggle && toggle->isChecked());
            toggle->trigger();
            QVERIFY(!viewer.isDetailsVisible());
            QCOMPARE(QSettings().value(QStringLiteral("events/detailsPane")).toBool(), false);
        }
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.tableView()->selectRow(3);
        QVERIFY(!viewer.isDetailsVisible()); // closed by the user: it stays closed
        auto *toggle = viewer.findChild<QAction *>(QStringLiteral("toggleDetails"));
        toggle->trigger();
        QVERIFY(viewer.isDetailsVisible());
        QCOMPARE(QSettings().value(QStringLiteral("events/detailsPane")).toBool(), true);

        // Every tab shows at the pane's narrowest, with no scroll arrows; the header wraps.
        auto *splitter = viewer.findChild<QSplitter *>(QStringLiteral("eventSplitter"));
        splitter->setSizes({5000, 1});
        QApplication::processEvents();
        QTabBar *tabs = viewer.details()->tabs()->tabBar();
        QVERIFY(!viewer.details()->tabs()->usesScrollButtons());
        for (int i = 0; i < tabs->count(); ++i)
            QVERIFY2(tabs->rect().contains(tabs->tabRect(i)), qPrintable(tabs->tabText(i)));
        auto *title = viewer.details()->findChild<QLabel *>(QStringLiteral("detailsTitle"));
        QVERIFY(title->wordWrap());
        QVERIFY(title->height() >= title->heightForWidth(title->width()));
    }

    void queryCompletionOffersSources()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::mixedMessages()));
        viewer.queryEdit()->setFocus();
        QTest::keyClicks(viewer.queryEdit(), QStringLiteral("source:m"));
        QAbstractItemModel *candidates = viewer.queryEdit()->completer()->completionModel();
        QStringList offered;
        for (int row = 0; row < candidates->rowCount(); ++row)
            offered << candidates->index(row, 0).data().toString();
        QVERIFY2(offered.contains(QStringLiteral("source:mysql")), qPrintable(offered.join(u',')));
    }

    void aRedeliveredEventIsTaggedExplainedAndFiltered()
    {
        // The same outbox id twice on a topic (Debezium's at-least-once after a crash): the second is
        // tagged in the table, explained in its tooltip and the details pane, and found by the query.
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        auto outbox = [](qint64 offset) {
            stream::KafkaMessage m;
            m.topic = "outbox.event.mysql.order";
            m.offset = offset;
            m.key = "42";
            m.value = QByteArray("{\"orderId\":42}");
            m.headers = {{"id", "5f0c-42"}, {"eventType", "OrderCreated"}};
            return m;
        };
        viewer.deliver(feed.batch({outbox(0), outbox(1)}));
        QCOMPARE(feed.model.rowCount(), 2);
        const QModelIndex first = feed.model.index(0, EventTableModel::CompositeKeyColumn);
        const QModelIndex again = feed.model.index(1, EventTableModel::CompositeKeyColumn);
        QVERIFY(!(first.data(EventTableModel::FlagsRole).toInt() & stream::Redelivered));
        QVERIFY(again.data(EventTableModel::FlagsRole).toInt() & stream::Redelivered);
        QVERIFY(ui::EventRowDelegate::flagText(first).isEmpty());
        QVERIFY(ui::EventRowDelegate::flagText(again).startsWith(QStringLiteral("Redelivered:")));

        // The tag sits at the right of the composite key's cell, in its violet; the first row has none.
        QTableView *table = viewer.tableView();
        table->setColumnWidth(EventTableModel::CompositeKeyColumn, 160);
        const QImage shot = table->viewport()->grab().toImage();
        const QColor want = ui::redeliveredTagColor(table->palette().color(QPalette::Base).lightness() < 128);
        auto tagged = [&](const QModelIndex &index) {
            const QRect rect = table->visualRect(index);
            const QPoint probe(rect.right() - 6, rect.center().y() - 1);
            const QColor painted = shot.pixelColor(probe * shot.devicePixelRatio());
            return qAbs(painted.red() - want.red()) < 8 && qAbs(painted.blue() - want.blue()) < 8;
        };
        QVERIFY(!tagged(first));
        QVERIFY(tagged(again));
        QCOMPARE(again.data().toString(), QStringLiteral("MY-42")); // the key still shows beside it

        table->selectRow(1);
        QTRY_VERIFY(viewer.details()->showsRedelivered());
        QVERIFY(viewer.grab().save(outputDir() + QStringLiteral("/eventviewer-redelivered.png")));
        table->selectRow(0);
        QTRY_VERIFY(!viewer.details()->showsRedelivered());

        viewer.queryEdit()->setText(QStringLiteral("redelivered:true"));
        QTRY_COMPARE(viewer.model()->rowCount(), 1);
        QCOMPARE(viewer.model()->index(0, EventTableModel::OffsetColumn).data().toLongLong(), 1);
    }

    void selectingAnUpdateShowsItsDiff()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::mixedMessages()));

        viewer.tableView()->selectRow(2); // the PostgreSQL update
        ui::EventDetails *details = viewer.details();
        QTableWidget *diff = details->diffTable();
        QVERIFY(details->tabs()->isTabEnabled(ui::EventDetails::DiffTab));
        QCOMPARE(diff->rowCount(), 1);
        QCOMPARE(diff->item(0, 0)->text(), QStringLiteral("status"));
        QCOMPARE(diff->item(0, 1)->text(), QStringLiteral("\"NEW\""));
        QCOMPARE(diff->item(0, 2)->text(), QStringLiteral("\"PAID\""));
        QVERIFY(details->valueText().contains(QStringLiteral("\"status\": \"PAID\"")));
        QVERIFY(details->problemText().isEmpty());

        viewer.tableView()->selectRow(3); // MySQL, in the schema/payload wrapper, with a nested change
        QCOMPARE(diff->rowCount(), 2);
        QCOMPARE(diff->item(0, 0)->text(), QStringLiteral("total"));
        QCOMPARE(diff->item(1, 0)->text(), QStringLiteral("address.city"));
        QCOMPARE(diff->item(1, 2)->text(), QStringLiteral("\"Paris\""));

        viewer.tableView()->selectRow(0); // an outbox event: no diff
        QVERIFY(!details->tabs()->isTabEnabled(ui::EventDetails::DiffTab));

        viewer.tableView()->selectRow(4); // not JSON: the problem on top
        QVERIFY(!details->problemText().isEmpty());
        QVERIFY(details->problemText().contains(feed.model.index(4, 0).data(EventTableModel::ProblemRole).toString()));
    }

    void exportWritesExactlyTheSelectedEvents()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::mixedMessages()));
        QItemSelectionModel *selection = viewer.tableView()->selectionModel();
        for (int row : {1, 2, 4})
            selection->select(feed.model.index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("selected.jsonl"));
        QSignalSpy finished(&viewer, &ui::EventViewer::exportFinished);
        viewer.exportToFile(path, true);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::vector<QJsonObject> lines = parseLines(file.readAll());
        QCOMPARE(lines.size(), 3u);
        QCOMPARE(lines[0].value(QStringLiteral("source")).toString(), QStringLiteral("mysql"));
        QCOMPARE(lines[0].value(QStringLiteral("compositeKey")).toString(), QStringLiteral("MY-42"));
        QCOMPARE(lines[0].value(QStringLiteral("offset")).toInteger(), 200);
        QCOMPARE(lines[0].value(QStringLiteral("value")).toObject().value(QStringLiteral("orderId")).toInt(), 42);
        QCOMPARE(lines[0].value(QStringLiteral("headers"))[QStringLiteral("eventType")].toString(),
                 QStringLiteral("OrderCreated"));
        QCOMPARE(lines[1].value(QStringLiteral("op")).toString(), QStringLiteral("u"));
        QCOMPARE(lines[1].value(QStringLiteral("topic")).toString(), QStringLiteral("pg.public.orders"));
        QCOMPARE(lines[1].value(QStringLiteral("value"))[QStringLiteral("after")][QStringLiteral("status")].toString(),
                 QStringLiteral("PAID"));
        QCOMPARE(lines[1].value(QStringLiteral("key")).toString(), QStringLiteral("{\"id\":42}"));
        // Not JSON: the value is kept as a string, the problem said.
        QVERIFY(lines[2].value(QStringLiteral("value")).isString());
        QVERIFY(!lines[2].value(QStringLiteral("problem")).toString().isEmpty());
    }

    void exportWritesTheFilteredView()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::outboxStream(300)));
        viewer.queryEdit()->setText(QStringLiteral("source:mysql"));
        QTRY_COMPARE(feed.model.rowCount(), 100);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mysql.jsonl"));
        QSignalSpy finished(&viewer, &ui::EventViewer::exportFinished);
        viewer.exportToFile(path, false);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.at(0).at(0).toBool());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::vector<QJsonObject> lines = parseLines(file.readAll());
        QCOMPARE(lines.size(), 100u);
        for (const QJsonObject &line : lines)
            QCOMPARE(line.value(QStringLiteral("source")).toString(), QStringLiteral("mysql"));
        QCOMPARE(lines.front().value(QStringLiteral("offset")).toInteger(), 2);
        QCOMPARE(lines.back().value(QStringLiteral("offset")).toInteger(), 299);
    }

    void ctrlCCopiesTheSelectedEventsAsJson()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        showAndFocus(viewer);
        viewer.deliver(feed.batch(viewersamples::mixedMessages()));
        viewer.tableView()->selectRow(0);
        viewer.tableView()->selectionModel()->select(feed.model.index(3, 0),
                                                     QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QGuiApplication::clipboard()->clear();
        QTest::keySequence(viewer.tableView(), QKeySequence::Copy);
        const std::vector<QJsonObject> lines = parseLines(QGuiApplication::clipboard()->text().toUtf8());
        QCOMPARE(lines.size(), 2u);
        QCOMPARE(lines[0].value(QStringLiteral("compositeKey")).toString(), QStringLiteral("PG-42"));
        QCOMPARE(lines[1].value(QStringLiteral("topic")).toString(), QStringLiteral("my.capstone.orders"));
        QCOMPARE(lines[1].value(QStringLiteral("value"))[QStringLiteral("payload")][QStringLiteral("op")].toString(),
                 QStringLiteral("u"));
    }

    void ratesPerSourceOncePerSecond()
    {
        Feed feed;
        ui::EventViewer viewer(&feed.model, nullptr);
        QSignalSpy changed(&viewer, &ui::EventViewer::rateTextChanged);
        viewer.deliver(feed.batch(viewersamples::outboxStream(3000)));
        viewer.updateRates();
        QCOMPARE(viewer.rateText(), QStringLiteral("postgres 2,000/s · mysql 1,000/s"));
        viewer.updateRates();
        QCOMPARE(viewer.rateText(), QStringLiteral("postgres 0/s · mysql 0/s"));
        QCOMPARE(changed.size(), 2);
    }

    void connectionDialogAcceptsOnlyPasswordReferences()
    {
        ui::ConnectionDialog dialog;
        stream::ConsumerSettings settings;
        settings.securityProtocol = QStringLiteral("sasl_ssl");
        settings.saslMechanism = QStringLiteral("SCRAM-SHA-512");
        settings.saslUsername = QStringLiteral("viewer");
        settings.saslPasswordReference = QStringLiteral("hunter2");
        dialog.setSettings(settings);
        QVERIFY(dialog.problem().contains(QStringLiteral("reference")));
        settings.saslPasswordReference = QStringLiteral("${env:KAFKA_PASSWORD}");
        dialog.setSettings(settings);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));

        ui::ConnectionDialog::remember(dialog.settings());
        const stream::ConsumerSettings back = ui::ConnectionDialog::remembered();
        QCOMPARE(back.saslPasswordReference, QStringLiteral("${env:KAFKA_PASSWORD}"));
        QCOMPARE(back.saslMechanism, QStringLiteral("SCRAM-SHA-512"));
        QCOMPARE(back.topicRegex, settings.topicRegex);
        QVERIFY(dialog.grab().save(outputDir() + QStringLiteral("/eventviewer-connect.png")));
    }

    void mainWindowDocksTheViewerAndShowsRates()
    {
        topology::ProjectDocument document;
        ui::MainWindow window(&document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *viewer = qobject_cast<ui::EventViewer *>(window.dock(QStringLiteral("eventsDock"))->widget());
        QVERIFY(viewer);
        QVERIFY(!viewer->isShowingEvents());
        auto *rate = window.statusBar()->findChild<QLabel *>(QStringLiteral("eventRate"));
        QVERIFY(rate);

        stream::EventIngest ingest(stream::SourceRouting{}, viewer->model()->store()->sharedStrings());
        viewer->deliver(stream::ingestMessages(ingest, viewersamples::mixedMessages()));
        viewer->updateRates();
        QCOMPARE(rate->text(), QStringLiteral("postgres 2/s · mysql 2/s · unknown 1/s"));
    }

    void screenshots_data() { cdc::guitest::addScreenshotRows(); }

    void screenshots()
    {
        QFETCH(bool, dark);
        QFETCH(bool, empty);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        {
            Feed feed;
            ui::EventViewer viewer(&feed.model, nullptr);
            viewer.resize(1100, 380);
            viewer.show();
            QVERIFY(QTest::qWaitForWindowExposed(&viewer));
            if (!empty) {
                viewer.deliver(feed.batch(viewersamples::outboxStream(40)));
                viewer.deliver(feed.batch(viewersamples::mixedMessages()));
                viewer.tableView()->selectRow(42); // the PostgreSQL update
                viewer.details()->tabs()->setCurrentIndex(ui::EventDetails::ValueTab);
            }
            QTest::qWait(50);
            const QString tag = QString::fromLatin1(QTest::currentDataTag());
            QVERIFY(viewer.grab().save(outputDir() + QStringLiteral("/eventviewer-%1.png").arg(tag)));
            if (!empty) {
                viewer.details()->tabs()->setCurrentIndex(ui::EventDetails::DiffTab);
                QVERIFY(viewer.grab().save(outputDir() + QStringLiteral("/eventviewer-%1-diff.png").arg(tag)));
                viewer.tableView()->selectionModel()->setCurrentIndex( // not JSON: the banner
                    feed.model.index(44, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                QVERIFY(viewer.grab().save(outputDir() + QStringLiteral("/eventviewer-%1-problem.png").arg(tag)));
                viewer.queryEdit()->setText(QStringLiteral("source:mysql \"unterminated"));
                QTRY_VERIFY(viewer.queryProblemLabel()->isVisible());
                QVERIFY(viewer.grab().save(outputDir() + QStringLiteral("/eventviewer-%1-query.png").arg(tag)));
            }
        }
        QApplication::setPalette(original);
    }

    void changedFieldsUnwrapsAndRecurses()
    {
        const auto changes = ui::changedFields(viewersamples::kMySqlWrappedUpdate);
        QCOMPARE(changes.size(), 2u);
        QCOMPARE(changes[0].field, QStringLiteral("total"));
        QCOMPARE(changes[0].before, QStringLiteral("\"5.00\""));
        QCOMPARE(changes[0].after, QStringLiteral("\"6.00\""));
        QCOMPARE(changes[1].field, QStringLiteral("address.city"));
        QVERIFY(ui::changedFields(viewersamples::kMySqlCreate).empty()); // no before image
        QVERIFY(ui::changedFields(viewersamples::kNotJson).empty());
        QVERIFY(ui::hexDump("AB\x01", 16).startsWith(QStringLiteral("00000000  41 42 01 ")));
    }
};

QTEST_MAIN(TstEventViewer)
#include "tst_eventviewer.moc"
