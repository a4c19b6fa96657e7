// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl bench consumer`: the generated unified-consumer job (PyFlink on a local mini-cluster, as Run
// starts it) reading the two bench topics from their beginning into a Kafka sink topic, next to kcat
// reading the same topics. The job's figure is its steady rate, from the first unified row on the sink
// to the last; its start-up (JVM, Python gateway, job graph) is reported on its own, not mixed in.
#include "benchconsumer.h"

#include "benchcommand.h"
#include "benchkafka.h"
#include "commands.h"
#include "consumer/consumerrunner.h"
#include "debezium/outboxartifacts.h"
#include "tailcommand.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <optional>
#include <unistd.h>

namespace cdc::cli {

namespace {

const QString kSinkTopic = QStringLiteral("cdcbench.unified");

struct ConsumerTiming
{
    qint64 events = 0;
    qint64 runningMs = -1;   // Run until Flink says RUNNING
    qint64 firstRowMs = -1;  // Run until the first unified row is on the sink topic
    qint64 lastRowMs = -1;   // Run until the sink holds every event
    qint64 rowsAtFirst = 0;  // rows already on the sink when the first poll saw any
    qint64 peakMemoryKb = 0; // resident memory of the job's processes (Python and its JVM), at the peak
    double steadyEps() const
    {
        const qint64 ms = lastRowMs - firstRowMs;
        return ms > 0 ? double(events - rowsAtFirst) * 1000.0 / double(ms) : 0;
    }
};

// Resident memory of every process in the process group the runner gave the job (the Python process
// leads it; PyFlink's JVM is its child), found by the job file on the Python process's command line.
qint64 jobMemoryKb(const QString &jobPath)
{
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
    QList<QPair<QString, QByteArray>> stats; // pid, stat
    QString leader;
    for (const QString &pid : pids) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(jobPath.toUtf8()))
            leader = pid;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (stat.open(QIODevice::ReadOnly))
            stats.append({pid, stat.readAll()});
    }
    if (leader.isEmpty())
        return 0;
    qint64 kb = 0;
    const qint64 pageKb = sysconf(_SC_PAGESIZE) / 1024;
    for (const auto &[pid, stat] : stats) {
        // Fields after the command's closing parenthesis: state ppid pgrp …
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 3 || QString::fromLatin1(fields.at(2)) != leader)
            continue;
        QFile statm(QStringLiteral("/proc/%1/statm").arg(pid));
        if (statm.open(QIODevice::ReadOnly))
            kb += statm.readAll().split(' ').value(1).toLongLong() * pageKb;
    }
    return kb;
}

std::optional<ConsumerTiming> runConsumer(rd_kafka_t *admin, const consumer::FlinkRuntime &runtime,
                                          const QString &bootstrap, qint64 events, int parallelism)
{
    if (!recreateTopic(admin, kSinkTopic))
        return std::nullopt;
    debezium::PyFlinkJobOptions options;
    options.bootstrapServers = bootstrap;
    options.groupId = QStringLiteral("cdcbench-%1").arg(QDateTime::currentMSecsSinceEpoch());
    options.postgresTopicPattern = QRegularExpression::escape(kBenchTopicPostgres);
    options.mysqlTopicPattern = QRegularExpression::escape(kBenchTopicMySql);
    options.startupMode = QStringLiteral("earliest-offset");
    options.parallelism = parallelism;
    options.sink = debezium::PyFlinkJobOptions::Sink::Kafka;
    options.sinkTopic = kSinkTopic;

    QTemporaryDir work;
    consumer::ConsumerRunner::Settings settings;
    settings.runtime = runtime;
    settings.workDir = work.path();
    consumer::ConsumerRunner runner(settings);

    ConsumerTiming timing;
    timing.events = events;
    QEventLoop loop;
    QString failure;
    QElapsedTimer clock;
    QObject::connect(&runner, &consumer::ConsumerRunner::stateChanged, &loop, [&](consumer::JobState state) {
        if (state == consumer::JobState::Running && timing.runningMs < 0)
            timing.runningMs = clock.elapsed();
        if (state == consumer::JobState::Failed || state == consumer::JobState::StoppedUnexpectedly) {
            failure = tr("the job %1: %2 (log: %3)")
                          .arg(consumer::jobStateName(state), runner.failureReason(), runner.logPath());
            loop.quit();
        }
    });
    qint64 lastCount = 0;
    qint64 lastProgressMs = 0;
    QTimer poll;
    poll.setInterval(200);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        timing.peakMemoryKb = qMax(timing.peakMemoryKb, jobMemoryKb(runner.jobPath()));
        const qint64 count = messagesIn(admin, kSinkTopic).value_or(0);
        const qint64 now = clock.elapsed();
        if (count > 0 && timing.firstRowMs < 0) {
            timing.firstRowMs = now;
            timing.rowsAtFirst = count;
        }
        if (count != lastCount)
            lastProgressMs = now;
        lastCount = count;
        if (count >= events) {
            timing.lastRowMs = now;
            loop.quit();
        } else if (now > 600000 || (timing.firstRowMs >= 0 && now - lastProgressMs > 120000)) {
            failure = tr("the sink holds %1 of %2 rows after %3 s").arg(count).arg(events).arg(now / 1000);
            loop.quit();
        }
    });
    clock.start();
    if (!runner.start(debezium::pyFlinkUnionJob(options))) {
        err() << tr("cdcctl bench: %1").arg(runner.lastError()) << Qt::endl;
        return std::nullopt;
    }
    poll.start();
    loop.exec();
    poll.stop();
    if (runner.state() != consumer::JobState::Failed && runner.state() != consumer::JobState::StoppedUnexpectedly) {
        QEventLoop stopped;
        QObject::connect(&runner, &consumer::ConsumerRunner::stateChanged, &stopped, [&](consumer::JobState s) {
            if (s == consumer::JobState::Stopped || s == consumer::JobState::Failed ||
                s == consumer::JobState::StoppedUnexpectedly)
                stopped.quit();
        });
        QTimer::singleShot(120000, &stopped, &QEventLoop::quit);
        runner.stop();
        stopped.exec();
    }
    if (!failure.isEmpty()) {
        err() << tr("cdcctl bench: the consumer run failed: %1").arg(failure) << Qt::endl;
        return std::nullopt;
    }
    // Exactly once: no row lost, none doubled (the job drops redeliveries by the outbox id).
    if (const qint64 held = messagesIn(admin, kSinkTopic).value_or(-1); held != events) {
        err() << tr("cdcctl bench: the sink holds %1 rows for %2 events.").arg(held).arg(events) << Qt::endl;
        return std::nullopt;
    }
    return timing;
}

} // namespace

