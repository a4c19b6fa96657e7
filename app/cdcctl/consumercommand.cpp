// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl consumer run`: the generated job in a local Flink or on a Flink cluster (a ConsumerRunner on
// this thread's event loop) until --seconds pass or it is interrupted; then a stop with a savepoint, so the
// next run goes on where this one stopped. `status` and `stop` talk to a cluster's REST API.
#include "consumercommand.h"

#include "commands.h"
#include "consumer/consumernode.h"
#include "consumer/consumerrunner.h"
#include "consumer/flinkcluster.h"
#include "consumer/topicprecheck.h"
#include "core/stackenvironment.h"
#include "debezium/outboxartifacts.h"
#include "interrupt.h"
#include "topology/projectfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace cdc::cli {

namespace {

int usageError(const QString &message)
{
    err() << QStringLiteral("cdcctl consumer: ") << message << Qt::endl;
    return kExitUsage;
}

// Runs the event loop until `start`'s completion is called.
template<typename T, typename Start>
Result<T> awaitResult(Start start)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    start([&](Result<T> r) {
        result.emplace(std::move(r));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

QUrl clusterUrl(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("cluster")) ? QUrl::fromUserInput(parser.value(QStringLiteral("cluster")))
                                                   : consumer::FlinkCluster::stackUrl();
}

int listJobs(const QCommandLineParser &parser)
{
    consumer::FlinkCluster cluster(clusterUrl(parser));
    const auto overview = awaitResult<consumer::ClusterOverview>([&](auto done) { cluster.overview(done); });
    if (!overview) {
        err() << QStringLiteral("ERROR ") << overview.error().toString() << Qt::endl;
        return kExitFailed;
    }
    out() << QStringLiteral("Flink %1 at %2: %3 task manager(s), %4 of %5 slots free")
                 .arg(overview.value().version, cluster.url().toString())
                 .arg(overview.value().taskManagers)
                 .arg(overview.value().slotsAvailable)
                 .arg(overview.value().slotsTotal)
          << Qt::endl;
    const auto jobs = awaitResult<QList<consumer::ClusterJob>>([&](auto done) { cluster.jobs(done); });
    if (!jobs) {
        err() << QStringLiteral("ERROR ") << jobs.error().toString() << Qt::endl;
        return kExitFailed;
    }
    for (const consumer::ClusterJob &job : jobs.value())
        out() << job.id << QStringLiteral("  ") << job.state.leftJustified(11) << u' '
              << job.startTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << QStringLiteral("  ")
              << QStringLiteral("%1 s").arg(job.durationMs / 1000).rightJustified(8) << QStringLiteral("  ") << job.name
              << Qt::endl;
    if (jobs.value().isEmpty())
        out() << tr("no jobs") << Qt::endl;
    return kExitOk;
}

// Stop with a savepoint into the cluster's default directory, else cancel; then wait until the job ends.
int stopJob(const QCommandLineParser &parser, const QString &id)
{
    static const QRegularExpression jobId(QStringLiteral("^[0-9a-f]{32}$"));
    if (!jobId.match(id).hasMatch())
        return usageError(tr("a job id is 32 hexadecimal digits (cdcctl consumer status lists them)."));
    consumer::FlinkCluster cluster(clusterUrl(parser));
    const auto before = awaitResult<consumer::ClusterJob>([&](auto done) { cluster.job(id, done); });
    if (!before) {
        err() << QStringLiteral("ERROR ") << before.error().toString() << Qt::endl;
        return kExitFailed;
    }
    if (before.value().isTerminal()) {
        out() << id << QStringLiteral("  ") << before.value().state << tr(" (had ended already)") << Qt::endl;
        return kExitOk;
    }
    const auto trigger = awaitResult<QString>([&](auto done) { cluster.stopWithSavepoint(id, {}, done); });
    bool cancelled = false;
    auto cancel = [&](const QString &why) {
        err() << QStringLiteral("WARNING no savepoint: ") << why << QStringLiteral("; cancelling") << Qt::endl;
        const auto done = awaitResult<void>([&](auto d) { cluster.cancel(id, d); });
        if (!done) {
            err() << QStringLiteral("ERROR ") << done.error().toString() << Qt::endl;
            return false;
        }
        cancelled = true;
        return true;
    };
    if (!trigger && !cancel(trigger.error().what))
        return kExitFailed;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 120000) {
        const auto job = awaitResult<consumer::ClusterJob>([&](auto done) { cluster.job(id, done); });
        if (job && job.value().isTerminal()) {
            out() << id << QStringLiteral("  ") << job.value().state << Qt::endl;
            return kExitOk;
        }
        if (trigger && !cancelled) {
            const auto sp = awaitResult<consumer::SavepointStatus>(
                [&](auto done) { cluster.savepointStatus(id, trigger.value(), done); });
            if (sp && sp.value().completed && !sp.value().failure.isEmpty() && !cancel(sp.value().failure))
                return kExitFailed;
            if (sp && sp.value().completed && sp.value().failure.isEmpty())
                out() << tr("savepoint ") << sp.value().location << Qt::endl;
        }
        QEventLoop pause;
        QTimer::singleShot(500, &pause, &QEventLoop::quit);
        pause.exec();
    }
    err() << QStringLiteral("ERROR job ") << id << QStringLiteral(" did not end within 120 s") << Qt::endl;
    return kExitFailed;
}

} // namespace

