// SPDX-License-Identifier: GPL-3.0-or-later
// The bench topics, kcat as the reference, and the machine line.
#include "benchkafka.h"

#include "benchcommand.h"
#include "commands.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTextStream>
#include <QThread>

#include <string>
#include <sys/resource.h>
#include <vector>

namespace cdc::cli {

double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

Kafka makeProducer(const QString &bootstrap, QString *error)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512] = {};
    const std::pair<const char *, std::string> properties[] = {
        {"bootstrap.servers", bootstrap.toStdString()},
        {"client.id", "cdcctl-bench"},
        {"enable.idempotence", "true"},
        {"compression.type", "none"},
        {"linger.ms", "20"},
        {"batch.size", "1000000"},
        {"batch.num.messages", "100000"},
        {"queue.buffering.max.messages", "1000000"},
        {"queue.buffering.max.kbytes", "1048576"},
    };
    for (const auto &[name, value] : properties) {
        if (rd_kafka_conf_set(conf, name, value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            *error = QString::fromUtf8(errstr);
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *m, void *opaque) {
        if (m->err)
            ++*static_cast<qint64 *>(opaque);
    });
    // Unreachable brokers are reported by the caller, not by librdkafka's own logging.
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t *, int, const char *, const char *) {});
    rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t *, int, const char *, void *) {});
    static qint64 deliveryErrors = 0;
    rd_kafka_conf_set_opaque(conf, &deliveryErrors);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        *error = QString::fromUtf8(errstr);
        rd_kafka_conf_destroy(conf);
    }
    return Kafka(rk);
}

namespace {

constexpr int kRequestTimeoutMs = 10000;

qint64 &deliveryErrors(rd_kafka_t *rk)
{
    return *static_cast<qint64 *>(rd_kafka_opaque(rk));
}

} // namespace

std::optional<qint64> messagesIn(rd_kafka_t *rk, const QString &topic)
{
    const rd_kafka_metadata_t *metadata = nullptr;
    if (rd_kafka_metadata(rk, 1, nullptr, &metadata, kRequestTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return std::nullopt;
    std::optional<qint64> total;
    const std::string name = topic.toStdString();
    for (int t = 0; t < metadata->topic_cnt; ++t) {
        const rd_kafka_metadata_topic_t &mt = metadata->topics[t];
        if (name != mt.topic || mt.err)
            continue;
        total = 0;
        for (int p = 0; p < mt.partition_cnt; ++p) {
            int64_t low = 0, high = 0;
            if (rd_kafka_query_watermark_offsets(rk, mt.topic, mt.partitions[p].id, &low, &high, kRequestTimeoutMs))
                total = std::nullopt;
            else if (total)
                *total += high - low;
        }
    }
    rd_kafka_metadata_destroy(metadata);
    return total;
}

rd_kafka_resp_err_t adminTopic(rd_kafka_t *rk, const QString &topic, bool create, QString *message)
{
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    const std::string name = topic.toStdString();
    char errstr[512] = {};
    rd_kafka_NewTopic_t *newTopic = nullptr;
    rd_kafka_DeleteTopic_t *deleteTopic = nullptr;
    if (create) {
        newTopic = rd_kafka_NewTopic_new(name.c_str(), 1, -1, errstr, sizeof errstr);
        rd_kafka_CreateTopics(rk, &newTopic, 1, nullptr, queue);
    } else {
        deleteTopic = rd_kafka_DeleteTopic_new(name.c_str());
        rd_kafka_DeleteTopics(rk, &deleteTopic, 1, nullptr, queue);
    }
    rd_kafka_resp_err_t result = RD_KAFKA_RESP_ERR__TIMED_OUT;
    if (rd_kafka_event_t *event = rd_kafka_queue_poll(queue, kRequestTimeoutMs)) {
        result = rd_kafka_event_error(event);
        size_t count = 0;
        const rd_kafka_topic_result_t **results =
            create ? rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count)
                   : rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count);
        if (!result && count == 1)
            result = rd_kafka_topic_result_error(results[0]);
        if (result && message)
            *message = QString::fromUtf8(rd_kafka_err2str(result));
        rd_kafka_event_destroy(event);
    }
    if (newTopic)
        rd_kafka_NewTopic_destroy(newTopic);
    if (deleteTopic)
        rd_kafka_DeleteTopic_destroy(deleteTopic);
    rd_kafka_queue_destroy(queue);
    return result;
}

