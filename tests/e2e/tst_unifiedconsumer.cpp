// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer for real: the generated PyFlink job, run by ConsumerRunner on a local Flink with
// PyFlink and Flink's Kafka connector from `stack/flink fetch`, reading what the capstone's connectors
// write on the real stack. Each outbox row comes out on the unified topic exactly once with its
// source_database and composite key; a stopped job goes on where it stopped; a failure says why.
#include "capstoneconnectors.h"
#include "consumer/consumerrunner.h"
#include "consumerfixtures.h"
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

} // namespace

class TstUnifiedConsumer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        const Result<consumer::FlinkRuntime> runtime = locateFlinkRuntime();
        if (!runtime)
            CDC_E2E_SKIP_OR_FAIL(runtime.error().toString());
        m_runtime = runtime.value();
        m_run = QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_options = testJobOptions(m_env, QStringLiteral("unified-e2e-"), QStringLiteral("unified.e2e."), m_run);
        QVERIFY(m_work.isValid());
        m_topic = std::make_unique<UnifiedTopic>(m_options.bootstrapServers, m_options.sinkTopic, m_run);
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
        QVERIFY2(waitForJobState(runner, {JobState::Running, JobState::Failed, JobState::StoppedUnexpectedly}, kWaitMs),
                 "the job did not start within four minutes");
        QVERIFY2(runner.state() == JobState::Running, qPrintable(runner.failureReason()));
        const qint64 runningMs = clock.elapsed();
        QVERIFY(!runner.jobId().isEmpty());

        const QString read = m_topic->readUntil(2 * kRowsPerDatabase, kWaitMs);
        QVERIFY2(read.isEmpty(), qPrintable(read));
        const QMap<QString, QJsonObject> &rows = m_topic->rows();
        qInfo("Run to RUNNING %lld ms, to all %d unified rows %lld ms", runningMs, 2 * kRowsPerDatabase,
              clock.elapsed());
        for (int n = 1; n <= kRowsPerDatabase; ++n) {
            QVERIFY2(rows.contains(QStringLiteral("PG-%1").arg(n)), qPrintable(QStringLiteral("PG-%1 missing").arg(n)));
            QVERIFY2(rows.contains(QStringLiteral("MY-%1").arg(n)), qPrintable(QStringLiteral("MY-%1 missing").arg(n)));
        }
        const QJsonObject pg = rows.value(QStringLiteral("PG-7"));
        QCOMPARE(pg.value(QStringLiteral("source_database")).toString(), QStringLiteral("postgres"));
        QCOMPARE(pg.value(QStringLiteral("aggregate_id")).toString(), QStringLiteral("7"));
        QCOMPARE(pg.value(QStringLiteral("aggregate_type")).toString(), QStringLiteral("order"));
        QCOMPARE(pg.value(QStringLiteral("event_type")).toString(), QStringLiteral("OrderCreated"));
        QVERIFY(!pg.value(QStringLiteral("event_time")).toString().isEmpty());
        const QJsonObject my = rows.value(QStringLiteral("MY-7"));
        QCOMPARE(my.value(QStringLiteral("source_database")).toString(), QStringLiteral("mysql"));
        QCOMPARE(my.value(QStringLiteral("aggregate_id")).toString(), QStringLiteral("7"));
        QVERIFY(my.value(QStringLiteral("event_id")).toString() != pg.value(QStringLiteral("event_id")).toString());

        runner.stop();
        QVERIFY2(waitForJobState(runner, {JobState::Stopped, JobState::Failed, JobState::StoppedUnexpectedly}, 90000),
                 "Stop did not end the job within 90 s");
        QCOMPARE(runner.state(), JobState::Stopped);
        QVERIFY(runner.restoredFrom().isEmpty());
    }

    void aNewRunGoesOnWhereTheLastStopped()
    {
        QVERIFY(m_capstone);
        QVERIFY(!m_topic->rows().isEmpty());
        QVERIFY(m_capstone->insertOutboxRows(true, kRowsPerDatabase + 1, 2 * kRowsPerDatabase, m_run));
        QVERIFY(m_capstone->insertOutboxRows(false, kRowsPerDatabase + 1, 2 * kRowsPerDatabase, m_run));
        ConsumerRunner runner(settings());
        QVERIFY2(runner.start(debezium::pyFlinkUnionJob(m_options)), qPrintable(runner.lastError()));
        QVERIFY2(waitForJobState(runner, {JobState::Running, JobState::Failed, JobState::StoppedUnexpectedly}, kWaitMs),
                 "the job did not start within four minutes");
        QVERIFY2(runner.state() == JobState::Running, qPrintable(runner.failureReason()));
        QVERIFY2(!runner.restoredFrom().isEmpty(), "the second run did not resume from the first one's savepoint");
        QString read = m_topic->readUntil(4 * kRowsPerDatabase, kWaitMs);
        QVERIFY2(read.isEmpty(), qPrintable(read));
        // Past a few checkpoints: a row read again from uncommitted offsets would show up by now.
        read = m_topic->readUntil(4 * kRowsPerDatabase, 3 * m_options.checkpointSeconds * 1000, true);
        QVERIFY2(read.isEmpty(), qPrintable(read));
        runner.stop();
        QVERIFY(waitForJobState(runner, {JobState::Stopped, JobState::Failed, JobState::StoppedUnexpectedly}, 90000));
        QCOMPARE(runner.state(), JobState::Stopped);
        QCOMPARE(m_topic->rows().size(), 4 * kRowsPerDatabase);
        QVERIFY2(m_topic->duplicates().isEmpty(),
                 qPrintable(QStringLiteral("came twice: ") + m_topic->duplicates().join(u',')));
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
        QVERIFY2(waitForJobState(runner, {JobState::Failed, JobState::StoppedUnexpectedly, JobState::Running}, kWaitMs),
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

    StackEnvironment m_env;
    consumer::FlinkRuntime m_runtime;
    debezium::PyFlinkJobOptions m_options;
    QTemporaryDir m_work;
    QString m_run;
    std::unique_ptr<CapstoneConnectors> m_capstone;
    std::unique_ptr<UnifiedTopic> m_topic;
};

QTEST_GUILESS_MAIN(TstUnifiedConsumer)
#include "tst_unifiedconsumer.moc"
