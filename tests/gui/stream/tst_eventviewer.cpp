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
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

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
        QCOMPARE(feed.store.size(), 350); // consumed into the store
        QCOMPARE(viewer.tableView()->rowAt(0), top);
        QCOMPARE(sequenceAt(viewer, viewer.tableView()->rowAt(0)), topSequence);
        QTRY_VERIFY(bar->value() < bar->maximum()); // the range grows once the view lays out again
        QCOMPARE(viewer.tableView()->rowAt(0), top);
        QCOMPARE(viewer.tableView()->rowViewportPosition(top), topY);
        QVERIFY2(viewer.countLabel()->text().contains(QStringLiteral("paused, 150 new")),
                 qPrintable(viewer.countLabel()->text()));

        QTest::keyClick(viewer.tableView(), Qt::Key_Space);
        QVERIFY(!viewer.isPaused());
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
