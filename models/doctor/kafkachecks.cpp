// SPDX-License-Identifier: GPL-3.0-or-later
// The Kafka checks' findings from what the brokers said, read without creating anything: asking for all
// topics never triggers the brokers' topic auto-creation.
#include "kafkachecks.h"

#include "debezium/outboxartifacts.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

#include <map>
#include <memory>

namespace cdc::doctor {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("cdc::doctor::kafka", text, disambiguation, n);
}

// Debezium creates the history topic with retention.ms = Long.MAX_VALUE; -1 means the same.
bool infinite(const QString &value)
{
    bool ok = false;
    const qint64 v = value.toLongLong(&ok);
    return ok && (v < 0 || v >= 100LL * 365 * 24 * 3600 * 1000);
}

} // namespace

Finding historyTopicFinding(const QString &connector, const QString &topic, const TopicFacts &facts, bool deployed,
                            const QString &bootstrap)
{
    Finding f;
    f.check = QStringLiteral("kafka.history-topic");
    f.area = Area::Kafka;
    f.subject = connector;
    f.databaseKind = QStringLiteral("mysql");
    f.guide = QStringLiteral("history-topic");
    const QString create = QStringLiteral("kafka-topics.sh --bootstrap-server %1 --create --topic %2 --partitions 1 "
                                          "--replication-factor 1 --config retention.ms=-1 --config retention.bytes=-1 "
                                          "--config cleanup.policy=delete")
                               .arg(bootstrap, topic);
    f.evidence = QStringLiteral("Metadata(%1) and DescribeConfigs(topic %2) at %1").arg(bootstrap, topic);
    if (!facts.error.isEmpty()) {
        f.severity = Severity::Warning;
        f.title = tr("The schema history topic %1 could not be checked: %2").arg(topic, facts.error);
        f.evidence += QStringLiteral("\n→ ") + facts.error;
        f.fix = tr("Check that the brokers at %1 answer from this machine.").arg(bootstrap);
        return f;
    }
    if (!facts.partitions) {
        f.evidence += QStringLiteral("\n→ no topic %1").arg(topic);
        if (deployed) {
            f.severity = Severity::Error;
            f.title = tr("The schema history topic %1 is missing, but the connector is deployed: at its next start it "
                         "fails with \"The db history topic is missing\".")
                          .arg(topic);
            f.fix = create + QStringLiteral("\n") +
                    tr("# then start the connector once with \"snapshot.mode\": \"recovery\", and set it back");
        } else {
            f.severity = Severity::Info;
            f.title = tr("The schema history topic %1 does not exist yet; Debezium creates it at the first start.")
                          .arg(topic);
            f.guide.clear();
        }
        return f;
    }
    if (!facts.configsUnsupported.isEmpty()) {
        // What the metadata says is all there is: the partitions.
        f.evidence += QStringLiteral("\n→ partitions=%1\n→ configs not asked: %2")
                          .arg(*facts.partitions)
                          .arg(facts.configsUnsupported);
        if (*facts.partitions != 1) {
            f.severity = Severity::Error;
            f.title = tr("The schema history topic %1 has %2 partitions (the history must be read in order: one).")
                          .arg(topic)
                          .arg(*facts.partitions);
            f.fix = tr("# a topic cannot lose partitions: recreate it with one, then recover the history:") +
                    QStringLiteral("\n") + create;
        } else {
            f.severity = Severity::Info;
            f.title = tr("The schema history topic %1 has one partition; its retention was not checked: this broker "
                         "does not support DescribeConfigs.")
                          .arg(topic);
            f.guide.clear();
        }
        return f;
    }
    const QString retentionMs = facts.configs.value(QStringLiteral("retention.ms"));
    const QString retentionBytes = facts.configs.value(QStringLiteral("retention.bytes"), QStringLiteral("-1"));
    const QString policy = facts.configs.value(QStringLiteral("cleanup.policy"), QStringLiteral("delete"));
    f.evidence += QStringLiteral("\n→ partitions=%1 retention.ms=%2 retention.bytes=%3 cleanup.policy=%4")
                      .arg(*facts.partitions)
                      .arg(retentionMs, retentionBytes, policy);
    QStringList problems;
    QStringList fixes;
    if (*facts.partitions != 1) {
        problems << tr("has %1 partitions (the history must be read in order: one)").arg(*facts.partitions);
        fixes << tr("# a topic cannot lose partitions: recreate it with one, then recover the history:") << create;
    }
    if (!infinite(retentionMs) || !infinite(retentionBytes)) {
        problems << tr("expires data (retention.ms=%1, retention.bytes=%2)").arg(retentionMs, retentionBytes);
        fixes << QStringLiteral("kafka-configs.sh --bootstrap-server %1 --alter --entity-type topics --entity-name %2 "
                                "--add-config retention.ms=-1,retention.bytes=-1")
                     .arg(bootstrap, topic);
    }
    if (policy.contains(QLatin1String("compact"))) {
        problems << tr("is compacted (cleanup.policy=%1), which drops history records").arg(policy);
        fixes << QStringLiteral("kafka-configs.sh --bootstrap-server %1 --alter --entity-type topics --entity-name %2 "
                                "--add-config cleanup.policy=delete")
                     .arg(bootstrap, topic);
    }
    if (problems.isEmpty()) {
        f.severity = Severity::Ok;
        f.title = tr("The schema history topic %1 has one partition and keeps everything.").arg(topic);
        f.guide.clear();
    } else {
        f.severity = *facts.partitions != 1 ? Severity::Error : Severity::Warning;
        f.title = tr("The schema history topic %1 %2.").arg(topic, problems.join(QStringLiteral("; ")));
        f.fix = fixes.join(u'\n');
    }
    return f;
}

