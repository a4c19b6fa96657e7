// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer in a child process, watched over the local Flink's REST API.
#include "consumerrunner.h"

#include "consumer/flinkcluster.h"
#include "consumer/joboutput.h"
#include "core/stackenvironment.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QTcpServer>
#include <QUrl>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace cdc::consumer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConsumerRunner", text);
}

constexpr int kLogTailLines = 200;

int freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

QString flinkEnvPath()
{
    if (const QString env = qEnvironmentVariable("CDC_FLINK_ENV"); !env.isEmpty())
        return env;
    if (const QString lib = qEnvironmentVariable("CDC_STACK_LIB"); !lib.isEmpty())
        return lib + QStringLiteral("/flink.env");
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/cdc-studio/stack-lib/flink.env");
}

} // namespace

Result<FlinkRuntime> FlinkRuntime::locate()
{
    FlinkRuntime runtime;
    runtime.python = qEnvironmentVariable("FLINK_PYTHON");
    runtime.kafkaJar = qEnvironmentVariable("FLINK_KAFKA_JAR");
    const QString envPath = flinkEnvPath();
    if ((runtime.python.isEmpty() || runtime.kafkaJar.isEmpty()) && QFileInfo::exists(envPath)) {
        auto env = StackEnvironment::load(envPath);
        if (!env.ok())
            return env.error();
        if (runtime.python.isEmpty())
            runtime.python = env.value().value(QStringLiteral("FLINK_PYTHON"));
        if (runtime.kafkaJar.isEmpty())
            runtime.kafkaJar = env.value().value(QStringLiteral("FLINK_KAFKA_JAR"));
    }
    const QString fix = tr("Install PyFlink and Flink's Kafka connector with stack/flink fetch (it writes %1), "
                           "or set FLINK_PYTHON and FLINK_KAFKA_JAR.")
                            .arg(envPath);
    if (runtime.python.isEmpty())
        return Error{tr("PyFlink is not installed."), envPath, fix};
    if (!QFileInfo(runtime.python).isExecutable())
        return Error{tr("The Python with PyFlink, %1, is missing.").arg(runtime.python), envPath, fix};
    if (runtime.kafkaJar.isEmpty() || !QFileInfo(runtime.kafkaJar).isReadable())
        return Error{tr("Flink's Kafka connector jar is missing."),
                     runtime.kafkaJar.isEmpty() ? envPath : runtime.kafkaJar, fix};
    return runtime;
}

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Stopped: return tr("stopped");
    case JobState::Starting: return tr("starting");
    case JobState::Running: return tr("running");
    case JobState::Restarting: return tr("restarting");
    case JobState::Stopping: return tr("stopping");
    case JobState::Failed: return tr("failed");
    case JobState::StoppedUnexpectedly: return tr("stopped unexpectedly");
    }
    return {};
}

ConsumerRunner::ConsumerRunner(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_network(new QNetworkAccessManager(this))
    , m_output(new JobOutput(this))
{
    m_settings.workDir = QDir(m_settings.workDir).absolutePath();
    connect(m_output, &JobOutput::prepared, this, &ConsumerRunner::launch);
    connect(m_output, &JobOutput::output, this, &ConsumerRunner::takeOutput);
    m_pollTimer.setInterval(m_settings.pollInterval);
    connect(&m_pollTimer, &QTimer::timeout, this, &ConsumerRunner::poll);
    if (!m_settings.clusterUrl.isEmpty()) {
        m_cluster = new FlinkCluster(m_settings.clusterUrl, this);
        m_cluster->setTimeout(5000);
        m_settings.clusterUrl = m_cluster->url();
    }
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_watchingCluster && m_state == JobState::Starting) {
            m_failureReason =
                tr("The job did not start running on the Flink cluster within %1 s.")
                    .arg(std::chrono::duration_cast<std::chrono::seconds>(m_settings.startTimeout).count());
            m_timedOut = true; // the submitting process, if it has not ended yet, must not say otherwise
            cancelOnCluster(m_failureReason);
            m_pollTimer.stop();
            m_watchingCluster = false;
            setState(JobState::Failed);
        } else if (m_watchingCluster && m_state == JobState::Stopping) {
            // The savepoint takes too long (or the cluster is away): cancel, and again later if need be.
            m_cancelSent = false;
            cancelOnCluster(tr("the stop with a savepoint did not end in time"));
            m_deadline.start(m_settings.stopTimeout);
        } else if (m_state == JobState::Starting) {
            m_failureReason =
                tr("The job did not start running within %1 s.")
                    .arg(std::chrono::duration_cast<std::chrono::seconds>(m_settings.startTimeout).count());
            m_stopRequested = false;
            m_timedOut = true;
            killGroup(SIGTERM);
        } else if (m_state == JobState::Stopping) {
            killGroup(SIGKILL);
        }
    });
}