void describeBenchConsumer(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("parallelism"), tr("consumer: the job's parallelism (default 1)."),
                      QStringLiteral("n"), QStringLiteral("1")});
}

int runBenchConsumer(const QCommandLineParser &parser, qint64 events, int runs)
{
    bool ok = false;
    const int parallelism = parser.value(QStringLiteral("parallelism")).toInt(&ok);
    if (!ok || parallelism <= 0) {
        err() << tr("cdcctl bench: --parallelism takes a positive number.") << Qt::endl;
        return kExitUsage;
    }
    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (kcat.isEmpty()) {
        err() << tr("cdcctl bench: kcat is not installed (scripts/setup installs it).") << Qt::endl;
        return kExitFailed;
    }
    const Result<consumer::FlinkRuntime> runtime = consumer::FlinkRuntime::locate();
    if (!runtime)
        return stackMissing(QStringLiteral("consumer"), runtime.error().toString());
    const QString bootstrap = resolveBootstrap(parser.value(QStringLiteral("bootstrap")));
    QString error;
    Kafka admin = makeProducer(bootstrap, &error);
    if (!admin)
        return stackMissing(QStringLiteral("consumer"),
                            tr("cannot create a Kafka client for %1: %2").arg(bootstrap, error));
    const rd_kafka_metadata_t *metadata = nullptr;
    if (rd_kafka_metadata(admin.get(), 0, nullptr, &metadata, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return stackMissing(QStringLiteral("consumer"), tr("no Kafka broker answers at %1").arg(bootstrap));
    rd_kafka_metadata_destroy(metadata);

    out() << machineLine() << Qt::endl;
    out() << QStringLiteral("broker %1, %2 events, %3 runs each, parallelism %4, best counts")
                 .arg(bootstrap)
                 .arg(events)
                 .arg(runs)
                 .arg(parallelism)
          << Qt::endl;
    if (!prepareTopics(admin.get(), events) || !runKcat(kcat, bootstrap, events, true))
        return kExitFailed;

    ConsumerTiming best;
    Timing bestKcat;
    for (int run = 1; run <= runs; ++run) {
        const std::optional<ConsumerTiming> job =
            runConsumer(admin.get(), runtime.value(), bootstrap, events, parallelism);
        if (!job)
            return kExitFailed;
        out() << QStringLiteral("consumer run %1: %2 events, %3 events/s from the first unified row to the last; "
                                "Run to RUNNING %4 ms, to the first row %5 ms, to the last %6 ms; "
                                "memory of the job's processes %7 MB at the peak")
                     .arg(run)
                     .arg(job->events)
                     .arg(qint64(job->steadyEps()))
                     .arg(job->runningMs)
                     .arg(job->firstRowMs)
                     .arg(job->lastRowMs)
                     .arg(job->peakMemoryKb / 1024)
              << Qt::endl;
        if (job->steadyEps() > best.steadyEps())
            best = *job;
        const std::optional<Timing> k = runKcat(kcat, bootstrap, events, false);
        if (!k)
            return kExitFailed;
        out() << QStringLiteral("kcat run %1: %2 events in %3 s (%4 events/s)")
                     .arg(run)
                     .arg(k->events)
                     .arg(k->seconds, 0, 'f', 3)
                     .arg(qint64(k->eps()))
              << Qt::endl;
        if (k->eps() > bestKcat.eps())
            bestKcat = *k;
    }
    out() << QStringLiteral("load average %1").arg(loadAverage()) << Qt::endl;
    out() << QStringLiteral("consumer_eps=%1 kcat_eps=%2 ratio=%3 first_row_ms=%4")
                 .arg(qint64(best.steadyEps()))
                 .arg(qint64(bestKcat.eps()))
                 .arg(bestKcat.eps() > 0 ? best.steadyEps() / bestKcat.eps() : 0.0, 0, 'f', 3)
                 .arg(best.firstRowMs)
          << Qt::endl;
    return kExitOk;
}

} // namespace cdc::cli