QMap<QString, TopicFacts> describeTopics(KafkaAdmin &admin, const QStringList &topics, int timeoutMs)
{
    QMap<QString, TopicFacts> out;
    const ClusterMetadata &md = admin.metadata(timeoutMs);
    QStringList existing;
    for (const QString &t : topics) {
        TopicFacts &facts = out[t];
        facts.error = md.error;
        if (md.error.isEmpty() && md.topics.contains(t)) {
            facts.partitions = md.topics.value(t);
            existing << t;
        }
    }
    const QMap<QString, ConfigFacts> configs = admin.describeTopicConfigs(existing, timeoutMs);
    for (auto it = configs.cbegin(); it != configs.cend(); ++it) {
        TopicFacts &facts = out[it.key()];
        facts.configs = it->configs;
        facts.configsUnsupported = it->unsupported;
        if (it->unsupported.isEmpty())
            facts.error = it->error;
    }
    return out;
}

Finding routedTopicsFinding(const QString &connector, const QString &kind, const QString &prefix,
                            const ClusterFacts &facts, bool connectorCreates, const QString &bootstrap)
{
    Finding f;
    f.check = QStringLiteral("kafka.routed-topics");
    f.area = Area::Kafka;
    f.subject = connector;
    f.databaseKind = kind;
    f.evidence = QStringLiteral("Metadata(all topics) and DescribeConfigs(broker auto.create.topics.enable) at %1")
                     .arg(bootstrap);
    if (!facts.error.isEmpty()) {
        f.severity = Severity::Warning;
        f.title = tr("The topics %1* could not be checked: %2").arg(prefix, facts.error);
        f.evidence += QStringLiteral("\n→ ") + facts.error;
        return f;
    }
    QStringList existing;
    for (const QString &t : facts.topics) {
        if (t.startsWith(prefix))
            existing << t;
    }
    existing.sort();
    f.evidence += QStringLiteral("\n→ topics %1*: %2\n→ auto.create.topics.enable=%3")
                      .arg(prefix, existing.isEmpty() ? QStringLiteral("none") : existing.join(QStringLiteral(", ")),
                           !facts.autoCreate   ? QStringLiteral("unknown")
                           : *facts.autoCreate ? QStringLiteral("true")
                                               : QStringLiteral("false"));
    if (!facts.autoCreate && !facts.autoCreateUnknown.isEmpty())
        f.evidence += QStringLiteral(" (") + facts.autoCreateUnknown + u')';
    f.severity = Severity::Ok;
    if (!existing.isEmpty())
        f.title = tr("%n topic(s) %1* exist.", nullptr, int(existing.size())).arg(prefix);
    else if (connectorCreates)
        f.title = tr("No topic %1* exists yet; Kafka Connect creates them (topic.creation.default.*).").arg(prefix);
    else if (facts.autoCreate.value_or(false))
        f.title = tr("No topic %1* exists yet; the brokers create them on the first event.").arg(prefix);
    else {
        f.severity = Severity::Warning;
        f.title = tr("No topic %1* exists, and neither the brokers nor Kafka Connect will create one: the first "
                     "outbox event will fail to be written.")
                      .arg(prefix);
        f.fix = QStringLiteral("\"topic.creation.default.replication.factor\": \"1\",\n"
                               "\"topic.creation.default.partitions\": \"1\"");
        f.guide = QStringLiteral("routed-topics");
    }
    return f;
}

