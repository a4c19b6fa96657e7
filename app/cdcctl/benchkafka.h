// SPDX-License-Identifier: GPL-3.0-or-later
// What the cdcctl benchmarks share: the two bench-only outbox topics on a real broker, filled once with
// realistic events, kcat reading them as the reference, and the machine line every report starts with.
#pragma once

#include <QString>

#include <librdkafka/rdkafka.h>

#include <memory>
#include <optional>

namespace cdc::cli {

inline const QString kBenchTopicPostgres = QStringLiteral("outbox.event.postgres.cdcbench");
inline const QString kBenchTopicMySql = QStringLiteral("outbox.event.mysql.cdcbench");

// User + system CPU seconds of this process (RUSAGE_SELF, all threads) or of its waited-for children.
double cpuSeconds(int who);

struct KafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
using Kafka = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

// A producer client (also used for metadata, watermarks and admin requests), or the reason it failed.
Kafka makeProducer(const QString &bootstrap, QString *error);
// Messages held by `topic` (high minus low watermark over its partitions); nullopt when it does not exist.
std::optional<qint64> messagesIn(rd_kafka_t *rk, const QString &topic);
// Deletes (when `create` is false) or creates (one partition) the topic; waits for the answer.
rd_kafka_resp_err_t adminTopic(rd_kafka_t *rk, const QString &topic, bool create, QString *message);
// Deletes the topic if it exists and creates it again, empty (waiting while the old one is deleted).
bool recreateTopic(rd_kafka_t *rk, const QString &topic);
// Makes the two bench topics hold exactly `events` outbox events between them (recreating them when not):
// key = order id, headers `id` (unique) and `eventType`, ~1 KB JSON values.
bool prepareTopics(rd_kafka_t *rk, qint64 events);

struct Timing
{
    qint64 events = 0;
    double seconds = 0;
    double cpuSeconds = 0;    // user + system of every thread (ingest) or of the child processes (kcat)
    qint64 firstEventMs = -1; // from the start until the first events were ready to take
    double eps() const { return seconds > 0 ? double(events) / seconds : 0; }
};

// kcat reading the bench topics from the beginning to their end, values to /dev/null (or counted).
std::optional<Timing> runKcat(const QString &kcat, const QString &bootstrap, qint64 events, bool count);

QString machineLine();
QString loadAverage();

// Exit 77 and a SKIP line when the stack is not there; exit 1 with CDC_REQUIRE_STACK=1 (CI).
int stackMissing(const QString &benchmark, const QString &reason);

} // namespace cdc::cli
