// ConsumerRunner's states with real child processes that stand in for the PyFlink job (Debian's python3
// running small scripts): a failure says its one line, a kill from outside is "stopped unexpectedly",
// Stop ends a job that has not started yet, a job that never starts runs into its deadline. The real
// job on the real stack is tests/e2e/tst_unifiedconsumer.
#include "consumer/consumerrunner.h"
#include "debezium/outboxartifacts.h"
#include "topology/projectfile.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace cdc;
using consumer::ConsumerRunner;
using consumer::JobState;

class TstConsumerRunner : public QObject
{
    Q_OBJECT

private:
    QString m_python;
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
};

QTEST_GUILESS_MAIN(TstConsumerRunner)
#include "tst_consumerrunner.moc"
