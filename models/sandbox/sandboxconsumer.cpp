// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated unified consumer: a StreamConsumer on the mock broker's outbox topics feeds the job's
// query (UNION ALL, source_database, composite key, first row per (source_database, event id)) on its
// thread, and a librdkafka producer writes the rows to the sink topic as Flink's Kafka sink would.
#include "sandbox/sandboxconsumer.h"

#include "consumer/unifiedsinkjson.h"
#include "core/logging.h"
#include "debezium/outboxartifacts.h"
#include "sandbox/mockkafka.h"
#include "stream/streamconsumer.h"
#include "topology/projectfile.h"

#include <librdkafka/rdkafka.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace cdc::sandbox {

using consumer::JobState;
using consumer::UnifiedRow;

namespace {

constexpr int kPartitions = 3;           // the sink topic's, as the sandbox's other topics
constexpr int kDrainIntervalMs = 100;    // after Stop, what is still queued goes out meanwhile
constexpr int kQueueFullRetries = 100;   // × 10 ms: the producer's queue drains while the broker keeps up
constexpr int kMetadataRefreshMs = 2000; // new outbox topics are found within this (the job: 10 s)
constexpr std::size_t kPostgres = 0;
constexpr std::size_t kMySql = 1;
constexpr std::size_t kNoSource = 2;

void logToQt(const rd_kafka_t *, int level, const char *facility, const char *message)
{
    if (level <= 4)
        qCWarning(lcSandbox, "sandbox unified consumer %s: %s", facility, message);
    else
        qCDebug(lcSandbox, "sandbox unified consumer %s: %s", facility, message);
}

// The event ids one database's rows had, the newest kRememberedIds of them (as 64-bit hashes: two ids
// of a run share one with a chance of about 1 in 10^9).
class SeenIds
{
public:
    // False when the id was seen already.
    bool insert(const QByteArray &id)
    {
        const quint64 hash = quint64(qHashBits(id.constData(), std::size_t(id.size()), 0x5a4d'b0c5));
        if (!m_ids.insert(hash).second)
            return false;
        m_order.push_back(hash);
        if (m_order.size() > std::size_t(SandboxConsumer::kRememberedIds)) {
            m_ids.erase(m_order.front());
            m_order.pop_front();
        }
        return true;
    }

private:
    std::unordered_set<quint64> m_ids;
    std::deque<quint64> m_order;
};

std::string_view headerValue(const stream::RawMessage &m, std::string_view name, bool *found)
{
    for (const stream::RawHeader &h : m.headers) {
        if (h.name == name && h.value) {
            *found = true;
            return {h.value, h.valueLength};
        }
    }
    *found = false;
    return {};
}

// The record key as the job reads it ('key.format' = 'raw'). The capstone's connectors write the aggregate
// id with the StringConverter (42); the sandbox's connectors write it as the JsonConverter would ("42"):
// the quotes go, so that the sandbox's keys are the real stack's PG-42.
QString aggregateIdOf(std::string_view key)
{
    const QByteArray raw(key.data(), qsizetype(key.size()));
    if (raw.size() >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
        if (!raw.contains('\\'))
            return QString::fromUtf8(raw.mid(1, raw.size() - 2));
        const QByteArray array = '[' + raw + ']';
        const QJsonDocument doc = QJsonDocument::fromJson(array);
        if (doc.isArray() && doc.array().at(0).isString())
            return doc.array().at(0).toString();
    }
    return QString::fromUtf8(raw);
}

} // namespace

// The job's query on the consumer thread. Its positions and remembered ids outlive a run (as a savepoint
// keeps the job's), not the broker.
struct SandboxConsumer::Pipeline final : stream::MessageSink
{
    SandboxConsumer *owner;
    rd_kafka_t *producer = nullptr;
    QString error; // why there is no producer

    // Set by start() while the consumer thread does not run.
    QRegularExpression patterns[2];
    std::string sinkTopic;

    // The consumer thread's (and between runs, the owner's).
    std::map<std::string, std::vector<qint64>, std::less<>> nextOffsets;
    std::map<std::string, std::size_t, std::less<>> topicSources;
    SeenIds seen[2];

    std::mutex mutex; // rows
    QList<UnifiedRow> rows;
    std::atomic<qint64> consumed{0}, duplicates{0}, written{0}, dropped{0}, failedWrites{0};