void describeConsumer(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("run PROJECT: run the project's unified consumer, the PyFlink job `cdcctl render --format pyflink` "
           "prints, on a local Flink in a child process, with PyFlink and Flink's Kafka connector from `stack/flink "
           "fetch` (or FLINK_PYTHON and FLINK_KAFKA_JAR); with --cluster URL (or the consumer node's "
           "flink.rest.url), submit it to that Flink cluster instead and watch it there. Before it starts, a source "
           "topic pattern that matches no topic on the brokers yet is a WARNING (the job waits for such topics). It "
           "reads both outbox topic families, adds source_database and the "
           "composite key, drops Debezium's redeliveries by outbox id, and writes to the sink node's print or Kafka "
           "sink. Runs until --seconds pass or it is interrupted, then stops with a savepoint so that its offsets "
           "are committed (on a cluster: into its default savepoint directory, else a cancel). Prints each state "
           "change and the records written. Exit 0 when it ran and stopped as asked; 1 when the job failed or "
           "stopped unexpectedly (the reason on stderr, the log's path too); 2 when the project cannot be read; 64 "
           "on a bad command line.\n"
           "status: list a Flink cluster's jobs with their state, start time and duration.\n"
           "stop JOBID: stop one job on a Flink cluster with a savepoint (a cancel when that fails), and wait until "
           "it has ended.\n"
           "The cluster is --cluster URL, else the stack's (`stack/flink up` writes FLINK_REST_URL to "
           "$CDC_STACK_DIR/flink-cluster.env; FLINK_REST_URL in the environment wins)."));
    parser.addPositionalArgument(QStringLiteral("action"), tr("run, status or stop"),
                                 QStringLiteral("run|status|stop"));
    parser.addPositionalArgument(QStringLiteral("project"), tr("The project file (run) or the job id (stop)."),
                                 QStringLiteral("project|jobid"));
    parser.addOption({QStringLiteral("seconds"), tr("Stop after this many seconds of running."), QStringLiteral("n")});
    parser.addOption({QStringLiteral("bootstrap"), tr("Kafka bootstrap servers instead of the project's."),
                      QStringLiteral("host:port")});
    parser.addOption({QStringLiteral("work-dir"),
                      tr("Where the job file, its log and savepoints go (default: a folder next to the project)."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("cluster"),
                      tr("A Flink cluster's REST URL: run submits there; status and stop ask there (default: the "
                         "stack's)."),
                      QStringLiteral("url")});
}

