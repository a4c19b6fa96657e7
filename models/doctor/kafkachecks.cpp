// librdkafka's metadata and DescribeConfigs, read without creating anything: asking for all topics
// never triggers the brokers' topic auto-creation.
#include "kafkachecks.h"

#include <QCoreApplication>
#include <QStringList>

#include <librdkafka/rdkafka.h>

#include <memory>

namespace cdc::doctor {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("cdc::doctor::kafka", text, disambiguation, n);
}

void quietLog(const rd_kafka_t *, int, const char *, const char *) {}

struct HandleDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

// A silent client for metadata and admin requests to `bootstrap`; null with `error` set when there is none.
KafkaHandle adminClient(const QString &bootstrap, QString &error)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512] = {};
    rd_kafka_conf_set_log_cb(conf, quietLog);
    if (rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        error = QString::fromUtf8(errstr);
        return nullptr;
    }
    KafkaHandle rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        error = QString::fromUtf8(errstr);
    }
    return rk;
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

QMap<QString, TopicFacts> describeTopics(const QString &bootstrap, const QStringList &topics, int timeoutMs)
{
    QMap<QString, TopicFacts> out;
    auto failAll = [&](const QString &error) {
        for (const QString &t : topics)
            out[t].error = error;
        return out;
    };
    QString error;
    const KafkaHandle rk = adminClient(bootstrap, error);
    if (!rk)
        return failAll(error);
    const struct rd_kafka_metadata *md = nullptr;
    if (const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &md, timeoutMs);
        err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return failAll(tr("no metadata from %1: %2").arg(bootstrap, QString::fromUtf8(rd_kafka_err2str(err))));
    for (const QString &t : topics)
        out[t] = TopicFacts{};
    for (int i = 0; i < md->topic_cnt; ++i) {
        const QString name = QString::fromUtf8(md->topics[i].topic);
        if (out.contains(name) && md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
            out[name].partitions = md->topics[i].partition_cnt;
    }
    rd_kafka_metadata_destroy(md);

    std::vector<rd_kafka_ConfigResource_t *> resources;
    for (auto it = out.cbegin(); it != out.cend(); ++it) {
        if (it->partitions)
            resources.push_back(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, it.key().toUtf8().constData()));
    }
    if (resources.empty())
        return out;
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk.get());
    rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
    char errstr[512] = {};
    rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, errstr, sizeof errstr);
    rd_kafka_DescribeConfigs(rk.get(), resources.data(), resources.size(), options, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs + 1000);
    const rd_kafka_DescribeConfigs_result_t *result = event ? rd_kafka_event_DescribeConfigs_result(event) : nullptr;
    if (!result) {
        const QString why = event ? QString::fromUtf8(rd_kafka_event_error_string(event)) : tr("no answer in time");
        for (auto it = out.begin(); it != out.end(); ++it) {
            if (it->partitions)
                it->error = tr("DescribeConfigs failed: %1").arg(why);
        }
    } else {
        size_t count = 0;
        const rd_kafka_ConfigResource_t **described = rd_kafka_DescribeConfigs_result_resources(result, &count);
        for (size_t i = 0; i < count; ++i) {
            const QString name = QString::fromUtf8(rd_kafka_ConfigResource_name(described[i]));
            if (rd_kafka_ConfigResource_error(described[i]) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                out[name].error = QString::fromUtf8(rd_kafka_ConfigResource_error_string(described[i]));
                continue;
            }
            size_t entries = 0;
            const rd_kafka_ConfigEntry_t **configs = rd_kafka_ConfigResource_configs(described[i], &entries);
            for (size_t e = 0; e < entries; ++e) {
                const char *value = rd_kafka_ConfigEntry_value(configs[e]);
                out[name].configs.insert(QString::fromUtf8(rd_kafka_ConfigEntry_name(configs[e])),
                                         value ? QString::fromUtf8(value) : QString());
            }
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_ConfigResource_destroy_array(resources.data(), resources.size());
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

ClusterFacts describeCluster(const QString &bootstrap, int timeoutMs)
{
    ClusterFacts facts;
    const KafkaHandle rk = adminClient(bootstrap, facts.error);
    if (!rk)
        return facts;
    const struct rd_kafka_metadata *md = nullptr;
    if (const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &md, timeoutMs);
        err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        facts.error = tr("no metadata from %1: %2").arg(bootstrap, QString::fromUtf8(rd_kafka_err2str(err)));
        return facts;
    }
    for (int i = 0; i < md->topic_cnt; ++i)
        facts.topics << QString::fromUtf8(md->topics[i].topic);
    const QByteArray broker = md->broker_cnt > 0 ? QByteArray::number(md->brokers[0].id) : QByteArray();
    rd_kafka_metadata_destroy(md);
    if (broker.isEmpty())
        return facts;
    rd_kafka_ConfigResource_t *resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_BROKER, broker.constData());
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk.get());
    rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
    char errstr[512] = {};
    rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, errstr, sizeof errstr);
    rd_kafka_DescribeConfigs(rk.get(), &resource, 1, options, queue);
    if (rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs + 1000)) {
        if (const rd_kafka_DescribeConfigs_result_t *result = rd_kafka_event_DescribeConfigs_result(event)) {
            size_t count = 0;
            const rd_kafka_ConfigResource_t **described = rd_kafka_DescribeConfigs_result_resources(result, &count);
            for (size_t i = 0; i < count; ++i) {
                size_t entries = 0;
                const rd_kafka_ConfigEntry_t **configs = rd_kafka_ConfigResource_configs(described[i], &entries);
                for (size_t e = 0; e < entries; ++e) {
                    const char *value = rd_kafka_ConfigEntry_value(configs[e]);
                    if (qstrcmp(rd_kafka_ConfigEntry_name(configs[e]), "auto.create.topics.enable") == 0 && value)
                        facts.autoCreate = qstrcmp(value, "true") == 0;
                }
            }
        }
        rd_kafka_event_destroy(event);
    }
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_ConfigResource_destroy(resource);
    return facts;
}

