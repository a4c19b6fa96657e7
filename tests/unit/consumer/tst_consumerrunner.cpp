// SPDX-License-Identifier: GPL-3.0-or-later
// ConsumerRunner's states with real child processes that stand in for the PyFlink job (Debian's python3
// running small scripts): a failure says its one line, a kill from outside is "stopped unexpectedly",
// Stop ends a job that has not started yet, a job that never starts runs into its deadline. The real
// job on the real stack is tests/e2e/tst_unifiedconsumer. In cluster mode the child only submits and a
// scripted fake JobManager answers the runner's polls (tests/e2e/tst_flinkcluster has the real one).
#include "consumer/consumerrunner.h"
#include "debezium/outboxartifacts.h"
#include "support/fakeconnect.h"
#include "topology/projectfile.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace cdc;
using consumer::ConsumerRunner;
using consumer::JobState;

class TstConsumerRunner : public QObject
{
    Q_OBJECT

private:
    const QString kClusterJob = QStringLiteral("0123456789abcdef0123456789abcdef");
    QString m_python;

    // What the generated job does with CDC_FLINK_JOBMANAGER set: submit, print the id, return.
    QString submitScript() const
    {
        return QStringLiteral("import os\n"
                              "print('jobmanager', os.environ.get('CDC_FLINK_JOBMANAGER'), flush=True)\n"
                              "print('CDC-STUDIO job %1', flush=True)\n")
            .arg(kClusterJob);
    }

    static QByteArray runningJob()
    {
        return R"({"jid":"0123456789abcdef0123456789abcdef","state":"RUNNING","vertices":[{"status":"RUNNING"}]})";
    }

    QTemporaryDir m_dir;

    ConsumerRunner::Settings settings(const QString &name,
                                      std::chrono::milliseconds startTimeout = std::chrono::seconds(30))
    {
        ConsumerRunner::Settings s;
        s.runtime.python = m_python;
        s.runtime.kafkaJar = m_dir.filePath(QStringLiteral("unused.jar"));
        s.workDir = m_dir.filePath(name);
        s.startTimeout = startTimeout;
        s.stopTimeout = std::chrono::seconds(5);
        return s;
    }

    static bool waitFor(ConsumerRunner &runner, JobState state, int ms = 15000)
    {
        return QTest::qWaitFor([&] { return runner.state() == state; }, ms);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_python = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
        if (m_python.isEmpty())
            m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        QVERIFY2(!m_python.isEmpty(), "python3 is in scripts/packages.apt");
        QVERIFY(m_dir.isValid());
    }

    void aFailureSaysItsOneLine()
    {
        ConsumerRunner runner(settings(QStringLiteral("fail")));
        QVERIFY(runner.start(QStringLiteral("import sys\n"
                                            "print('starting the gateway')\n"
                                            "print('Traceback (most recent call last):')\n"
                                            "print('py4j.protocol.Py4JJavaError: An error occurred')\n"
                                            "print('Caused by: org.apache.flink.table.api.ValidationException: "
                                            "Unknown column foo')\n"
                                            "sys.exit(1)\n")));
        QCOMPARE(runner.state(), JobState::Starting);
        QVERIFY(waitFor(runner, JobState::Failed));
        QCOMPARE(runner.failureReason(),
                 QStringLiteral("org.apache.flink.table.api.ValidationException: Unknown column foo"));
        QVERIFY(runner.lastLogLines().contains(QStringLiteral("starting the gateway")));
        // Everything the job said is kept in its log, between markers of start and exit.
        QFile log(runner.logPath());
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray text = log.readAll();
        QVERIFY(text.contains("starting the gateway"));
        QVERIFY(text.contains("exit 1"));
    }

