// SPDX-License-Identifier: GPL-3.0-or-later
// What the outbox pipeline needs besides connector configs: the outbox table's DDL for each database,
// and the PyFlink job that unions both topic families into one stream with source_database.
#pragma once

#include "topology/projectfile.h"

#include <QString>
#include <QStringList>

namespace cdc::debezium {

enum class SqlFlavour { PostgreSQL, MySQL, MariaDB };

// `table` may be qualified: "public.outbox", "capstone.outbox".
QString outboxTableDdl(SqlFlavour flavour, const QString &table = QStringLiteral("outbox"));

struct PyFlinkJobOptions
{
    QString bootstrapServers = QStringLiteral("127.0.0.1:19092");
    QString groupId = QStringLiteral("unified-orders");
    QString postgresTopicPattern = QStringLiteral("outbox\\.event\\.postgres\\..*");
    QString mysqlTopicPattern = QStringLiteral("outbox\\.event\\.mysql\\..*");
    // Where a run starts reading: "group-offsets" (where the group stopped, else the earliest),
    // "earliest-offset" or "latest-offset". The consumer node's `startup.mode`.
    QString startupMode = QStringLiteral("group-offsets");
    int parallelism = 1;           // the consumer node's `parallelism`
    int checkpointSeconds = 10;    // offsets are committed at each checkpoint
    int deduplicationMinutes = 60; // how long an outbox event id is remembered
    enum class Sink { Print, Kafka };
    Sink sink = Sink::Print;                             // the sink node's `type`: print | kafka
    QString sinkTopic = QStringLiteral("unified.order"); // the sink node's `topic`
    // Properties that could not be used, one sentence each (the defaults above stand in for them).
    QStringList problems;
};

// Options taken from a project: bootstrap servers from a `bootstrap.servers` of its consumer, topic or
// Connect nodes (else its connectors' schema history brokers), group id, startup mode and parallelism from
// its consumer, topic patterns from its topic nodes, the sink from its sink node.
PyFlinkJobOptions pyFlinkOptionsFor(const topology::Project &project);

// The Kafka consumer group a consumer node's job commits its offsets under: its `group.id`, else the
// generated job's default. The lag samplers and the Doctor watch this group.
QString consumerGroupOf(const topology::Node &consumer);

// Whether a consumer node runs the generated PyFlink job (its `type` is pyflink, or unset).
bool isPyFlinkConsumer(const topology::Node &node);

// The job, readable by a learner. At run time it reads FLINK_KAFKA_JAR (the connector jar),
// CDC_FLINK_REST_PORT (the local mini-cluster's REST port, so that a runner can watch and stop it),
// CDC_FLINK_STATE_DIR (where checkpoints are kept), CDC_FLINK_RESTORE (a savepoint or checkpoint to
// resume from) and CDC_FLINK_JOBMANAGER (host:port of a Flink cluster's REST endpoint: submit there).
QString pyFlinkUnionJob(const PyFlinkJobOptions &options);

} // namespace cdc::debezium