ConsumerRunner::~ConsumerRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        killGroup(SIGKILL);
        m_process->waitForFinished(5000);
    }
}

QString ConsumerRunner::logPath() const
{
    return QDir(m_settings.workDir).filePath(QStringLiteral("consumer.log"));
}

QString ConsumerRunner::jobPath() const
{
    return QDir(m_settings.workDir).filePath(QStringLiteral("unified_outbox.py"));
}

bool ConsumerRunner::start(const QString &jobText)
{
    if (m_process || m_watchingCluster || m_preparing) {
        m_lastError = tr("The consumer runs already.");
        return false;
    }
    m_restPort = onCluster() ? m_settings.clusterUrl.port(8081) : freeLoopbackPort();
    if (m_restPort == 0) {
        m_lastError = tr("No free port on 127.0.0.1 for Flink's REST API.");
        return false;
    }
    m_jobId.clear();
    m_failureReason.clear();
    m_logTail.clear();
    m_recordsWritten = -1;
    m_stopRequested = false;
    m_timedOut = false;
    m_clusterProblem.clear();
    m_savepointTrigger.clear();
    m_cancelSent = false;
    m_clusterPolling = false;
    m_restoredFrom.clear();

    // Checkpoints and savepoints belong to one job text: a changed job starts from the group's offsets.
    const QByteArray jobHash = QCryptographicHash::hash(jobText.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    m_stateDir = QDir(m_settings.workDir).filePath(QStringLiteral("state/") + QString::fromLatin1(jobHash));
    m_preparing = true;
    setState(JobState::Starting);
    m_deadline.start(m_settings.startTimeout);
    // On a cluster, checkpoints and savepoints go to the cluster's own directories: nothing to restore here.
    m_output->prepare(
        m_settings.workDir, jobPath(), jobText, logPath(), m_stateDir, !onCluster(),
        QStringLiteral("--- %1 starting %2").arg(QDateTime::currentDateTime().toString(Qt::ISODate), jobPath()));
    return true;
}

void ConsumerRunner::launch(const PreparedRun &run)
{
    m_preparing = false;
    if (m_stopRequested || m_state != JobState::Starting) {
        m_deadline.stop();
        if (m_state == JobState::Stopping)
            setState(JobState::Stopped);
        return;
    }
    if (!run.error.isEmpty()) {
        m_deadline.stop();
        m_failureReason = run.error;
        setState(JobState::Failed);
        return;
    }
    m_restoredFrom = run.restoredFrom;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // Straight into the log, which JobOutput follows on its own thread: this thread reads nothing.
    m_process->setStandardOutputFile(logPath(), QIODevice::Append);
    m_process->setWorkingDirectory(m_settings.workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FLINK_KAFKA_JAR"), m_settings.runtime.kafkaJar);
    env.insert(QStringLiteral("CDC_FLINK_REST_PORT"), QString::number(m_restPort));
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    if (!env.contains(QStringLiteral("JVM_ARGS")) && !m_settings.localHeap.isEmpty())
        env.insert(QStringLiteral("JVM_ARGS"), QStringLiteral("-Xmx") + m_settings.localHeap);
    env.insert(QStringLiteral("CDC_FLINK_STATE_DIR"), QDir(m_stateDir).filePath(QStringLiteral("checkpoints")));
    if (m_restoredFrom.isEmpty())
        env.remove(QStringLiteral("CDC_FLINK_RESTORE"));
    else
        env.insert(QStringLiteral("CDC_FLINK_RESTORE"), m_restoredFrom);
    env.remove(QStringLiteral("CDC_FLINK_JOBMANAGER"));
    if (onCluster()) {
        env.remove(QStringLiteral("CDC_FLINK_REST_PORT"));
        env.remove(QStringLiteral("CDC_FLINK_STATE_DIR"));
        env.insert(QStringLiteral("CDC_FLINK_JOBMANAGER"),
                   QStringLiteral("%1:%2").arg(m_settings.clusterUrl.host()).arg(m_restPort));
    }
    m_process->setProcessEnvironment(env);
    // Its own process group: PyFlink starts a JVM, and a stop past its deadline must end both.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_process, &QProcess::finished, this, &ConsumerRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_failureReason = tr("%1 did not start: %2").arg(m_settings.runtime.python, m_process->errorString());
            m_process->deleteLater();
            m_process = nullptr;
            m_deadline.stop();
            setState(JobState::Failed);
        }
    });
    m_process->start(m_settings.runtime.python, {jobPath()});
}