int runConsumer(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (action == QLatin1String("status") && positional.size() == 1)
        return listJobs(parser);
    if (action == QLatin1String("stop") && positional.size() == 2)
        return stopJob(parser, positional.at(1));
    if (positional.size() != 2 || action != QLatin1String("run"))
        return usageError(tr("usage: cdcctl consumer run PROJECT [--seconds N] [--bootstrap HOST:PORT] [--cluster "
                             "URL] | status [--cluster URL] | stop JOBID [--cluster URL]."));
    double seconds = -1;
    if (parser.isSet(QStringLiteral("seconds"))) {
        bool ok = false;
        seconds = parser.value(QStringLiteral("seconds")).toDouble(&ok);
        if (!ok || !(seconds > 0))
            return usageError(tr("--seconds takes a positive number of seconds."));
    }
    const QString path = positional.at(1);
    const Result<topology::Project> project = topology::loadProjectFile(path);
    if (!project) {
        err() << QStringLiteral("ERROR ") << project.error().toString() << Qt::endl;
        return kExitUnreadable;
    }
    debezium::PyFlinkJobOptions options = debezium::pyFlinkOptionsFor(project.value());
    for (const QString &problem : options.problems)
        err() << QStringLiteral("WARNING ") << problem << Qt::endl;
    // The brokers the lag samplers and the Doctor ask too, unless --bootstrap says otherwise.
    std::optional<StackEnvironment> env;
    if (const QString envPath = StackEnvironment::defaultPath(); !envPath.isEmpty())
        if (Result<StackEnvironment> loaded = StackEnvironment::load(envPath))
            env = std::move(loaded).value();
    options.bootstrapServers = parser.isSet(QStringLiteral("bootstrap"))
                                   ? parser.value(QStringLiteral("bootstrap"))
                                   : consumer::jobBootstrapFor(project.value(), env ? &*env : nullptr);
    // The consumer node's flink.rest.url, unless --cluster says otherwise.
    QUrl nodeCluster;
    for (const topology::Node &node : project.value().nodes) {
        if (!debezium::isPyFlinkConsumer(node))
            continue;
        const Result<QUrl> url = consumer::clusterUrlOf(node);
        if (!url) {
            err() << QStringLiteral("ERROR ") << url.error().toString() << Qt::endl;
            return kExitUnreadable;
        }
        nodeCluster = url.value();
        break;
    }
    // A source pattern with no topic yet: the job waits for it, which is worth saying before it starts.
    for (const QString &warning : consumer::sourceTopicWarnings(options, 5000))
        err() << QStringLiteral("WARNING ") << warning << Qt::endl;

    const Result<consumer::FlinkRuntime> runtime = consumer::FlinkRuntime::locate();
    if (!runtime) {
        err() << QStringLiteral("ERROR ") << runtime.error().toString() << Qt::endl;
        return kExitFailed;
    }
    consumer::ConsumerRunner::Settings settings;
    settings.runtime = runtime.value();
    const QFileInfo projectFile(path);
    settings.workDir = parser.isSet(QStringLiteral("work-dir"))
                           ? parser.value(QStringLiteral("work-dir"))
                           : projectFile.dir().filePath(projectFile.completeBaseName() + QStringLiteral(".consumer"));
    if (parser.isSet(QStringLiteral("cluster")))
        settings.clusterUrl = clusterUrl(parser);
    else
        settings.clusterUrl = nodeCluster;
    consumer::ConsumerRunner runner(settings);
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QTimer stopAfter;
    stopAfter.setSingleShot(true);
    QObject::connect(&stopAfter, &QTimer::timeout, &runner, &consumer::ConsumerRunner::stop);
    bool interrupted = false;
    const InterruptGuard guard([&] {
        interrupted = true;
        runner.stop();
    });
    auto stamp = [&] { return QStringLiteral("%1 s").arg(clock.elapsed() / 1000.0, 0, 'f', 1); };
    QObject::connect(&runner, &consumer::ConsumerRunner::stateChanged, &loop, [&](consumer::JobState state) {
        out() << stamp() << QStringLiteral("  ") << consumer::jobStateName(state);
        if (state == consumer::JobState::Running && runner.onCluster())
            out() << QStringLiteral(" (job ") << runner.jobId() << QStringLiteral(" on ")
                  << settings.clusterUrl.toString() << u')';
        else if (state == consumer::JobState::Running)
            out() << QStringLiteral(" (job ") << runner.jobId() << QStringLiteral(", Flink REST on 127.0.0.1:")
                  << runner.restPort() << u')';
        out() << Qt::endl;
        if (state == consumer::JobState::Running && seconds > 0 && !stopAfter.isActive())
            stopAfter.start(qRound(seconds * 1000));
        if (state == consumer::JobState::Stopped || state == consumer::JobState::Failed ||
            state == consumer::JobState::StoppedUnexpectedly)
            loop.quit();
    });
    QObject::connect(&runner, &consumer::ConsumerRunner::clusterProblemChanged, &loop, [&](const QString &problem) {
        err() << stamp() << QStringLiteral("  ")
              << (problem.isEmpty() ? tr("the Flink cluster answers again") : QStringLiteral("WARNING ") + problem)
              << Qt::endl;
    });
    QObject::connect(&runner, &consumer::ConsumerRunner::recordsWrittenChanged, &loop, [&](qint64 records) {
        out() << stamp() << QStringLiteral("  records written: ") << records << Qt::endl;
    });
    if (!runner.start(debezium::pyFlinkUnionJob(options))) {
        err() << QStringLiteral("ERROR ") << runner.lastError() << Qt::endl;
        return kExitFailed;
    }
    out() << QStringLiteral("job ") << runner.jobPath() << QStringLiteral(", log ") << runner.logPath() << Qt::endl;
    loop.exec();
    if (runner.state() == consumer::JobState::Stopped)
        return interrupted ? kExitInterrupted : kExitOk;
    err() << QStringLiteral("ERROR the consumer ") << consumer::jobStateName(runner.state()) << QStringLiteral(": ")
          << runner.failureReason() << QStringLiteral(" (log: ") << runner.logPath() << u')' << Qt::endl;
    return kExitFailed;
}

} // namespace cdc::cli