Finding consumerGroupFinding(const QString &group, const QString &consumer, const GroupFacts &facts,
                             const QString &bootstrap)
{
    Finding f;
    f.check = QStringLiteral("kafka.consumer-group");
    f.area = Area::Kafka;
    f.subject = consumer;
    f.evidence = QStringLiteral("DescribeConsumerGroups(%1) at %2\n→ ").arg(group, bootstrap) +
                 (facts.error.isEmpty() ? QStringLiteral("state=%1 members=%2").arg(facts.state).arg(facts.members)
                                        : facts.error);
    if (!facts.error.isEmpty()) {
        f.severity = Severity::Warning;
        f.title = tr("Consumer group %1 could not be described: %2").arg(group, facts.error);
    } else if (facts.state == QLatin1String("Stable") && facts.members > 0) {
        f.severity = Severity::Ok;
        f.title = tr("Consumer group %1 is consuming with %n member(s).", nullptr, facts.members).arg(group);
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

QMap<QString, GroupFacts> describeGroups(const QString &bootstrap, const QStringList &groups, int timeoutMs)
{
    QMap<QString, GroupFacts> out;
    QString error;
    const KafkaHandle rk = adminClient(bootstrap, error);
    if (!rk) {
        for (const QString &g : groups)
            out[g].error = error;
        return out;
    }
    std::vector<QByteArray> names;
    std::vector<const char *> pointers;
    for (const QString &g : groups)
        names.push_back(g.toUtf8());
    for (const QByteArray &n : names)
        pointers.push_back(n.constData());
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk.get());
    rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS);
    char errstr[512] = {};
    rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, errstr, sizeof errstr);
    rd_kafka_DescribeConsumerGroups(rk.get(), pointers.data(), pointers.size(), options, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs + 1000);
    const rd_kafka_DescribeConsumerGroups_result_t *result =
        event ? rd_kafka_event_DescribeConsumerGroups_result(event) : nullptr;
    if (!result || rd_kafka_event_error(event)) {
        const QString why = event ? QString::fromUtf8(rd_kafka_event_error_string(event)) : tr("no answer in time");
        for (const QString &g : groups)
            out[g].error = why;
    } else {
        size_t count = 0;
        const rd_kafka_ConsumerGroupDescription_t **described =
            rd_kafka_DescribeConsumerGroups_result_groups(result, &count);
        for (size_t i = 0; i < count; ++i) {
            GroupFacts &facts = out[QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(described[i]))];
            if (const rd_kafka_error_t *error = rd_kafka_ConsumerGroupDescription_error(described[i])) {
                facts.error = QString::fromUtf8(rd_kafka_error_string(error));
                continue;
            }
            facts.state = QString::fromUtf8(
                rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(described[i])));
            facts.members = int(rd_kafka_ConsumerGroupDescription_member_count(described[i]));
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    return out;
}

Findings runKafkaChecks(const DoctorPlan &plan, const WorkerState *worker, int timeoutMs)
{
    Findings out;
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
        const ClusterFacts facts = describeCluster(plan.kafkaBootstrap, timeoutMs);
        for (const Routed &r : routed)
            out.push_back(
                routedTopicsFinding(r.connector, r.kind, r.prefix, facts, r.connectorCreates, plan.kafkaBootstrap));
    }
    // The consumer nodes' groups.
    QMap<QString, QString> groups; // group → consumer node
    for (const topology::Node &n : plan.project.nodes) {
        const QString group = n.properties.value(QStringLiteral("group.id")).trimmed();
        if (n.kind == topology::NodeKind::Consumer && !group.isEmpty() && !groups.contains(group))
            groups.insert(group, n.name);
    }
    if (!groups.isEmpty()) {
        const QMap<QString, GroupFacts> facts = describeGroups(plan.kafkaBootstrap, groups.keys(), timeoutMs);
        for (auto it = groups.cbegin(); it != groups.cend(); ++it)
            out.push_back(consumerGroupFinding(it.key(), it.value(), facts.value(it.key()), plan.kafkaBootstrap));
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
            const TopicFacts facts = describeTopics(bootstrap, {topic}, timeoutMs).value(topic);
            const bool deployed = worker && worker->reached && worker->find(c.name);
            out.push_back(historyTopicFinding(c.name, topic, facts, deployed, bootstrap));
        }
    }
    return out;
}

} // namespace cdc::doctor