void ConsumerRunner::stop()
{
    if ((!m_process && !m_watchingCluster && !m_preparing) || m_state == JobState::Stopping)
        return;
    m_stopRequested = true;
    setState(JobState::Stopping);
    if (m_preparing)
        return; // launch() ends it
    m_deadline.start(m_settings.stopTimeout);
    if (m_watchingCluster)
        stopOnCluster();
    else if (m_jobId.isEmpty())
        killGroup(SIGTERM);
    else
        requestStop();
}

void ConsumerRunner::stopOnCluster()
{
    // Into the cluster's default savepoint directory: a path of ours means nothing on another machine.
    note(tr("--- stopping job %1 on %2 with a savepoint").arg(m_jobId, m_settings.clusterUrl.toString()));
    m_cluster->stopWithSavepoint(
        m_jobId, {},
        [this](Result<QString> trigger) {
            if (!trigger)
                cancelOnCluster(trigger.error().what);
            else
                m_savepointTrigger = trigger.value();
        },
        this);
}

void ConsumerRunner::cancelOnCluster(const QString &why)
{
    if (m_cancelSent || m_jobId.isEmpty())
        return;
    m_cancelSent = true;
    note(tr("--- cancelling job %1: %2").arg(m_jobId, why));
    m_cluster->cancel(
        m_jobId,
        [this](Result<void> done) {
            if (!done) {
                note(QStringLiteral("--- ") + done.error().what);
                m_cancelSent = false;
            }
        },
        this);
}

void ConsumerRunner::pollCluster()
{
    if (m_clusterPolling || !m_watchingCluster)
        return;
    m_clusterPolling = true;
    m_cluster->job(
        m_jobId,
        [this](Result<ClusterJob> r) {
            m_clusterPolling = false;
            if (!m_watchingCluster)
                return;
            if (!r) {
                // The job may well run on: say so and keep asking, never claim it stopped.
                setClusterProblem(tr("The Flink cluster does not answer (%1); the job may still run there, still "
                                     "trying.")
                                      .arg(r.error().what));
                return;
            }
            setClusterProblem({});
            const ClusterJob &job = r.value();
            if (job.sinkRecords >= 0 && job.sinkRecords != m_recordsWritten) {
                m_recordsWritten = job.sinkRecords;
                Q_EMIT recordsWrittenChanged(m_recordsWritten);
            }
            if (job.isTerminal()) {
                clusterJobEnded(job.state);
                return;
            }
            if (m_state == JobState::Stopping) {
                if (!m_savepointTrigger.isEmpty() && !m_cancelSent)
                    m_cluster->savepointStatus(
                        m_jobId, m_savepointTrigger,
                        [this](Result<SavepointStatus> s) {
                            if (s && s.value().completed && !s.value().failure.isEmpty())
                                cancelOnCluster(s.value().failure);
                        },
                        this);
                return;
            }
            if (job.state == QLatin1String("RUNNING") && job.allVerticesRunning) {
                m_deadline.stop();
                setState(JobState::Running);
            } else if (job.state == QLatin1String("RESTARTING") ||
                       (job.state == QLatin1String("RUNNING") && m_state == JobState::Restarting)) {
                setState(JobState::Restarting);
            }
        },
        this);
}

