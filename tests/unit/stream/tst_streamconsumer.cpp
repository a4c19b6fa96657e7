// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of StreamConsumer against librdkafka's mock cluster: subscription by pattern and by list, start
// positions, headers and tombstones, no-group mode committing nothing, broker loss and return, topics
// created after start, group mode, secret references and configuration errors.
#include "core/secretreference.h"
#include "stream/streamconsumer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace cdc::stream;
using cdc::resolveSecretReference;
using State = StreamConsumer::State;

namespace {

using OptionalText = std::optional<std::string>;
using Headers = std::vector<std::pair<std::string, OptionalText>>;

struct Received
{
    std::string topic;
    qint32 partition = 0;
    qint64 offset = 0;
    qint64 timestampMs = -1;
    std::string key;
    OptionalText value;
    Headers headers;
    bool afterGap = false;
};

// Copies every message under a lock (the views die when deliver() returns).
class CollectingSink : public MessageSink
{
public:
    void deliver(std::span<const RawMessage> batch) override
    {
        std::lock_guard lock(m_mutex);
        for (const RawMessage &m : batch) {
            Received r{std::string(m.topic),
                       m.partition,
                       m.offset,
                       m.timestampMs,
                       std::string(m.key),
                       m.value ? OptionalText(std::string(m.value, m.valueLength)) : std::nullopt,
                       {},
                       m.afterGap};
            for (const RawHeader &h : m.headers)
                r.headers.emplace_back(std::string(h.name),
                                       h.value ? OptionalText(std::string(h.value, h.valueLength)) : std::nullopt);
            m_received.push_back(std::move(r));
        }
    }
    void idle() override { ++m_idleCalls; }

    int count() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_received.size());
    }
    std::vector<Received> received() const
    {
        std::lock_guard lock(m_mutex);
        return m_received;
    }
    // "topic[partition]@offset" of everything received, in arrival order.
    QStringList positions() const
    {
        QStringList list;
        for (const Received &r : received())
            list << QStringLiteral("%1[%2]@%3").arg(QString::fromStdString(r.topic)).arg(r.partition).arg(r.offset);
        return list;
    }
    int idleCalls() const { return m_idleCalls.load(); }

private:
    mutable std::mutex m_mutex;
    std::vector<Received> m_received;
    std::atomic<int> m_idleCalls{0};
};

