// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer run for real: the generated PyFlink job in a child process (a local Flink
// mini-cluster), watched over Flink's REST API. Stop takes a savepoint, and a killed job leaves its last
// checkpoint: the next run of the same job resumes from the newest of them, with its offsets and the
// event ids it remembers, so nothing is lost or repeated. Never blocks the thread it lives on.
// With a cluster address the child process only submits the job to that Flink cluster and exits; the
// runner then watches the job there and stops it there.
#pragma once

#include "consumer/unifiedrows.h"
#include "core/result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace cdc::consumer {

class FlinkCluster;
class JobOutput;
struct OutputBatch;
struct PreparedRun;

// Where PyFlink and Flink's Kafka connector are (what `stack/flink fetch` installed).
struct FlinkRuntime
{
    QString python;   // the virtual environment's python
    QString kafkaJar; // flink-sql-connector-kafka-*.jar

    // FLINK_PYTHON and FLINK_KAFKA_JAR from the environment, else the flink.env that `stack/flink fetch`
    // wrote ($CDC_FLINK_ENV, else $CDC_STACK_LIB/flink.env, else the installed stack's), checked on disk.
    static Result<FlinkRuntime> locate();
};

enum class JobState { Stopped, Starting, Running, Restarting, Stopping, Failed, StoppedUnexpectedly };
QString jobStateName(JobState state);

class ConsumerRunner : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        FlinkRuntime runtime;
        QString workDir; // the job file, its log and savepoints; created when missing
        std::chrono::milliseconds startTimeout{std::chrono::minutes(3)}; // process start to job RUNNING
        std::chrono::milliseconds stopTimeout{std::chrono::minutes(1)};  // Stop to process exit, then kill
        std::chrono::milliseconds pollInterval{std::chrono::seconds(1)};
        // A Flink cluster's JobManager REST address (http://host:port): submit there instead of running
        // a local mini-cluster. Stop takes a savepoint into the cluster's default savepoint directory
        // (a cancel when that fails). Destroying the runner leaves the job running on the cluster.
        QUrl clusterUrl;
        // The local mini-cluster's JVM heap (-Xmx): without it the JVM takes a quarter of the machine's
        // memory and grows into it. JVM_ARGS in the environment wins.
        QString localHeap = QStringLiteral("768m");
    };

    explicit ConsumerRunner(Settings settings, QObject *parent = nullptr);
    ~ConsumerRunner() override;

    // Writes `jobText` to workDir/unified_outbox.py and starts it; the files are written off this
    // thread, and a file that cannot be written ends the run as Failed. False (and lastError()) when a
    // job runs already or no port is free.
    bool start(const QString &jobText);
    // Stop with a savepoint (the job commits its offsets and flushes its sink), then the process ends;
    // past stopTimeout the process group is killed.
    void stop();

    JobState state() const { return m_state; }
    QString jobId() const { return m_jobId; }
    int restPort() const { return m_restPort; }
    bool onCluster() const { return !m_settings.clusterUrl.isEmpty(); }
    // Set while the cluster does not answer the runner's polls (the job may still run there).
    QString clusterProblem() const { return m_clusterProblem; }
    QString logPath() const;
    QString jobPath() const;
    // The one line of the log that says why the job failed (empty while nothing failed).
    QString failureReason() const { return m_failureReason; }
    QStringList lastLogLines() const { return m_logTail; }
    QString lastError() const { return m_lastError; }
    // The savepoint or checkpoint this run resumed from (empty: from the group's committed offsets).
    QString restoredFrom() const { return m_restoredFrom; }
    // Records the job has written to its sink so far, from Flink's metrics (-1 until known).
    qint64 recordsWritten() const { return m_recordsWritten; }

    // The most telling line of a failed job's output: the deepest "Caused by:", else the last
    // exception or error line, with a plain sentence first for the causes users meet most.
    static QString explainFailure(const QStringList &log);

Q_SIGNALS:
    void stateChanged(cdc::consumer::JobState state);
    // Lines of the job's output and of our own, in order, in batches (the log file has them all).
    void logLines(const QStringList &lines);
    // What the print sink wrote, parsed off this thread.
    void rowsArrived(const QList<cdc::consumer::UnifiedRow> &rows);
    void recordsWrittenChanged(qint64 records);
    // The cluster stopped answering (a sentence) or answers again (empty).
    void clusterProblemChanged(const QString &problem);

private:
    void setState(JobState state);
    void launch(const PreparedRun &run);
    void takeOutput(const OutputBatch &batch);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void ended(int exitCode, QProcess::ExitStatus status);
    void poll();
    void requestStop();
    void killGroup(int signal);
    void pollCluster();
    void stopOnCluster();
    void cancelOnCluster(const QString &why);
    void clusterJobEnded(const QString &state);
    void setClusterProblem(const QString &problem);
    void note(const QString &line); // a line of our own in the log (then the tail and logLines)

    Settings m_settings;
    QProcess *m_process = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    JobOutput *m_output = nullptr;
    bool m_preparing = false; // the job's files are being written; the process starts next
    QPointer<QNetworkReply> m_pending;
    QTimer m_pollTimer;
    QTimer m_deadline;
    JobState m_state = JobState::Stopped;
    QString m_jobId;
    QString m_stateDir;
    QString m_restoredFrom;
    int m_restPort = 0;
    bool m_stopRequested = false;
    bool m_timedOut = false;
    QString m_failureReason;
    QStringList m_logTail;
    QString m_lastError;
    qint64 m_recordsWritten = -1;
    FlinkCluster *m_cluster = nullptr;
    QString m_clusterProblem;
    QString m_savepointTrigger;
    bool m_cancelSent = false;
    bool m_clusterPolling = false;
    bool m_watchingCluster = false; // the job is on the cluster: its state, not the process, decides
};

} // namespace cdc::consumer