    void aKillFromOutsideIsStoppedUnexpectedly()
    {
        ConsumerRunner runner(settings(QStringLiteral("kill")));
        QVERIFY(runner.start(QStringLiteral("import time\nprint('running', flush=True)\ntime.sleep(60)\n")));
        QVERIFY(QTest::qWaitFor([&] { return runner.lastLogLines().contains(QStringLiteral("running")); }, 15000));
        const QString pgrep = QStandardPaths::findExecutable(QStringLiteral("pkill"));
        QVERIFY(!pgrep.isEmpty());
        QProcess::execute(pgrep, {QStringLiteral("-KILL"), QStringLiteral("-f"), runner.jobPath()});
        QVERIFY(waitFor(runner, JobState::StoppedUnexpectedly));
        QVERIFY2(runner.failureReason().contains(QStringLiteral("killed")), qPrintable(runner.failureReason()));
        QVERIFY(runner.lastLogLines().contains(QStringLiteral("running")));
    }

    void stopBeforeTheJobRunsEndsIt()
    {
        ConsumerRunner runner(settings(QStringLiteral("stop")));
        QVERIFY(runner.start(QStringLiteral("import time\nprint('waiting', flush=True)\ntime.sleep(60)\n")));
        QVERIFY(QTest::qWaitFor([&] { return runner.lastLogLines().contains(QStringLiteral("waiting")); }, 15000));
        runner.stop();
        QCOMPARE(runner.state(), JobState::Stopping);
        QVERIFY(waitFor(runner, JobState::Stopped));
        QVERIFY(runner.failureReason().isEmpty());
        // Stopped, it can run again.
        QVERIFY(runner.start(QStringLiteral("raise SystemExit(3)\n")));
        QVERIFY(waitFor(runner, JobState::Failed));
    }

    void aJobThatNeverStartsRunsIntoItsDeadline()
    {
        ConsumerRunner runner(settings(QStringLiteral("slow"), std::chrono::milliseconds(1500)));
        // The job line arrives, but no Flink answers on the REST port: it never reaches RUNNING.
        QVERIFY(runner.start(QStringLiteral("import time\nprint('CDC-STUDIO job 0123456789abcdef0123456789abcdef', "
                                            "flush=True)\ntime.sleep(60)\n")));
        QVERIFY(QTest::qWaitFor([&] { return !runner.jobId().isEmpty(); }, 15000));
        QCOMPARE(runner.jobId(), QStringLiteral("0123456789abcdef0123456789abcdef"));
        QVERIFY(waitFor(runner, JobState::Failed));
        QVERIFY2(runner.failureReason().contains(QStringLiteral("did not start running within 1 s")),
                 qPrintable(runner.failureReason()));
    }

    void theLocalJvmHasABoundedHeap()
    {
        // PyFlink starts its JVM with JVM_ARGS: the runner caps the heap unless the user set them.
        qunsetenv("JVM_ARGS");
        ConsumerRunner runner(settings(QStringLiteral("heap")));
        QVERIFY(
            runner.start(QStringLiteral("import os, sys\nprint('jvm', os.environ.get('JVM_ARGS'))\nsys.exit(1)\n")));
        QVERIFY(waitFor(runner, JobState::Failed));
        QVERIFY2(runner.lastLogLines().contains(QStringLiteral("jvm -Xmx768m")),
                 qPrintable(runner.lastLogLines().join(u'|')));
        qputenv("JVM_ARGS", "-Xmx2g -Dx=1");
        QVERIFY(
            runner.start(QStringLiteral("import os, sys\nprint('jvm', os.environ.get('JVM_ARGS'))\nsys.exit(1)\n")));
        QVERIFY(waitFor(runner, JobState::Failed));
        qunsetenv("JVM_ARGS");
        QVERIFY(runner.lastLogLines().contains(QStringLiteral("jvm -Xmx2g -Dx=1")));
    }

    void aSecondStartWhileRunningIsRefused()
    {
        ConsumerRunner runner(settings(QStringLiteral("twice")));
        QVERIFY(runner.start(QStringLiteral("import time\ntime.sleep(60)\n")));
        QVERIFY(!runner.start(QStringLiteral("print(1)\n")));
        QVERIFY(runner.lastError().contains(QStringLiteral("runs already")));
    }

