// SPDX-License-Identifier: GPL-3.0-or-later
// The librdkafka consumer: the consumer thread's loop, assignment by metadata (no group) or by rebalance
// (group), per-partition offset tracking, state reporting and a bounded close. Configuration: consumerconfig.cpp.
#include "streamconsumer.h"

#include "core/logging.h"
#include "stream/consumerconfig.h"

#include <QRegularExpression>
#include <QStringBuilder>
#include <QUuid>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace cdc::stream {

namespace {

using Clock = std::chrono::steady_clock;
using TopicPartition = std::pair<std::string, qint32>;

constexpr int kBatchSize = 4000;
constexpr int kPollTimeoutMs = 100;
constexpr int kRequestTimeoutMs = 800; // blocking metadata/offset requests stay short so stop() is prompt
constexpr int kRequestAttempts = 10;
constexpr int kCloseTimeoutMs = 800;
constexpr int kRetryConnectMs = 500;

QString fromUtf8(const char *text)
{
    return QString::fromUtf8(text ? text : "");
}

struct ListDeleter
{
    void operator()(rd_kafka_topic_partition_list_t *list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter>;

} // namespace

struct StreamConsumer::Worker
{
    StreamConsumer *owner = nullptr;
    ConsumerSettings settings;
    MessageSink *sink = nullptr;
    bool grouped = false;
    QString groupId;
    QRegularExpression pattern; // valid when subscribing by regex

    rd_kafka_t *rk = nullptr;
    rd_kafka_queue_t *queue = nullptr;
    std::mutex queueMutex; // the owner's stop() wakes the queue while the thread may be closing it
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::atomic<int> state{int(State::Stopped)};
    std::atomic<qint64> messages{0}, bytes{0}, duplicates{0}, gaps{0};

    // Consumer thread only.
    std::map<std::string, std::vector<qint64>, std::less<>> nextOffsets; // -1: nothing seen yet
    std::set<TopicPartition> assigned;
    bool initialAssignmentDone = false;
    std::vector<rd_kafka_message_t *> batch = std::vector<rd_kafka_message_t *>(kBatchSize);
    std::vector<RawMessage> raws;
    std::vector<RawHeader> headers;
    std::vector<std::pair<std::size_t, std::size_t>> headerRanges;

    ~Worker() { shutDown(); }

    bool regexMode() const { return settings.topics.isEmpty(); }
    State currentState() const { return State(state.load()); }

    void setState(State next, const QString &message)
    {
        const State previous = State(state.exchange(int(next)));
        if (previous == next)
            return;
        if (next == State::Failed || next == State::BrokerDown)
            qCWarning(lcStream) << "consumer" << next << message;
        else
            qCInfo(lcStream) << "consumer" << next << message;
        Q_EMIT owner->stateChanged(next, message);
    }

    void fail(const QString &message)
    {
        if (currentState() != State::Failed)
            setState(State::Failed, message);
    }

    void markConnected(const QString &message)
    {
        const State s = currentState();
        if (s == State::Connecting || s == State::BrokerDown)
            setState(State::Connected, message);
    }

    // Classifies a librdkafka error (error callback or consumer error): fatal ones fail the consumer,
    // transport ones mean the broker is away, everything else is transient and only logged.
    void onError(rd_kafka_resp_err_t err, const QString &reason)
    {
        switch (err) {
        case RD_KAFKA_RESP_ERR__PARTITION_EOF: return;
        case RD_KAFKA_RESP_ERR__FATAL: {
            char text[512] = {};
            rd_kafka_fatal_error(rk, text, sizeof text);
            fail(QStringLiteral("Kafka client failed: %1").arg(fromUtf8(text)));
            return;
        }
        case RD_KAFKA_RESP_ERR__AUTHENTICATION:
        case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
            fail(QStringLiteral("Authentication failed (%1). Check the SASL mechanism, user name and password.")
                     .arg(reason));
            return;
        case RD_KAFKA_RESP_ERR__SSL:
            fail(QStringLiteral("TLS failed (%1). Check the CA, certificate and key files.").arg(reason));
            return;
        case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
            if (!grouped) // the coordinator lookup for the unused random group: harmless
                break;
            [[fallthrough]];
        case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
        case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
            fail(QStringLiteral("Not authorized: %1").arg(reason));
            return;
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
            if (!regexMode()) {
                fail(QStringLiteral("Topic not found: %1").arg(reason));
                return;
            }
            break;
        case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
        case RD_KAFKA_RESP_ERR__TRANSPORT:
        case RD_KAFKA_RESP_ERR__RESOLVE:
            if (currentState() != State::Failed)
                setState(State::BrokerDown, reason);
            return;
        default: break;
        }
        qCInfo(lcStream) << "consumer:" << fromUtf8(rd_kafka_err2name(err)) << reason;
    }

