// SPDX-License-Identifier: GPL-3.0-or-later
// Consumer-group lag through librdkafka: metadata for the partitions, rd_kafka_committed with a handle
// per group (never subscribed, never committing), watermarks for both ends.
#include "consumergrouplagsampler.h"

#include "core/logging.h"
#include "lag/samplerthread.h"
#include "stream/consumerconfig.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QUuid>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <map>
#include <utility>

namespace cdc::lag {

namespace {

QString errorText(rd_kafka_resp_err_t err)
{
    return QString::fromUtf8(rd_kafka_err2str(err));
}

void logCallback(const rd_kafka_t *, int level, const char *facility, const char *text)
{
    if (level <= 4)
        qCInfo(lcLag).noquote() << "librdkafka" << facility << text;
    else
        qCDebug(lcLag).noquote() << "librdkafka" << facility << text;
}

struct KafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE); }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

struct PartitionListDeleter
{
    void operator()(rd_kafka_topic_partition_list_t *list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

class GroupLagWorker : public SamplerWorker
{
public:
    GroupLagWorker(stream::ConsumerSettings kafka, QList<ConsumerGroupTarget> groups)
        : m_kafka(std::move(kafka))
        , m_groups(std::move(groups))
    {}

    ~GroupLagWorker() override
    {
        m_handles.clear(); // on this thread: destroying a handle may wait for its broker threads
        m_metadataHandle.reset();
    }

protected:
    void sampleOnce() override
    {
        QString error;
        rd_kafka_t *meta = handle(QStringLiteral("cdc-studio-lag-") + QUuid::createUuid().toString(QUuid::Id128),
                                  m_metadataHandle, error);
        if (!meta) {
            Q_EMIT problem(error);
            return;
        }
        // Serve what librdkafka queued for the application (errors it also logs), so nothing piles up.
        rd_kafka_poll(meta, 0);
        for (auto &[group, rk] : m_handles)
            rd_kafka_poll(rk.get(), 0);
        const rd_kafka_metadata_t *metadata = nullptr;
        if (const rd_kafka_resp_err_t err =
                rd_kafka_metadata(meta, 1, nullptr, &metadata, ConsumerGroupLagSampler::kTimeoutMs);
            err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            Q_EMIT problem(tr("Kafka at %1 does not answer: %2").arg(m_kafka.bootstrapServers, errorText(err)));
            return;
        }
        std::vector<std::pair<QString, int>> all; // topic, partition count
        for (int t = 0; t < metadata->topic_cnt; ++t) {
            const rd_kafka_metadata_topic_t &topic = metadata->topics[t];
            if (topic.err == RD_KAFKA_RESP_ERR_NO_ERROR)
                all.emplace_back(QString::fromUtf8(topic.topic), topic.partition_cnt);
        }
        rd_kafka_metadata_destroy(metadata);

        std::map<std::pair<QString, int>, std::pair<qint64, qint64>> watermarks; // shared by the groups
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const ConsumerGroupTarget &group : std::as_const(m_groups)) {
            if (stopping())
                return;
            rd_kafka_t *rk = handle(group.groupId, m_handles[group.groupId], error);
            if (!rk) {
                Q_EMIT problem(error);
                return;
            }
            PartitionList list(rd_kafka_topic_partition_list_new(16));
            for (const auto &[topic, count] : all) {
                if (!topicMatches(topic, group.topicPatterns))
                    continue;
                for (int p = 0; p < count; ++p)
                    rd_kafka_topic_partition_list_add(list.get(), topic.toUtf8().constData(), p);
            }
            if (list->cnt > 0) {
                if (const rd_kafka_resp_err_t err =
                        rd_kafka_committed(rk, list.get(), ConsumerGroupLagSampler::kTimeoutMs);
                    err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                    Q_EMIT problem(tr("Cannot read the committed offsets of the consumer group %1 from Kafka at %2: %3")
                                       .arg(group.groupId, m_kafka.bootstrapServers, errorText(err)));
                    return;
                }
            }
            std::vector<PartitionOffsets> partitions;
            for (int i = 0; i < list->cnt; ++i) {
                const rd_kafka_topic_partition_t &tp = list->elems[i];
                const auto key = std::make_pair(QString::fromUtf8(tp.topic), int(tp.partition));
                auto found = watermarks.find(key);
                if (found == watermarks.end()) {
                    int64_t low = 0, high = 0;
                    if (const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
                            meta, tp.topic, tp.partition, &low, &high, ConsumerGroupLagSampler::kTimeoutMs);
                        err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                        Q_EMIT problem(tr("Cannot read the offsets of %1[%2] from Kafka at %3: %4")
                                           .arg(key.first)
                                           .arg(key.second)
                                           .arg(m_kafka.bootstrapServers, errorText(err)));
                        return;
                    }
                    found = watermarks.emplace(key, std::make_pair(qint64(low), qint64(high))).first;
                }
                const bool committed = tp.err == RD_KAFKA_RESP_ERR_NO_ERROR && tp.offset >= 0;
                partitions.push_back({found->second.first, found->second.second, committed ? qint64(tp.offset) : -1});
            }
            Q_EMIT sampled(ConsumerGroupLagSampler::series(group.groupId, group.nodeId), now,
                           double(consumerGroupLag(partitions)));
        }
        Q_EMIT problem({});
    }

private:
    // A consumer handle with `groupId` (created once); null with `error` set when librdkafka refuses.
    rd_kafka_t *handle(const QString &groupId, KafkaHandle &slot, QString &error)
    {
        if (slot)
            return slot.get();
        Result<stream::ConsumerConfig> conf = stream::buildConsumerConfig(m_kafka, groupId, false);
        if (!conf) {
            error = conf.error().toString();
            return nullptr;
        }
        rd_kafka_conf_set_log_cb(conf.value().get(), logCallback);
        char errstr[512] = {};
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.value().get(), errstr, sizeof errstr);
        if (!rk) {
            error =
                tr("Cannot create a Kafka client for %1: %2").arg(m_kafka.bootstrapServers, QString::fromUtf8(errstr));
            return nullptr;
        }
        conf.value().release(); // owned by the handle now
        slot.reset(rk);
        return rk;
    }

    stream::ConsumerSettings m_kafka;
    QList<ConsumerGroupTarget> m_groups;
    KafkaHandle m_metadataHandle;
    std::map<QString, KafkaHandle> m_handles;
};

} // namespace

