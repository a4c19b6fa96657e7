// `cdcctl consumer run`: the generated job in a local Flink (a ConsumerRunner on this thread's event
// loop) until --seconds pass or it is interrupted; then a stop with a savepoint, so the next run goes on
// where this one stopped.
#include "consumercommand.h"

#include "commands.h"
#include "consumer/consumerrunner.h"
#include "debezium/outboxartifacts.h"
#include "interrupt.h"
#include "topology/projectfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace cdc::cli {

namespace {

int usageError(const QString &message)
{
    err() << QStringLiteral("cdcctl consumer: ") << message << Qt::endl;
    return kExitUsage;
}

} // namespace

void describeConsumer(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Run the project's unified consumer: the PyFlink job `cdcctl render --format pyflink` prints, on a local "
           "Flink in a child process, with PyFlink and Flink's Kafka connector from `stack/flink fetch` (or "
           "FLINK_PYTHON and FLINK_KAFKA_JAR). It reads both outbox topic families, adds source_database and the "
           "composite key, drops Debezium's redeliveries by outbox id, and writes to the sink node's print or Kafka "
           "sink. Runs until --seconds pass or it is interrupted, then stops with a savepoint so that its offsets "
           "are committed. Prints each state change and the records written. Exit 0 when it ran and stopped as "
           "asked; 1 when the job failed or stopped unexpectedly (the reason on stderr, the log's path too); 2 "
           "when the project cannot be read; 64 on a bad command line."));
    parser.addPositionalArgument(QStringLiteral("action"), tr("run"), QStringLiteral("run"));
    parser.addPositionalArgument(QStringLiteral("project"), tr("The project file."), QStringLiteral("project"));
    parser.addOption({QStringLiteral("seconds"), tr("Stop after this many seconds of running."), QStringLiteral("n")});
    parser.addOption({QStringLiteral("bootstrap"), tr("Kafka bootstrap servers instead of the project's."),
                      QStringLiteral("host:port")});
    parser.addOption({QStringLiteral("work-dir"),
                      tr("Where the job file, its log and savepoints go (default: a folder next to the project)."),
                      QStringLiteral("dir")});
}

int runConsumer(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2 || positional.constFirst() != QLatin1String("run"))
        return usageError(tr("usage: cdcctl consumer run PROJECT [--seconds N] [--bootstrap HOST:PORT]."));
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
    if (parser.isSet(QStringLiteral("bootstrap")))
        options.bootstrapServers = parser.value(QStringLiteral("bootstrap"));

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
        if (state == consumer::JobState::Running)
            out() << QStringLiteral(" (job ") << runner.jobId() << QStringLiteral(", Flink REST on 127.0.0.1:")
                  << runner.restPort() << u')';
        out() << Qt::endl;
        if (state == consumer::JobState::Running && seconds > 0 && !stopAfter.isActive())
            stopAfter.start(qRound(seconds * 1000));
        if (state == consumer::JobState::Stopped || state == consumer::JobState::Failed ||
            state == consumer::JobState::StoppedUnexpectedly)
            loop.quit();
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
