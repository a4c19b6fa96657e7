// `cdcctl bench ingest`: fills two bench-only topics with realistic outbox events (once), then times the
// whole live path (consume, decode, tag, merge, store, drained on the event loop as the viewer does)
// and kcat reading the same topics to the end. Prints ingest_eps, kcat_eps and their ratio last.
#include "benchcommand.h"

#include "commands.h"
#include "stream/eventpipeline.h"
#include "stream/eventstore.h"
#include "stream/sourcerouting.h"
#include "tailcommand.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace cdc::cli {

namespace {

// User + system CPU seconds of this process (all threads) or of its waited-for children.
double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

const QString kTopicPostgres = QStringLiteral("outbox.event.postgres.cdcbench");
const QString kTopicMySql = QStringLiteral("outbox.event.mysql.cdcbench");
constexpr int kRequestTimeoutMs = 10000;

struct KafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
using Kafka = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

// A producer client (also used for metadata, watermarks and admin requests), or the reason it failed.
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

qint64 &deliveryErrors(rd_kafka_t *rk)
{
    return *static_cast<qint64 *>(rd_kafka_opaque(rk));
}

// Messages held by `topic` (high minus low watermark over its partitions); nullopt when it does not exist.
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

// Deletes (when `create` is false) or creates (one partition) the topic; waits for the answer.
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
    const std::string topics[] = {kTopicPostgres.toStdString(), kTopicMySql.toStdString()};
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

// Makes the two topics hold exactly `events` bench events between them (recreating them when not).
bool prepareTopics(rd_kafka_t *rk, qint64 events)
{
    const std::optional<qint64> a = messagesIn(rk, kTopicPostgres);
    const std::optional<qint64> b = messagesIn(rk, kTopicMySql);
    if (a && b && *a + *b == events) {
        out() << QStringLiteral("topics %1 and %2 already hold %3 events").arg(kTopicPostgres, kTopicMySql).arg(events)
              << Qt::endl;
        return true;
    }
    for (const QString &topic : {kTopicPostgres, kTopicMySql}) {
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
    }
    return produce(rk, events);
}

struct Timing
{
    qint64 events = 0;
    double seconds = 0;
    double cpuSeconds = 0;    // user + system of every thread (ingest) or of the child processes (kcat)
    qint64 firstEventMs = -1; // ingest: from start() until the first events were ready to take
    double eps() const { return seconds > 0 ? double(events) / seconds : 0; }
};

// The live path from the beginning of both topics into `store` (cleared first), drained like the viewer
// drains it: a 33 ms single-shot timer started by eventsAvailable, then take() and append. Every run
// fills the same store, as the viewer refills its one store after a reconnect: the first run faults
// the store's pages in (fresh memory), later runs write into the pages the cleared store gave back.
std::optional<Timing> runIngest(stream::EventStore &store, const QString &bootstrap, qint64 events,
                                const QMap<QString, QString> &extra)
{
    stream::ConsumerSettings settings;
    settings.bootstrapServers = bootstrap;
    settings.topics = {kTopicPostgres, kTopicMySql};
    settings.start = stream::ConsumerSettings::Start::Beginning;
    settings.extra = extra;
    stream::SourceRouting routing;
    routing.addRoute(kTopicPostgres, stream::SourceTag::Postgres);
    routing.addRoute(kTopicMySql, stream::SourceTag::MySql);
    store.clear();
    stream::EventPipeline pipeline(settings, std::move(routing), store.sharedStrings(), store.sharedPages());

    QEventLoop loop;
    QString failure;
    QTimer drain;
    drain.setSingleShot(true);
    drain.setInterval(33);
    QElapsedTimer timer;
    qint64 firstEventMs = -1;
    QObject::connect(&pipeline, &stream::EventPipeline::eventsAvailable, &loop, [&] {
        if (firstEventMs < 0)
            firstEventMs = timer.elapsed();
        if (!drain.isActive())
            drain.start();
    });
    qint64 lastProgressMs = 0;
    QObject::connect(&drain, &QTimer::timeout, &loop, [&] {
        store.append(pipeline.take());
        lastProgressMs = timer.elapsed();
        if (store.size() >= events)
            loop.quit();
    });
    QObject::connect(&pipeline, &stream::EventPipeline::stateChanged, &loop,
                     [&](stream::StreamConsumer::State state, const QString &message) {
                         if (state == stream::StreamConsumer::State::Failed) {
                             failure = message;
                             loop.quit();
                         }
                     });
    QTimer watchdog;
    const double cpuBefore = cpuSeconds(RUSAGE_SELF);
    const bool trace = qEnvironmentVariableIsSet("CDC_BENCH_TRACE");
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] {
        if (trace)
            err() << QStringLiteral("  %1 ms: %2 stored, %3 consumed, cpu %4 s")
                         .arg(timer.elapsed())
                         .arg(store.size())
                         .arg(pipeline.consumer()->counters().messages)
                         .arg(cpuSeconds(RUSAGE_SELF) - cpuBefore, 0, 'f', 2)
                  << Qt::endl;
        if (timer.elapsed() - lastProgressMs > 60000) {
            failure = tr("no events for 60 s after %1 of %2").arg(store.size()).arg(events);
            loop.quit();
        }
    });
    watchdog.start(trace ? 100 : 1000);

    timer.start();
    if (const Result<void> started = pipeline.start(); !started) {
        err() << tr("cdcctl bench: %1").arg(started.error().toString()) << Qt::endl;
        return std::nullopt;
    }
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds(RUSAGE_SELF) - cpuBefore;
    pipeline.stop();
    if (!failure.isEmpty() || store.size() < events) {
        err() << tr("cdcctl bench: the ingest run failed: %1").arg(failure) << Qt::endl;
        return std::nullopt;
    }
    return Timing{store.size(), seconds, cpu, firstEventMs};
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
    for (const QString &topic : {kTopicPostgres, kTopicMySql}) {
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

int stackMissing(const QString &reason)
{
    if (qEnvironmentVariable("CDC_REQUIRE_STACK") == QLatin1String("1")) {
        err() << tr("cdcctl bench: CDC_REQUIRE_STACK=1 but %1").arg(reason) << Qt::endl;
        return kExitFailed;
    }
    out() << tr("SKIP cdcctl bench ingest: %1 (start it with stack/up, or pass --bootstrap)").arg(reason) << Qt::endl;
    return kExitSkipped;
}

} // namespace

