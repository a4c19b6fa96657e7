// What the outbox pipeline needs besides connector configs: the outbox table's DDL for each database,
// and the PyFlink job that unions both topic families into one stream with source_database.
#pragma once

#include "topology/projectfile.h"

#include <QString>

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
};

// Options taken from a project: bootstrap servers from its connectors, group id from its consumer,
// topic patterns from its topic nodes.
PyFlinkJobOptions pyFlinkOptionsFor(const topology::Project &project);

QString pyFlinkUnionJob(const PyFlinkJobOptions &options);

} // namespace cdc::debezium
