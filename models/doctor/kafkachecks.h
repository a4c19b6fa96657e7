// Kafka checks through librdkafka's admin API: each MySQL/MariaDB connector's schema history topic exists,
// has one partition and infinite retention, and is not compacted. Blocking: runs on the Doctor's thread.
#pragma once

#include "doctor/connectchecks.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"

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
};

// What the brokers say about the cluster: every topic's name, and whether they create a topic on first write.
struct ClusterFacts
{
    QStringList topics;
    std::optional<bool> autoCreate; // auto.create.topics.enable of a broker; nullopt when unknown
    QString error;
};

// Pure: whether the topics a connector's Event Router writes (`prefix`*) exist or will be created — by the
// brokers (auto.create.topics.enable) or by Kafka Connect (the connector's topic.creation.default.*).
Finding routedTopicsFinding(const QString &connector, const QString &kind, const QString &prefix,
                            const ClusterFacts &facts, bool connectorCreates, const QString &bootstrap);
ClusterFacts describeCluster(const QString &bootstrap, int timeoutMs);

// What the group coordinator says about a consumer group.
struct GroupFacts
{
    QString state; // librdkafka's name: "Stable", "Empty", "Dead", "PreparingRebalance", ...
    int members = 0;
    QString error;
};

// Pure: a consumer node's group is consuming (ok), exists without members or does not exist yet (info).
Finding consumerGroupFinding(const QString &group, const QString &consumer, const GroupFacts &facts,
                             const QString &bootstrap);
QMap<QString, GroupFacts> describeGroups(const QString &bootstrap, const QStringList &groups, int timeoutMs);

// Pure: the findings for one history topic of `connector` from what the brokers said. A missing topic is
// an error when the connector is deployed (it read its history before), else info (Debezium creates it).
Finding historyTopicFinding(const QString &connector, const QString &topic, const TopicFacts &facts, bool deployed,
                            const QString &bootstrap);

// Asks the brokers (metadata for every topic, then DescribeConfigs) about each topic.
QMap<QString, TopicFacts> describeTopics(const QString &bootstrap, const QStringList &topics, int timeoutMs);

Findings runKafkaChecks(const DoctorPlan &plan, const WorkerState *worker, int timeoutMs);

} // namespace cdc::doctor
