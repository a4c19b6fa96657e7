// SPDX-License-Identifier: GPL-3.0-or-later
// Which lag samplers a project needs and where they connect, from its database, connector, Connect,
// topic and consumer nodes (the stack's stack.env fills what the project leaves out). The GUI and
// cdcctl build their samplers here, so both watch the same things.
#pragma once

#include "connect/connecttypes.h"
#include "debezium/connectorconfig.h"
#include "lag/lagsampler.h"
#include "lag/mysqllagsampler.h"
#include "lag/postgresslotsampler.h"
#include "topology/projectfile.h"

#include <QString>

#include <memory>
#include <vector>

namespace cdc {
class StackEnvironment;
}

namespace cdc::lag {

// One PostgresSlotSampler per PostgreSQL server (its connectors' slots mapped to their nodes), one
// MySqlLagSampler per MySQL/MariaDB connector, and one ConsumerGroupLagSampler for the consumer nodes'
// groups. Not started. `env` may be null.
std::vector<std::unique_ptr<LagSampler>> samplersFor(const topology::Project &project, const StackEnvironment *env);

// A `bootstrap.servers` property of a topic, consumer or Connect node; else KAFKA_BOOTSTRAP of `env`; else a
// connector's schema history brokers; else the stack's default.
QString kafkaBootstrapFor(const topology::Project &project, const StackEnvironment *env);

// The project's first Connect cluster entry; else the Connect node that runs the connector (or any Connect
// node); else CONNECT_URL of `env`; else Connect's default address.
connect::ClusterSettings connectClusterFor(const topology::Project &project, const QString &connectorNodeId,
                                           const StackEnvironment *env);

// Where a connector's database is and who it logs in as: the connector's own settings, else its database
// node's, else `env`'s (may be null). The Doctor checks the same servers the samplers watch.
PostgresEndpoint postgresEndpointFor(const topology::Project &project, const debezium::ConnectorConfig &connector,
                                     const StackEnvironment *env);
MySqlEndpoint mysqlEndpointFor(const topology::Project &project, const debezium::ConnectorConfig &connector,
                               const StackEnvironment *env);
// "postgres" or "mysql" from the connector class, else the database node's kind; empty when unknown.
QString connectorDatabaseKind(const debezium::ConnectorConfig &connector);

} // namespace cdc::lag
