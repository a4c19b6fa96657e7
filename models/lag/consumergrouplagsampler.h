// SPDX-License-Identifier: GPL-3.0-or-later
// Consumer lag in messages per consumer group ("group:GROUP"): over the partitions of the topics the
// group reads, high watermark minus the group's committed offset (from the low watermark when it has
// committed none). librdkafka on a thread of its own, with short timeouts; the group is never joined.
#pragma once

#include "lag/lagsampler.h"
#include "lag/samplerhealth.h"
#include "lag/samplerthread.h"
#include "stream/streamconsumer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace cdc::lag {

struct ConsumerGroupTarget
{
    QString groupId;
    QString nodeId;            // the consumer node an alert colours
    QStringList topicPatterns; // regexes (a leading ^) or exact topic names

    bool operator==(const ConsumerGroupTarget &) const = default;
};

// One partition as the sampler sees it.
struct PartitionOffsets
{
    qint64 low = 0;
    qint64 high = 0;
    qint64 committed = -1; // < 0: the group has committed nothing here
};

// Σ max(0, high − (committed, or low when none)).
qint64 consumerGroupLag(const std::vector<PartitionOffsets> &partitions);
// Whether `topic` is one of `patterns` (a pattern that starts with ^ is a regex, else a name).
bool topicMatches(const QString &topic, const QStringList &patterns);

class ConsumerGroupLagSampler : public LagSampler
{
    Q_OBJECT

public:
    static constexpr int kTimeoutMs = 2000; // metadata, committed offsets, each watermark query

    // `kafka`: the bootstrap servers and security settings (the rest is ignored).
    ConsumerGroupLagSampler(stream::ConsumerSettings kafka, QList<ConsumerGroupTarget> groups,
                            QObject *parent = nullptr);
    ~ConsumerGroupLagSampler() override;

    QString name() const override;
    void start(int intervalMs) override;
    void stop() override;

    const stream::ConsumerSettings &kafka() const { return m_kafka; }
    const QList<ConsumerGroupTarget> &groups() const { return m_groups; }

    static SeriesKey series(const QString &groupId, const QString &nodeId); // "group:GROUP"

private:
    stream::ConsumerSettings m_kafka;
    QList<ConsumerGroupTarget> m_groups;
    SamplerHealth m_health{this};
    SamplerWorkerHandle m_worker{this, &m_health};
};

} // namespace cdc::lag
