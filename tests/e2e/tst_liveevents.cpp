// SPDX-License-Identifier: GPL-3.0-or-later
// End to end through the real stack into the viewer's model: rows inserted in PostgreSQL and MariaDB
// travel through Debezium and Kafka, are consumed, decoded, tagged and merged by the live pipeline,
// and show up in the EventTableModel with the right source tag, composite key and order.
#include "capstoneconnectors.h"
#include "stackclient.h"

#include "stream/eventpipeline.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"
#include "topology/templates.h"
#include "topology/topologymodel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace cdc;
using namespace cdc::e2e;
using namespace cdc::stream;

namespace {

constexpr int kRows = 30; // per database and batch

struct Seen
{
    SourceTag source;
    QString compositeKey;
    QString topic;
    int orderId;
    qint64 eventTime;
    quint8 flags;
};

} // namespace

class TstLiveEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_run = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_capstone = std::make_unique<CapstoneConnectors>(m_env);
        QVERIFY2(m_capstone->startStreaming(), qPrintable(m_capstone->lastStatus()));
    }

    void bothDatabasesMergeIntoTheModel_data()
    {
        QTest::addColumn<bool>("eventTime");
        QTest::newRow("arrival order") << false;
        QTest::newRow("event-time order") << true;
    }

    void bothDatabasesMergeIntoTheModel()
    {
        QFETCH(bool, eventTime);
        // The project's routing tags the topics, as the viewer does with the open project.
        topology::TopologyModel topology;
        const auto project = topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        QVERIFY(topology.reset(project.value().nodes, project.value().edges).ok());

        ConsumerSettings settings;
        settings.bootstrapServers = m_env.value(QStringLiteral("KAFKA_BOOTSTRAP"));
        settings.topicRegex = QStringLiteral("^outbox\\.event\\.(postgres|mysql)\\.order$");
        settings.start = ConsumerSettings::Start::Beginning; // snapshots of earlier runs are filtered out below

        EventStore store;
        EventTableModel model(&store);
        EventPipeline pipeline(settings, SourceRouting::fromTopology(topology), store.sharedStrings(),
                               store.sharedPages());
        if (eventTime)
            pipeline.setMergeOrder(EventMerger::Order::EventTime, 1500);
        // The viewer's drain: at most ~30 times a second, one batch into the model each time.
        QTimer drain;
        drain.setSingleShot(true);
        drain.setInterval(33);
        connect(&pipeline, &EventPipeline::eventsAvailable, &drain, qOverload<>(&QTimer::start));
        connect(&drain, &QTimer::timeout, &model, [&] { model.appendBatch(pipeline.take()); });
        const Result<void> started = pipeline.start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().toString()));
        // Only this run's events: the filter language, evaluated off the GUI thread like in the viewer.
        const QString run = m_run + (eventTime ? QStringLiteral("-t") : QStringLiteral("-a"));
        QVERIFY(model.setFilter(QStringLiteral("\"%1\"").arg(run)).ok());

        // PostgreSQL first, then MariaDB, then PostgreSQL again, each a second apart, so that event time
        // alone decides the order across the two sources.
        QVERIFY(m_capstone->insertOutboxRows(true, 1, kRows, run));
        QTest::qWait(1200);
        QVERIFY(m_capstone->insertOutboxRows(false, 1, kRows, run));
        QTest::qWait(1200);
        QVERIFY(m_capstone->insertOutboxRows(true, kRows + 1, 2 * kRows, run));

        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() >= 3 * kRows, 120000);
        QTest::qWait(2000); // anything extra (a repeat) would arrive now
        QCOMPARE(model.rowCount(), 3 * kRows);

        QList<Seen> seen;
        for (int row = 0; row < model.rowCount(); ++row) {
            const EventView e = model.event(row);
            const QJsonObject payload = QJsonDocument::fromJson(e.value().toByteArray()).object();
            seen.append({e.record().source, e.compositeKey(), e.topic(),
                         payload.value(QStringLiteral("orderId")).toInt(), EventMerger::eventTime(e.record()),
                         e.record().flags});
            const QString database = payload.value(QStringLiteral("database")).toString();
            // The tag comes from the project's routing and agrees with where the row was written.
            QCOMPARE(sourceTagName(e.record().source), database);
            QCOMPARE(e.topic(), QStringLiteral("outbox.event.%1.order").arg(database));
            QCOMPARE(e.compositeKey(),
                     (database == QLatin1String("postgres") ? QStringLiteral("PG-") : QStringLiteral("MY-")) +
                         QString::number(payload.value(QStringLiteral("orderId")).toInt()));
            QCOMPARE(e.record().kind, EventKind::Outbox);
            QCOMPARE(e.eventType(), QStringLiteral("OrderCreated"));
            QVERIFY2(e.header("id").has_value(), "the Event Router puts the event id in a header");
        }
        // Each source in its own insertion order, each event once.
        QList<int> postgres, mysql;
        for (const Seen &s : seen)
            (s.source == SourceTag::Postgres ? postgres : mysql).append(s.orderId);
        QCOMPARE(postgres.size(), 2 * kRows);
        QCOMPARE(mysql.size(), kRows);
        for (int i = 0; i < postgres.size(); ++i)
            QCOMPARE(postgres.at(i), i + 1);
        for (int i = 0; i < mysql.size(); ++i)
            QCOMPARE(mysql.at(i), i + 1);
        if (eventTime) {
            // Merged by event time: the three bursts in the order they were written, times never going back.
            for (int i = 1; i < seen.size(); ++i)
                QVERIFY2(seen.at(i).eventTime >= seen.at(i - 1).eventTime,
                         qPrintable(QStringLiteral("row %1 goes back in time").arg(i)));
            for (int i = 0; i < seen.size(); ++i) {
                const SourceTag expected = i < kRows || i >= 2 * kRows ? SourceTag::Postgres : SourceTag::MySql;
                QCOMPARE(seen.at(i).source, expected);
                QVERIFY(!(seen.at(i).flags & Late));
            }
        }
        const auto counts = pipeline.countsBySource();
        QVERIFY(counts[std::size_t(SourceTag::Postgres)] >= 2 * kRows);
        QVERIFY(counts[std::size_t(SourceTag::MySql)] >= kRows);
        pipeline.stop();
        QCOMPARE(pipeline.consumer()->counters().duplicatesSkipped, 0);
    }

    void cleanupTestCase()
    {
        if (m_capstone)
            m_capstone->removeAll();
        closeStackDatabases();
    }

private:
    StackEnvironment m_env;
    QString m_run;
    std::unique_ptr<CapstoneConnectors> m_capstone;
};

QTEST_GUILESS_MAIN(TstLiveEvents)
#include "tst_liveevents.moc"
