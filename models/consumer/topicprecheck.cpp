// SPDX-License-Identifier: GPL-3.0-or-later
// The job's source patterns against the brokers' topics.
#include "topicprecheck.h"

#include "doctor/kafkaadmin.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace cdc::consumer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TopicPrecheck", text);
}

} // namespace

QStringList unmatchedTopicPatterns(const QStringList &patterns, const QStringList &topics)
{
    QStringList unmatched;
    for (const QString &pattern : patterns) {
        const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
        const bool matched = re.isValid() && std::any_of(topics.begin(), topics.end(), [&re](const QString &topic) {
                                 return re.match(topic).hasMatch();
                             });
        if (!matched)
            unmatched << pattern;
    }
    return unmatched;
}

QString readableTopicPattern(const QString &pattern)
{
    // Escaped dots and plain name characters, with an optional ".*" at the end.
    static const QRegularExpression simple(QStringLiteral(R"(^(?:[A-Za-z0-9_-]|\\\.)+(\.\*)?$)"));
    if (!simple.match(pattern).hasMatch())
        return pattern;
    QString readable = pattern;
    if (readable.endsWith(QLatin1String(".*"))) {
        readable.chop(2);
        readable += u'*';
    }
    readable.replace(QStringLiteral("\\."), QStringLiteral("."));
    return readable;
}

QString noTopicWarning(const QString &pattern, const QString &bootstrap)
{
    return tr("No topic matches %1 on %2 yet — the job will wait for it.")
        .arg(readableTopicPattern(pattern), bootstrap);
}

Result<QStringList> listTopics(const QString &bootstrap, int timeoutMs)
{
    doctor::KafkaAdmin admin(bootstrap);
    const doctor::ClusterMetadata &md = admin.metadata(timeoutMs);
    if (!md.error.isEmpty())
        return Error{tr("Kafka at %1 did not list its topics: %2").arg(bootstrap, md.error), bootstrap,
                     tr("Start Kafka (stack/up), or set bootstrap.servers on the consumer node.")};
    return md.topics.keys();
}

QStringList sourceTopicWarnings(const debezium::PyFlinkJobOptions &job, int timeoutMs)
{
    const Result<QStringList> topics = listTopics(job.bootstrapServers, timeoutMs);
    if (!topics)
        return {topics.error().what + tr(" — the job will wait for it.")};
    QStringList warnings;
    for (const QString &pattern :
         unmatchedTopicPatterns({job.postgresTopicPattern, job.mysqlTopicPattern}, topics.value()))
        warnings << noTopicWarning(pattern, job.bootstrapServers);
    return warnings;
}

} // namespace cdc::consumer