    // Offsets per partition for a ListOffsets query (a timestamp, or RD_KAFKA_OFFSET_BEGINNING/END).
    // Empty when the brokers did not answer; -1 for a partition the query found nothing for.
    std::vector<qint64> listOffsets(const std::vector<TopicPartition> &partitions, qint64 query)
    {
        for (int attempt = 0; attempt < kRequestAttempts && !stopping; ++attempt) {
            PartitionList list(rd_kafka_topic_partition_list_new(int(partitions.size())));
            for (const auto &[topic, partition] : partitions)
                rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset = query;
            const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, list.get(), kRequestTimeoutMs);
            if (err) {
                qCDebug(lcStream) << "offset lookup:" << fromUtf8(rd_kafka_err2str(err));
                continue;
            }
            std::vector<qint64> offsets;
            for (int i = 0; i < list->cnt; ++i)
                offsets.push_back(list->elems[i].err ? -1 : list->elems[i].offset);
            return offsets;
        }
        return {};
    }

    // The offsets the start settings ask for (no committed offsets involved). `start` may differ from
    // settings.start: partitions found after the first assignment start at the beginning.
    std::vector<qint64> startOffsets(const std::vector<TopicPartition> &partitions, ConsumerSettings::Start start)
    {
        using Start = ConsumerSettings::Start;
        std::vector<qint64> result(partitions.size(), RD_KAFKA_OFFSET_BEGINNING);
        if (start == Start::Beginning) {
            // Looked up here too: a logical offset makes librdkafka 2.0's fetcher query it itself, and
            // when that query comes before the partition has its leader it waits a fixed 500 ms.
            const std::vector<qint64> begins = listOffsets(partitions, RD_KAFKA_OFFSET_BEGINNING);
            for (std::size_t i = 0; i < begins.size(); ++i) {
                if (begins[i] >= 0)
                    result[i] = begins[i];
            }
            return result;
        }
        // The end is looked up now rather than left to the fetcher, so that everything produced
        // after partitionsAssigned() is delivered.
        const std::vector<qint64> ends = listOffsets(partitions, RD_KAFKA_OFFSET_END);
        for (std::size_t i = 0; i < partitions.size(); ++i)
            result[i] = ends.empty() || ends[i] < 0 ? RD_KAFKA_OFFSET_END : ends[i];
        if (start == Start::Offset) {
            const std::vector<qint64> begins = listOffsets(partitions, RD_KAFKA_OFFSET_BEGINNING);
            for (std::size_t i = 0; i < partitions.size(); ++i) {
                qint64 offset = settings.startOffset;
                if (!begins.empty() && begins[i] >= 0)
                    offset = std::max(offset, begins[i]);
                if (result[i] >= 0)
                    offset = std::min(offset, result[i]);
                result[i] = offset;
            }
        } else if (start == Start::Timestamp) {
            const std::vector<qint64> found = listOffsets(partitions, settings.startTimestampMs);
            for (std::size_t i = 0; i < partitions.size(); ++i) {
                if (!found.empty() && found[i] >= 0)
                    result[i] = found[i];
            }
        }
        return result;
    }

    void emitAssignment()
    {
        QStringList names;
        for (const auto &[topic, partition] : assigned)
            names << QStringLiteral("%1[%2]").arg(QString::fromStdString(topic)).arg(partition);
        Q_EMIT owner->partitionsAssigned(names);
    }

