// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the viewer's table model: one insert per batch, removals from the front at the cap, the
// live filter evaluated off the GUI thread, and the model contract (QAbstractItemModelTester).
#include "support/samplemessages.h"

#include "stream/eventingest.h"
#include "stream/eventtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace cdc;
using namespace cdc::stream;
using cdc::testsupport::sampleMessages;

class TstEventTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_strings = std::make_shared<StringTable>();
        m_ingest = std::make_unique<EventIngest>(SourceRouting{}, m_strings);
        m_store = std::make_unique<EventStore>(64, m_strings, 16);
        m_model = std::make_unique<EventTableModel>(m_store.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_store.reset();
    }

    void oneInsertPerBatch()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->appendBatch(batch(10, 0));
        m_model->appendBatch(batch(5, 10));
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 10);
        QCOMPARE(inserted.at(1).at(2).toInt(), 14);
        QCOMPARE(m_model->rowCount(), 15);
        const auto cell = [this](int row, int column) { return m_model->data(m_model->index(row, column)).toString(); };
        QCOMPARE(cell(0, EventTableModel::SourceColumn), QStringLiteral("postgres"));
        QCOMPARE(cell(1, EventTableModel::SourceColumn), QStringLiteral("mysql"));
        QCOMPARE(cell(1, EventTableModel::CompositeKeyColumn), QStringLiteral("MY-0"));
        QCOMPARE(cell(2, EventTableModel::CompositeKeyColumn), QStringLiteral("PG-1"));
        QCOMPARE(cell(2, EventTableModel::OpColumn), QStringLiteral("u"));
        QCOMPARE(cell(0, EventTableModel::OpColumn), QStringLiteral("outbox"));
        QCOMPARE(cell(0, EventTableModel::EventTypeColumn), QStringLiteral("OrderPaid"));
        QCOMPARE(cell(2, EventTableModel::EntityColumn), QStringLiteral("public.orders"));
        QCOMPARE(cell(3, EventTableModel::TopicColumn), QStringLiteral("mysql.capstone.orders"));
        QCOMPARE(m_model->data(m_model->index(3, 0), EventTableModel::SourceTagRole).toInt(), int(SourceTag::MySql));
        QCOMPARE(m_model->data(m_model->index(3, 0), EventTableModel::SequenceRole).toULongLong(), 3u);
        QVERIFY(cell(0, EventTableModel::SummaryColumn).startsWith(QStringLiteral("{\"orderId\":0,")));
    }

    void theCapRemovesFromTheFront()
    {
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->appendBatch(batch(60, 0));
        m_model->appendBatch(batch(10, 60)); // 70 > 64: one segment of 16 goes
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 15);
        QCOMPARE(m_model->rowCount(), 54);
        QCOMPARE(m_model->event(0).sequence(), quint64(16));
        QCOMPARE(m_model->rowOfSequence(16), 0);
        QCOMPARE(m_model->rowOfSequence(15), -1);
        QCOMPARE(m_model->event(53).sequence(), quint64(69));
    }

    void filterRunsOffThreadAndFollowsNewBatches()
    {
        m_model->appendBatch(batch(40, 0));
        QSignalSpy applied(m_model.get(), &EventTableModel::filterApplied);
        QVERIFY(m_model->setFilter(QStringLiteral("source:mysql")).ok());
        QVERIFY(m_model->isFiltering());
        QTRY_COMPARE(applied.size(), 1);
        QCOMPARE(m_model->rowCount(), 20);
        for (int row = 0; row < m_model->rowCount(); ++row)
            QCOMPARE(m_model->event(row).record().source, SourceTag::MySql);

        // New batches are matched incrementally, and the cap trims the filtered rows too.
        m_model->appendBatch(batch(30, 40));   // 70 > 64: sequences 0..15 dropped
        QTRY_COMPARE(m_model->rowCount(), 27); // odd sequences 17..69
        QCOMPARE(m_model->event(0).sequence(), quint64(17));
        QCOMPARE(m_model->event(26).sequence(), quint64(69));
        QCOMPARE(m_model->rowOfSequence(21), 2);
        QCOMPARE(m_model->rowOfSequence(20), -1);

        QVERIFY(m_model->setFilter(QString()).ok());
        QCOMPARE(m_model->rowCount(), 54);
    }

    void badFilterShowsNoRowsUntilFixed()
    {
        // Issue 20: an invalid query left the previous results under the error.
        m_model->appendBatch(batch(8, 0));
        QVERIFY(m_model->setFilter(QStringLiteral("source:postgres")).ok());
        QTRY_COMPARE(m_model->rowCount(), 4);
        const Result<void> bad = m_model->setFilter(QStringLiteral("source:postgres \"unterminated"));
        QVERIFY(!bad.ok());
        QVERIFY2(!bad.error().where.isEmpty(), qPrintable(bad.error().toString()));
        QVERIFY(m_model->isQueryRejected());
        QVERIFY(m_model->isFiltering());
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->event(0).isValid());
        m_model->appendBatch(batch(4, 8)); // still nothing shown, the store takes them
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_store->size(), 12);

        QVERIFY(m_model->setFilter(QStringLiteral("source:mysql")).ok());
        QVERIFY(!m_model->isQueryRejected());
        QTRY_COMPARE(m_model->rowCount(), 6);
        QVERIFY(!m_model->setFilter(QStringLiteral("op:u \"x")).ok());
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(m_model->setFilter(QString()).ok());
        QCOMPARE(m_model->rowCount(), 12);
    }

    void holdShowsNothingNewUntilReleased()
    {
        // Issue 20: editing the filter while paused pulled in events that came after the pause.
        m_model->appendBatch(batch(10, 0));
        m_model->holdAt(m_store->endSequence());
        QVERIFY(m_model->isHeld());
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->appendBatch(batch(6, 10));
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(m_model->rowCount(), 10);
        QCOMPARE(m_store->size(), 16);
        QCOMPARE(m_model->rowOfSequence(12), -1);

        QVERIFY(m_model->setFilter(QStringLiteral("source:mysql")).ok());
        QTRY_VERIFY(!m_model->filterPending());
        QCOMPARE(m_model->rowCount(), 5); // odd sequences 1..9, not 11..15
        QCOMPARE(m_model->event(4).sequence(), quint64(9));
        m_model->appendBatch(batch(4, 16));
        QTest::qWait(50); // an incremental evaluation would have run by now
        QCOMPARE(m_model->rowCount(), 5);

        QVERIFY(m_model->setFilter(QString()).ok());
        QCOMPARE(m_model->rowCount(), 10);
        m_model->release();
        QVERIFY(!m_model->isHeld());
        QCOMPARE(m_model->rowCount(), 20);
        QCOMPARE(m_model->event(19).sequence(), quint64(19));

        m_model->holdAt(m_store->endSequence());
        QVERIFY(m_model->setFilter(QStringLiteral("source:mysql")).ok());
        QTRY_COMPARE(m_model->rowCount(), 10);
        m_model->appendBatch(batch(4, 20));
        m_model->release();
        QTRY_COMPARE(m_model->rowCount(), 12);
        QCOMPARE(m_model->event(11).sequence(), quint64(23));
    }

    void heldRowsLeaveFromTheFrontAtTheCap()
    {
        m_model->appendBatch(batch(60, 0));
        m_model->holdAt(m_store->endSequence());
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->appendBatch(batch(10, 60)); // 70 > 64: sequences 0..15 go
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(2).toInt(), 15);
        QCOMPARE(m_model->rowCount(), 44); // 16..59
        QCOMPARE(m_model->event(0).sequence(), quint64(16));
        m_model->release();
        QCOMPARE(m_model->rowCount(), 54);
    }

    void clearEmptiesTheView()
    {
        m_model->appendBatch(batch(8, 0));
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        m_model->appendBatch(batch(2, 8));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->event(0).sequence(), quint64(8));
    }

private:
    EventBatch batch(int count, int first) { return ingestMessages(*m_ingest, sampleMessages(count, 300, first)); }

    std::shared_ptr<StringTable> m_strings;
    std::unique_ptr<EventIngest> m_ingest;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<EventTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TstEventTableModel)
#include "tst_eventtablemodel.moc"
