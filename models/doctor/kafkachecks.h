// SPDX-License-Identifier: GPL-3.0-or-later
// Kafka checks through librdkafka's admin API: the Event Router's topics exist or will be created, each
// consumer node's group, and each MySQL/MariaDB connector's schema history topic (one partition, infinite
// retention, not compacted). Blocking: runs on the Kafka check's own thread, one KafkaAdmin per bootstrap.
#pragma once

#include "doctor/connectchecks.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"
#include "doctor/kafkaadmin.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace cdc::doctor {

// What the brokers say about one topic: partitions (nullopt: no such topic) and its configs.
struct TopicFacts
{
    std::optional<int> partitions;
    QMap<QString, QString> configs; // retention.ms, retention.bytes, cleanup.policy
    QString error;                  // the brokers could not be asked
    QString configsUnsupported;     // the topic is there, but the brokers do not offer DescribeConfigs: why
};

// What the brokers say about the cluster: every topic's name, and whether they create a topic on first write.
struct ClusterFacts
{
    QStringList topics;
    std::optional<bool> autoCreate; // auto.create.topics.enable of a broker; nullopt when unknown
    QString autoCreateUnknown;      // why it is unknown, when the brokers were asked
    QString error;
};

// Pure: whether the topics a connector's Event Router writes (`prefix`*) exist or will be created — by the
// brokers (auto.create.topics.enable) or by Kafka Connect (the connector's topic.creation.default.*).
Finding routedTopicsFinding(const QString &connector, const QString &kind, const QString &prefix,
                            const ClusterFacts &facts, bool connectorCreates, const QString &bootstrap);
ClusterFacts describeCluster(KafkaAdmin &admin, int timeoutMs);

// Pure: a consumer node's group is consuming (ok), exists without members or does not exist yet (info); a
// broker that cannot describe groups (the sandbox's mock cluster) is a note.
// `joinsGroup` false: a PyFlink job, whose Kafka source never joins its group (an empty group is normal).
Finding consumerGroupFinding(const QString &group, const QString &consumer, const GroupFacts &facts,
                             const QString &bootstrap, bool joinsGroup = true);

// Pure: the findings for one history topic of `connector` from what the brokers said. A missing topic is
// an error when the connector is deployed (it read its history before), else info (Debezium creates it).
Finding historyTopicFinding(const QString &connector, const QString &topic, const TopicFacts &facts, bool deployed,
                            const QString &bootstrap);

// Asks the brokers (metadata for every topic, then DescribeConfigs) about each topic.
QMap<QString, TopicFacts> describeTopics(KafkaAdmin &admin, const QStringList &topics, int timeoutMs);

Findings runKafkaChecks(const DoctorPlan &plan, const WorkerState *worker, int timeoutMs);

} // namespace cdc::doctor
