// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the sandbox's simulated unified consumer on a real in-process Sandbox with the capstone
// deployed: it starts with the deploy, its rows come from both databases with their source_database and
// composite key and no event twice, it writes the unified topic as the job's Kafka sink would, Stop and
// Run go on without repeats, a redelivered outbox event is dropped, the same-id burst gives PG-n and MY-n,
// a failed task stops its database's rows, and the ConsumerService shows it all as it shows the job.
#include "consumer/consumerservice.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxconsumer.h"
#include "sandbox/sandboxengine.h"
#include "topology/projectfile.h"
#include "topology/templates.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <librdkafka/rdkafka.h>
#include <nlohmann/json.hpp>

#include <map>
#include <vector>

using namespace cdc;
using consumer::JobState;
using consumer::UnifiedRow;
using sandbox::SandboxConsumer;

namespace {

const QString kNodeId = QStringLiteral("consumer-pyflink"); // the capstone's consumer node

struct Record
{
    QByteArray key;
    QByteArray value;
};

// Everything a topic holds, read from the beginning by a consumer of no group.
std::vector<Record> readTopic(const QString &bootstrap, const QByteArray &topic)
{
    char error[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
    rd_kafka_conf_set(conf, "group.id", "tst-sandboxconsumer", error, sizeof error);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", error, sizeof error);
    rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
    rd_kafka_poll_set_consumer(consumer);
    std::map<int, qint64> remaining; // partition → its end offset
    rd_kafka_topic_partition_list_t *assignment = rd_kafka_topic_partition_list_new(4);
    rd_kafka_topic_t *handle = rd_kafka_topic_new(consumer, topic.constData(), nullptr);
    const rd_kafka_metadata_t *metadata = nullptr;
    if (rd_kafka_metadata(consumer, 0, handle, &metadata, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        for (int p = 0; p < metadata->topics[0].partition_cnt; ++p) {
            int64_t low = 0, high = 0;
            rd_kafka_query_watermark_offsets(consumer, topic.constData(), p, &low, &high, 5000);
            if (high > low) {
                remaining[p] = high;
                rd_kafka_topic_partition_list_add(assignment, topic.constData(), p)->offset = low;
            }
        }
        rd_kafka_metadata_destroy(metadata);
    }
    rd_kafka_topic_destroy(handle);
    rd_kafka_assign(consumer, assignment);
    rd_kafka_topic_partition_list_destroy(assignment);
    std::vector<Record> records;
    QElapsedTimer timer;
    timer.start();
    while (!remaining.empty() && timer.elapsed() < 20'000) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer, 100);
        if (!m)
            continue;
        if (!m->err) {
            records.push_back({QByteArray(static_cast<const char *>(m->key), qsizetype(m->key_len)),
                               QByteArray(static_cast<const char *>(m->payload), qsizetype(m->len))});
            const auto it = remaining.find(m->partition);
            if (it != remaining.end() && m->offset + 1 >= it->second)
                remaining.erase(it);
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    return records;
}

// Produces outbox events as a connector would: the key a JSON string, the id and eventType headers.
bool produceOutboxEvents(const QString &bootstrap, const QByteArray &topic, const QByteArray &key,
                         const QList<QPair<QByteArray, QByteArray>> &idsAndTypes)
{
    char error[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
    rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
    rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    bool ok = producer != nullptr;
    for (const auto &[id, type] : idsAndTypes) {
        rd_kafka_headers_t *headers = rd_kafka_headers_new(2);
        rd_kafka_header_add(headers, "id", -1, id.constData(), id.size());
        rd_kafka_header_add(headers, "eventType", -1, type.constData(), type.size());
        const QByteArray value = "{\"orderId\":" + key.mid(1, key.size() - 2) + '}';
        const char *topicName = topic.constData();
        void *keyData = const_cast<char *>(key.constData());
        const std::size_t keySize = std::size_t(key.size());
        void *valueData = const_cast<char *>(value.constData());
        const std::size_t valueSize = std::size_t(value.size());
        const rd_kafka_resp_err_t err =
            rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topicName), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                              RD_KAFKA_V_KEY(keyData, keySize), RD_KAFKA_V_VALUE(valueData, valueSize),
                              RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
        if (err) {
            rd_kafka_headers_destroy(headers);
            ok = false;
        }
    }
    if (producer) {
        ok = ok && rd_kafka_flush(producer, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR;
        rd_kafka_destroy(producer);
    }
    return ok;
}

QString eventKey(const UnifiedRow &row)
{
    return row.sourceDatabase + u'/' + row.eventId;
}

} // namespace

class TstSandboxConsumer : public QObject
{
    Q_OBJECT

    std::unique_ptr<sandbox::Sandbox> m_box;
    topology::Project m_project;
    QList<UnifiedRow> m_rows;
    QMetaObject::Connection m_collecting;

    SandboxConsumer *consumer() const { return m_box->unifiedConsumer(); }

    void collect()
    {
        consumer()->setRowsWanted(true);
        m_collecting = connect(consumer(), &SandboxConsumer::rowsAvailable, this,
                               [this] { m_rows.append(consumer()->takeRows()); });
    }

    qsizetype count(const QString &sourceDatabase) const
    {
        return std::count_if(m_rows.begin(), m_rows.end(),
                             [&](const UnifiedRow &r) { return r.sourceDatabase == sourceDatabase; });
    }

    qsizetype countKey(const QString &compositeKey) const
    {
        return std::count_if(m_rows.begin(), m_rows.end(),
                             [&](const UnifiedRow &r) { return r.compositeKey == compositeKey; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_box = std::make_unique<sandbox::Sandbox>();
        sandbox::Sandbox::Options options;
        options.rate = 400;
        auto started = m_box->start(options);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        QCOMPARE(consumer()->state(), JobState::Stopped); // not before a deploy
        collect();

        const topology::ProjectTemplate *capstone = topology::findTemplate(QStringLiteral("capstone"));
        QVERIFY(capstone);
        auto project = topology::loadTemplate(*capstone);
        QVERIFY(project);
        m_project = m_box->sandboxProject(project.value());
        std::optional<bool> deployed;
        m_box->deployProject(m_project, [&deployed](Result<void> r) { deployed = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(deployed.has_value(), 15'000);
        QVERIFY(*deployed);
    }

    void cleanupTestCase()
    {
        m_box->stop();
        QCOMPARE(consumer()->state(), JobState::Stopped);
        QCOMPARE(consumer()->takeRows().size(), qsizetype(0)); // a stopped sandbox's consumer holds nothing
    }

    void runsWithTheDeployOfAProjectWithAConsumer()
    {
        QTRY_COMPARE_WITH_TIMEOUT(consumer()->state(), JobState::Running, 10'000);
        QCOMPARE(consumer()->nodeId(), kNodeId);
        QCOMPARE(consumer()->sinkTopic(), QStringLiteral("unified.order"));
        QVERIFY(consumer()->failureReason().isEmpty());
    }

    void unifiedRowsFromBothSources()
    {
        QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("postgres")) >= 30 && count(QStringLiteral("mysql")) >= 30,
                                 15'000);
        static const QRegularExpression digits(QStringLiteral("^\\d+$"));
        static const QRegularExpression uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                                            "[0-9a-f]{12}$"));
        static const QRegularExpression instant(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$"));
        const QStringList types{QStringLiteral("OrderCreated"), QStringLiteral("OrderPaid"),
                                QStringLiteral("OrderShipped"), QStringLiteral("OrderCancelled")};
        QSet<QString> events;
        for (const UnifiedRow &r : std::as_const(m_rows)) {
            const QString what = r.compositeKey + u' ' + r.sourceDatabase + u' ' + r.eventId;
            QVERIFY2(r.sourceDatabase == QLatin1String("postgres") || r.sourceDatabase == QLatin1String("mysql"),
                     qPrintable(what));
            const QString prefix =
                r.sourceDatabase == QLatin1String("postgres") ? QStringLiteral("PG-") : QStringLiteral("MY-");
            QCOMPARE(r.compositeKey, prefix + r.aggregateId);
            QVERIFY2(digits.match(r.aggregateId).hasMatch(), qPrintable(what)); // no JSON quotes left
            QCOMPARE(r.aggregateType, QStringLiteral("order"));
            QVERIFY2(types.contains(r.eventType), qPrintable(what + u' ' + r.eventType));
            QVERIFY2(uuid.match(r.eventId).hasMatch(), qPrintable(what));
            QVERIFY2(instant.match(r.eventTime).hasMatch(), qPrintable(r.eventTime));
            // The payload as the job's raw value format reads it: the order, as JSON or as a JSON string of it.
            const QJsonDocument wrapped = QJsonDocument::fromJson('[' + r.payload.toUtf8() + ']');
            QJsonValue order = wrapped.array().at(0);
            if (order.isString())
                order = QJsonDocument::fromJson(order.toString().toUtf8()).object();
            QCOMPARE(QString::number(order.toObject().value(QStringLiteral("orderId")).toInteger()), r.aggregateId);
            QVERIFY2(!events.contains(eventKey(r)), qPrintable(QStringLiteral("twice: ") + what));
            events.insert(eventKey(r));
        }
        const SandboxConsumer::Counters counters = consumer()->counters();
        QCOMPARE(counters.duplicatesDropped, qint64(0));
        QCOMPARE(counters.rowsDropped, qint64(0));
    }

    void writesTheUnifiedTopicAsTheKafkaSink()
    {
        consumer()->stop();
        QCOMPARE(consumer()->state(), JobState::Stopped);
        m_rows.append(consumer()->takeRows());
        // What it produced reaches the broker after Stop too: every row is a record.
        QTRY_COMPARE_WITH_TIMEOUT(consumer()->recordsWritten(), qint64(m_rows.size()), 15'000);

        const std::vector<Record> records = readTopic(m_box->bootstrap(), QByteArrayLiteral("unified.order"));
        QCOMPARE(qsizetype(records.size()), m_rows.size());
        static const QRegularExpression sqlTime(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z$"));
        const std::vector<std::string> fields{"composite_key", "aggregate_id", "aggregate_type", "source_database",
                                              "event_type",    "event_id",     "event_time",     "payload"};
        QSet<QString> inTopic;
        for (const Record &record : records) {
            const auto json = nlohmann::ordered_json::parse(record.value.toStdString(), nullptr, false);
            QVERIFY2(json.is_object(), record.value.constData());
            std::vector<std::string> keys;
            for (const auto &item : json.items())
                keys.push_back(item.key());
            QVERIFY2(keys == fields, record.value.constData()); // Flink's order: the sink table's columns
            QCOMPARE(record.key, QByteArray::fromStdString(json["composite_key"].get<std::string>()));
            QVERIFY2(sqlTime.match(QString::fromStdString(json["event_time"].get<std::string>())).hasMatch(),
                     record.value.constData());
            inTopic.insert(QString::fromStdString(json["source_database"].get<std::string>()) + u'/' +
                           QString::fromStdString(json["event_id"].get<std::string>()));
        }
        QSet<QString> shown;
        for (const UnifiedRow &r : std::as_const(m_rows))
            shown.insert(eventKey(r));
        QCOMPARE(inTopic, shown);
    }

    void runAgainGoesOnWithoutRepeats()
    {
        QSet<QString> before;
        for (const UnifiedRow &r : std::as_const(m_rows))
            before.insert(eventKey(r));
        const qsizetype rowsBefore = m_rows.size();
        auto started = consumer()->start(m_project, kNodeId);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        QTRY_COMPARE_WITH_TIMEOUT(consumer()->state(), JobState::Running, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_rows.size() >= rowsBefore + 60, 15'000);
        for (qsizetype i = rowsBefore; i < m_rows.size(); ++i)
            QVERIFY2(!before.contains(eventKey(m_rows.at(i))), qPrintable(eventKey(m_rows.at(i))));
    }

    void dropsARedeliveredOutboxEvent()
    {
        // Debezium delivers at least once: the same outbox row (its id header) again, then a new one behind
        // it in the same partition (the same key), which says the copy was read.
        const auto original = std::find_if(m_rows.cbegin(), m_rows.cend(), [](const UnifiedRow &r) {
            return r.sourceDatabase == QLatin1String("postgres");
        });
        QVERIFY(original != m_rows.cend());
        const UnifiedRow copy = *original;
        const qint64 duplicatesBefore = consumer()->counters().duplicatesDropped;
        const QByteArray key = '"' + copy.aggregateId.toUtf8() + '"';
        QVERIFY(produceOutboxEvents(m_box->bootstrap(), QByteArrayLiteral("outbox.event.postgres.order"), key,
                                    {{copy.eventId.toUtf8(), copy.eventType.toUtf8()},
                                     {QByteArrayLiteral("tst-after-the-copy"), QByteArrayLiteral("OrderPaid")}}));
        const auto hasMarker = [this] {
            return std::any_of(m_rows.cbegin(), m_rows.cend(),
                               [](const UnifiedRow &r) { return r.eventId == QLatin1String("tst-after-the-copy"); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasMarker(), 10'000);
        QCOMPARE(qsizetype(std::count_if(m_rows.cbegin(), m_rows.cend(),
                                         [&](const UnifiedRow &r) { return eventKey(r) == eventKey(copy); })),
                 qsizetype(1));
        QCOMPARE(consumer()->counters().duplicatesDropped, duplicatesBefore + 1);
        const auto marker = std::find_if(m_rows.cbegin(), m_rows.cend(), [](const UnifiedRow &r) {
            return r.eventId == QLatin1String("tst-after-the-copy");
        });
        QCOMPARE(marker->compositeKey, QStringLiteral("PG-") + copy.aggregateId);
        QCOMPARE(marker->eventType, QStringLiteral("OrderPaid"));
    }

    // Issue 19: "the burst incident gives PG-42 and MY-42 as two rows".
    void sameIdBurstGivesPgAndMyRows()
    {
        // The connectors' own traffic held back, so that what comes is the burst's alone: the burst is
        // emitted at once by streaming connectors, whatever their throttle.
        m_box->engine()->setThrottle(0);
        const auto quiet = [this] {
            const auto stats = m_box->engine()->stats();
            return stats.size() == 2 && std::all_of(stats.begin(), stats.end(), [](const sandbox::SourceStats &s) {
                       return s.eventsPerSecond == 0;
                   });
        };
        QTRY_VERIFY_WITH_TIMEOUT(quiet(), 5'000);
        QSignalSpy burst(m_box.get(), &sandbox::Sandbox::burstSent);
        const Result<void> triggered = m_box->trigger(sandbox::Incident::SameIdBurst);
        QVERIFY2(triggered, qPrintable(triggered ? QString() : triggered.error().toString()));
        QCOMPARE(burst.count(), 1);
        const QString id = QString::number(burst.at(0).at(0).toLongLong());
        const qsizetype perDatabase = burst.at(0).at(1).toInt();
        QCOMPARE(perDatabase, qsizetype(25));
        const QString pg = QStringLiteral("PG-") + id;
        const QString my = QStringLiteral("MY-") + id;
        QTRY_VERIFY_WITH_TIMEOUT(countKey(pg) >= perDatabase && countKey(my) >= perDatabase, 10'000);
        QCOMPARE(countKey(pg), perDatabase);
        QCOMPARE(countKey(my), perDatabase);
        QMap<QString, QString> firstType; // per database
        for (const UnifiedRow &r : std::as_const(m_rows)) {
            if (r.aggregateId != id)
                continue;
            QVERIFY2(r.compositeKey == pg || r.compositeKey == my, qPrintable(r.compositeKey));
            QCOMPARE(r.sourceDatabase, r.compositeKey == pg ? QStringLiteral("postgres") : QStringLiteral("mysql"));
            if (!firstType.contains(r.sourceDatabase))
                firstType.insert(r.sourceDatabase, r.eventType);
        }
        // A new order in both databases: each begins with its creation.
        QCOMPARE(firstType.value(QStringLiteral("postgres")), QStringLiteral("OrderCreated"));
        QCOMPARE(firstType.value(QStringLiteral("mysql")), QStringLiteral("OrderCreated"));
        m_box->engine()->setThrottle(1.0);
    }

    void failedTaskStopsItsDatabasesRows()
    {
        QVERIFY(m_box->trigger(sandbox::Incident::TaskFailed));
        const auto pgStreaming = [this] {
            for (const sandbox::SourceStats &s : m_box->engine()->stats()) {
                if (s.kind == sandbox::SourceKind::Postgres)
                    return s.streaming;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!pgStreaming(), 10'000);
        // What PostgreSQL's connector emitted before it failed is read along with MySQL's next rows; after
        // that, only MySQL's come.
        qsizetype mysql = count(QStringLiteral("mysql"));
        QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("mysql")) >= mysql + 40, 15'000);
        const qsizetype postgres = count(QStringLiteral("postgres"));
        mysql = count(QStringLiteral("mysql"));
        QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("mysql")) >= mysql + 40, 15'000);
        QCOMPARE(count(QStringLiteral("postgres")), postgres);
        // Recovered (the task restarted), PostgreSQL's rows come again: its backlog first.
        QVERIFY(m_box->recover(sandbox::Incident::TaskFailed));
        QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("postgres")) >= postgres + 40, 15'000);
    }

    // The dock's service: Run and Stop reach the simulation, its state is the service's, its rows the model's.
    void serviceShowsTheSimulation()
    {
        disconnect(m_collecting); // the service takes the rows now
        consumer::ConsumerService service;
        QSignalSpy both(service.rows(), &consumer::UnifiedRowsModel::bothSourcesSeen);
        service.setSimulation(consumer());
        QVERIFY(service.isSimulated());
        QCOMPARE(service.state(), JobState::Running); // it was running before the service looked
        QCOMPARE(service.nodeId(), kNodeId);
        QCOMPARE(service.sinkTopic(), QStringLiteral("unified.order"));
        QVERIFY(service.logPath().isEmpty()); // no job, no log
        QTRY_VERIFY_WITH_TIMEOUT(service.rows()->rowCount() >= 20, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(both.count(), 1, 10'000);
        const QString shared = both.at(0).at(0).toString();
        QCOMPARE(service.rows()->sharedAggregateId(), shared);

        service.stop();
        QCOMPARE(consumer()->state(), JobState::Stopped);
        QCOMPARE(service.state(), JobState::Stopped);
        QVERIFY(!service.isActive());
        service.run(m_project, kNodeId, QString());
        QVERIFY(service.isActive());
        QTRY_COMPARE_WITH_TIMEOUT(service.state(), JobState::Running, 10'000);
        QCOMPARE(service.rows()->rowCount(), 0); // a new run's rows only, as for the job
        QTRY_VERIFY_WITH_TIMEOUT(service.rows()->rowCount() > 0, 10'000);

        service.setSimulation(nullptr);
        QVERIFY(!service.isSimulated());
        QCOMPARE(service.state(), JobState::Stopped);
        QVERIFY(service.nodeId().isEmpty());
        QCOMPARE(service.rows()->rowCount(), 0);
        QCOMPARE(consumer()->state(), JobState::Running); // unset, the simulation runs on for the sandbox

        // Nobody wants its rows now (as in `cdcctl demo`): it writes the topic and keeps none.
        const qint64 written = consumer()->recordsWritten();
        QTRY_VERIFY_WITH_TIMEOUT(consumer()->recordsWritten() >= written + 100, 10'000);
        QCOMPARE(consumer()->takeRows().size(), qsizetype(0));
    }
};

QTEST_GUILESS_MAIN(TstSandboxConsumer)
#include "tst_sandboxconsumer.moc"
