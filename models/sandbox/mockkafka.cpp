// SPDX-License-Identifier: GPL-3.0-or-later
// librdkafka's mock cluster as the sandbox's broker: one broker on loopback and the capstone's topics.
//
// What a partition keeps (librdkafka 2.0.2, rdkafka_mock.c rd_kafka_mock_partition_init and
// rd_kafka_mock_msgset_new, and measured): each partition holds at most 5 MiB of record batches or
// 100,000 batches, whichever comes first, and drops its oldest whole batches beyond that (the log start
// offset moves on; a consumer behind it gets OFFSET_OUT_OF_RANGE and auto.offset.reset applies). The
// limits cannot be configured. With 1,000-byte values a partition kept 5,070 messages; the sandbox's
// producer compresses with lz4, which stores several times more of its JSON in the same 5 MiB.
// Producing to a topic that does not exist creates it with 4 partitions.
#include "sandbox/mockkafka.h"

#include "core/logging.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <QMutex>

namespace cdc::sandbox {

namespace {

// Debezium refuses a schema history topic with more than one partition.
bool isSchemaHistoryTopic(const QString &topic)
{
    return topic.startsWith(QLatin1String("schema-changes.")) || topic.contains(QLatin1String("schema-history")) ||
           topic.contains(QLatin1String("schemahistory"));
}

void logToQt(const rd_kafka_t *, int level, const char *facility, const char *message)
{
    if (level <= 3)
        qCWarning(lcSandbox, "mock kafka %s: %s", facility, message);
    else
        qCDebug(lcSandbox, "mock kafka %s: %s", facility, message);
}

} // namespace

struct MockKafka::Private
{
    mutable QMutex mutex;
    rd_kafka_t *owner = nullptr; // the mock cluster needs a client handle to live in
    rd_kafka_mock_cluster_t *cluster = nullptr;
    QString bootstrap;
};

MockKafka::MockKafka() : d(std::make_unique<Private>()) {}

MockKafka::~MockKafka()
{
    stop();
}

Result<void> MockKafka::start(const QStringList &topics, int partitions)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->cluster)
            return Error{QStringLiteral("The sandbox's Kafka broker is already running."), d->bootstrap, {}};
        char error[512] = {};
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error); // it has no bootstrap.servers, on purpose
        rd_kafka_conf_set(conf, "client.id", "cdc-studio-sandbox-broker", error, sizeof error);
        rd_kafka_conf_set_log_cb(conf, logToQt);
        d->owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
        if (!d->owner) {
            rd_kafka_conf_destroy(conf);
            return Error{
                QStringLiteral("Could not start librdkafka for the sandbox's broker: %1").arg(QString::fromUtf8(error)),
                QStringLiteral("127.0.0.1"), QStringLiteral("Check that librdkafka is installed.")};
        }
        d->cluster = rd_kafka_mock_cluster_new(d->owner, 1);
        if (!d->cluster) {
            rd_kafka_destroy(d->owner);
            d->owner = nullptr;
            return Error{QStringLiteral("Could not open a port on 127.0.0.1 for the sandbox's Kafka broker."),
                         QStringLiteral("127.0.0.1"),
                         QStringLiteral("Check that loopback networking works and ports are free.")};
        }
        d->bootstrap = QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(d->cluster));
    }
    for (const QString &topic : topics) {
        const Result<void> created = createTopic(topic, isSchemaHistoryTopic(topic) ? 1 : partitions);
        if (!created) {
            stop();
            return created;
        }
    }
    qCInfo(lcSandbox, "mock Kafka broker at %s with %lld topics", qPrintable(d->bootstrap),
           static_cast<long long>(topics.size()));
    return {};
}

void MockKafka::stop()
{
    QMutexLocker lock(&d->mutex);
    if (d->cluster)
        rd_kafka_mock_cluster_destroy(d->cluster);
    if (d->owner)
        rd_kafka_destroy(d->owner);
    d->cluster = nullptr;
    d->owner = nullptr;
    d->bootstrap.clear();
}

bool MockKafka::isRunning() const
{
    QMutexLocker lock(&d->mutex);
    return d->cluster != nullptr;
}

QString MockKafka::bootstrap() const
{
    QMutexLocker lock(&d->mutex);
    return d->bootstrap;
}

// Creating a topic that exists already succeeds and keeps its partitions.
Result<void> MockKafka::createTopic(const QString &topic, int partitions)
{
    QMutexLocker lock(&d->mutex);
    if (!d->cluster)
        return Error{QStringLiteral("The sandbox's Kafka broker is not running."), topic,
                     QStringLiteral("Start the sandbox first.")};
    if (topic.isEmpty() || partitions < 1)
        return Error{QStringLiteral("A topic needs a name and at least one partition."), topic, {}};
    const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(d->cluster, topic.toUtf8().constData(), partitions, 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        return Error{QStringLiteral("The sandbox's broker did not create the topic: %1")
                         .arg(QString::fromUtf8(rd_kafka_err2str(err))),
                     topic,
                     {}};
    return {};
}

QStringList capstoneTopics()
{
    return {QStringLiteral("outbox.event.postgres.order"), QStringLiteral("outbox.event.mysql.order"),
            QStringLiteral("pg.public.orders"), QStringLiteral("mysql.capstone.orders"),
            QStringLiteral("schema-changes.mysql-outbox")};
}

} // namespace cdc::sandbox