    void explainsTheCausesUsersMeetMost()
    {
        QCOMPARE(
            ConsumerRunner::explainFailure(
                {QStringLiteral("org.apache.flink.table.api.ValidationException: Could not find any factory for "
                                "identifier 'kafka' that implements 'DynamicTableFactory'")}),
            QStringLiteral("Flink's Kafka connector jar is missing: run stack/flink fetch, or set FLINK_KAFKA_JAR."));
        QCOMPARE(ConsumerRunner::explainFailure({QStringLiteral("ModuleNotFoundError: No module named 'pyflink'")}),
                 QStringLiteral("PyFlink is not installed in this Python: run stack/flink fetch."));
        // The deepest cause wins over the exceptions that wrap it.
        QCOMPARE(ConsumerRunner::explainFailure({QStringLiteral("java.lang.RuntimeException: wrapper"),
                                                 QStringLiteral("Caused by: java.io.IOException: outer"),
                                                 QStringLiteral("\tat x.y(Z.java:1)"),
                                                 QStringLiteral("Caused by: java.net.ConnectException: refused")}),
                 QStringLiteral("java.net.ConnectException: refused"));
        QCOMPARE(ConsumerRunner::explainFailure({QStringLiteral("nothing to see")}), QString());
    }

    void theRuntimeIsFoundOrSaidMissing()
    {
        const QString envFile = m_dir.filePath(QStringLiteral("flink.env"));
        qputenv("CDC_FLINK_ENV", envFile.toUtf8());
        qunsetenv("FLINK_PYTHON");
        qunsetenv("FLINK_KAFKA_JAR");
        auto missing = consumer::FlinkRuntime::locate();
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().hint.contains(QStringLiteral("stack/flink fetch")), qPrintable(missing.error().hint));