    Pipeline(SandboxConsumer *consumer, const QString &bootstrap) : owner(consumer)
    {
        char text[512] = {};
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        const std::string servers = bootstrap.toStdString();
        const std::pair<const char *, const char *> settings[] = {
            {"bootstrap.servers", servers.c_str()},
            {"client.id", "cdc-studio-sandbox-unified-consumer"},
            {"linger.ms", "5"},
            {"compression.type", "lz4"},       // the mock broker keeps 5 MiB per partition
            {"partitioner", "murmur2_random"}, // Kafka's (Flink's) partitioner: the same key, the same partition
            {"acks", "all"},                   // Flink's at-least-once sink waits for all replicas
            {"message.timeout.ms", "30000"},
            {"log_level", "4"},
        };
        for (const auto &[name, value] : settings) {
            if (rd_kafka_conf_set(conf, name, value, text, sizeof text) != RD_KAFKA_CONF_OK) {
                rd_kafka_conf_destroy(conf);
                error = QStringLiteral("librdkafka refused the setting %1: %2")
                            .arg(QString::fromUtf8(name), QString::fromUtf8(text));
                return;
            }
        }
        rd_kafka_conf_set_log_cb(conf, logToQt);
        rd_kafka_conf_set_opaque(conf, this);
        rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *message, void *opaque) {
            auto *pipeline = static_cast<Pipeline *>(opaque);
            if (!message->err) {
                ++pipeline->written;
                return;
            }
            // Purged: the sandbox stopped, and what was still queued went with it.
            if (message->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || message->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
                return;
            if (pipeline->failedWrites.fetch_add(1) == 0)
                qCWarning(lcSandbox, "the sandbox's unified consumer could not write to %s: %s",
                          message->rkt ? rd_kafka_topic_name(message->rkt) : "?", rd_kafka_err2str(message->err));
        });
        producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, text, sizeof text);
        if (!producer) {
            rd_kafka_conf_destroy(conf);
            error = QString::fromUtf8(text);
        }
    }

    ~Pipeline() override
    {
        if (!producer)
            return;
        rd_kafka_purge(producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_poll(producer, 0);
        rd_kafka_destroy(producer);
    }

    // Serves delivery reports; true while records wait to be delivered.
    bool drain()
    {
        if (!producer)
            return false;
        rd_kafka_poll(producer, 0);
        return rd_kafka_outq_len(producer) > 0;
    }

    std::size_t sourceOf(std::string_view topic)
    {
        auto it = topicSources.find(topic);
        if (it == topicSources.end()) {
            const QString name = QString::fromUtf8(topic.data(), qsizetype(topic.size()));
            std::size_t source = kNoSource;
            if (topic != sinkTopic) { // a pattern that matches everything must not read its own output
                if (patterns[kPostgres].match(name).hasMatch())
                    source = kPostgres;
                else if (patterns[kMySql].match(name).hasMatch())
                    source = kMySql;
            }
            it = topicSources.emplace(std::string(topic), source).first;
        }
        return it->second;
    }

    // True for a record this query has not seen yet; moves the partition's position past it.
    bool isNew(std::string_view topic, qint32 partition, qint64 offset)
    {
        auto it = nextOffsets.find(topic);
        if (it == nextOffsets.end())
            it = nextOffsets.emplace(std::string(topic), std::vector<qint64>()).first;
        if (it->second.size() <= std::size_t(partition))
            it->second.resize(std::size_t(partition) + 1, 0);
        qint64 &next = it->second[std::size_t(partition)];
        if (offset < next)
            return false;
        next = offset + 1;
        return true;
    }

    void produce(const UnifiedRow &row, const QByteArray &json)
    {
        const QByteArray key = row.compositeKey.toUtf8();
        // The RD_KAFKA_V_* macros cast their arguments without parentheses: pass plain variables.
        const char *topic = sinkTopic.c_str();
        void *keyData = const_cast<char *>(key.constData());
        const std::size_t keySize = std::size_t(key.size());
        void *valueData = const_cast<char *>(json.constData());
        const std::size_t valueSize = std::size_t(json.size());
        for (int attempt = 0; attempt <= kQueueFullRetries; ++attempt) {
            const rd_kafka_resp_err_t err = rd_kafka_producev(
                producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_KEY(keyData, keySize), RD_KAFKA_V_VALUE(valueData, valueSize), RD_KAFKA_V_END);
            if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
                return;
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                if (failedWrites.fetch_add(1) == 0)
                    qCWarning(lcSandbox, "the sandbox's unified consumer could not write to %s: %s", topic,
                              rd_kafka_err2str(err));
                return;
            }
            rd_kafka_poll(producer, 10);
        }
        ++failedWrites;
    }