qint64 consumerGroupLag(const std::vector<PartitionOffsets> &partitions)
{
    qint64 sum = 0;
    for (const PartitionOffsets &p : partitions)
        sum += std::max<qint64>(0, p.high - (p.committed >= 0 ? p.committed : p.low));
    return sum;
}

bool topicMatches(const QString &topic, const QStringList &patterns)
{
    for (const QString &pattern : patterns) {
        if (!pattern.startsWith(u'^')) {
            if (pattern == topic)
                return true;
            continue;
        }
        const QRegularExpression re(pattern);
        if (re.isValid() && re.match(topic).hasMatch())
            return true;
    }
    return false;
}

ConsumerGroupLagSampler::ConsumerGroupLagSampler(stream::ConsumerSettings kafka, QList<ConsumerGroupTarget> groups,
                                                 QObject *parent)
    : LagSampler(parent)
    , m_kafka(std::move(kafka))
    , m_groups(std::move(groups))
{}

ConsumerGroupLagSampler::~ConsumerGroupLagSampler()
{
    stop();
}

QString ConsumerGroupLagSampler::name() const
{
    return tr("Consumer groups at %1").arg(m_kafka.bootstrapServers);
}

SeriesKey ConsumerGroupLagSampler::series(const QString &groupId, const QString &nodeId)
{
    return SeriesKey{
        QStringLiteral("group:") + groupId, tr("consumer group %1").arg(groupId), LagUnit::Messages, {}, nodeId};
}

void ConsumerGroupLagSampler::start(int intervalMs)
{
    stop();
    m_worker.start(new GroupLagWorker(m_kafka, m_groups), QStringLiteral("lag-groups"), std::max(intervalMs, 100),
                   QStringLiteral("kafka"));
}

void ConsumerGroupLagSampler::stop()
{
    if (!m_worker.isRunning())
        return;
    m_worker.stop();
    m_health.reset();
}

} // namespace cdc::lag