ClusterFacts describeCluster(KafkaAdmin &admin, int timeoutMs)
{
    ClusterFacts facts;
    const ClusterMetadata &md = admin.metadata(timeoutMs);
    if (!md.error.isEmpty()) {
        facts.error = md.error;
        return facts;
    }
    facts.topics = md.topics.keys();
    if (md.brokers.isEmpty())
        return facts;
    const ConfigFacts broker = admin.describeBrokerConfigs(md.brokers.constFirst(), timeoutMs);
    if (broker.configs.contains(QStringLiteral("auto.create.topics.enable")))
        facts.autoCreate = broker.configs.value(QStringLiteral("auto.create.topics.enable")) == QLatin1String("true");
    else
        facts.autoCreateUnknown = !broker.unsupported.isEmpty() ? broker.unsupported : broker.error;
    return facts;
}

Finding consumerGroupFinding(const QString &group, const QString &consumer, const GroupFacts &facts,
                             const QString &bootstrap, bool joinsGroup)
{
    Finding f;
    f.check = QStringLiteral("kafka.consumer-group");
    f.area = Area::Kafka;
    f.subject = consumer;
    if (!facts.unsupported.isEmpty()) {
        f.evidence =
            QStringLiteral("DescribeConsumerGroups(%1) at %2\n→ not sent: ").arg(group, bootstrap) + facts.unsupported;
        f.severity = Severity::Info;
        f.title = tr("Consumer group %1 was not checked: not supported by this broker.").arg(group);
        return f;
    }
    f.evidence = QStringLiteral("DescribeConsumerGroups(%1) at %2\n→ ").arg(group, bootstrap) +
                 (facts.error.isEmpty() ? QStringLiteral("state=%1 members=%2").arg(facts.state).arg(facts.members)
                                        : facts.error);
    if (!facts.error.isEmpty()) {
        f.severity = Severity::Warning;
        f.title = tr("Consumer group %1 could not be described: %2").arg(group, facts.error);
    } else if (facts.state == QLatin1String("Stable") && facts.members > 0) {
        f.severity = Severity::Ok;
        f.title = tr("Consumer group %1 is consuming with %n member(s).", nullptr, facts.members).arg(group);
    } else if (facts.state == QLatin1String("Empty") && !joinsGroup) {
        f.severity = Severity::Info;
        f.title = tr("Consumer group %1 has no member, as expected: Flink's Kafka source assigns its partitions "
                     "itself and only commits offsets under the group.")
                      .arg(group);
        f.evidence += tr("\nWhether it consumes is the unified consumer's check consumer.group (committed offsets).");
    } else if (facts.state == QLatin1String("Empty")) {
        f.severity = Severity::Info;
        f.title = tr("Consumer group %1 exists but has no member now: the consumer is not running.").arg(group);
        f.fix = tr("Start the consumer (the PyFlink job or the service that uses group.id %1).").arg(group);
    } else if (facts.state == QLatin1String("Dead") || facts.state.isEmpty() ||
               facts.state == QLatin1String("Unknown")) {
        f.severity = Severity::Info;
        f.title = tr("Consumer group %1 does not exist yet: the consumer has not run.").arg(group);
        f.fix = tr("Start the consumer (the PyFlink job or the service that uses group.id %1).").arg(group);
    } else {
        f.severity = Severity::Info;
        f.title = tr("Consumer group %1 is rebalancing (%2).").arg(group, facts.state);
    }
    return f;
}

