// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer's cluster and group, asked the way the job uses them.
#include "doctor/consumerrunchecks.h"

#include "consumer/consumernode.h"
#include "core/logging.h"
#include "debezium/outboxartifacts.h"
#include "doctor/consumerchecks.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QMap>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>

namespace cdc::doctor {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ConsumerRunChecks", text, nullptr, n);
}

QString errorText(rd_kafka_resp_err_t err)
{
    return QString::fromUtf8(rd_kafka_err2str(err));
}

const QString kRunFix = QStringLiteral("Run the unified consumer: F9 in CDC Studio, or cdcctl consumer run PROJECT.");

} // namespace

const topology::Node *pyFlinkConsumerNode(const topology::Project &project)
{
    for (const topology::Node &node : project.nodes) {
        if (debezium::isPyFlinkConsumer(node))
            return &node;
    }
    return nullptr;
}

Finding flinkClusterFinding(const QString &subject, const QUrl &url, const Result<consumer::ClusterOverview> &answer)
{
    const QString request = QStringLiteral("GET %1/overview\n→ ").arg(url.toString());
    if (!answer) {
        Finding f = consumerFinding(QStringLiteral("consumer.cluster"), Severity::Error, subject);
        f.title = answer.error().what;
        f.evidence = request + answer.error().what;
        f.fix = tr("Start the cluster (stack/flink up), or correct %1 of %2; empty, Run starts a local Flink instead.")
                    .arg(consumer::kClusterUrlProperty, subject);
        return f;
    }
    const consumer::ClusterOverview &o = answer.value();
    Finding f = consumerFinding(QStringLiteral("consumer.cluster"), Severity::Ok, subject);
    f.evidence = request + QStringLiteral("flink-version=%1 taskmanagers=%2 slots-total=%3 slots-available=%4 "
                                          "jobs-running=%5")
                               .arg(o.version)
                               .arg(o.taskManagers)
                               .arg(o.slotsTotal)
                               .arg(o.slotsAvailable)
                               .arg(o.jobsRunning);
    if (o.taskManagers == 0 || o.slotsTotal == 0) {
        f.severity = Severity::Warning;
        f.title = tr("The Flink cluster at %1 answers but has no task manager: a job submitted there waits for one.")
                      .arg(url.toString());
        f.fix = tr("Start a task manager (stack/flink up starts one with the JobManager).");
    } else if (o.slotsAvailable == 0) {
        f.severity = Severity::Info;
        f.title = tr("The Flink cluster at %1 has no free task slot: a new job waits for one (fine when the unified "
                     "consumer already runs there).")
                      .arg(url.toString());
        f.fix = tr("List its jobs with cdcctl consumer status --cluster %1 and stop one you no longer need "
                   "(cdcctl consumer stop JOBID), or give the task managers more slots "
                   "(taskmanager.numberOfTaskSlots).")
                    .arg(url.toString());
    } else {
        f.title = tr("Flink %1 at %2 answers: %3 of %4 task slots free.")
                      .arg(o.version, url.toString())
                      .arg(o.slotsAvailable)
                      .arg(o.slotsTotal);
    }
    return f;
}

std::optional<Finding> checkFlinkCluster(const topology::Node &consumerNode, int timeoutMs)
{
    const Result<QUrl> url = consumer::clusterUrlOf(consumerNode);
    if (url && url.value().isEmpty())
        return std::nullopt;
    if (!url) {
        Finding f = consumerFinding(QStringLiteral("consumer.cluster"), Severity::Error, consumerNode.name);
        f.title = url.error().what;
        f.evidence = QStringLiteral("%1 = %2").arg(consumer::kClusterUrlProperty,
                                                   consumerNode.properties.value(consumer::kClusterUrlProperty));
        f.fix = url.error().hint;
        return f;
    }
    // FlinkCluster is asynchronous: an event loop of this thread's own, bounded by the request's timeout.
    consumer::FlinkCluster cluster(url.value());
    cluster.setTimeout(timeoutMs);
    std::optional<Result<consumer::ClusterOverview>> answer;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    cluster.overview(
        [&answer, &loop](Result<consumer::ClusterOverview> r) {
            answer.emplace(std::move(r));
            loop.quit();
        },
        &loop);
    if (!answer)
        loop.exec();
    if (!answer)
        answer.emplace(Error{tr("The Flink cluster at %1 did not answer within %2 s.")
                                 .arg(cluster.url().toString())
                                 .arg(timeoutMs / 1000.0, 0, 'g', 3),
                             cluster.url().toString(),
                             {}});
    return flinkClusterFinding(consumerNode.name, cluster.url(), *answer);
}

bool GroupOffsets::anyCommitted() const
{
    return std::any_of(partitions.begin(), partitions.end(),
                       [](const GroupPartition &p) { return p.offsets.committed >= 0; });
}