namespace {

// An outbox event as the Event Router writes it: key = order id, headers id and eventType, ~`size` bytes.
QByteArray outboxValue(qint64 i, int size)
{
    const QByteArray id = QByteArray::number((i / 2) % 5000);
    QByteArray value = "{\"orderId\":" + id + ",\"customer\":\"customer-" + QByteArray::number(i % 97) +
                       "\",\"total\":" + QByteArray::number(i % 1000) +
                       ".50,\"currency\":\"EUR\",\"lines\":[{\"sku\":\"A-1\",\"qty\":2,\"price\":12.25},"
                       "{\"sku\":\"B-7\",\"qty\":1,\"price\":99.0}],\"shipping\":{\"city\":\"Lyon\",\"zip\":\"69002\"},"
                       "\"note\":\"";
    value += QByteArray(qMax(0, size - int(value.size()) - 2), 'x') + "\"}";
    return value;
}

bool produce(rd_kafka_t *rk, qint64 events)
{
    QElapsedTimer timer;
    timer.start();
    const std::string topics[] = {kBenchTopicPostgres.toStdString(), kBenchTopicMySql.toStdString()};
    for (qint64 i = 0; i < events; ++i) {
        const QByteArray key = QByteArray::number((i / 2) % 5000);
        const QByteArray value = outboxValue(i, 1000);
        const QByteArray eventId = QByteArray::number(i);
        const char *type = i % 3 ? "OrderCreated" : "OrderPaid";
        for (;;) {
            const rd_kafka_resp_err_t e =
                rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topics[i % 2].c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                  RD_KAFKA_V_KEY(key.constData(), std::size_t(key.size())),
                                  RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), std::size_t(value.size())),
                                  RD_KAFKA_V_HEADER("id", eventId.constData(), eventId.size()),
                                  RD_KAFKA_V_HEADER("eventType", type, -1), RD_KAFKA_V_END);
            if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
                break;
            if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                err() << tr("cdcctl bench: producing failed: %1").arg(QString::fromUtf8(rd_kafka_err2str(e)))
                      << Qt::endl;
                return false;
            }
            rd_kafka_poll(rk, 10);
        }
        if (i % 10000 == 0)
            rd_kafka_poll(rk, 0);
    }
    if (rd_kafka_flush(rk, 300000) != RD_KAFKA_RESP_ERR_NO_ERROR || deliveryErrors(rk) != 0) {
        err() << tr("cdcctl bench: %1 messages were not delivered.").arg(deliveryErrors(rk)) << Qt::endl;
        return false;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    out() << QStringLiteral("produced %1 events of ~1 KB in %2 s (%3 events/s)")
                 .arg(events)
                 .arg(seconds, 0, 'f', 2)
                 .arg(qint64(double(events) / seconds))
          << Qt::endl;
    return true;
}

} // namespace

bool recreateTopic(rd_kafka_t *rk, const QString &topic)
{
    if (messagesIn(rk, topic))
        adminTopic(rk, topic, false, nullptr);
    // A deleted topic's name is taken until the controller has finished deleting it.
    QString message;
    QElapsedTimer waited;
    waited.start();
    rd_kafka_resp_err_t e;
    while ((e = adminTopic(rk, topic, true, &message)) != RD_KAFKA_RESP_ERR_NO_ERROR && waited.elapsed() < 60000)
        QThread::msleep(500);
    if (e) {
        err() << tr("cdcctl bench: cannot create the topic %1: %2").arg(topic, message) << Qt::endl;
        return false;
    }
    return true;
}

bool prepareTopics(rd_kafka_t *rk, qint64 events)
{
    const std::optional<qint64> a = messagesIn(rk, kBenchTopicPostgres);
    const std::optional<qint64> b = messagesIn(rk, kBenchTopicMySql);
    if (a && b && *a + *b == events) {
        out() << QStringLiteral("topics %1 and %2 already hold %3 events")
                     .arg(kBenchTopicPostgres, kBenchTopicMySql)
                     .arg(events)
              << Qt::endl;
        return true;
    }
    for (const QString &topic : {kBenchTopicPostgres, kBenchTopicMySql})
        if (!recreateTopic(rk, topic))
            return false;
    return produce(rk, events);
}

// kcat reading the bench topics from the beginning to their end, values to /dev/null (or counted).
// kcat 1.7's -C mode reads only the last of several -t options, so it runs one process per topic, both
// at once, timed from the first start to the last exit (which favours kcat: two clients in parallel).
std::optional<Timing> runKcat(const QString &kcat, const QString &bootstrap, qint64 events, bool count)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer timer;
    timer.start();
    for (const QString &topic : {kBenchTopicPostgres, kBenchTopicMySql}) {
        auto process = std::make_unique<QProcess>();
        if (!count)
            process->setStandardOutputFile(QProcess::nullDevice());
        process->setStandardErrorFile(QProcess::nullDevice());
        process->start(kcat,
                       {QStringLiteral("-C"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                        QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q")});
        processes.push_back(std::move(process));
    }
    qint64 lines = 0;
    bool failed = false;
    for (const auto &process : processes) {
        if (count) {
            while (process->state() != QProcess::NotRunning && timer.elapsed() < 600000) {
                process->waitForReadyRead(100);
                lines += process->readAllStandardOutput().count('\n');
            }
            lines += process->readAllStandardOutput().count('\n');
        }
        if (process->state() != QProcess::NotRunning)
            process->waitForFinished(600000);
        if (process->state() != QProcess::NotRunning || process->exitStatus() != QProcess::NormalExit ||
            process->exitCode() != 0) {
            err() << tr("cdcctl bench: kcat failed (exit %1).").arg(process->exitCode()) << Qt::endl;
            process->kill();
            failed = true;
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (failed)
        return std::nullopt;
    if (count && lines != events) {
        err() << tr("cdcctl bench: kcat read %1 messages, expected %2.").arg(lines).arg(events) << Qt::endl;
        return std::nullopt;
    }
    return Timing{events, seconds, cpuSeconds(RUSAGE_CHILDREN) - cpuBefore};
}

QString machineLine()
{
    QString model;
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                model = QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed();
                break;
            }
        }
    }
    return QStringLiteral("machine cores=%1 cpu=\"%2\" librdkafka=%3")
        .arg(QThread::idealThreadCount())
        .arg(model, QString::fromUtf8(rd_kafka_version_str()));
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromUtf8(file.readAll().split(' ').value(0));
}

int stackMissing(const QString &benchmark, const QString &reason)
{
    if (qEnvironmentVariable("CDC_REQUIRE_STACK") == QLatin1String("1")) {
        err() << tr("cdcctl bench: CDC_REQUIRE_STACK=1 but %1").arg(reason) << Qt::endl;
        return kExitFailed;
    }
    out() << tr("SKIP cdcctl bench %1: %2 (start it with stack/up, or pass --bootstrap)").arg(benchmark, reason)
          << Qt::endl;
    return kExitSkipped;
}

} // namespace cdc::cli