void describeBench(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("bench ingest: on a real broker (--bootstrap, else KAFKA_BOOTSTRAP of $CDC_STACK_DIR/stack.env), fills "
           "the bench-only topics outbox.event.{postgres,mysql}.cdcbench with --events realistic ~1 KB outbox "
           "events (once), then times the live path (consume, decode, tag, merge, store) and kcat reading the same "
           "topics. The last line is ingest_eps=… kcat_eps=… ratio=…. Exit 77 when there is no broker (1 with "
           "CDC_REQUIRE_STACK=1)."));
    parser.addPositionalArgument(QStringLiteral("benchmark"), tr("ingest"), QStringLiteral("ingest"));
    parser.addOption({QStringLiteral("bootstrap"), tr("Kafka bootstrap servers."), QStringLiteral("host:port")});
    parser.addOption({QStringLiteral("events"), tr("Events in the topics (default 1000000)."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("runs"),
                      tr("Timed runs of each side, taking turns; the best counts (default 3). The first ingest "
                         "run faults the store's memory in; later runs refill the cleared store."),
                      QStringLiteral("n"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("consumer-property"),
                      tr("A librdkafka property for the live path's consumer (repeatable), to try tunings."),
                      QStringLiteral("name=value")});
    parser.addOption({QStringLiteral("skip-kcat"), tr("Time only the live path (for profiling).")});
}

int runBench(const QCommandLineParser &parser)
{
    quietStreamLogging();
    if (parser.positionalArguments() != QStringList{QStringLiteral("ingest")}) {
        err() << tr("cdcctl bench: name the benchmark: cdcctl bench ingest") << Qt::endl;
        return kExitUsage;
    }
    bool ok = false;
    const qint64 events = parser.value(QStringLiteral("events")).toLongLong(&ok);
    if (!ok || events <= 0 || events % 2) {
        err() << tr("cdcctl bench: --events takes a positive even number.") << Qt::endl;
        return kExitUsage;
    }
    const int runs = parser.value(QStringLiteral("runs")).toInt(&ok);
    if (!ok || runs <= 0) {
        err() << tr("cdcctl bench: --runs takes a positive number.") << Qt::endl;
        return kExitUsage;
    }
    QMap<QString, QString> extra;
    for (const QString &property : parser.values(QStringLiteral("consumer-property"))) {
        const qsizetype eq = property.indexOf(u'=');
        if (eq <= 0) {
            err() << tr("cdcctl bench: --consumer-property takes name=value.") << Qt::endl;
            return kExitUsage;
        }
        extra.insert(property.left(eq), property.mid(eq + 1));
    }
    const bool withKcat = !parser.isSet(QStringLiteral("skip-kcat"));
    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (withKcat && kcat.isEmpty()) {
        err() << tr("cdcctl bench: kcat is not installed (scripts/setup installs it).") << Qt::endl;
        return kExitFailed;
    }

    const QString bootstrap = resolveBootstrap(parser.value(QStringLiteral("bootstrap")));
    QString error;
    Kafka producer = makeProducer(bootstrap, &error);
    if (!producer)
        return stackMissing(tr("cannot create a Kafka client for %1: %2").arg(bootstrap, error));
    const rd_kafka_metadata_t *metadata = nullptr;
    if (rd_kafka_metadata(producer.get(), 0, nullptr, &metadata, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return stackMissing(tr("no Kafka broker answers at %1").arg(bootstrap));
    rd_kafka_metadata_destroy(metadata);

    out() << machineLine() << Qt::endl;
    out() << QStringLiteral("broker %1, %2 events, %3 runs each, best counts").arg(bootstrap).arg(events).arg(runs)
          << Qt::endl;
    if (!prepareTopics(producer.get(), events))
        return kExitFailed;
    producer.reset();

    // kcat once, counted and untimed: checks the topics and warms the page cache for both sides.
    if (withKcat && !runKcat(kcat, bootstrap, events, true))
        return kExitFailed;

    Timing bestIngest, bestKcat;
    stream::EventStore store(qMax<qsizetype>(events, stream::EventStore::kDefaultCapacity));
    for (int run = 1; run <= runs; ++run) {
        const std::optional<Timing> ingest = runIngest(store, bootstrap, events, extra);
        if (!ingest)
            return kExitFailed;
        out() << QStringLiteral("ingest run %1: %2 events in %3 s (%4 events/s), cpu %5 s, first events after %6 ms")
                     .arg(run)
                     .arg(ingest->events)
                     .arg(ingest->seconds, 0, 'f', 3)
                     .arg(qint64(ingest->eps()))
                     .arg(ingest->cpuSeconds, 0, 'f', 2)
                     .arg(ingest->firstEventMs)
              << Qt::endl;
        if (ingest->eps() > bestIngest.eps())
            bestIngest = *ingest;
        if (!withKcat)
            continue;
        const std::optional<Timing> k = runKcat(kcat, bootstrap, events, false);
        if (!k)
            return kExitFailed;
        out() << QStringLiteral("kcat run %1: %2 events in %3 s (%4 events/s), cpu %5 s")
                     .arg(run)
                     .arg(k->events)
                     .arg(k->seconds, 0, 'f', 3)
                     .arg(qint64(k->eps()))
                     .arg(k->cpuSeconds, 0, 'f', 2)
              << Qt::endl;
        if (k->eps() > bestKcat.eps())
            bestKcat = *k;
    }
    // On a shared machine wall time follows the CPU share each side gets; the CPU cost does not.
    if (withKcat)
        out() << QStringLiteral("cpu per million events: ingest %1 s, kcat %2 s; load average %3")
                     .arg(bestIngest.cpuSeconds * 1e6 / double(events), 0, 'f', 2)
                     .arg(bestKcat.cpuSeconds * 1e6 / double(events), 0, 'f', 2)
                     .arg(loadAverage())
              << Qt::endl;
    out() << QStringLiteral("ingest_eps=%1 kcat_eps=%2 ratio=%3")
                 .arg(qint64(bestIngest.eps()))
                 .arg(qint64(bestKcat.eps()))
                 .arg(bestKcat.eps() > 0 ? bestIngest.eps() / bestKcat.eps() : 0.0, 0, 'f', 2)
          << Qt::endl;
    return kExitOk;
}

} // namespace cdc::cli
