// The unified consumer for real: the generated PyFlink job, run by ConsumerRunner on a local Flink with
// PyFlink and Flink's Kafka connector from `stack/flink fetch`, reading what the capstone's connectors
// write on the real stack. Each outbox row comes out on the unified topic exactly once with its
// source_database and composite key; a stopped job goes on where it stopped; a failure says why.
#include "capstoneconnectors.h"
#include "consumer/consumerrunner.h"
#include "debezium/outboxartifacts.h"
#include "stackclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace cdc;
using namespace cdc::e2e;
using consumer::ConsumerRunner;
using consumer::JobState;

namespace {

constexpr int kRowsPerDatabase = 30;
constexpr int kWaitMs = 240000;

bool waitForState(ConsumerRunner &runner, std::initializer_list<JobState> states, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        for (JobState s : states)
            if (runner.state() == s)
                return true;
        QTest::qWait(100);
    }
    return false;
}

} // namespace

class TstUnifiedConsumer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        // By hand after stack/flink fetch: the consumer's parts in the source tree's default place.
        if (qEnvironmentVariableIsEmpty("CDC_STACK_LIB") && qEnvironmentVariableIsEmpty("CDC_FLINK_ENV") &&
            !qEnvironmentVariableIsEmpty("CDC_SOURCE_DIR"))
            qputenv("CDC_FLINK_ENV", qgetenv("CDC_SOURCE_DIR") + "/build/stack-lib/flink.env");
        const Result<consumer::FlinkRuntime> runtime = consumer::FlinkRuntime::locate();
        if (!runtime) {
            // ./dev test runs `stack/flink fetch` before the e2e label; without it the test cannot run.
            if (StackAvailability::required())
                QFAIL(qPrintable(QStringLiteral("CDC_REQUIRE_STACK=1 but ") + runtime.error().toString()));
            QSKIP(qPrintable(runtime.error().toString()));
        }
        m_runtime = runtime.value();
        m_run = QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_options.bootstrapServers = m_env.value(QStringLiteral("KAFKA_BOOTSTRAP"));
        m_options.groupId = QStringLiteral("unified-e2e-") + m_run;
        m_options.sink = debezium::PyFlinkJobOptions::Sink::Kafka;
        m_options.sinkTopic = QStringLiteral("unified.e2e.") + m_run;
        m_options.checkpointSeconds = 2;
        QVERIFY(m_work.isValid());
    }

    void connectorsStream()
    {
        m_capstone = std::make_unique<CapstoneConnectors>(m_env);
        QVERIFY2(m_capstone->startStreaming(), qPrintable(m_capstone->lastStatus()));
    }

    void everyRowOnceWithItsSourceAndCompositeKey()
    {
        QVERIFY(m_capstone);
        // Overlapping ids on purpose: order n exists in both databases.
        QVERIFY(m_capstone->insertOutboxRows(true, 1, kRowsPerDatabase, m_run));
        QVERIFY(m_capstone->insertOutboxRows(false, 1, kRowsPerDatabase, m_run));

        ConsumerRunner runner(settings());
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(runner.start(debezium::pyFlinkUnionJob(m_options)), qPrintable(runner.lastError()));
        QVERIFY2(waitForState(runner, {JobState::Running, JobState::Failed, JobState::StoppedUnexpectedly}, kWaitMs),
                 "the job did not start within four minutes");
        QVERIFY2(runner.state() == JobState::Running, qPrintable(runner.failureReason()));
        const qint64 runningMs = clock.elapsed();
        QVERIFY(!runner.jobId().isEmpty());

        readUntil(2 * kRowsPerDatabase);
        if (QTest::currentTestFailed())
            return;
        qInfo("Run to RUNNING %lld ms, to all %d unified rows %lld ms", runningMs, 2 * kRowsPerDatabase,
              clock.elapsed());
        for (int n = 1; n <= kRowsPerDatabase; ++n) {
            QVERIFY2(m_rows.contains(QStringLiteral("PG-%1").arg(n)),
                     qPrintable(QStringLiteral("PG-%1 missing").arg(n)));
            QVERIFY2(m_rows.contains(QStringLiteral("MY-%1").arg(n)),
                     qPrintable(QStringLiteral("MY-%1 missing").arg(n)));
        }
        const QJsonObject pg = m_rows.value(QStringLiteral("PG-7"));
        QCOMPARE(pg.value(QStringLiteral("source_database")).toString(), QStringLiteral("postgres"));
        QCOMPARE(pg.value(QStringLiteral("aggregate_id")).toString(), QStringLiteral("7"));
        QCOMPARE(pg.value(QStringLiteral("aggregate_type")).toString(), QStringLiteral("order"));
        QCOMPARE(pg.value(QStringLiteral("event_type")).toString(), QStringLiteral("OrderCreated"));
        QVERIFY(!pg.value(QStringLiteral("event_time")).toString().isEmpty());
        const QJsonObject my = m_rows.value(QStringLiteral("MY-7"));
        QCOMPARE(my.value(QStringLiteral("source_database")).toString(), QStringLiteral("mysql"));
        QCOMPARE(my.value(QStringLiteral("aggregate_id")).toString(), QStringLiteral("7"));
        QVERIFY(my.value(QStringLiteral("event_id")).toString() != pg.value(QStringLiteral("event_id")).toString());

        runner.stop();
        QVERIFY2(waitForState(runner, {JobState::Stopped, JobState::Failed, JobState::StoppedUnexpectedly}, 90000),
                 "Stop did not end the job within 90 s");
        QCOMPARE(runner.state(), JobState::Stopped);
        QVERIFY(runner.restoredFrom().isEmpty());
    }

    void aNewRunGoesOnWhereTheLastStopped()
    {
        QVERIFY(m_capstone);
        QVERIFY(!m_rows.isEmpty());
        QVERIFY(m_capstone->insertOutboxRows(true, kRowsPerDatabase + 1, 2 * kRowsPerDatabase, m_run));
        QVERIFY(m_capstone->insertOutboxRows(false, kRowsPerDatabase + 1, 2 * kRowsPerDatabase, m_run));
        ConsumerRunner runner(settings());
        QVERIFY2(runner.start(debezium::pyFlinkUnionJob(m_options)), qPrintable(runner.lastError()));
        QVERIFY2(waitForState(runner, {JobState::Running, JobState::Failed, JobState::StoppedUnexpectedly}, kWaitMs),
                 "the job did not start within four minutes");
        QVERIFY2(runner.state() == JobState::Running, qPrintable(runner.failureReason()));
        QVERIFY2(!runner.restoredFrom().isEmpty(), "the second run did not resume from the first one's savepoint");
        readUntil(4 * kRowsPerDatabase);
        if (QTest::currentTestFailed())
            return;
        // Past a few checkpoints: a row read again from uncommitted offsets would show up by now.
        QTest::qWait(3 * m_options.checkpointSeconds * 1000);
        readUntil(4 * kRowsPerDatabase, 2000);
        runner.stop();
        QVERIFY(waitForState(runner, {JobState::Stopped, JobState::Failed, JobState::StoppedUnexpectedly}, 90000));
        QCOMPARE(runner.state(), JobState::Stopped);
        QCOMPARE(m_rows.size(), 4 * kRowsPerDatabase);
        QVERIFY2(m_duplicates.isEmpty(), qPrintable(QStringLiteral("came twice: ") + m_duplicates.join(u',')));
    }

    void aMissingConnectorJarIsSaidInOneLine()
    {
        QTemporaryDir dir;
        const QString bogus = dir.filePath(QStringLiteral("not-a-connector.jar"));
        QFile f(bogus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        ConsumerRunner::Settings s = settings();
        s.runtime.kafkaJar = bogus;
        s.workDir = dir.filePath(QStringLiteral("run"));
        ConsumerRunner runner(s);
        QVERIFY(runner.start(debezium::pyFlinkUnionJob(m_options)));
        QVERIFY2(waitForState(runner, {JobState::Failed, JobState::StoppedUnexpectedly, JobState::Running}, kWaitMs),
                 "the job neither failed nor ran");
        QCOMPARE(runner.state(), JobState::Failed);
        QVERIFY2(runner.failureReason().contains(QStringLiteral("Kafka connector jar is missing")),
                 qPrintable(runner.failureReason()));
        QVERIFY(QFile(runner.logPath()).size() > 0);
    }

    void cleanupTestCase()
    {
        if (m_capstone)
            m_capstone->removeAll();
        closeStackDatabases();
    }

private:
    ConsumerRunner::Settings settings() const
    {
        ConsumerRunner::Settings s;
        s.runtime = m_runtime;
        s.workDir = m_work.filePath(QStringLiteral("consumer"));
        return s;
    }

    // Reads the unified topic until `rows` of this run's rows are there, or the deadline passes.
    void readUntil(int rows, int timeoutMs = kWaitMs)
    {
        if (!m_reader)
            m_reader = std::make_unique<TopicReader>(m_env.value(QStringLiteral("KAFKA_BOOTSTRAP")),
                                                     QStringLiteral("^unified\\.e2e\\.") + m_run + u'$');
        QVERIFY2(m_reader->error().isEmpty(), qPrintable(m_reader->error()));
        QElapsedTimer clock;
        clock.start();
        while ((m_rows.size() < rows || timeoutMs <= 2000) && clock.elapsed() < timeoutMs) {
            for (const ConsumedMessage &m : m_reader->poll(500)) {
                const QString record = QStringLiteral("%1/%2").arg(m.partition).arg(m.offset);
                if (m_records.contains(record))
                    continue; // a rebalance of the reader's own group
                m_records.insert(record);
                const QJsonObject row = QJsonDocument::fromJson(m.value).object();
                const QJsonObject payload =
                    QJsonDocument::fromJson(row.value(QStringLiteral("payload")).toString().toUtf8()).object();
                if (payload.value(QStringLiteral("run")).toString() != m_run)
                    continue;
                const QString key = QString::fromUtf8(m.key);
                QCOMPARE(row.value(QStringLiteral("composite_key")).toString(), key);
                const QString prefix = payload.value(QStringLiteral("database")).toString() == QLatin1String("postgres")
                                           ? QStringLiteral("PG-")
                                           : QStringLiteral("MY-");
                QCOMPARE(key, prefix + QString::number(payload.value(QStringLiteral("orderId")).toInt()));
                if (m_rows.contains(key))
                    m_duplicates << key;
                m_rows.insert(key, row);
            }
        }
        QVERIFY2(m_reader->error().isEmpty(), qPrintable(m_reader->error()));
        QVERIFY2(m_rows.size() >= rows,
                 qPrintable(QStringLiteral("%1 of %2 unified rows arrived").arg(m_rows.size()).arg(rows)));
    }

    StackEnvironment m_env;
    consumer::FlinkRuntime m_runtime;
    debezium::PyFlinkJobOptions m_options;
    QTemporaryDir m_work;
    QString m_run;
    std::unique_ptr<CapstoneConnectors> m_capstone;
    std::unique_ptr<TopicReader> m_reader;
    QMap<QString, QJsonObject> m_rows;
    QSet<QString> m_records;
    QStringList m_duplicates;
};

QTEST_GUILESS_MAIN(TstUnifiedConsumer)
#include "tst_unifiedconsumer.moc"