    void deliver(std::span<const stream::RawMessage> batch) override
    {
        static const QString kPrefix[2] = {QStringLiteral("PG-"), QStringLiteral("MY-")};
        static const QString kDatabase[2] = {QStringLiteral("postgres"), QStringLiteral("mysql")};
        QList<UnifiedRow> out;
        out.reserve(qsizetype(batch.size()));
        for (const stream::RawMessage &m : batch) {
            if (!isNew(m.topic, m.partition, m.offset))
                continue; // read before Stop: the next run goes on after it
            const std::size_t source = sourceOf(m.topic);
            if (source == kNoSource)
                continue;
            ++consumed;
            bool found = false;
            QByteArray eventId;
            if (const std::string_view id = headerValue(m, "id", &found); found)
                eventId = QByteArray(id.data(), qsizetype(id.size()));
            else // without an id header, the record's own position identifies it
                eventId = QByteArray(m.topic.data(), qsizetype(m.topic.size())) + '/' +
                          QByteArray::number(m.partition) + '/' + QByteArray::number(m.offset);
            if (!seen[source].insert(eventId)) {
                ++duplicates;
                continue;
            }
            UnifiedRow row;
            row.aggregateId = aggregateIdOf(m.key);
            row.compositeKey = kPrefix[source] + row.aggregateId;
            const std::size_t dot = m.topic.rfind('.');
            const std::string_view type = dot == std::string_view::npos ? m.topic : m.topic.substr(dot + 1);
            row.aggregateType = QString::fromUtf8(type.data(), qsizetype(type.size()));
            row.sourceDatabase = kDatabase[source];
            std::string_view eventType = headerValue(m, "eventType", &found);
            if (!found)
                eventType = headerValue(m, "type", &found);
            if (found)
                row.eventType = QString::fromUtf8(eventType.data(), qsizetype(eventType.size()));
            row.eventId = QString::fromUtf8(eventId);
            const qint64 eventTimeMs = m.timestampMs >= 0 ? m.timestampMs : 0;
            row.eventTime = consumer::instantText(eventTimeMs);
            if (m.value)
                row.payload = QString::fromUtf8(m.value, qsizetype(m.valueLength));
            produce(row, consumer::unifiedSinkJson(row, eventTimeMs, m.value == nullptr));
            out.append(std::move(row));
        }
        rd_kafka_poll(producer, 0);
        if (out.isEmpty() || !owner->m_rowsWanted.load(std::memory_order_relaxed))
            return;
        bool wasEmpty = false;
        {
            std::lock_guard lock(mutex);
            wasEmpty = rows.isEmpty();
            rows.append(std::move(out));
            if (rows.size() > kMaxQueuedRows) {
                const qsizetype excess = rows.size() - kMaxQueuedRows;
                rows.remove(0, excess);
                dropped += excess;
            }
        }
        if (wasEmpty)
            QMetaObject::invokeMethod(owner, &SandboxConsumer::notifyRows, Qt::QueuedConnection);
    }

    void idle() override { rd_kafka_poll(producer, 0); }
};

SandboxConsumer::SandboxConsumer(QObject *parent) : consumer::SimulatedConsumer(parent)
{
    // Nothing polls the producer while no run consumes: what a run produced is delivered (and counted)
    // without Stop waiting for it.
    m_drain.setInterval(kDrainIntervalMs);
    connect(&m_drain, &QTimer::timeout, this, [this] {
        if (m_stream || !m_pipeline || !m_pipeline->drain())
            m_drain.stop();
    });
}

SandboxConsumer::~SandboxConsumer()
{
    stop();
}

void SandboxConsumer::setBroker(MockKafka *broker)
{
    if (broker == m_broker)
        return;
    stop();
    m_pipeline.reset();
    m_broker = broker;
    m_hasRun = false;
    if (m_broker)
        m_pipeline = std::make_unique<Pipeline>(this, m_broker->bootstrap());
}

SandboxConsumer::Counters SandboxConsumer::counters() const
{
    if (!m_pipeline)
        return {};
    return Counters{m_pipeline->consumed.load(), m_pipeline->duplicates.load(), m_pipeline->written.load(),
                    m_pipeline->dropped.load()};
}

qint64 SandboxConsumer::recordsWritten() const
{
    return m_pipeline ? m_pipeline->written.load() : 0;
}

void SandboxConsumer::setRowsWanted(bool wanted)
{
    m_rowsWanted = wanted;
    if (!wanted)
        takeRows();
}

QList<UnifiedRow> SandboxConsumer::takeRows()
{
    if (!m_pipeline)
        return {};
    std::lock_guard lock(m_pipeline->mutex);
    return std::exchange(m_pipeline->rows, {});
}