qint64 GroupOffsets::lag() const
{
    std::vector<lag::PartitionOffsets> offsets;
    for (const GroupPartition &p : partitions)
        offsets.push_back(p.offsets);
    return lag::consumerGroupLag(offsets);
}

qint64 GroupOffsets::messages() const
{
    qint64 sum = 0;
    for (const GroupPartition &p : partitions)
        sum += std::max<qint64>(0, p.offsets.high - p.offsets.low);
    return sum;
}

GroupOffsets readGroupOffsets(const QString &bootstrap, const QString &group, const QStringList &patterns,
                              int timeoutMs)
{
    GroupOffsets out;
    char errstr[512] = {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const std::pair<const char *, QByteArray> settings[] = {{"bootstrap.servers", bootstrap.toUtf8()},
                                                            {"group.id", group.toUtf8()},
                                                            {"enable.auto.commit", "false"},
                                                            {"client.id", "cdc-studio-doctor"}};
    for (const auto &[key, value] : settings) {
        if (rd_kafka_conf_set(conf, key, value.constData(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            out.error = QString::fromUtf8(errstr);
            return out;
        }
    }
    // What librdkafka says (a refused connection, each retry) goes to a log category, not to stderr: the
    // finding says what matters.
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t *, int, const char *facility, const char *text) {
        qCDebug(lcLag).noquote() << "librdkafka" << facility << text;
    });
    rd_kafka_t *raw = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!raw) {
        rd_kafka_conf_destroy(conf);
        out.error = QString::fromUtf8(errstr);
        return out;
    }
    const std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t *)> rk(
        raw, [](rd_kafka_t *h) { rd_kafka_destroy_flags(h, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE); });

    const rd_kafka_metadata_t *metadata = nullptr;
    if (const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &metadata, timeoutMs);
        err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        out.error = tr("no metadata from %1: %2").arg(bootstrap, errorText(err));
        return out;
    }
    std::vector<QRegularExpression> res;
    for (const QString &pattern : patterns)
        res.emplace_back(QRegularExpression::anchoredPattern(pattern));
    const std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t *)> list(
        rd_kafka_topic_partition_list_new(16), rd_kafka_topic_partition_list_destroy);
    for (int t = 0; t < metadata->topic_cnt; ++t) {
        const rd_kafka_metadata_topic_t &topic = metadata->topics[t];
        const QString name = QString::fromUtf8(topic.topic);
        if (topic.err != RD_KAFKA_RESP_ERR_NO_ERROR ||
            std::none_of(res.begin(), res.end(), [&name](const auto &re) { return re.match(name).hasMatch(); }))
            continue;
        out.topics << name;
        for (int p = 0; p < topic.partition_cnt; ++p)
            rd_kafka_topic_partition_list_add(list.get(), topic.topic, p);
    }
    rd_kafka_metadata_destroy(metadata);
    out.topics.sort();
    if (list->cnt == 0)
        return out;
    if (const rd_kafka_resp_err_t err = rd_kafka_committed(rk.get(), list.get(), timeoutMs);
        err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        out.error = tr("the committed offsets of group %1 could not be read: %2").arg(group, errorText(err));
        return out;
    }
    for (int i = 0; i < list->cnt; ++i) {
        const rd_kafka_topic_partition_t &tp = list->elems[i];
        int64_t low = 0, high = 0;
        if (const rd_kafka_resp_err_t err =
                rd_kafka_query_watermark_offsets(rk.get(), tp.topic, tp.partition, &low, &high, timeoutMs);
            err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            out.error = tr("the offsets of %1[%2] could not be read: %3")
                            .arg(QString::fromUtf8(tp.topic))
                            .arg(tp.partition)
                            .arg(errorText(err));
            return out;
        }
        const bool committed = tp.err == RD_KAFKA_RESP_ERR_NO_ERROR && tp.offset >= 0;
        out.partitions.push_back(
            {QString::fromUtf8(tp.topic), int(tp.partition), {low, high, committed ? qint64(tp.offset) : -1}});
    }
    return out;
}

