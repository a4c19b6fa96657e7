// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer on a real Flink session cluster (`stack/flink up`): the generated PyFlink job,
// submitted by ConsumerRunner in cluster mode, reads what the capstone's connectors write on the real
// stack; FlinkCluster lists it RUNNING; the unified rows arrive with PG-n and MY-n; a cancel on the
// cluster and a stop with a savepoint each end a job, and the cluster lists it so. Run for a consumer node
// whose flink.rest.url names the cluster (what the dock's Run does) submits there and has an event rate.
#include "capstoneconnectors.h"
#include "consumer/consumernode.h"
#include "consumer/consumerrunner.h"
#include "consumer/consumerservice.h"
#include "consumer/flinkcluster.h"
#include "consumerfixtures.h"
#include "debezium/outboxartifacts.h"
#include "stackclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <optional>

using namespace cdc;
using namespace cdc::e2e;
using consumer::ClusterJob;
using consumer::ConsumerRunner;
using consumer::FlinkCluster;
using consumer::JobState;

namespace {

constexpr int kRowsPerDatabase = 20;
constexpr int kWaitMs = 240000;

template<typename T, typename Start>
std::optional<Result<T>> await(Start start)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    start([&](Result<T> r) {
        result.emplace(std::move(r));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return result;
}

// The resident memory of the cluster's two JVMs, from the pid files `stack/flink up` wrote.
QString clusterMemory()
{
    QStringList parts;
    const QString pids = qEnvironmentVariable("CDC_STACK_DIR") + QStringLiteral("/pids/");
    for (const char *name : {"flink-jobmanager", "flink-taskmanager"}) {
        QFile pidFile(pids + QLatin1String(name) + QStringLiteral(".pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            continue;
        QFile status(QStringLiteral("/proc/%1/status").arg(QString::fromLatin1(pidFile.readAll().trimmed())));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                parts << QLatin1String(name) + u' ' + QString::fromLatin1(line.mid(6).simplified());
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TstFlinkCluster : public QObject
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
        // ./dev test starts the session cluster (stack/flink up) before the e2e label.
        m_cluster = std::make_unique<FlinkCluster>(FlinkCluster::stackUrl());
        const auto overview = await<consumer::ClusterOverview>([&](auto done) { m_cluster->overview(done); });
        if (!overview || !overview->ok())
            CDC_E2E_SKIP_OR_FAIL(QStringLiteral("no Flink session cluster (start it with stack/flink up): ") +
                                 (overview ? overview->error().toString()
                                           : QStringLiteral("no answer from ") + m_cluster->url().toString()));
        if (overview->value().taskManagers < 1)
            CDC_E2E_SKIP_OR_FAIL(
                QStringLiteral("the Flink cluster at %1 has no task manager").arg(m_cluster->url().toString()));
        qInfo("Flink %s at %s, %d slots; memory idle: %s", qPrintable(overview->value().version),
              qPrintable(m_cluster->url().toString()), overview->value().slotsTotal, qPrintable(clusterMemory()));

        m_run = QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_options =
            testJobOptions(m_env, QStringLiteral("unified-cluster-e2e-"), QStringLiteral("unified.cluster."), m_run);
        QVERIFY(m_work.isValid());
        m_topic = std::make_unique<UnifiedTopic>(m_options.bootstrapServers, m_options.sinkTopic, m_run);
    }

    void connectorsStream()
    {
        m_capstone = std::make_unique<CapstoneConnectors>(m_env);
        QVERIFY2(m_capstone->startStreaming(), qPrintable(m_capstone->lastStatus()));
    }

    void submittedRunningUnifiedThenCancelled()
    {
        QVERIFY(m_capstone);
        // Overlapping ids on purpose: order n exists in both databases.
        QVERIFY(m_capstone->insertOutboxRows(true, 1, kRowsPerDatabase, m_run));
        QVERIFY(m_capstone->insertOutboxRows(false, 1, kRowsPerDatabase, m_run));

        ConsumerRunner runner(settings(QStringLiteral("first")));
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(runner.start(debezium::pyFlinkUnionJob(m_options)), qPrintable(runner.lastError()));
        QVERIFY2(waitForJobState(runner, {JobState::Running, JobState::Failed, JobState::StoppedUnexpectedly}, kWaitMs),
                 "the job did not run on the cluster within four minutes");
        QVERIFY2(runner.state() == JobState::Running, qPrintable(runner.failureReason()));
        const qint64 runningMs = clock.elapsed();
        const QString id = runner.jobId();
        QCOMPARE(id.size(), 32);
        QCOMPARE(listedState(id), QStringLiteral("RUNNING"));

        QString read = m_topic->readUntil(1, kWaitMs);
        QVERIFY2(read.isEmpty(), qPrintable(read));
        const qint64 firstRowMs = clock.elapsed();
        read = m_topic->readUntil(2 * kRowsPerDatabase, kWaitMs);
        QVERIFY2(read.isEmpty(), qPrintable(read));
        const QMap<QString, QJsonObject> &rows = m_topic->rows();
        qInfo("cluster: submit to RUNNING %lld ms, to the first unified row %lld ms, to all %d rows %lld ms", runningMs,
              firstRowMs, 2 * kRowsPerDatabase, clock.elapsed());
        qInfo("cluster memory with the job running: %s", qPrintable(clusterMemory()));
        for (int n = 1; n <= kRowsPerDatabase; ++n) {
            QVERIFY2(rows.contains(QStringLiteral("PG-%1").arg(n)), qPrintable(QStringLiteral("PG-%1 missing").arg(n)));
            QVERIFY2(rows.contains(QStringLiteral("MY-%1").arg(n)), qPrintable(QStringLiteral("MY-%1 missing").arg(n)));
        }
        QCOMPARE(rows.value(QStringLiteral("PG-3")).value(QStringLiteral("source_database")).toString(),
                 QStringLiteral("postgres"));
        QCOMPARE(rows.value(QStringLiteral("MY-3")).value(QStringLiteral("source_database")).toString(),
                 QStringLiteral("mysql"));
        QVERIFY2(m_topic->duplicates().isEmpty(),
                 qPrintable(QStringLiteral("came twice: ") + m_topic->duplicates().join(u',')));
        // Issue #19: the records into the sink, from the cluster's metrics (refreshed every ~10 s), which
        // the node's event rate is taken from; the group read the topics from their start.
        QTRY_VERIFY_WITH_TIMEOUT(runner.recordsWritten() >= 2 * kRowsPerDatabase, 60000);
        qInfo("cluster: %lld records into the sink per Flink's metrics", runner.recordsWritten());

        // A cancel on the cluster, as another tool would: the runner says so, the cluster lists CANCELED.
        const auto cancelled = await<void>([&](auto done) { m_cluster->cancel(id, done); });
        QVERIFY(cancelled && cancelled->ok());
        QVERIFY2(waitForJobState(runner, {JobState::StoppedUnexpectedly, JobState::Stopped, JobState::Failed}, 60000),
                 "the runner did not see the cancel");
        QCOMPARE(runner.state(), JobState::StoppedUnexpectedly);
        QCOMPARE(runner.failureReason(), QStringLiteral("The job was cancelled on the Flink cluster from outside."));
        QCOMPARE(listedState(id), QStringLiteral("CANCELED"));
    }

    void stopTakesASavepointOnTheCluster()
    {
        QVERIFY(m_capstone);
        ConsumerRunner runner(settings(QStringLiteral("second")));
        QVERIFY2(runner.start(debezium::pyFlinkUnionJob(m_options)), qPrintable(runner.lastError()));
        QVERIFY2(waitForJobState(runner, {JobState::Running, JobState::Failed, JobState::StoppedUnexpectedly}, kWaitMs),
                 "the job did not run on the cluster within four minutes");
        QVERIFY2(runner.state() == JobState::Running, qPrintable(runner.failureReason()));
        const QString id = runner.jobId();
        QCOMPARE(listedState(id), QStringLiteral("RUNNING"));
        runner.stop();
        QVERIFY2(waitForJobState(runner, {JobState::Stopped, JobState::Failed, JobState::StoppedUnexpectedly}, 90000),
                 "Stop did not end the job within 90 s");
        QCOMPARE(runner.state(), JobState::Stopped);
        // Stop with a savepoint ends FINISHED (a fallback cancel would say CANCELED).
        QCOMPARE(listedState(id), QStringLiteral("FINISHED"));
        QVERIFY2(!runner.lastLogLines().join(u'\n').contains(QLatin1String("cancelling")),
                 qPrintable(runner.lastLogLines().join(u'\n')));
    }

    // Issue #19: what the dock's Run does for a node whose flink.rest.url names the cluster.
    void runForANodeWithAClusterSubmitsThereWithItsRate()
    {
        QVERIFY(m_capstone);
        topology::Project project;
        topology::Node node;
        node.id = QStringLiteral("consumer");
        node.kind = topology::NodeKind::Consumer;
        node.name = QStringLiteral("unified (cluster)");
        node.properties = {{QStringLiteral("type"), QStringLiteral("pyflink")},
                           {QStringLiteral("group.id"), QStringLiteral("unified-cluster-e2e-node-") + m_run},
                           {QStringLiteral("bootstrap.servers"), m_options.bootstrapServers},
                           {consumer::kClusterUrlProperty, m_cluster->url().toString()}};
        topology::Node sink;
        sink.id = QStringLiteral("sink");
        sink.kind = topology::NodeKind::Sink;
        sink.name = QStringLiteral("unified");
        sink.properties = {{QStringLiteral("type"), QStringLiteral("kafka")},
                           {QStringLiteral("topic"), m_options.sinkTopic}};
        project.nodes = {node, sink};

        consumer::ConsumerService service;
        service.run(project, node.id, m_work.filePath(QStringLiteral("service")));
        QTRY_VERIFY_WITH_TIMEOUT(service.state() != JobState::Starting, kWaitMs);
        QVERIFY2(service.state() == JobState::Running, qPrintable(service.failureReason()));
        QCOMPARE(service.clusterUrl(), m_cluster->url());
        QTRY_VERIFY(service.lastLogLines().join(u'\n').contains(QLatin1String("submitted job")));
        // The group starts at the topics' start: records flow, and Flink's metrics give the rate.
        QTRY_VERIFY_WITH_TIMEOUT(service.eventRate().has_value() && service.recordsSeen() > 0, 90000);
        qInfo("cluster: %lld records into the sink, %s", service.recordsSeen(), qPrintable(service.eventRateText()));
        QVERIFY(service.topicWarnings().isEmpty());
        service.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!service.isActive(), 90000);
        QCOMPARE(service.state(), JobState::Stopped);
    }

    void cleanupTestCase()
    {
        if (m_capstone)
            m_capstone->removeAll();
        closeStackDatabases();
    }

private:
    ConsumerRunner::Settings settings(const QString &name) const
    {
        ConsumerRunner::Settings s;
        s.runtime = m_runtime;
        s.workDir = m_work.filePath(name);
        s.clusterUrl = m_cluster->url();
        return s;
    }

    QString listedState(const QString &id)
    {
        const auto jobs = await<QList<ClusterJob>>([&](auto done) { m_cluster->jobs(done); });
        if (!jobs || !jobs->ok())
            return jobs ? jobs->error().toString() : QStringLiteral("no answer");
        for (const ClusterJob &job : jobs->value())
            if (job.id == id)
                return job.state;
        return QStringLiteral("not listed");
    }

    StackEnvironment m_env;
    consumer::FlinkRuntime m_runtime;
    debezium::PyFlinkJobOptions m_options;
    std::unique_ptr<FlinkCluster> m_cluster;
    QTemporaryDir m_work;
    QString m_run;
    std::unique_ptr<CapstoneConnectors> m_capstone;
    std::unique_ptr<UnifiedTopic> m_topic;
};

QTEST_GUILESS_MAIN(TstFlinkCluster)
#include "tst_flinkcluster.moc"