// A one-broker mock cluster and a producer connected to it.
class MockKafka
{
public:
    MockKafka()
    {
        char errstr[512];
        rd_kafka_conf_t *ownerConf = rd_kafka_conf_new();
        rd_kafka_conf_set(ownerConf, "log_level", "3", errstr, sizeof errstr);
        m_owner = rd_kafka_new(RD_KAFKA_PRODUCER, ownerConf, errstr, sizeof errstr);
        m_cluster = rd_kafka_mock_cluster_new(m_owner, 1);
        m_bootstraps = rd_kafka_mock_cluster_bootstraps(m_cluster);
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", m_bootstraps.c_str(), errstr, sizeof errstr);
        rd_kafka_conf_set(conf, "linger.ms", "0", errstr, sizeof errstr);
        rd_kafka_conf_set(conf, "log_level", "2", errstr, sizeof errstr); // the broker-down test is noisy
        rd_kafka_conf_set(conf, "reconnect.backoff.max.ms", "500", errstr, sizeof errstr);
        rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *m, void *opaque) {
            if (m->err)
                ++*static_cast<std::atomic<int> *>(opaque);
        });
        rd_kafka_conf_set_opaque(conf, &m_deliveryErrors);
        m_producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    }
    ~MockKafka()
    {
        rd_kafka_destroy(m_producer);
        rd_kafka_mock_cluster_destroy(m_cluster);
        rd_kafka_destroy(m_owner);
    }

    QString bootstraps() const { return QString::fromStdString(m_bootstraps); }
    rd_kafka_mock_cluster_t *cluster() const { return m_cluster; }
    rd_kafka_t *producer() const { return m_producer; }

    void createTopic(const char *topic, int partitions)
    {
        QCOMPARE(rd_kafka_mock_topic_create(m_cluster, topic, partitions, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    }

    // Queues one message (`timestampMs` 0: the producer's clock); flush() sends.
    bool produce(const char *topic, int partition, const OptionalText &key, const OptionalText &value,
                 const Headers &headers = {}, qint64 timestampMs = 0)
    {
        rd_kafka_headers_t *hdrs = rd_kafka_headers_new(headers.size());
        for (const auto &[name, v] : headers)
            rd_kafka_header_add(hdrs, name.c_str(), -1, v ? v->data() : nullptr, v ? ssize_t(v->size()) : 0);
        // The RD_KAFKA_V_* macros cast their arguments without parentheses: pass plain variables.
        const void *keyData = key ? key->data() : nullptr;
        const std::size_t keySize = key ? key->size() : 0;
        void *valueData = value ? const_cast<char *>(value->data()) : nullptr;
        const std::size_t valueSize = value ? value->size() : 0;
        const rd_kafka_resp_err_t err =
            rd_kafka_producev(m_producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(keyData, keySize),
                              RD_KAFKA_V_VALUE(valueData, valueSize), RD_KAFKA_V_HEADERS(hdrs),
                              RD_KAFKA_V_TIMESTAMP(timestampMs), RD_KAFKA_V_END);
        if (err)
            rd_kafka_headers_destroy(hdrs);
        return err == RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    bool produce(const char *topic, int partition, const std::string &value)
    {
        return produce(topic, partition, std::string("k"), value);
    }
    // Waits until everything queued is acknowledged; true when nothing failed.
    bool flush()
    {
        return rd_kafka_flush(m_producer, 30000) == RD_KAFKA_RESP_ERR_NO_ERROR && m_deliveryErrors.load() == 0;
    }

    // The offsets `groupId` has committed for the partitions (RD_KAFKA_OFFSET_INVALID: none), as a
    // separate client sees them.
    std::vector<qint64> committed(const QString &groupId, const std::vector<std::pair<std::string, int>> &partitions)
    {
        char errstr[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", m_bootstraps.c_str(), errstr, sizeof errstr);
        rd_kafka_conf_set(conf, "group.id", groupId.toUtf8().constData(), errstr, sizeof errstr);
        rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(int(partitions.size()));
        for (const auto &[topic, partition] : partitions)
            rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
        std::vector<qint64> offsets;
        if (rd_kafka_committed(consumer, list, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            for (int i = 0; i < list->cnt; ++i)
                offsets.push_back(list->elems[i].err ? -2000 : list->elems[i].offset);
        }
        rd_kafka_topic_partition_list_destroy(list);
        rd_kafka_consumer_close(consumer);
        rd_kafka_destroy(consumer);
        return offsets;
    }

    // Whether this mock cluster answers ListOffsets by timestamp (librdkafka 2.0.2's does not).
    bool looksUpTimestamps(const char *topic, qint64 timestampMs, qint64 expectedOffset)
    {
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, topic, 0)->offset = timestampMs;
        const bool ok = rd_kafka_offsets_for_times(m_producer, list, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR &&
                        list->elems[0].offset == expectedOffset;
        rd_kafka_topic_partition_list_destroy(list);
        return ok;
    }

private:
    rd_kafka_t *m_owner = nullptr;
    rd_kafka_mock_cluster_t *m_cluster = nullptr;
    rd_kafka_t *m_producer = nullptr;
    std::string m_bootstraps;
    std::atomic<int> m_deliveryErrors{0};
};

// Records what the consumer reports, on the test's thread (the signals arrive queued).
class Observer : public QObject
{
public:
    explicit Observer(StreamConsumer *consumer)
    {
        connect(consumer, &StreamConsumer::stateChanged, this, [this](State state, const QString &message) {
            states << state;
            messages << message;
        });
        connect(consumer, &StreamConsumer::partitionsAssigned, this,
                [this](const QStringList &partitions) { assigned = partitions; });
    }
    QList<State> states;
    QStringList messages;
    QStringList assigned;
};

} // namespace

class TestStreamConsumer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MockKafka> m_kafka;

    ConsumerSettings settings(ConsumerSettings::Start start = ConsumerSettings::Start::Beginning) const
    {
        ConsumerSettings s;
        s.bootstrapServers = m_kafka->bootstraps();
        s.start = start;
        s.metadataRefreshMs = 300;
        return s;
    }

private Q_SLOTS:
    void init() { m_kafka = std::make_unique<MockKafka>(); }
    void cleanup() { m_kafka.reset(); }

    void regexSubscriptionFindsMatchingTopics()
    {
        m_kafka->createTopic("outbox.event.postgres.order", 1);
        m_kafka->createTopic("outbox.event.mysql.order", 2);
        m_kafka->createTopic("other.topic", 1);
        QVERIFY(m_kafka->produce("outbox.event.postgres.order", 0, "p0"));
        QVERIFY(m_kafka->produce("outbox.event.mysql.order", 0, "m0"));
        QVERIFY(m_kafka->produce("outbox.event.mysql.order", 1, "m1"));
        QVERIFY(m_kafka->produce("other.topic", 0, "x"));
        QVERIFY(m_kafka->flush());

        CollectingSink sink;
        StreamConsumer consumer(settings(), &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(
            observer.assigned,
            (QStringList{QStringLiteral("outbox.event.mysql.order[0]"), QStringLiteral("outbox.event.mysql.order[1]"),
                         QStringLiteral("outbox.event.postgres.order[0]")}),
            15000);
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 3, 15000);
        QStringList positions = sink.positions();
        positions.sort();
        QCOMPARE(positions, (QStringList{QStringLiteral("outbox.event.mysql.order[0]@0"),
                                         QStringLiteral("outbox.event.mysql.order[1]@0"),
                                         QStringLiteral("outbox.event.postgres.order[0]@0")}));
        QCOMPARE(consumer.state(), State::Connected);
        QCOMPARE(observer.states.first(), State::Connecting);
        QVERIFY(observer.states.contains(State::Connected));
        QCOMPARE(consumer.counters().messages, 3);
        QCOMPARE(consumer.counters().bytes, 3 * (1 + 2));
        QTRY_VERIFY_WITH_TIMEOUT(sink.idleCalls() > 0, 5000);
        consumer.stop();
        QCOMPARE(consumer.state(), State::Stopped);
        QCOMPARE(observer.states.last(), State::Stopped);
    }

    void explicitTopicList()
    {
        m_kafka->createTopic("a.topic", 1);
        m_kafka->createTopic("b.topic", 1);
        m_kafka->createTopic("c.topic", 1);
        QVERIFY(m_kafka->produce("a.topic", 0, "a"));
        QVERIFY(m_kafka->produce("b.topic", 0, "b"));
        QVERIFY(m_kafka->produce("c.topic", 0, "c"));
        QVERIFY(m_kafka->flush());
        ConsumerSettings s = settings();
        s.topics = QStringList{QStringLiteral("a.topic"), QStringLiteral("b.topic")};
        CollectingSink sink;
        StreamConsumer consumer(s, &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(observer.assigned,
                                  (QStringList{QStringLiteral("a.topic[0]"), QStringLiteral("b.topic[0]")}), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 2, 15000);
        QStringList positions = sink.positions();
        positions.sort();
        QCOMPARE(positions, (QStringList{QStringLiteral("a.topic[0]@0"), QStringLiteral("b.topic[0]@0")}));
    }

    void unknownExactTopicFails()
    {
        m_kafka->createTopic("a.topic", 1);
        ConsumerSettings s = settings();
        s.topics = QStringList{QStringLiteral("a.topic"), QStringLiteral("missing.topic")};
        CollectingSink sink;
        StreamConsumer consumer(s, &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(consumer.state(), State::Failed, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(observer.states.last(), State::Failed, 5000);
        QCOMPARE(observer.messages.last(),
                 QStringLiteral("Topic not found on %1: missing.topic").arg(m_kafka->bootstraps()));
        QVERIFY(!observer.states.contains(State::Connected));
    }

    void startAtEndSeesOnlyLaterMessages()
    {
        m_kafka->createTopic("outbox.event.end", 2);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(m_kafka->produce("outbox.event.end", 0, "old"));
            QVERIFY(m_kafka->produce("outbox.event.end", 1, "old"));
        }
        QVERIFY(m_kafka->flush());
        CollectingSink sink;
        StreamConsumer consumer(settings(ConsumerSettings::Start::End), &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(observer.assigned.size(), 2, 15000);
        QVERIFY(m_kafka->produce("outbox.event.end", 0, "new"));
        QVERIFY(m_kafka->produce("outbox.event.end", 1, "new"));
        QVERIFY(m_kafka->flush());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 2, 15000);
        QStringList positions = sink.positions();
        positions.sort();
        QCOMPARE(positions,
                 (QStringList{QStringLiteral("outbox.event.end[0]@3"), QStringLiteral("outbox.event.end[1]@3")}));
        for (const Received &r : sink.received())
            QCOMPARE(r.value, OptionalText("new"));
    }

    void startAtBeginningSeesEverything()
    {
        m_kafka->createTopic("outbox.event.begin", 1);
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_kafka->produce("outbox.event.begin", 0, std::to_string(i)));
        QVERIFY(m_kafka->flush());
        CollectingSink sink;
        StreamConsumer consumer(settings(ConsumerSettings::Start::Beginning), &sink);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 3, 15000);
        const std::vector<Received> received = sink.received();
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(received[i].offset, i);
            QCOMPARE(received[i].value, OptionalText(std::to_string(i)));
        }
    }

    void startAtOffset()
    {
        m_kafka->createTopic("outbox.event.offset", 1);
        for (int i = 0; i < 5; ++i)
            QVERIFY(m_kafka->produce("outbox.event.offset", 0, std::to_string(i)));
        QVERIFY(m_kafka->flush());
        ConsumerSettings s = settings(ConsumerSettings::Start::Offset);
        s.startOffset = 2;
        CollectingSink sink;
        StreamConsumer consumer(s, &sink);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 3, 15000);
        QCOMPARE(sink.positions(),
                 (QStringList{QStringLiteral("outbox.event.offset[0]@2"), QStringLiteral("outbox.event.offset[0]@3"),
                              QStringLiteral("outbox.event.offset[0]@4")}));

        // An offset past the end is clamped to the end: only what comes later arrives.
        s.startOffset = 100;
        CollectingSink laterSink;
        StreamConsumer later(s, &laterSink);
        Observer observer(&later);
        QVERIFY(later.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(observer.assigned, QStringList{QStringLiteral("outbox.event.offset[0]")}, 15000);
        QVERIFY(m_kafka->produce("outbox.event.offset", 0, "5"));
        QVERIFY(m_kafka->flush());
        QTRY_COMPARE_WITH_TIMEOUT(laterSink.count(), 1, 15000);
        QCOMPARE(laterSink.positions(), QStringList{QStringLiteral("outbox.event.offset[0]@5")});
        QCOMPARE(later.counters().gaps, 0);
    }

    void startAtTimestamp()
    {
        m_kafka->createTopic("outbox.event.time", 1);
        QVERIFY(m_kafka->produce("outbox.event.time", 0, std::string("k"), std::string("t1"), {}, 1000));
        QVERIFY(m_kafka->produce("outbox.event.time", 0, std::string("k"), std::string("t2"), {}, 2000));
        QVERIFY(m_kafka->produce("outbox.event.time", 0, std::string("k"), std::string("t3"), {}, 3000));
        QVERIFY(m_kafka->flush());

        // After every message: only later ones arrive.
        ConsumerSettings s = settings(ConsumerSettings::Start::Timestamp);
        s.startTimestampMs = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        CollectingSink sink;
        StreamConsumer consumer(s, &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(observer.assigned, QStringList{QStringLiteral("outbox.event.time[0]")}, 15000);
        QVERIFY(m_kafka->produce("outbox.event.time", 0, std::string("k"), std::string("t4"), {}, 4000));
        QVERIFY(m_kafka->flush());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 1, 15000);
        QCOMPARE(sink.received()[0].offset, 3);
        QCOMPARE(sink.received()[0].timestampMs, 4000);
        consumer.stop();

        if (!m_kafka->looksUpTimestamps("outbox.event.time", 2000, 1))
            QSKIP("This librdkafka's mock cluster does not look up offsets by timestamp (ListOffsets answers -1)");
        s.startTimestampMs = 1500;
        CollectingSink fromTime;
        StreamConsumer fromTimeConsumer(s, &fromTime);
        QVERIFY(fromTimeConsumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(fromTime.count(), 3, 15000);
        QCOMPARE(fromTime.received()[0].offset, 1);
        QCOMPARE(fromTime.received()[0].timestampMs, 2000);
    }

    void headersAndTombstonesArriveIntact()
    {
        m_kafka->createTopic("outbox.event.headers", 1);
        const Headers headers{{"id", OptionalText("42")}, {"empty", std::nullopt}, {"id", OptionalText("43")}};
        QVERIFY(m_kafka->produce("outbox.event.headers", 0, std::string("key-1"), std::string("{\"a\":1}"), headers,
                                 1700000000123));
        QVERIFY(m_kafka->produce("outbox.event.headers", 0, std::string("key-1"), std::nullopt, {}, 1700000000124));
        QVERIFY(m_kafka->flush());
        CollectingSink sink;
        StreamConsumer consumer(settings(), &sink);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 2, 15000);
        const std::vector<Received> received = sink.received();
        QCOMPARE(received[0].key, std::string("key-1"));
        QCOMPARE(received[0].value, OptionalText("{\"a\":1}"));
        QCOMPARE(received[0].timestampMs, 1700000000123);
        QVERIFY(received[0].headers == headers);
        QVERIFY(!received[0].afterGap);
        QCOMPARE(received[1].key, std::string("key-1"));
        QCOMPARE(received[1].value, std::nullopt);
        QCOMPARE(received[1].timestampMs, 1700000000124);
        QVERIFY(received[1].headers.empty());
        QCOMPARE(consumer.counters().bytes, qint64(5 + 7 + 5));
    }

    void noGroupModeCommitsNothing()
    {
        m_kafka->createTopic("outbox.event.nogroup", 2);
        for (int i = 0; i < 4; ++i)
            QVERIFY(m_kafka->produce("outbox.event.nogroup", i % 2, std::to_string(i)));
        QVERIFY(m_kafka->flush());
        CollectingSink sink;
        StreamConsumer consumer(settings(), &sink);
        QVERIFY(consumer.effectiveGroupId().isEmpty());
        QVERIFY(consumer.start().ok());
        const QString groupId = consumer.effectiveGroupId();
        QVERIFY(groupId.startsWith(QStringLiteral("cdc-studio-watch-")));
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 4, 15000);
        consumer.stop(); // a closing consumer with auto-commit would commit now
        QCOMPARE(m_kafka->committed(groupId, {{"outbox.event.nogroup", 0}, {"outbox.event.nogroup", 1}}),
                 (std::vector<qint64>{RD_KAFKA_OFFSET_INVALID, RD_KAFKA_OFFSET_INVALID}));
    }

    void groupModeConsumesAndCommits()
    {
        m_kafka->createTopic("outbox.event.group", 1);
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_kafka->produce("outbox.event.group", 0, std::to_string(i)));
        QVERIFY(m_kafka->flush());
        ConsumerSettings s = settings();
        s.groupId = QStringLiteral("cdc-test-group");
        // The mock coordinator may wait a whole session for a member that rejoined during its first join
        // (librdkafka rejoins when the subscribed topics' metadata arrives): keep sessions short.
        s.extra.insert(QStringLiteral("session.timeout.ms"), QStringLiteral("6000"));
        s.extra.insert(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("1000"));
        CollectingSink sink;
        StreamConsumer consumer(s, &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QCOMPARE(consumer.effectiveGroupId(), QStringLiteral("cdc-test-group"));
        QTRY_COMPARE_WITH_TIMEOUT(observer.assigned, QStringList{QStringLiteral("outbox.event.group[0]")}, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 3, 30000);
        QCOMPARE(sink.positions(),
                 (QStringList{QStringLiteral("outbox.event.group[0]@0"), QStringLiteral("outbox.event.group[0]@1"),
                              QStringLiteral("outbox.event.group[0]@2")}));
        QCOMPARE(consumer.state(), State::Connected);
        consumer.stop(); // closing commits the group's position
        QCOMPARE(m_kafka->committed(QStringLiteral("cdc-test-group"), {{"outbox.event.group", 0}}),
                 std::vector<qint64>{3});
    }

    void groupModeStopsPromptlyWithBrokerDown()
    {
        m_kafka->createTopic("outbox.event.groupdown", 1);
        QVERIFY(m_kafka->produce("outbox.event.groupdown", 0, "0"));
        QVERIFY(m_kafka->flush());
        ConsumerSettings s = settings();
        s.groupId = QStringLiteral("cdc-test-group-down");
        // The mock coordinator may wait a whole session for a member that rejoined during its first join
        // (librdkafka rejoins when the subscribed topics' metadata arrives): keep sessions short.
        s.extra.insert(QStringLiteral("session.timeout.ms"), QStringLiteral("6000"));
        s.extra.insert(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("1000"));
        CollectingSink sink;
        StreamConsumer consumer(s, &sink);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 1, 30000);
        QCOMPARE(rd_kafka_mock_broker_set_down(m_kafka->cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
        QTRY_COMPARE_WITH_TIMEOUT(consumer.state(), State::BrokerDown, 30000);
        QElapsedTimer timer;
        timer.start();
        consumer.stop(); // leaving the group cannot reach the coordinator
        qInfo("group stop() with the broker down took %lld ms", timer.elapsed());
        QVERIFY2(timer.elapsed() < 5000, "stop() hangs while the broker is down");
        QCOMPARE(consumer.state(), State::Stopped);
    }

    void brokerDownAndUpDeliversEverythingOnce()
    {
        m_kafka->createTopic("outbox.event.flaky", 2);
        for (int i = 0; i < 10; ++i)
            QVERIFY(m_kafka->produce("outbox.event.flaky", i % 2, std::to_string(i)));
        QVERIFY(m_kafka->flush());
        CollectingSink sink;
        StreamConsumer consumer(settings(), &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 10, 15000);
        QCOMPARE(consumer.state(), State::Connected);

        QCOMPARE(rd_kafka_mock_broker_set_down(m_kafka->cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
        QTRY_COMPARE_WITH_TIMEOUT(consumer.state(), State::BrokerDown, 30000);
        for (int i = 10; i < 20; ++i)
            QVERIFY(m_kafka->produce("outbox.event.flaky", i % 2, std::to_string(i)));
        QCOMPARE(rd_kafka_mock_broker_set_up(m_kafka->cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(m_kafka->flush());
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 20, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(consumer.state(), State::Connected, 30000);

        std::map<int, std::vector<qint64>> offsets;
        std::map<int, std::vector<std::string>> values;
        for (const Received &r : sink.received()) {
            offsets[r.partition].push_back(r.offset);
            values[r.partition].push_back(*r.value);
            QVERIFY(!r.afterGap);
        }
        for (int partition = 0; partition < 2; ++partition) {
            QCOMPARE(offsets[partition], (std::vector<qint64>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
            for (int i = 0; i < 10; ++i)
                QCOMPARE(values[partition][std::size_t(i)], std::to_string(2 * i + partition));
        }
        QCOMPARE(consumer.counters().messages, 20);
        QCOMPARE(consumer.counters().duplicatesSkipped, 0);
        QCOMPARE(consumer.counters().gaps, 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            observer.states.lastIndexOf(State::Connected) > observer.states.indexOf(State::BrokerDown), 5000);
        QVERIFY(observer.states.indexOf(State::BrokerDown) > observer.states.indexOf(State::Connected));

        // Stopping while the broker is away does not hang.
        QCOMPARE(rd_kafka_mock_broker_set_down(m_kafka->cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
        QTRY_COMPARE_WITH_TIMEOUT(consumer.state(), State::BrokerDown, 30000);
        QElapsedTimer timer;
        timer.start();
        consumer.stop();
        qInfo("stop() with the broker down took %lld ms", timer.elapsed());
        QVERIFY2(timer.elapsed() < 5000, "stop() hangs while the broker is down");
        QCOMPARE(consumer.state(), State::Stopped);
    }

    void newTopicAfterStartIsPickedUp()
    {
        m_kafka->createTopic("outbox.event.first", 1);
        CollectingSink sink;
        StreamConsumer consumer(settings(ConsumerSettings::Start::End), &sink);
        Observer observer(&consumer);
        QVERIFY(consumer.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(observer.assigned, QStringList{QStringLiteral("outbox.event.first[0]")}, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(consumer.state(), State::Connected, 15000);

        // Created and written before the consumer's next look: nothing is missed even though it starts at the end.
        m_kafka->createTopic("outbox.event.second", 2);
        QVERIFY(m_kafka->produce("outbox.event.second", 0, "s0"));
        QVERIFY(m_kafka->produce("outbox.event.second", 1, "s1"));
        QVERIFY(m_kafka->produce("outbox.event.second", 0, "s2"));
        QVERIFY(m_kafka->flush());
        QTRY_COMPARE_WITH_TIMEOUT(
            observer.assigned,
            (QStringList{QStringLiteral("outbox.event.first[0]"), QStringLiteral("outbox.event.second[0]"),
                         QStringLiteral("outbox.event.second[1]")}),
            15000);
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 3, 15000);
        QStringList positions = sink.positions();
        positions.sort();
        QCOMPARE(positions,
                 (QStringList{QStringLiteral("outbox.event.second[0]@0"), QStringLiteral("outbox.event.second[0]@1"),
                              QStringLiteral("outbox.event.second[1]@0")}));
    }

    void resolvesSecretReferences()
    {
        QCOMPARE(resolveSecretReference(QStringLiteral("plain-secret")).value(), QStringLiteral("plain-secret"));
        QCOMPARE(resolveSecretReference(QStringLiteral("${vault:x}")).value(), QStringLiteral("${vault:x}"));

        qputenv("CDC_TEST_SECRET", "s3cr3t=with=equals");
        QCOMPARE(resolveSecretReference(QStringLiteral("${env:CDC_TEST_SECRET}")).value(),
                 QStringLiteral("s3cr3t=with=equals"));
        qunsetenv("CDC_TEST_SECRET_UNSET");
        const cdc::Result<QString> unset = resolveSecretReference(QStringLiteral("${env:CDC_TEST_SECRET_UNSET}"));
        QVERIFY(!unset.ok());
        QCOMPARE(unset.error().what, QStringLiteral("The environment variable CDC_TEST_SECRET_UNSET is not set."));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("kafka.properties"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# credentials\nsasl.username = alice\nsasl.password=p@ss:word=1\n\n");
        file.close();
        QCOMPARE(resolveSecretReference(QStringLiteral("${file:%1:sasl.password}").arg(path)).value(),
                 QStringLiteral("p@ss:word=1"));
        QCOMPARE(resolveSecretReference(QStringLiteral("${file:%1:sasl.username}").arg(path)).value(),
                 QStringLiteral("alice"));

        const cdc::Result<QString> missingKey = resolveSecretReference(QStringLiteral("${file:%1:token}").arg(path));
        QVERIFY(!missingKey.ok());
        QCOMPARE(missingKey.error().where, path);
        QCOMPARE(missingKey.error().what, QStringLiteral("The secrets file has no key \"token\"."));
        QVERIFY(!missingKey.error().toString().contains(QStringLiteral("p@ss")));

        const QString absent = dir.filePath(QStringLiteral("absent.properties"));
        const cdc::Result<QString> missingFile = resolveSecretReference(QStringLiteral("${file:%1:key}").arg(absent));
        QVERIFY(!missingFile.ok());
        QCOMPARE(missingFile.error().where, absent);
        QVERIFY(missingFile.error().what.startsWith(QStringLiteral("Cannot read the secrets file")));

        QVERIFY(!resolveSecretReference(QStringLiteral("${file:nokey}")).ok());
    }

    void configurationErrorsNameTheProperty()
    {
        CollectingSink sink;
        ConsumerSettings s = settings();
        s.extra.insert(QStringLiteral("no.such.property"), QStringLiteral("1"));
        StreamConsumer consumer(s, &sink);
        const cdc::Result<void> result = consumer.start();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, QStringLiteral("no.such.property"));
        QVERIFY2(
            result.error().what.startsWith(QStringLiteral("librdkafka does not accept the property no.such.property")),
            qPrintable(result.error().what));
        QCOMPARE(consumer.state(), State::Stopped);

        ConsumerSettings badValue = settings();
        badValue.securityProtocol = QStringLiteral("carrier_pigeon");
        StreamConsumer second(badValue, &sink);
        const cdc::Result<void> secondResult = second.start();
        QVERIFY(!secondResult.ok());
        QCOMPARE(secondResult.error().where, QStringLiteral("security.protocol"));

        ConsumerSettings unsetPassword = settings();
        unsetPassword.securityProtocol = QStringLiteral("sasl_plaintext");
        unsetPassword.saslMechanism = QStringLiteral("SCRAM-SHA-512");
        unsetPassword.saslUsername = QStringLiteral("alice");
        unsetPassword.saslPasswordReference = QStringLiteral("${env:CDC_TEST_SECRET_UNSET}");
        StreamConsumer third(unsetPassword, &sink);
        const cdc::Result<void> thirdResult = third.start();
        QVERIFY(!thirdResult.ok());
        QCOMPARE(thirdResult.error().where, QStringLiteral("${env:CDC_TEST_SECRET_UNSET}"));

        ConsumerSettings badPattern = settings();
        badPattern.topicRegex = QStringLiteral("^outbox(");
        StreamConsumer fourth(badPattern, &sink);
        QVERIFY(!fourth.start().ok());
    }
};

QTEST_GUILESS_MAIN(TestStreamConsumer)
#include "tst_streamconsumer.moc"
