// SPDX-License-Identifier: GPL-3.0-or-later
// What a consumer node's properties say about where its job runs: on a local Flink (the default) or on
// the Flink cluster whose JobManager REST address is its `flink.rest.url`; and the Kafka brokers its job
// reads, the same ones the lag samplers and the Doctor ask.
#pragma once

#include "core/result.h"
#include "topology/projectfile.h"

#include <QString>
#include <QUrl>

namespace cdc {
class StackEnvironment;
}

namespace cdc::consumer {

// The consumer node's property that names a Flink cluster to submit its job to.
inline const QString kClusterUrlProperty = QStringLiteral("flink.rest.url");

// An empty URL: run on a local Flink. "host:port" is taken as http://host:port. An error (what, where,
// what to do) when the property is set but is not an http(s) address with a host.
Result<QUrl> clusterUrlOf(const topology::Node &consumer);

// The node `id` of `project`, or null.
const topology::Node *findNode(const topology::Project &project, const QString &id);

// The brokers the job reads: lag::kafkaBootstrapFor() (a node's bootstrap.servers, then the stack's
// KAFKA_BOOTSTRAP, then the connectors' history brokers), so that the job, its lag and the Doctor agree.
// `env` may be null.
QString jobBootstrapFor(const topology::Project &project, const StackEnvironment *env);

} // namespace cdc::consumer
