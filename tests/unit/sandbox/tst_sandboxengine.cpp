// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the sandbox's engine on librdkafka's mock cluster: the rate reaches the topics (read back with a
// plain consumer), pausing builds lag and resuming drains it, the incidents' levers (throttle, burst, dropped
// backlog) do what the incidents need, and the lag sampler reports the real samplers' series.
#include "capturespecs.h"
#include "lag/lagsampler.h"
#include "sandbox/eventgenerator.h"
#include "sandbox/mockkafka.h"
#include "sandbox/sandboxengine.h"
#include "sandbox/sandboxlagsampler.h"
#include "stream/eventdecoder.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include <map>

using namespace cdc::sandbox;
using cdc::stream::EventDecoder;
using cdc::stream::EventKind;
using cdc::stream::KafkaMessage;
using cdc::stream::SourceTag;

using namespace cdc::sandbox::testing;

namespace {

SourceStats statsOf(const SandboxEngine &engine, const QString &connector)
{
    for (const SourceStats &s : engine.stats()) {
        if (s.connector == connector)
            return s;
    }
    return {};
}

// Everything the topics hold, read from the beginning by a consumer of no group.
std::vector<KafkaMessage> readAll(const QString &bootstrap, const QStringList &topics)
{
    char error[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
    rd_kafka_conf_set(conf, "group.id", "tst-sandboxengine", error, sizeof error);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", error, sizeof error);
    rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
    rd_kafka_poll_set_consumer(consumer);

    std::map<std::pair<QByteArray, int>, qint64> remaining; // partition → its end offset
    rd_kafka_topic_partition_list_t *assignment = rd_kafka_topic_partition_list_new(16);
    for (const QString &topic : topics) {
        const QByteArray name = topic.toUtf8();
        rd_kafka_topic_t *handle = rd_kafka_topic_new(consumer, name.constData(), nullptr);
        const rd_kafka_metadata_t *metadata = nullptr;
        if (rd_kafka_metadata(consumer, 0, handle, &metadata, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            for (int p = 0; p < metadata->topics[0].partition_cnt; ++p) {
                int64_t low = 0, high = 0;
                rd_kafka_query_watermark_offsets(consumer, name.constData(), p, &low, &high, 5000);
                if (high > low) {
                    remaining[{name, p}] = high;
                    rd_kafka_topic_partition_list_add(assignment, name.constData(), p)->offset = low;
                }
            }
            rd_kafka_metadata_destroy(metadata);
        }
        rd_kafka_topic_destroy(handle);
    }
    rd_kafka_assign(consumer, assignment);
    rd_kafka_topic_partition_list_destroy(assignment);

    std::vector<KafkaMessage> messages;
    QElapsedTimer timer;
    timer.start();
    while (!remaining.empty() && timer.elapsed() < 20000) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer, 100);
        if (!m)
            continue;
        if (!m->err) {
            KafkaMessage k;
            k.topic = rd_kafka_topic_name(m->rkt);
            k.partition = m->partition;
            k.offset = m->offset;
            k.timestampMs = rd_kafka_message_timestamp(m, nullptr);
            k.key = QByteArray(static_cast<const char *>(m->key), qsizetype(m->key_len));
            if (m->payload)
                k.value = QByteArray(static_cast<const char *>(m->payload), qsizetype(m->len));
            rd_kafka_headers_t *headers = nullptr;
            if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
                const char *name = nullptr;
                const void *value = nullptr;
                std::size_t size = 0;
                for (std::size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == 0; ++i)
                    k.headers.emplace_back(name, QByteArray(static_cast<const char *>(value), qsizetype(size)));
            }
            const auto it = remaining.find({k.topic, k.partition});
            if (it != remaining.end() && k.offset + 1 >= it->second)
                remaining.erase(it);
            messages.push_back(std::move(k));
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    return messages;
}

qsizetype countOn(const std::vector<KafkaMessage> &messages, const QByteArray &topic)
{
    return std::count_if(messages.begin(), messages.end(), [&](const KafkaMessage &m) { return m.topic == topic; });
}

} // namespace

class TstSandboxEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_kafka = std::make_unique<MockKafka>();
        const auto started = m_kafka->start(capstoneTopics());
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().toString()));
        QVERIFY(m_kafka->bootstrap().startsWith(QLatin1String("127.0.0.1:")));
        m_engine = std::make_unique<SandboxEngine>(m_kafka->bootstrap());
    }
    void cleanup()
    {
        m_engine.reset();
        m_kafka.reset();
    }

    void theMockBrokerHasTheCapstoneTopics()
    {
        QVERIFY(m_kafka->isRunning());
        QVERIFY(!m_kafka->start(capstoneTopics()).ok());                                      // once
        QVERIFY(m_kafka->createTopic(QStringLiteral("outbox.event.postgres.order"), 3).ok()); // exists: fine
        QVERIFY(!m_kafka->createTopic(QStringLiteral("bad"), 0).ok());

        char error[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", m_kafka->bootstrap().toUtf8().constData(), error, sizeof error);
        rd_kafka_t *client = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
        const rd_kafka_metadata_t *metadata = nullptr;
        QCOMPARE(rd_kafka_metadata(client, 1, nullptr, &metadata, 5000), RD_KAFKA_RESP_ERR_NO_ERROR);
        QMap<QString, int> partitions;
        for (int i = 0; i < metadata->topic_cnt; ++i)
            partitions.insert(QString::fromUtf8(metadata->topics[i].topic), metadata->topics[i].partition_cnt);
        rd_kafka_metadata_destroy(metadata);
        rd_kafka_destroy(client);
        for (const QString &topic : capstoneTopics())
            QVERIFY2(partitions.contains(topic), qPrintable(topic));
        QCOMPARE(partitions.value(QStringLiteral("outbox.event.mysql.order")), 3);
        QCOMPARE(partitions.value(QStringLiteral("schema-changes.mysql-outbox")), 1);

        m_kafka->stop();
        QVERIFY(!m_kafka->isRunning());
        QVERIFY(m_kafka->bootstrap().isEmpty());
    }

    void theRateReachesTheTopicsAsDebeziumEvents()
    {
        m_engine->setRate(400); // 200 per database
        m_engine->addCapture(postgresSpec());
        m_engine->addCapture(mysqlOutboxSpec());
        m_engine->setStreaming(QStringLiteral("postgres-outbox"), true);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QVERIFY(m_engine->start().ok());
        QElapsedTimer timer;
        timer.start();
        QTest::qWait(2500);
        const SourceStats postgres = statsOf(*m_engine, QStringLiteral("postgres-outbox"));
        const SourceStats mysql = statsOf(*m_engine, QStringLiteral("mysql-outbox"));
        // The last second's rate: 200 changes, two messages each for PostgreSQL (outbox and orders row).
        QVERIFY2(postgres.eventsPerSecond > 300 && postgres.eventsPerSecond < 500,
                 qPrintable(QString::number(postgres.eventsPerSecond)));
        QVERIFY2(mysql.eventsPerSecond > 150 && mysql.eventsPerSecond < 250,
                 qPrintable(QString::number(mysql.eventsPerSecond)));
        m_engine->stop();
        const double seconds = double(timer.elapsed()) / 1000;
        const SourceStats postgresEnd = statsOf(*m_engine, QStringLiteral("postgres-outbox"));
        const SourceStats mysqlEnd = statsOf(*m_engine, QStringLiteral("mysql-outbox"));

        const std::vector<KafkaMessage> messages = readAll(m_kafka->bootstrap(), capstoneTopics());
        const qsizetype postgresEvents = countOn(messages, "outbox.event.postgres.order");
        const qsizetype mysqlEvents = countOn(messages, "outbox.event.mysql.order");
        QCOMPARE(countOn(messages, "pg.public.orders"), postgresEvents);
        QCOMPARE(countOn(messages, "mysql.capstone.orders"), 0);
        // What the engine counted is what the broker holds; about the rate set, for the time it ran.
        QCOMPARE(qint64(postgresEvents) * 2, postgresEnd.emitted);
        QCOMPARE(qint64(mysqlEvents), mysqlEnd.emitted);
        QVERIFY2(std::abs(double(postgresEvents) / (200 * seconds) - 1) < 0.25,
                 qPrintable(QStringLiteral("%1 in %2 s").arg(postgresEvents).arg(seconds)));
        QVERIFY2(std::abs(double(mysqlEvents) / (200 * seconds) - 1) < 0.25,
                 qPrintable(QStringLiteral("%1 in %2 s").arg(mysqlEvents).arg(seconds)));

        EventDecoder decoder;
        std::map<QByteArray, qint64> lastLsn; // per partition of pg.public.orders
        for (const KafkaMessage &m : messages) {
            const auto decoded = decoder.decode(m);
            if (m.topic.startsWith("outbox.event.")) {
                QCOMPARE(decoded.kind, EventKind::Outbox);
                QCOMPARE(decoded.source, m.topic.contains("postgres") ? SourceTag::Postgres : SourceTag::MySql);
                QCOMPARE(decoded.entityText(), QStringLiteral("order"));
                QVERIFY(decoded.eventTypeText().startsWith(QLatin1String("Order")));
                QVERIFY(decoded.aggregateId(m.key).toLongLong() >= 1000);
            } else {
                QCOMPARE(decoded.kind, EventKind::Change);
                QCOMPARE(decoded.source, SourceTag::Postgres);
                QVERIFY(decoded.op == 'c' || decoded.op == 'u');
                QVERIFY(decoded.sourceTsMs <= m.timestampMs);
            }
        }
        QCOMPARE(postgresEnd.position.kind, SourceKind::Postgres);
        QVERIFY(postgresEnd.position.lsn > 0x16E8D58);
        QCOMPARE(mysqlEnd.position.binlogFile, QStringLiteral("mysql-bin.000003"));
        QVERIFY(mysqlEnd.position.binlogPosition > 157 + 100 * EventGenerator::averageBinlogBytesPerChange / 2);
        QCOMPARE(m_engine->position(QStringLiteral("mysql-outbox"))->binlogPosition, mysqlEnd.position.binlogPosition);
        QVERIFY(!m_engine->position(QStringLiteral("nobody")).has_value());
    }

    void pausingBuildsLagAndResumingDrainsIt()
    {
        m_engine->setRate(1000); // 500 per database
        m_engine->addCapture(postgresSpec());
        m_engine->addCapture(mysqlOutboxSpec());
        m_engine->setStreaming(QStringLiteral("postgres-outbox"), true);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QVERIFY(m_engine->start().ok());
        QTest::qWait(500);
        // Streaming keeps up: lag stays near zero (given a moment when other work holds the cores).
        QTRY_VERIFY_WITH_TIMEOUT(statsOf(*m_engine, QStringLiteral("postgres-outbox")).lagBytes <
                                     5 * EventGenerator::averageWalBytesPerChange,
                                 5000);
        QVERIFY(statsOf(*m_engine, QStringLiteral("postgres-outbox")).lagBytes > 0); // a streaming slot never reads 0
        QTRY_VERIFY_WITH_TIMEOUT(statsOf(*m_engine, QStringLiteral("mysql-outbox")).lagMs < 50, 5000);

        m_engine->setStreaming(QStringLiteral("postgres-outbox"), false);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), false);
        const qint64 emitted = statsOf(*m_engine, QStringLiteral("mysql-outbox")).emitted;
        QTest::qWait(1000);
        const SourceStats postgres = statsOf(*m_engine, QStringLiteral("postgres-outbox"));
        const SourceStats mysql = statsOf(*m_engine, QStringLiteral("mysql-outbox"));
        QVERIFY(!postgres.streaming);
        QCOMPARE(mysql.emitted, emitted);
        QVERIFY2(postgres.backlog > 350 && postgres.backlog < 1500, qPrintable(QString::number(postgres.backlog)));
        QCOMPARE(postgres.lagBytes, postgres.backlog * EventGenerator::averageWalBytesPerChange);
        QVERIFY2(mysql.lagMs > 800 && mysql.lagMs < 3000, qPrintable(QString::number(mysql.lagMs)));
        // A config change (the fix for a failed task) resumes from the connector's offset: the backlog stays.
        CaptureSpec changed = mysqlOutboxSpec();
        changed.serverId += 1;
        m_engine->addCapture(changed);
        const qint64 kept = statsOf(*m_engine, QStringLiteral("mysql-outbox")).backlog;
        QVERIFY2(kept >= mysql.backlog, qPrintable(QStringLiteral("%1 < %2").arg(kept).arg(mysql.backlog)));

        m_engine->setStreaming(QStringLiteral("postgres-outbox"), true);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QTRY_VERIFY_WITH_TIMEOUT(statsOf(*m_engine, QStringLiteral("postgres-outbox")).backlog < 10, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(statsOf(*m_engine, QStringLiteral("mysql-outbox")).lagMs < 50, 10000);
        QVERIFY(statsOf(*m_engine, QStringLiteral("postgres-outbox")).lagBytes <
                10 * EventGenerator::averageWalBytesPerChange);
        QVERIFY(statsOf(*m_engine, QStringLiteral("mysql-outbox")).emitted > emitted + 350);
    }

    void aThrottledConnectorFallsBehind()
    {
        m_engine->setRate(1000);
        m_engine->addCapture(postgresSpec());
        m_engine->addCapture(mysqlOutboxSpec());
        m_engine->setStreaming(QStringLiteral("postgres-outbox"), true);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QVERIFY(m_engine->start().ok());
        QTest::qWait(300);
        m_engine->setThrottle(0.02); // 20 changes/s against 500 written
        QTest::qWait(1000);
        const SourceStats postgres = statsOf(*m_engine, QStringLiteral("postgres-outbox"));
        QVERIFY2(postgres.lagBytes > 300 * EventGenerator::averageWalBytesPerChange,
                 qPrintable(QString::number(postgres.lagBytes)));
        QVERIFY(postgres.streaming);
        QVERIFY(postgres.eventsPerSecond < 100); // 20 changes, 2 messages each
        QVERIFY2(statsOf(*m_engine, QStringLiteral("mysql-outbox")).lagMs > 600,
                 qPrintable(QString::number(statsOf(*m_engine, QStringLiteral("mysql-outbox")).lagMs)));
        m_engine->setThrottle(1);
        QTRY_VERIFY_WITH_TIMEOUT(statsOf(*m_engine, QStringLiteral("mysql-outbox")).lagMs < 50, 10000);
    }

    void aBurstGivesTheSameKeyOnBothTopics()
    {
        m_engine->setRate(2);
        m_engine->addCapture(postgresSpec());
        m_engine->addCapture(mysqlOutboxSpec());
        m_engine->setStreaming(QStringLiteral("postgres-outbox"), true);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QVERIFY(m_engine->start().ok());
        m_engine->burst(4242, 5);
        // A paused capture keeps its share of the burst in its backlog.
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), false);
        const qint64 backlog = statsOf(*m_engine, QStringLiteral("mysql-outbox")).backlog;
        m_engine->burst(4343, 3);
        QCOMPARE(statsOf(*m_engine, QStringLiteral("mysql-outbox")).backlog, backlog + 3);
        m_engine->stop();

        const std::vector<KafkaMessage> messages = readAll(m_kafka->bootstrap(), capstoneTopics());
        EventDecoder decoder;
        QMap<QString, int> keys;
        for (const KafkaMessage &m : messages) {
            if (m.key == "\"4242\"" || m.key == "\"4343\"")
                ++keys[decoder.decode(m).compositeKey(m.key)];
        }
        QCOMPARE(keys.value(QStringLiteral("PG-4242")), 5);
        QCOMPARE(keys.value(QStringLiteral("MY-4242")), 5);
        QCOMPARE(keys.value(QStringLiteral("PG-4343")), 3);
        QCOMPARE(keys.value(QStringLiteral("MY-4343")), 0); // still in the paused capture's backlog
    }

    void burstsInTheBacklogComeOutWithTheirId()
    {
        m_engine->setRate(2);
        m_engine->addCapture(mysqlOutboxSpec());
        QVERIFY(m_engine->start().ok());
        m_engine->burst(777, 4); // not streaming yet
        QCOMPARE(statsOf(*m_engine, QStringLiteral("mysql-outbox")).backlog, 4);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QTRY_VERIFY(statsOf(*m_engine, QStringLiteral("mysql-outbox")).emitted >= 4);
        m_engine->stop();
        const std::vector<KafkaMessage> messages =
            readAll(m_kafka->bootstrap(), {QStringLiteral("outbox.event.mysql.order")});
        QCOMPARE(
            std::count_if(messages.begin(), messages.end(), [](const KafkaMessage &m) { return m.key == "\"777\""; }),
            4);
    }

    void droppingTheBacklogZeroesLagAndLeavesAGap()
    {
        m_engine->setRate(1000);
        m_engine->addCapture(postgresSpec());
        m_engine->addCapture(mysqlOutboxSpec());
        QVERIFY(m_engine->start().ok()); // nothing streams: the backlog grows
        QTest::qWait(600);
        const SourceStats postgres = statsOf(*m_engine, QStringLiteral("postgres-outbox"));
        QVERIFY(postgres.backlog > 150);
        QVERIFY(postgres.lagBytes > 150 * EventGenerator::averageWalBytesPerChange);
        QVERIFY(statsOf(*m_engine, QStringLiteral("mysql-outbox")).lagMs > 300);
        const qint64 lsn = m_engine->position(QStringLiteral("postgres-outbox"))->lsn;

        m_engine->dropBacklog(QStringLiteral("postgres-outbox"));
        m_engine->dropBacklog(QStringLiteral("mysql-outbox"));
        const SourceStats dropped = statsOf(*m_engine, QStringLiteral("postgres-outbox"));
        QVERIFY(dropped.backlog < 20); // what was written since
        QVERIFY(dropped.lagBytes < 20 * EventGenerator::averageWalBytesPerChange);
        QVERIFY(statsOf(*m_engine, QStringLiteral("mysql-outbox")).lagMs < 100);
        QCOMPARE(dropped.emitted, 0);
        // The positions jumped over the lost changes.
        QVERIFY(m_engine->position(QStringLiteral("postgres-outbox"))->lsn >=
                lsn + postgres.backlog * EventGenerator::averageWalBytesPerChange);
    }

    void resettingThePositionStartsAfresh()
    {
        m_engine->setRate(1000);
        m_engine->addCapture(mysqlOutboxSpec());
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QVERIFY(m_engine->start().ok());
        QTRY_VERIFY(statsOf(*m_engine, QStringLiteral("mysql-outbox")).emitted > 50);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), false);
        QTest::qWait(300);
        const qint64 binlog = m_engine->position(QStringLiteral("mysql-outbox"))->binlogPosition;
        m_engine->resetPosition(QStringLiteral("mysql-outbox"));
        const SourceStats reset = statsOf(*m_engine, QStringLiteral("mysql-outbox"));
        QCOMPARE(reset.emitted, 0);
        QVERIFY(reset.backlog < 20);
        QVERIFY(reset.position.binlogPosition > binlog);
    }

    void aRemovedCaptureStopsAndItsDatabaseGoesOn()
    {
        m_engine->setRate(1000);
        m_engine->addCapture(postgresSpec());
        m_engine->setStreaming(QStringLiteral("postgres-outbox"), true);
        QVERIFY(m_engine->start().ok());
        QTRY_VERIFY(statsOf(*m_engine, QStringLiteral("postgres-outbox")).emitted > 50);
        const qint64 lsn = m_engine->position(QStringLiteral("postgres-outbox"))->lsn;
        m_engine->removeCapture(QStringLiteral("postgres-outbox"));
        QVERIFY(m_engine->stats().empty());
        QVERIFY(!m_engine->position(QStringLiteral("postgres-outbox")).has_value());
        CaptureSpec again = postgresSpec();
        again.connector = QStringLiteral("postgres-outbox-2");
        m_engine->addCapture(again);
        QVERIFY(m_engine->position(again.connector)->lsn >= lsn); // the same database: its WAL goes on
        // A config change keeps the capture and its positions.
        again.otherTables.clear();
        m_engine->addCapture(again);
        QCOMPARE(m_engine->stats().size(), std::size_t(1));
        QVERIFY(m_engine->position(again.connector)->lsn >= lsn);
    }

    void theRateIsClampedToWhatTheSandboxDoes()
    {
        m_engine->setRate(50'000);
        QCOMPARE(m_engine->rate(), 50'000);
        m_engine->setRate(0);
        QCOMPARE(m_engine->rate(), SandboxEngine::minRate);
        m_engine->setRate(60'000);
        QCOMPARE(m_engine->rate(), SandboxEngine::maxRate);
        m_engine->setRate(-5);
        QCOMPARE(m_engine->rate(), 1);
    }

    void theHighestRateRunsAndStopsQuickly()
    {
        CaptureSpec postgres = postgresSpec();
        postgres.otherTables.clear();
        m_engine->setRate(50'000);
        m_engine->addCapture(postgres);
        m_engine->addCapture(mysqlOutboxSpec());
        m_engine->setStreaming(QStringLiteral("postgres-outbox"), true);
        m_engine->setStreaming(QStringLiteral("mysql-outbox"), true);
        QVERIFY(m_engine->start().ok());
        QElapsedTimer timer;
        timer.start();
        QTest::qWait(1000);
        const double seconds = double(timer.elapsed()) / 1000;
        // The databases write 25,000 changes/s each, whatever this machine can emit of them.
        for (const SourceStats &s : m_engine->stats())
            qInfo("%s: %lld emitted, %lld behind after %.2f s", qPrintable(s.connector), s.emitted, s.backlog, seconds);
        for (const SourceStats &s : m_engine->stats()) {
            const double written = double(s.emitted + s.backlog);
            QVERIFY2(written > 25'000 * seconds * 0.7 && written < 25'000 * seconds * 1.1,
                     qPrintable(QStringLiteral("%1: %2 in %3 s").arg(s.connector).arg(written).arg(seconds)));
            QVERIFY(s.emitted > 0);
        }
        timer.restart();
        m_engine->stop();
        // Joining and flushing take at most the half second flush() is given, plus shutting the client.
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        m_engine->stop(); // twice is fine
    }

    void withoutABrokerTheEngineDoesNotStart()
    {
        m_kafka->stop();
        const auto started = m_engine->start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().what.contains(QLatin1String("does not answer")),
                 qPrintable(started.error().toString()));
        QVERIFY(started.error().where.startsWith(QLatin1String("127.0.0.1:")));
        m_engine->stop(); // not running: nothing to do
    }

    void theLagSamplerReportsTheRealSamplersSeries()
    {
        qRegisterMetaType<cdc::lag::SeriesKey>();
        m_engine->setRate(100);
        m_engine->addCapture(postgresSpec());
        m_engine->addCapture(mysqlOutboxSpec());
        QVERIFY(m_engine->start().ok());
        SandboxLagSampler sampler(m_engine.get(), {{QStringLiteral("postgres-outbox"), QStringLiteral("node-pg")}});
        QSignalSpy sampled(&sampler, &cdc::lag::LagSampler::sampled);
        sampler.start(100);
        QTRY_VERIFY(sampled.size() >= 4);
        sampler.stop();
        QMap<QString, cdc::lag::SeriesKey> keys;
        for (const QList<QVariant> &signal : sampled) {
            const auto key = signal.at(0).value<cdc::lag::SeriesKey>();
            keys.insert(key.id, key);
            QVERIFY(signal.at(1).toLongLong() > 1'700'000'000'000);
            QVERIFY(signal.at(2).toDouble() >= 0);
        }
        QCOMPARE(keys.size(), 2);
        const cdc::lag::SeriesKey slot = keys.value(QStringLiteral("pg-slot:outbox_pg"));
        QCOMPARE(slot.label, QStringLiteral("PostgreSQL slot outbox_pg"));
        QCOMPARE(slot.unit, cdc::lag::LagUnit::Bytes);
        QCOMPARE(slot.databaseKind, QStringLiteral("postgres"));
        QCOMPARE(slot.nodeId, QStringLiteral("node-pg"));
        const cdc::lag::SeriesKey mysql = keys.value(QStringLiteral("mysql-ms:mysql-outbox"));
        QCOMPARE(mysql.label, QStringLiteral("MySQL connector mysql-outbox"));
        QCOMPARE(mysql.unit, cdc::lag::LagUnit::Milliseconds);
        QCOMPARE(mysql.databaseKind, QStringLiteral("mysql"));
        QCOMPARE(mysql.nodeId, QString());
        // Nothing streams: the last PostgreSQL sample is the growing backlog in bytes.
        double last = -1;
        for (const QList<QVariant> &signal : sampled) {
            if (signal.at(0).value<cdc::lag::SeriesKey>().id == slot.id)
                last = signal.at(2).toDouble();
        }
        QVERIFY(last > 0);
        QCOMPARE(qint64(last) % EventGenerator::averageWalBytesPerChange, 0);
    }

private:
    std::unique_ptr<MockKafka> m_kafka;
    std::unique_ptr<SandboxEngine> m_engine;
};

QTEST_GUILESS_MAIN(TstSandboxEngine)
#include "tst_sandboxengine.moc"