        const QString jar = m_dir.filePath(QStringLiteral("flink-sql-connector-kafka-test.jar"));
        QFile(jar).open(QIODevice::WriteOnly);
        QFile env(envFile);
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write(QStringLiteral("FLINK_PYTHON=%1\nFLINK_KAFKA_JAR=%2\n").arg(m_python, jar).toUtf8());
        env.close();
        auto found = consumer::FlinkRuntime::locate();
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().toString()));
        QCOMPARE(found.value().python, m_python);
        QCOMPARE(found.value().kafkaJar, jar);

        QFile::remove(jar);
        auto noJar = consumer::FlinkRuntime::locate();
        QVERIFY(!noJar.ok());
        QVERIFY(noJar.error().what.contains(QStringLiteral("jar is missing")));
        qunsetenv("CDC_FLINK_ENV");
    }
    // Cluster mode: the child prints the job id and exits 0 (that is the submit, not a failure); the
    // runner follows the job on the cluster, and Stop stops it there with a savepoint.
    void onAClusterTheJobIsWatchedAndStoppedThere()
    {
        testsupport::FakeConnect fake;
        const QString job = QStringLiteral("/jobs/") + kClusterJob;
        fake.on("GET", job, {200, runningJob()});
        fake.on("POST", job + QStringLiteral("/stop"), {202, R"({"request-id":"t1"})"});
        fake.on("GET", job + QStringLiteral("/savepoints/t1"), {200, R"({"status":{"id":"IN_PROGRESS"}})"});
        auto s = settings(QStringLiteral("cluster"));
        s.clusterUrl = fake.url();
        s.pollInterval = std::chrono::milliseconds(100);
        ConsumerRunner runner(s);
        QVERIFY(runner.start(submitScript()));
        QVERIFY(waitFor(runner, JobState::Running));
        QCOMPARE(runner.jobId(), kClusterJob);
        QVERIFY(runner.onCluster());
        // The child was told where to submit.
        QVERIFY(runner.lastLogLines().contains(QStringLiteral("jobmanager 127.0.0.1:%1").arg(fake.url().port())));
        QTRY_VERIFY(runner.lastLogLines().constLast().contains(QLatin1String("submitted job")));
        QCOMPARE(runner.state(), JobState::Running);

        runner.stop();
        QCOMPARE(runner.state(), JobState::Stopping);
        QTRY_COMPARE(fake.count("POST", job + QStringLiteral("/stop")), 1);
        const QByteArray body = fake.seen().constLast().verb == "POST" ? fake.seen().constLast().body : QByteArray();
        QVERIFY2(!body.contains("targetDirectory"), body.constData()); // the cluster's own savepoint directory
        fake.on("GET", job, {200, R"({"jid":"x","state":"FINISHED","vertices":[]})"});
        QVERIFY(waitFor(runner, JobState::Stopped));
        QCOMPARE(fake.count("PATCH", job + QStringLiteral("?mode=cancel")), 0);
    }

    void aRefusedSavepointFallsBackToCancel()
    {
        testsupport::FakeConnect fake;
        const QString job = QStringLiteral("/jobs/") + kClusterJob;
        fake.on("GET", job, {200, runningJob()});
        fake.on("POST", job + QStringLiteral("/stop"),
                {500,
                 R"({"errors":["Internal server error.","<Exception on server side:\njava.lang.IllegalStateException: )"
                 R"(No savepoint directory configured\n>"]})"});
        fake.on("PATCH", job + QStringLiteral("?mode=cancel"), {202, "{}"});
        auto s = settings(QStringLiteral("cluster-cancel"));
        s.clusterUrl = fake.url();
        s.pollInterval = std::chrono::milliseconds(100);
        ConsumerRunner runner(s);
        QVERIFY(runner.start(submitScript()));
        QVERIFY(waitFor(runner, JobState::Running));
        runner.stop();
        QTRY_COMPARE(fake.count("PATCH", job + QStringLiteral("?mode=cancel")), 1);
        fake.on("GET", job, {200, R"({"jid":"x","state":"CANCELED","vertices":[]})"});
        QVERIFY(waitFor(runner, JobState::Stopped));
        QVERIFY(runner.lastLogLines().join(u'\n').contains(QLatin1String("No savepoint directory configured")));
    }

    void aClusterThatGoesAwayIsSaidAndPolledOn()
    {
        auto fake = std::make_unique<testsupport::FakeConnect>();
        const QUrl url = fake->url();
        fake->on("GET", QStringLiteral("/jobs/") + kClusterJob, {200, runningJob()});
        auto s = settings(QStringLiteral("cluster-away"));
        s.clusterUrl = url;
        s.pollInterval = std::chrono::milliseconds(100);
        ConsumerRunner runner(s);
        QVERIFY(runner.start(submitScript()));
        QVERIFY(waitFor(runner, JobState::Running));
        fake.reset();
        QTRY_VERIFY(!runner.clusterProblem().isEmpty());
        QVERIFY2(runner.clusterProblem().contains(QLatin1String("connection was refused")),
                 qPrintable(runner.clusterProblem()));
        QVERIFY(runner.clusterProblem().contains(QLatin1String("still trying")));
        // Not claimed stopped: it may run on.
        QTest::qWait(500);
        QCOMPARE(runner.state(), JobState::Running);
    }

    void aJobThatFailsOnTheClusterSaysWhy()
    {
        testsupport::FakeConnect fake;
        const QString job = QStringLiteral("/jobs/") + kClusterJob;
        fake.onSequence("GET", job, {{200, runningJob()}, {200, R"({"jid":"x","state":"FAILED","vertices":[]})"}});
        fake.on(
            "GET", job + QStringLiteral("/exceptions"),
            {200,
             R"({"root-exception":"org.apache.flink.runtime.JobException: Recovery is suppressed\n)"
             R"(Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.\n"})"});
        auto s = settings(QStringLiteral("cluster-fail"));
        s.clusterUrl = fake.url();
        s.pollInterval = std::chrono::milliseconds(100);
        ConsumerRunner runner(s);
        QVERIFY(runner.start(submitScript()));
        QVERIFY(waitFor(runner, JobState::Failed));
        QCOMPARE(runner.failureReason(),
                 QStringLiteral("The job failed on the Flink cluster: org.apache.kafka.common.errors.TimeoutException: "
                                "Timed out waiting for a node assignment."));
    }
};

QTEST_GUILESS_MAIN(TstConsumerRunner)
#include "tst_consumerrunner.moc"