void ConsumerRunner::clusterJobEnded(const QString &state)
{
    m_pollTimer.stop();
    m_deadline.stop();
    m_watchingCluster = false;
    note(tr("--- job %1 is %2 on %3").arg(m_jobId, state, m_settings.clusterUrl.toString()));
    if (state == QLatin1String("FAILED")) {
        m_cluster->rootException(
            m_jobId,
            [this](Result<QString> why) {
                m_failureReason = tr("The job failed on the Flink cluster: %1")
                                      .arg(why && !why.value().isEmpty() ? why.value() : tr("it gave no reason."));
                setState(JobState::Failed);
            },
            this);
        return;
    }
    if (m_stopRequested) {
        setState(JobState::Stopped);
        return;
    }
    m_failureReason = state == QLatin1String("CANCELED")
                          ? tr("The job was cancelled on the Flink cluster from outside.")
                          : tr("The job ended by itself on the Flink cluster (%1).").arg(state);
    setState(JobState::StoppedUnexpectedly);
}

void ConsumerRunner::setClusterProblem(const QString &problem)
{
    if (problem == m_clusterProblem)
        return;
    m_clusterProblem = problem;
    note(QStringLiteral("--- ") + (problem.isEmpty() ? tr("the Flink cluster answers again") : problem));
    Q_EMIT clusterProblemChanged(problem);
}

void ConsumerRunner::note(const QString &line)
{
    m_output->append(line);
    m_logTail << line;
    if (m_logTail.size() > kLogTailLines)
        m_logTail.removeFirst();
    Q_EMIT logLines({line});
}

void ConsumerRunner::requestStop()
{
    // Stop with a savepoint: the sources commit their offsets and the sink flushes, then the job
    // ends FINISHED and the Python process returns from wait().
    const QString savepoints = QDir(m_stateDir).filePath(QStringLiteral("savepoints"));
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/jobs/%2/stop").arg(m_restPort).arg(m_jobId)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(10000);
    const QJsonObject body{{QStringLiteral("targetDirectory"), QUrl::fromLocalFile(savepoints).toString()},
                           {QStringLiteral("drain"), false}};
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError && m_process)
            killGroup(SIGTERM); // the REST API is gone: end the process the plain way
    });
}

void ConsumerRunner::killGroup(int signal)
{
    if (!m_process)
        return;
    const qint64 pid = m_process->processId();
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), signal);
}

void ConsumerRunner::takeOutput(const OutputBatch &batch)
{
    m_logTail << batch.lines;
    if (m_logTail.size() > kLogTailLines)
        m_logTail.remove(0, m_logTail.size() - kLogTailLines);
    if (!batch.jobId.isEmpty() && m_jobId.isEmpty()) {
        m_jobId = batch.jobId;
        m_watchingCluster = onCluster();
        m_pollTimer.start();
        poll();
    }
    Q_EMIT logLines(batch.lines);
    if (!batch.rows.isEmpty())
        Q_EMIT rowsArrived(batch.rows);
}

void ConsumerRunner::poll()
{
    if (onCluster()) {
        pollCluster();
        return;
    }
    if (m_jobId.isEmpty() || m_pending)
        return;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/jobs/%2").arg(m_restPort).arg(m_jobId)));
    request.setTransferTimeout(5000);
    QNetworkReply *reply = m_network->get(request);
    m_pending = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError)
            return; // the process tells us when it ends; a missed poll changes nothing
        const QJsonObject job = QJsonDocument::fromJson(reply->readAll()).object();
        const QString state = job.value(QStringLiteral("state")).toString();
        const QJsonArray vertices = job.value(QStringLiteral("vertices")).toArray();
        bool allRunning = !vertices.isEmpty();
        qint64 written = -1;
        for (const QJsonValue &v : vertices) {
            const QJsonObject vertex = v.toObject();
            allRunning = allRunning && vertex.value(QStringLiteral("status")).toString() == QLatin1String("RUNNING");
            if (vertex.value(QStringLiteral("name")).toString().contains(QLatin1String("unified_sink")))
                written = qMax<qint64>(written, 0) + vertex.value(QStringLiteral("metrics"))
                                                         .toObject()
                                                         .value(QStringLiteral("read-records"))
                                                         .toInteger();
        }
        if (written >= 0 && written != m_recordsWritten) {
            m_recordsWritten = written;
            Q_EMIT recordsWrittenChanged(written);
        }
        if (m_state == JobState::Stopping)
            return;
        if (state == QLatin1String("RUNNING") && allRunning) {
            m_deadline.stop();
            setState(JobState::Running);
        } else if (state == QLatin1String("RESTARTING") ||
                   (state == QLatin1String("RUNNING") && m_state == JobState::Restarting)) {
            setState(JobState::Restarting);
        }
    });
}

void ConsumerRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    // What the process wrote last is read first: the failure is in there.
    connect(
        m_output, &JobOutput::drained, this, [this, exitCode, status] { ended(exitCode, status); },
        Qt::SingleShotConnection);
    m_output->drain(QStringLiteral("--- %1 exit %2%3")
                        .arg(QDateTime::currentDateTime().toString(Qt::ISODate))
                        .arg(exitCode)
                        .arg(status == QProcess::CrashExit ? QStringLiteral(" (killed)") : QString()));
}

void ConsumerRunner::ended(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    if (m_watchingCluster) {
        // It submitted the job and returned: the job lives on the cluster, which the polls watch.
        killGroup(SIGKILL);
        m_process->deleteLater();
        m_process = nullptr;
        note(tr("--- %1 submitted job %2 to %3")
                 .arg(QDateTime::currentDateTime().toString(Qt::ISODate), m_jobId, m_settings.clusterUrl.toString()));
        return;
    }
    m_pollTimer.stop();
    m_deadline.stop();
    // Whatever the Python process left behind (its JVM) goes with it.
    killGroup(SIGKILL);
    m_process->deleteLater();
    m_process = nullptr;
    if (m_stopRequested) {
        setState(JobState::Stopped);
        return;
    }
    if (m_timedOut) {
        setState(JobState::Failed);
        return;
    }
    if (status == QProcess::CrashExit) {
        if (m_failureReason.isEmpty())
            m_failureReason = tr("The job's process was killed from outside.");
        setState(JobState::StoppedUnexpectedly);
        return;
    }
    if (exitCode == 0) {
        if (m_failureReason.isEmpty())
            m_failureReason = tr("The job ended by itself.");
        setState(JobState::StoppedUnexpectedly);
        return;
    }
    if (m_failureReason.isEmpty())
        m_failureReason = explainFailure(m_logTail);
    for (auto it = m_logTail.crbegin(); m_failureReason.isEmpty() && it != m_logTail.crend(); ++it)
        if (!it->isEmpty() && !it->startsWith(QLatin1String("---")))
            m_failureReason = *it;
    setState(JobState::Failed);
}

void ConsumerRunner::setState(JobState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString ConsumerRunner::explainFailure(const QStringList &log)
{
    struct Known
    {
        const char *pattern;
        const char *sentence;
    };
    static const Known known[] = {
        {"Could not find any factory for identifier 'kafka'",
         QT_TRANSLATE_NOOP("ConsumerRunner", "Flink's Kafka connector jar is missing: run stack/flink fetch, or set "
                                             "FLINK_KAFKA_JAR.")},
        {"No module named 'pyflink'",
         QT_TRANSLATE_NOOP("ConsumerRunner", "PyFlink is not installed in this Python: run stack/flink fetch.")},
        {"JAVA_HOME is not set",
         QT_TRANSLATE_NOOP("ConsumerRunner", "Java is missing: install openjdk-17-jdk-headless.")},
        {"java: not found", QT_TRANSLATE_NOOP("ConsumerRunner", "Java is missing: install openjdk-17-jdk-headless.")},
    };
    QString causedBy;
    QString lastError;
    static const QRegularExpression errorLine(QStringLiteral(R"(^([A-Za-z_][\w.$]*(Exception|Error)(: .*)?)$)"));
    for (const QString &line : log) {
        for (const Known &k : known)
            if (line.contains(QLatin1String(k.pattern)))
                return tr(k.sentence);
        if (line.startsWith(QLatin1String("Caused by: ")))
            causedBy = line.mid(11);
        else if (errorLine.match(line).hasMatch())
            lastError = line;
    }
    return !causedBy.isEmpty() ? causedBy : lastError;
}

} // namespace cdc::consumer