Findings runKafkaChecks(const DoctorPlan &plan, const WorkerState *worker, int timeoutMs)
{
    Findings out;
    // One client per bootstrap for the three checks: one connection, one metadata answer, one ApiVersions.
    std::map<QString, std::unique_ptr<KafkaAdmin>> admins;
    auto adminFor = [&admins](const QString &bootstrap) -> KafkaAdmin & {
        std::unique_ptr<KafkaAdmin> &admin = admins[bootstrap];
        if (!admin)
            admin = std::make_unique<KafkaAdmin>(bootstrap);
        return *admin;
    };
    // The Event Router's topic families: exist, or someone will create them.
    struct Routed
    {
        QString connector, kind, prefix;
        bool connectorCreates = false;
    };
    std::vector<Routed> routed;
    auto collect = [&routed](const std::vector<ConnectorTarget> &connectors, const char *kind) {
        for (const ConnectorTarget &c : connectors) {
            if (!c.outboxRouter)
                continue;
            const QString prefix = c.outbox.topicReplacement.section(QStringLiteral("${routedByValue}"), 0, 0);
            if (prefix.isEmpty())
                continue;
            routed.push_back({c.name, QString::fromLatin1(kind), prefix,
                              c.config.contains(QStringLiteral("topic.creation.default.replication.factor")) &&
                                  c.config.contains(QStringLiteral("topic.creation.default.partitions"))});
        }
    };
    for (const PostgresTarget &t : plan.postgres)
        collect(t.connectors, "postgres");
    for (const MySqlTarget &t : plan.mysql)
        collect(t.connectors, "mysql");
    if (!routed.empty()) {
        const ClusterFacts facts = describeCluster(adminFor(plan.kafkaBootstrap), timeoutMs);
        for (const Routed &r : routed)
            out.push_back(
                routedTopicsFinding(r.connector, r.kind, r.prefix, facts, r.connectorCreates, plan.kafkaBootstrap));
    }
    // The consumer nodes' groups.
    QMap<QString, QString> groups; // group → consumer node
    QSet<QString> flinkGroups;     // groups of PyFlink jobs, whose sources never join them
    for (const topology::Node &n : plan.project.nodes) {
        const bool pyflink = debezium::isPyFlinkConsumer(n);
        const QString group =
            pyflink ? debezium::consumerGroupOf(n) : n.properties.value(QStringLiteral("group.id")).trimmed();
        if (n.kind == topology::NodeKind::Consumer && !group.isEmpty() && !groups.contains(group)) {
            groups.insert(group, n.name);
            if (pyflink)
                flinkGroups.insert(group);
        }
    }
    if (!groups.isEmpty()) {
        const QMap<QString, GroupFacts> facts = adminFor(plan.kafkaBootstrap).describeGroups(groups.keys(), timeoutMs);
        for (auto it = groups.cbegin(); it != groups.cend(); ++it)
            out.push_back(consumerGroupFinding(it.key(), it.value(), facts.value(it.key()), plan.kafkaBootstrap,
                                               !flinkGroups.contains(it.key())));
    }
    for (const MySqlTarget &t : plan.mysql) {
        for (const ConnectorTarget &c : t.connectors) {
            const QString topic = c.config.value(QStringLiteral("schema.history.internal.kafka.topic")).trimmed();
            if (topic.isEmpty())
                continue; // the linter reports a missing history topic setting
            // The connector's own brokers for its history, else the project's.
            QString bootstrap =
                c.config.value(QStringLiteral("schema.history.internal.kafka.bootstrap.servers")).trimmed();
            if (bootstrap.isEmpty())
                bootstrap = plan.kafkaBootstrap;
            const TopicFacts facts = describeTopics(adminFor(bootstrap), {topic}, timeoutMs).value(topic);
            const bool deployed = worker && worker->reached && worker->find(c.name);
            out.push_back(historyTopicFinding(c.name, topic, facts, deployed, bootstrap));
        }
    }
    return out;
}

} // namespace cdc::doctor