Result<void> SandboxConsumer::start(const topology::Project &project, const QString &nodeId)
{
    if (m_stream && m_state != JobState::Failed)
        return {};  // running
    if (m_stream) { // a failed run: start afresh
        m_stream->stop();
        m_stream.reset();
    }
    if (!m_broker || !m_broker->isRunning() || !m_pipeline)
        return Error{tr("The sandbox is not running."), {}, tr("Start it first (Sandbox ▸ Start Sandbox).")};
    if (!m_pipeline->producer)
        return Error{tr("Could not create the sandbox consumer's Kafka producer: %1").arg(m_pipeline->error),
                     m_broker->bootstrap(),
                     {}};
    const auto node = std::find_if(project.nodes.begin(), project.nodes.end(), [&](const topology::Node &n) {
        return n.id == nodeId && n.kind == topology::NodeKind::Consumer;
    });
    if (node == project.nodes.end())
        return Error{tr("The project has no consumer node \"%1\".").arg(nodeId), nodeId,
                     tr("Add a consumer node connected to both topics.")};

    const debezium::PyFlinkJobOptions options = debezium::pyFlinkOptionsFor(project);
    // Flink matches a topic pattern against the whole name.
    const QString patterns[2] = {options.postgresTopicPattern, options.mysqlTopicPattern};
    for (std::size_t i = 0; i < 2; ++i) {
        m_pipeline->patterns[i].setPattern(QStringLiteral("^(?:%1)$").arg(patterns[i]));
        if (!m_pipeline->patterns[i].isValid())
            return Error{tr("The topic pattern %1 is not a valid regular expression: %2")
                             .arg(patterns[i], m_pipeline->patterns[i].errorString()),
                         patterns[i], tr("Correct the topic node's pattern.")};
    }
    if (auto created = m_broker->createTopic(options.sinkTopic, kPartitions); !created)
        return created.error();
    m_pipeline->sinkTopic = options.sinkTopic.toStdString();
    m_pipeline->topicSources.clear();

    stream::ConsumerSettings settings;
    settings.bootstrapServers = m_broker->bootstrap();
    settings.topicRegex = QStringLiteral("^(?:%1|%2)$").arg(patterns[0], patterns[1]);
    // The first run starts where the consumer node says; later ones go on where the last one stopped
    // (from the beginning, past what the last run read), as the job resumes from its savepoint.
    settings.start = options.startupMode == QLatin1String("latest-offset") && !m_hasRun
                         ? stream::ConsumerSettings::Start::End
                         : stream::ConsumerSettings::Start::Beginning;
    settings.metadataRefreshMs = kMetadataRefreshMs;
    // No group: the job's group would need a rebalance on the mock broker for nothing. The positions are
    // the pipeline's.
    auto reader = std::make_unique<stream::StreamConsumer>(settings, m_pipeline.get());
    const stream::StreamConsumer *id = reader.get();
    connect(reader.get(), &stream::StreamConsumer::partitionsAssigned, this, [this, id] {
        if (m_stream.get() == id && (m_state == JobState::Starting || m_state == JobState::Restarting))
            setState(JobState::Running);
    });
    connect(reader.get(), &stream::StreamConsumer::stateChanged, this,
            [this, id](stream::StreamConsumer::State state, const QString &message) {
                if (m_stream.get() != id)
                    return;
                using State = stream::StreamConsumer::State;
                if (state == State::Failed) {
                    m_failure = tr("The sandbox's unified consumer stopped: %1").arg(message);
                    setState(JobState::Failed);
                } else if (state == State::BrokerDown && m_state == JobState::Running) {
                    setState(JobState::Restarting);
                } else if (state == State::Connected && m_state == JobState::Restarting) {
                    setState(JobState::Running);
                }
            });
    if (auto started = reader->start(); !started)
        return started.error();
    m_stream = std::move(reader);
    m_nodeId = nodeId;
    m_sinkTopic = options.sinkTopic;
    m_failure.clear();
    m_hasRun = true;
    qCInfo(lcSandbox).noquote() << "sandbox: unified consumer" << node->name << "reads" << settings.topicRegex
                                << "and writes" << m_sinkTopic;
    setState(JobState::Starting);
    return {};
}

void SandboxConsumer::stop()
{
    if (!m_stream)
        return;
    m_stream->stop();
    m_stream.reset();
    if (m_pipeline->drain())
        m_drain.start();
    setState(JobState::Stopped);
}

void SandboxConsumer::setState(JobState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

void SandboxConsumer::notifyRows()
{
    Q_EMIT rowsAvailable();
}

} // namespace cdc::sandbox
