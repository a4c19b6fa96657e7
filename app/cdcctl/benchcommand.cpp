// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl bench ingest`: fills two bench-only topics with realistic outbox events (once), then times the
// whole live path (consume, decode, tag, merge, store, drained on the event loop as the viewer does)
// and kcat reading the same topics to the end. Prints ingest_eps, kcat_eps and their ratio last.
#include "benchcommand.h"

#include "benchconsumer.h"
#include "benchkafka.h"
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

// The live path from the beginning of both topics into `store` (cleared first), drained like the viewer
// drains it: a 33 ms single-shot timer started by eventsAvailable, then take() and append. Every run
// fills the same store, as the viewer refills its one store after a reconnect: the first run faults
// the store's pages in (fresh memory), later runs write into the pages the cleared store gave back.
std::optional<Timing> runIngest(stream::EventStore &store, const QString &bootstrap, qint64 events,
                                const QMap<QString, QString> &extra)
{
    stream::ConsumerSettings settings;
    settings.bootstrapServers = bootstrap;
    settings.topics = {kBenchTopicPostgres, kBenchTopicMySql};
    settings.start = stream::ConsumerSettings::Start::Beginning;
    settings.extra = extra;
    stream::SourceRouting routing;
    routing.addRoute(kBenchTopicPostgres, stream::SourceTag::Postgres);
    routing.addRoute(kBenchTopicMySql, stream::SourceTag::MySql);
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

} // namespace

void describeBench(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("bench ingest|consumer: on a real broker (--bootstrap, else KAFKA_BOOTSTRAP of $CDC_STACK_DIR/stack.env), "
           "fills "
           "the bench-only topics outbox.event.{postgres,mysql}.cdcbench with --events realistic ~1 KB outbox "
           "events (once), then times the live path (consume, decode, tag, merge, store) and kcat reading the same "
           "topics. The last line is ingest_eps=… kcat_eps=… ratio=…. bench consumer times the generated PyFlink "
           "job (stack/flink fetch installs it) reading the same topics into a sink topic; its last line is "
           "consumer_eps=… kcat_eps=… ratio=…. Exit 77 when there is no broker or no PyFlink (1 with "
           "CDC_REQUIRE_STACK=1)."));
    parser.addPositionalArgument(QStringLiteral("benchmark"), tr("ingest or consumer"),
                                 QStringLiteral("ingest|consumer"));
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
    describeBenchConsumer(parser);
}

int runBench(const QCommandLineParser &parser)
{
    quietStreamLogging();
    const QStringList benchmark = parser.positionalArguments();
    if (benchmark != QStringList{QStringLiteral("ingest")} && benchmark != QStringList{QStringLiteral("consumer")}) {
        err() << tr("cdcctl bench: name the benchmark: cdcctl bench ingest, or cdcctl bench consumer") << Qt::endl;
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
    if (benchmark.constFirst() == QLatin1String("consumer"))
        return runBenchConsumer(parser, events, runs);
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
        return stackMissing(QStringLiteral("ingest"),
                            tr("cannot create a Kafka client for %1: %2").arg(bootstrap, error));
    const rd_kafka_metadata_t *metadata = nullptr;
    if (rd_kafka_metadata(producer.get(), 0, nullptr, &metadata, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return stackMissing(QStringLiteral("ingest"), tr("no Kafka broker answers at %1").arg(bootstrap));
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