    // No group: adds `partitions` to the assignment without touching the partitions already assigned.
    bool assignMore(const std::vector<TopicPartition> &partitions, ConsumerSettings::Start start)
    {
        const std::vector<qint64> offsets = startOffsets(partitions, start);
        PartitionList list(rd_kafka_topic_partition_list_new(int(partitions.size())));
        for (std::size_t i = 0; i < partitions.size(); ++i)
            rd_kafka_topic_partition_list_add(list.get(), partitions[i].first.c_str(), partitions[i].second)->offset =
                offsets[i];
        if (rd_kafka_error_t *error = rd_kafka_incremental_assign(rk, list.get())) {
            qCWarning(lcStream) << "assign failed:" << fromUtf8(rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
            return false;
        }
        assigned.insert(partitions.begin(), partitions.end());
        emitAssignment();
        return true;
    }

    bool matches(const char *topic) const
    {
        const QString name = QString::fromUtf8(topic);
        if (!regexMode())
            return settings.topics.contains(name);
        return !name.startsWith(QStringLiteral("__")) && pattern.match(name).hasMatch();
    }

    // Reads the cluster's metadata. No group: assigns the matching partitions not yet assigned (at the
    // start position the first time, from the beginning later). Group: only tells that the cluster answers.
    bool refreshMetadata()
    {
        const rd_kafka_metadata_t *metadata = nullptr;
        const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, grouped ? 0 : 1, nullptr, &metadata, kRequestTimeoutMs);
        if (err) {
            qCDebug(lcStream) << "metadata:" << fromUtf8(rd_kafka_err2str(err));
            return false;
        }
        std::vector<TopicPartition> fresh;
        QStringList found;
        for (int t = 0; !grouped && t < metadata->topic_cnt; ++t) {
            const rd_kafka_metadata_topic_t &topic = metadata->topics[t];
            if (!matches(topic.topic) || topic.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                continue;
            if (topic.err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED && !regexMode()) {
                fail(QStringLiteral("Not authorized to read the topic %1.").arg(fromUtf8(topic.topic)));
                break;
            }
            found << fromUtf8(topic.topic);
            for (int p = 0; p < topic.partition_cnt; ++p) {
                TopicPartition key{topic.topic, topic.partitions[p].id};
                if (!assigned.count(key))
                    fresh.push_back(std::move(key));
            }
        }
        rd_kafka_metadata_destroy(metadata);
        if (currentState() == State::Failed)
            return false;
        if (!grouped && !initialAssignmentDone && !regexMode()) {
            QStringList missing;
            for (const QString &topic : settings.topics) {
                if (!found.contains(topic))
                    missing << topic;
            }
            if (!missing.isEmpty()) {
                fail(QStringLiteral("Topic not found on %1: %2").arg(settings.bootstrapServers, missing.join(u", ")));
                return false;
            }
        }
        markConnected(QStringLiteral("Connected to %1").arg(settings.bootstrapServers));
        if (grouped)
            return true;
        std::sort(fresh.begin(), fresh.end());
        if (!fresh.empty() &&
            !assignMore(fresh, initialAssignmentDone ? ConsumerSettings::Start::Beginning : settings.start))
            return false;
        if (!initialAssignmentDone && fresh.empty())
            emitAssignment();
        initialAssignmentDone = true;
        return true;
    }

    // Group: partitions without a committed offset start where the settings say (End and Beginning
    // are left to auto.offset.reset; Offset and Timestamp are looked up here).
    void applyGroupStart(rd_kafka_topic_partition_list_t *partitions)
    {
        using Start = ConsumerSettings::Start;
        if (settings.start != Start::Offset && settings.start != Start::Timestamp)
            return;
        PartitionList committed(rd_kafka_topic_partition_list_copy(partitions));
        if (rd_kafka_committed(rk, committed.get(), 3 * kRequestTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
            return;
        std::vector<TopicPartition> fresh;
        for (int i = 0; i < committed->cnt; ++i) {
            if (committed->elems[i].offset < 0)
                fresh.emplace_back(committed->elems[i].topic, committed->elems[i].partition);
        }
        const std::vector<qint64> offsets = startOffsets(fresh, settings.start);
        for (std::size_t i = 0; i < fresh.size(); ++i) {
            if (auto *p = rd_kafka_topic_partition_list_find(partitions, fresh[i].first.c_str(), fresh[i].second))
                p->offset = offsets[i];
        }
    }

    void onRebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions)
    {
        const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
        rd_kafka_error_t *error = nullptr;
        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            if (!stopping)
                applyGroupStart(partitions);
            if (cooperative)
                error = rd_kafka_incremental_assign(rk, partitions);
            else if (rd_kafka_resp_err_t e = rd_kafka_assign(rk, partitions))
                error = rd_kafka_error_new(e, "%s", rd_kafka_err2str(e));
            if (!cooperative)
                assigned.clear();
            for (int i = 0; i < partitions->cnt; ++i)
                assigned.emplace(partitions->elems[i].topic, partitions->elems[i].partition);
            markConnected(QStringLiteral("Joined the group %1").arg(groupId));
        } else {
            if (cooperative)
                error = rd_kafka_incremental_unassign(rk, partitions);
            else
                rd_kafka_assign(rk, nullptr);
            if (!cooperative || err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS)
                assigned.clear();
            for (int i = 0; cooperative && i < partitions->cnt; ++i)
                assigned.erase(TopicPartition{partitions->elems[i].topic, partitions->elems[i].partition});
        }
        if (error) {
            qCWarning(lcStream) << "rebalance:" << fromUtf8(rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
        }
        if (!stopping)
            emitAssignment();
    }

    qint64 &nextOffset(std::string_view topic, qint32 partition)
    {
        auto it = nextOffsets.find(topic);
        if (it == nextOffsets.end())
            it = nextOffsets.emplace(std::string(topic), std::vector<qint64>()).first;
        if (it->second.size() <= std::size_t(partition))
            it->second.resize(std::size_t(partition) + 1, -1);
        return it->second[std::size_t(partition)];
    }

    void processBatch(std::size_t count)
    {
        raws.clear();
        headers.clear();
        headerRanges.clear();
        qint64 batchBytes = 0;
        // Messages come in runs of one partition: its name is measured once a run, not per message.
        const rd_kafka_topic_t *lastTopic = nullptr;
        std::string_view topic;
        for (std::size_t i = 0; i < count; ++i) {
            const rd_kafka_message_t *m = batch[i];
            if (m->err) {
                onError(m->err, fromUtf8(rd_kafka_message_errstr(m)));
                continue;
            }
            if (m->rkt != lastTopic) {
                lastTopic = m->rkt;
                topic = rd_kafka_topic_name(m->rkt);
            }
            qint64 &next = nextOffset(topic, m->partition);
            if (next >= 0 && m->offset < next) {
                ++duplicates;
                continue;
            }
            RawMessage raw;
            raw.afterGap = next >= 0 && m->offset > next;
            if (raw.afterGap)
                ++gaps;
            next = m->offset + 1;
            raw.topic = topic;
            raw.partition = m->partition;
            raw.offset = m->offset;
            rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
            const qint64 timestamp = rd_kafka_message_timestamp(m, &type);
            raw.timestampMs = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? -1 : timestamp;
            if (m->key)
                raw.key = std::string_view(static_cast<const char *>(m->key), m->key_len);
            raw.value = static_cast<const char *>(m->payload);
            raw.valueLength = m->payload ? m->len : 0;
            const std::size_t firstHeader = headers.size();
            rd_kafka_headers_t *hdrs = nullptr;
            if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
                const char *name = nullptr;
                const void *value = nullptr;
                std::size_t size = 0;
                for (std::size_t h = 0; rd_kafka_header_get_all(hdrs, h, &name, &value, &size) == 0; ++h)
                    headers.push_back(RawHeader{name, static_cast<const char *>(value), value ? size : 0});
            }
            headerRanges.emplace_back(firstHeader, headers.size() - firstHeader);
            batchBytes += qint64(m->key_len + raw.valueLength);
            raws.push_back(raw);
        }
        if (!raws.empty()) {
            for (std::size_t i = 0; i < raws.size(); ++i)
                raws[i].headers =
                    std::span<const RawHeader>(headers.data() + headerRanges[i].first, headerRanges[i].second);
            markConnected(QStringLiteral("Messages are arriving"));
            messages += qint64(raws.size());
            bytes += batchBytes;
            sink->deliver(std::span<const RawMessage>(raws));
        }
        for (std::size_t i = 0; i < count; ++i)
            rd_kafka_message_destroy(batch[i]);
    }

    void run()
    {
        setState(State::Connecting, QStringLiteral("Connecting to %1").arg(settings.bootstrapServers));
        Clock::time_point nextRefresh = Clock::now();
        while (!stopping && currentState() != State::Failed) {
            if (Clock::now() >= nextRefresh) {
                const bool ok = refreshMetadata();
                const bool settled = grouped ? ok : initialAssignmentDone;
                nextRefresh =
                    Clock::now() + std::chrono::milliseconds(settled ? settings.metadataRefreshMs : kRetryConnectMs);
            }
            if (stopping || currentState() == State::Failed)
                break;
            const ssize_t count = rd_kafka_consume_batch_queue(queue, kPollTimeoutMs, batch.data(), batch.size());
            if (count < 0)
                onError(rd_kafka_last_error(), QStringLiteral("consume failed"));
            else if (count == 0)
                sink->idle();
            else
                processBatch(std::size_t(count));
        }
        close();
    }

    // Leaves the group (if any) and destroys the client, giving up on a polite close after a short while.
    void close()
    {
        if (!rk)
            return;
        rd_kafka_queue_t *closeQueue = rd_kafka_queue_new(rk);
        if (rd_kafka_error_t *error = rd_kafka_consumer_close_queue(rk, closeQueue)) {
            qCInfo(lcStream) << "close:" << fromUtf8(rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
        } else {
            const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(kCloseTimeoutMs);
            while (!rd_kafka_consumer_closed(rk) && Clock::now() < deadline) {
                rd_kafka_event_t *event = rd_kafka_queue_poll(closeQueue, 50);
                if (event && rd_kafka_event_type(event) == RD_KAFKA_EVENT_REBALANCE)
                    onRebalance(rd_kafka_event_error(event), rd_kafka_event_topic_partition_list(event));
                if (event)
                    rd_kafka_event_destroy(event);
            }
        }
        rd_kafka_queue_destroy(closeQueue);
        {
            std::lock_guard lock(queueMutex);
            rd_kafka_queue_destroy(queue);
            queue = nullptr;
        }
        if (rd_kafka_consumer_closed(rk)) {
            rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
        } else {
            // A group member whose coordinator is away: librdkafka's destroy waits up to session.timeout.ms
            // for it. Let it do so on its own thread, silenced: no callback of ours runs without a poll.
            qCInfo(lcStream) << "the group consumer could not leave its group in time; finishing in the background";
            rd_kafka_set_log_level(rk, 0);
            std::thread([handle = rk] {
                rd_kafka_destroy_flags(handle, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
            }).detach();
        }
        rk = nullptr;
    }

    static void errorCallback(rd_kafka_t *, int err, const char *reason, void *opaque)
    {
        static_cast<Worker *>(opaque)->onError(rd_kafka_resp_err_t(err), fromUtf8(reason));
    }

    static void rebalanceCallback(rd_kafka_t *, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions,
                                  void *opaque)
    {
        static_cast<Worker *>(opaque)->onRebalance(err, partitions);
    }

    static void logCallback(const rd_kafka_t *, int level, const char *facility, const char *text)
    {
        if (level <= 4)
            qCInfo(lcStream).noquote() << "librdkafka" << facility << text;
        else
            qCDebug(lcStream).noquote() << "librdkafka" << facility << text;
    }

    void shutDown()
    {
        stopping = true;
        if (thread.joinable()) {
            {
                std::lock_guard lock(queueMutex);
                if (queue)
                    rd_kafka_queue_yield(queue);
            }
            thread.join();
        }
        close();
    }
};

StreamConsumer::StreamConsumer(ConsumerSettings settings, MessageSink *sink, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_sink(sink)
{
    qRegisterMetaType<cdc::stream::StreamConsumer::State>();
}

StreamConsumer::~StreamConsumer()
{
    stop();
}

Result<void> StreamConsumer::start()
{
    using Start = ConsumerSettings::Start;
    if (m_worker && m_worker->thread.joinable() && m_worker->currentState() != State::Failed)
        return {}; // running
    if (m_worker)
        m_worker->shutDown(); // a failed run: start afresh
    if (!m_sink)
        return Error{QStringLiteral("The consumer has no sink for its messages."), QString(), QString()};
    if (m_settings.bootstrapServers.trimmed().isEmpty())
        return Error{QStringLiteral("No bootstrap servers are set."), QStringLiteral("bootstrap.servers"),
                     QStringLiteral("Enter host:port of at least one broker.")};
    if (m_settings.topics.isEmpty() && m_settings.topicRegex.isEmpty())
        return Error{QStringLiteral("Neither topics nor a topic pattern are set."), QStringLiteral("topics"),
                     QStringLiteral("Enter topic names or a pattern such as ^outbox\\.event\\..*")};
    if (m_settings.start == Start::Offset && m_settings.startOffset < 0)
        return Error{QStringLiteral("The start offset is negative."), QStringLiteral("startOffset"), QString()};

    auto worker = std::make_unique<Worker>();
    worker->owner = this;
    worker->settings = m_settings;
    worker->sink = m_sink;
    worker->grouped = !m_settings.groupId.isEmpty();
    worker->groupId = worker->grouped
                          ? m_settings.groupId
                          : QStringLiteral("cdc-studio-watch-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (worker->regexMode()) {
        worker->pattern.setPattern(m_settings.topicRegex);
        if (!worker->pattern.isValid())
            return Error{QStringLiteral("The topic pattern is not a valid regular expression: %1")
                             .arg(worker->pattern.errorString()),
                         m_settings.topicRegex, QString()};
    }

    Result<ConsumerConfig> config = buildConsumerConfig(m_settings, worker->groupId, worker->grouped);
    if (!config)
        return config.error();
    ConsumerConfig conf = std::move(config).value();
    rd_kafka_conf_set_opaque(conf.get(), worker.get());
    rd_kafka_conf_set_error_cb(conf.get(), Worker::errorCallback);
    rd_kafka_conf_set_log_cb(conf.get(), Worker::logCallback);
    if (worker->grouped)
        rd_kafka_conf_set_rebalance_cb(conf.get(), Worker::rebalanceCallback);

    char errstr[512] = {};
    worker->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr);
    if (!worker->rk)
        return Error{QStringLiteral("Cannot create the Kafka consumer: %1").arg(fromUtf8(errstr)),
                     m_settings.bootstrapServers, QStringLiteral("Check the connection and security settings.")};
    conf.release(); // owned by the client now
    rd_kafka_poll_set_consumer(worker->rk);
    worker->queue = rd_kafka_queue_get_consumer(worker->rk);

    if (worker->grouped) {
        const QStringList names = worker->regexMode()
                                      ? QStringList{m_settings.topicRegex.startsWith(QLatin1Char('^'))
                                                        ? m_settings.topicRegex
                                                        : QStringLiteral("^.*(%1)").arg(m_settings.topicRegex)}
                                      : m_settings.topics;
        PartitionList list(rd_kafka_topic_partition_list_new(int(names.size())));
        for (const QString &name : names)
            rd_kafka_topic_partition_list_add(list.get(), name.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
        if (const rd_kafka_resp_err_t err = rd_kafka_subscribe(worker->rk, list.get()))
            return Error{QStringLiteral("Cannot subscribe: %1").arg(fromUtf8(rd_kafka_err2str(err))), names.join(u", "),
                         QString()};
    }

    m_worker = std::move(worker);
    m_worker->thread = std::thread([w = m_worker.get()] { w->run(); });
    return {};
}

void StreamConsumer::stop()
{
    if (!m_worker)
        return;
    m_worker->shutDown();
    m_worker->setState(State::Stopped, QStringLiteral("Stopped"));
}

StreamConsumer::State StreamConsumer::state() const
{
    return m_worker ? m_worker->currentState() : State::Stopped;
}

StreamConsumer::Counters StreamConsumer::counters() const
{
    if (!m_worker)
        return {};
    return Counters{m_worker->messages.load(), m_worker->bytes.load(), m_worker->duplicates.load(),
                    m_worker->gaps.load()};
}

QString StreamConsumer::effectiveGroupId() const
{
    return m_worker ? m_worker->groupId : QString();
}

} // namespace cdc::stream