Finding groupConsumingFinding(const QString &subject, const QString &group, const QString &bootstrap,
                              const QStringList &patterns, const GroupOffsets &first, const GroupOffsets *second,
                              int waitedMs)
{
    Finding f = consumerFinding(QStringLiteral("consumer.group"), Severity::Ok, subject);
    const GroupOffsets &last = second ? *second : first;
    QString evidence = QStringLiteral("OffsetFetch(group %1) and watermarks at %2 over %3\n→ ")
                           .arg(group, bootstrap, patterns.join(QStringLiteral(", ")));
    if (!last.error.isEmpty()) {
        f.severity = Severity::Warning;
        f.title = tr("Whether group %1 consumes is unknown: Kafka at %2 did not answer.").arg(group, bootstrap);
        f.evidence = evidence + last.error;
        f.fix = tr("Start Kafka (stack/up), or set bootstrap.servers on the consumer node to the job's brokers.");
        return f;
    }
    int committedPartitions = 0;
    for (const GroupPartition &p : last.partitions)
        committedPartitions += p.offsets.committed >= 0;
    evidence += tr("%n partition(s) of %1, %2 with a committed offset; %3 message(s) in them, %4 behind",
                   int(last.partitions.size()))
                    .arg(last.topics.join(QStringLiteral(", ")))
                    .arg(committedPartitions)
                    .arg(last.messages())
                    .arg(last.lag());
    f.evidence = evidence;
    if (last.partitions.empty()) {
        f.severity = Severity::Info;
        f.title = tr("Group %1 has nothing to consume: no topic matches the job's patterns yet.").arg(group);
        f.fix = tr("Deploy the connectors and write an outbox row: the Event Router creates the topics with the first "
                   "event.");
        return f;
    }
    if (!last.anyCommitted()) {
        f.severity = Severity::Info;
        f.title = last.messages() == 0
                      ? tr("Group %1 has committed no offset, and its topics are still empty.").arg(group)
                      : tr("Group %1 has committed no offset: the unified consumer has not consumed its topics yet "
                           "(%2 message(s) wait).")
                            .arg(group)
                            .arg(last.messages());
        f.fix = kRunFix + u' ' + tr("Flink commits the group's offsets at each checkpoint (every 10 s).");
        return f;
    }
    if (last.lag() == 0) {
        f.title = tr("Group %1 has consumed everything: its committed offsets are at the end of its %n partition(s).",
                     int(last.partitions.size()))
                      .arg(group);
        return f;
    }
    if (!second) {
        f.severity = Severity::Info;
        f.title = tr("Group %1 is %2 message(s) behind.").arg(group).arg(last.lag());
        return f;
    }
    QMap<QPair<QString, int>, qint64> before;
    for (const GroupPartition &p : first.partitions)
        before.insert({p.topic, p.partition}, p.offsets.committed);
    qint64 moved = 0;
    for (const GroupPartition &p : second->partitions) {
        const qint64 was = before.value({p.topic, p.partition}, -1);
        if (p.offsets.committed >= 0)
            moved += p.offsets.committed - std::max<qint64>(was, p.offsets.low);
    }
    const QString seconds = QString::number(waitedMs / 1000.0, 'g', 3);
    f.evidence += tr("\n%1 s later: committed offsets moved by %2").arg(seconds).arg(moved);
    if (moved > 0) {
        f.title = tr("Group %1 is consuming: its committed offsets moved by %2 in %3 s; %4 message(s) behind.")
                      .arg(group)
                      .arg(moved)
                      .arg(seconds)
                      .arg(second->lag());
        return f;
    }
    // Stood still: a stopped consumer (a note), unless events pile up meanwhile (a warning).
    const qint64 grew = second->lag() - first.lag();
    if (grew > 0) {
        f.severity = Severity::Warning;
        f.title = tr("Group %1 is %2 message(s) behind, %3 more than %4 s before, and its committed offsets did not "
                     "move: the unified consumer is stopped or stuck while events pile up.")
                      .arg(group)
                      .arg(second->lag())
                      .arg(grew)
                      .arg(seconds);
    } else {
        f.severity = Severity::Info;
        f.title = tr("Group %1 is %2 message(s) behind and its committed offsets did not move in %3 s: the unified "
                     "consumer is not running.")
                      .arg(group)
                      .arg(second->lag())
                      .arg(seconds);
    }
    f.fix = kRunFix + u' ' +
            tr("If it runs, its log says why it does not complete a checkpoint (Open Consumer Log; Flink commits "
               "offsets only then).");
    return f;
}

Finding checkGroupConsuming(const topology::Project &project, const QString &bootstrap, int timeoutMs, int settleMs)
{
    const topology::Node *node = pyFlinkConsumerNode(project);
    const debezium::PyFlinkJobOptions job = debezium::pyFlinkOptionsFor(project);
    const QString group = node ? debezium::consumerGroupOf(*node) : job.groupId;
    const QStringList patterns{job.postgresTopicPattern, job.mysqlTopicPattern};
    const QString subject = node ? node->name : group;
    const GroupOffsets first = readGroupOffsets(bootstrap, group, patterns, timeoutMs);
    if (!first.error.isEmpty() || !first.anyCommitted() || first.lag() == 0)
        return groupConsumingFinding(subject, group, bootstrap, patterns, first, nullptr, 0);
    QThread::msleep(settleMs);
    const GroupOffsets second = readGroupOffsets(bootstrap, group, patterns, timeoutMs);
    return groupConsumingFinding(subject, group, bootstrap, patterns, first, &second, settleMs);
}

} // namespace cdc::doctor
