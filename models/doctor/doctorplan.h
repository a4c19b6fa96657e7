// SPDX-License-Identifier: GPL-3.0-or-later
// What the Doctor looks at for a project: each database server with the connectors that read it (and the
// user they log in as), the Kafka Connect worker, the Kafka brokers. Built from the project, with the
// stack's stack.env filling what the project leaves out, exactly as the lag samplers are.
#pragma once

#include "connect/connecttypes.h"
#include "debezium/connectorconfig.h"
#include "lag/mysqllagsampler.h"
#include "lag/postgresslotsampler.h"
#include "topology/projectfile.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace cdc {
class StackEnvironment;
}

namespace cdc::doctor {

// The Outbox Event Router's column settings of a connector (defaults when it sets none).
struct OutboxColumns
{
    QString id = QStringLiteral("id");
    QString key = QStringLiteral("aggregateid");
    QString payload = QStringLiteral("payload");
    QString routeBy = QStringLiteral("aggregatetype");
    QString topicReplacement = QStringLiteral("outbox.event.${routedByValue}");
    bool expandJson = false;
};

struct ConnectorTarget
{
    QString name;
    QString connectorClass;
    QMap<QString, QString> config;
    QStringList tables;  // table.include.list entries that name one table ("schema.table" / "db.table")
    QString outboxTable; // the table the Event Router reads, when there is one
    bool outboxRouter = false;
    OutboxColumns outbox;
};

struct PostgresTarget
{
    lag::PostgresEndpoint endpoint;
    std::vector<ConnectorTarget> connectors;
};

struct MySqlTarget
{
    lag::MySqlEndpoint endpoint;
    std::vector<ConnectorTarget> connectors;
};

struct DoctorPlan
{
    topology::Project project;
    std::vector<PostgresTarget> postgres; // one per server, database and user
    std::vector<MySqlTarget> mysql;       // one per server and user
    connect::ClusterSettings cluster;
    bool hasCluster = false; // the project names a worker (or stack.env does)
    QString kafkaBootstrap;
    // The sandbox runs the project: its databases and its unified consumer are simulated in-process, so
    // no database or consumer check applies (one note says so instead of a false "cannot connect").
    bool simulated = false;
};

struct DoctorOptions
{
    bool project = true;
    bool databases = true;
    bool connect = true;
    bool kafka = true;
    bool consumer = true;   // the unified consumer's prerequisites (PyFlink, its jar, Java)
    int timeoutSeconds = 5; // connect and statement timeouts, per server
};

// `env` may be null.
DoctorPlan planFor(const topology::Project &project, const StackEnvironment *env);

ConnectorTarget connectorTarget(const debezium::ConnectorConfig &connector);

} // namespace cdc::doctor
