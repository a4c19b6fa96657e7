// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Flink REST client against a scripted fake JobManager: what each call sends, what it reads
// from Flink's answers, and the one sentence each kind of failure becomes.
#include "consumer/flinkcluster.h"
#include "support/fakeconnect.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace cdc::consumer;
using cdc::testsupport::FakeConnect;

namespace {

template<typename T, typename Start>
std::optional<cdc::Result<T>> await(Start start, int timeoutMs = 10000)
{
    std::optional<cdc::Result<T>> result;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    start([&](cdc::Result<T> r) {
        result.emplace(std::move(r));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return result;
}

const QString kJob = QStringLiteral("0123456789abcdef0123456789abcdef");

const QByteArray kJobsOverview = R"json({"jobs":[
 {"jid":"11111111111111111111111111111111","name":"old","start-time":1700000000000,"end-time":1700000060000,
  "duration":60000,"state":"CANCELED","tasks":{}},
 {"jid":"0123456789abcdef0123456789abcdef","name":"CDC Studio unified consumer (g1)","start-time":1700000100000,
  "end-time":-1,"duration":4200,"state":"RUNNING","tasks":{}}]})json";

} // namespace

class TestFlinkCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overviewReadsVersionTaskManagersAndSlots()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/overview"),
                {200, R"({"taskmanagers":1,"slots-total":2,"slots-available":1,"jobs-running":1,"jobs-finished":0,)"
                      R"("jobs-cancelled":0,"jobs-failed":0,"flink-version":"2.2.0","flink-commit":"5a33689"})"});
        FlinkCluster cluster(fake.url());
        const auto r = await<ClusterOverview>([&](auto done) { cluster.overview(done); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().version, QStringLiteral("2.2.0"));
        QCOMPARE(r->value().taskManagers, 1);
        QCOMPARE(r->value().slotsTotal, 2);
        QCOMPARE(r->value().slotsAvailable, 1);
        QCOMPARE(r->value().jobsRunning, 1);
    }

    void jobsAreListedNewestFirstWithStateAndTimes()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/jobs/overview"), {200, kJobsOverview});
        FlinkCluster cluster(fake.url());
        const auto r = await<QList<ClusterJob>>([&](auto done) { cluster.jobs(done); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().size(), 2);
        const ClusterJob &running = r->value().at(0);
        QCOMPARE(running.id, kJob);
        QCOMPARE(running.name, QStringLiteral("CDC Studio unified consumer (g1)"));
        QCOMPARE(running.state, QStringLiteral("RUNNING"));
        QCOMPARE(running.startTime, QDateTime::fromMSecsSinceEpoch(1700000100000, Qt::UTC));
        QCOMPARE(running.durationMs, 4200);
        QVERIFY(!running.isTerminal());
        QCOMPARE(r->value().at(1).state, QStringLiteral("CANCELED"));
        QVERIFY(r->value().at(1).isTerminal());
    }

    void jobReadsWhetherEveryVertexRuns()
    {
        FakeConnect fake;
        fake.onSequence("GET", QStringLiteral("/jobs/") + kJob,
                        {{200, R"({"jid":"0123456789abcdef0123456789abcdef","state":"RUNNING","vertices":[)"
                               R"({"status":"RUNNING"},{"status":"INITIALIZING"}]})"},
                         {200, R"({"jid":"0123456789abcdef0123456789abcdef","state":"RUNNING","vertices":[)"
                               R"({"status":"RUNNING"},{"status":"RUNNING"}]})"}});
        FlinkCluster cluster(fake.url());
        auto r = await<ClusterJob>([&](auto done) { cluster.job(kJob, done); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().state, QStringLiteral("RUNNING"));
        QVERIFY(!r->value().allVerticesRunning);
        r = await<ClusterJob>([&](auto done) { cluster.job(kJob, done); });
        QVERIFY(r && r->ok());
        QVERIFY(r->value().allVerticesRunning);
    }

    void cancelSendsPatchWithModeCancel()
    {
        FakeConnect fake;
        fake.on("PATCH", QStringLiteral("/jobs/%1?mode=cancel").arg(kJob), {202, "{}"});
        FlinkCluster cluster(fake.url());
        const auto r = await<void>([&](auto done) { cluster.cancel(kJob, done); });
        QVERIFY(r && r->ok());
        QCOMPARE(fake.count("PATCH", QStringLiteral("/jobs/%1?mode=cancel").arg(kJob)), 1);
    }

    void stopWithSavepointPostsAndGivesTheTrigger()
    {
        FakeConnect fake;
        fake.on("POST", QStringLiteral("/jobs/%1/stop").arg(kJob), {202, R"({"request-id":"trigger-1"})"});
        fake.on("GET", QStringLiteral("/jobs/%1/savepoints/trigger-1").arg(kJob),
                {200, R"({"status":{"id":"COMPLETED"},"operation":{"location":"file:/tmp/sp/savepoint-1"}})"});
        FlinkCluster cluster(fake.url());
        const auto r = await<QString>([&](auto done) { cluster.stopWithSavepoint(kJob, {}, done); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value(), QStringLiteral("trigger-1"));
        // No target directory: the cluster's default savepoint directory.
        const QJsonObject sent = QJsonDocument::fromJson(fake.seen().constLast().body).object();
        QCOMPARE(sent.value(QStringLiteral("drain")).toBool(true), false);
        QVERIFY(!sent.contains(QStringLiteral("targetDirectory")));

        const auto s = await<SavepointStatus>(
            [&](auto done) { cluster.savepointStatus(kJob, QStringLiteral("trigger-1"), done); });
        QVERIFY(s && s->ok());
        QVERIFY(s->value().completed);
        QCOMPARE(s->value().location, QStringLiteral("file:/tmp/sp/savepoint-1"));
        QVERIFY(s->value().failure.isEmpty());
    }

    void aFailedSavepointSaysWhy()
    {
        FakeConnect fake;
        fake.on(
            "GET", QStringLiteral("/jobs/%1/savepoints/t2").arg(kJob),
            {200,
             R"({"status":{"id":"COMPLETED"},"operation":{"failure-cause":{"class":"x","stack-trace":)"
             R"("java.util.concurrent.CompletionException: x\n\tat a.b\nCaused by: java.lang.IllegalStateException: No savepoint directory configured\n"}}})"});
        FlinkCluster cluster(fake.url());
        const auto s =
            await<SavepointStatus>([&](auto done) { cluster.savepointStatus(kJob, QStringLiteral("t2"), done); });
        QVERIFY(s && s->ok());
        QCOMPARE(s->value().failure,
                 QStringLiteral("java.lang.IllegalStateException: No savepoint directory configured"));
    }

    void rootExceptionGivesTheDeepestCause()
    {
        FakeConnect fake;
        fake.on(
            "GET", QStringLiteral("/jobs/%1/exceptions").arg(kJob),
            {200,
             R"({"root-exception":"org.apache.flink.runtime.JobException: Recovery is suppressed\n\tat x\n)"
             R"(Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.\n\tat y\n",)"
             R"("timestamp":1,"truncated":false})"});
        FlinkCluster cluster(fake.url());
        const auto r = await<QString>([&](auto done) { cluster.rootException(kJob, done); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value(),
                 QStringLiteral(
                     "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment."));
    }

    void flinksOwnMessageIsInTheSentence()
    {
        FakeConnect fake;
        fake.on(
            "GET", QStringLiteral("/jobs/") + kJob,
            {404,
             R"({"errors":["org.apache.flink.runtime.rest.NotFoundException: Job 0123456789abcdef0123456789abcdef not )"
             R"(found\n\tat org.apache.flink.runtime.rest.handler.job.JobCancellationHandler.lambda(X.java:128)\n"]})"});
        FlinkCluster cluster(fake.url());
        const auto r = await<ClusterJob>([&](auto done) { cluster.job(kJob, done); });
        QVERIFY(r && !r->ok());
        QCOMPARE(r->error().what,
                 QStringLiteral("The Flink cluster refused to show job %1: Job %1 not found (HTTP 404)").arg(kJob));
        QCOMPARE(r->error().where, fake.url().toString() + QStringLiteral("/jobs/") + kJob);
    }

    void anInternalErrorGivesTheServerSideMessage()
    {
        FakeConnect fake;
        fake.on(
            "POST", QStringLiteral("/jobs/%1/stop").arg(kJob),
            {500,
             R"({"errors":["Internal server error.","<Exception on server side:\norg.apache.flink.util.FlinkException: )"
             R"(No savepoint directory configured\n\tat a.b(C.java:1)\n\nEnd of exception on server side>"]})"});
        FlinkCluster cluster(fake.url());
        const auto r = await<QString>([&](auto done) { cluster.stopWithSavepoint(kJob, {}, done); });
        QVERIFY(r && !r->ok());
        QCOMPARE(r->error().what,
                 QStringLiteral("The Flink cluster refused to stop job %1 with a savepoint: No savepoint directory "
                                "configured (HTTP 500)")
                     .arg(kJob));
    }

    void aClusterThatIsNotRunningIsNamed()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        FlinkCluster cluster(QUrl::fromUserInput(QStringLiteral("127.0.0.1:%1/").arg(port)));
        QCOMPARE(cluster.url().toString(), QStringLiteral("http://127.0.0.1:%1").arg(port));
        const auto r = await<QList<ClusterJob>>([&](auto done) { cluster.jobs(done); });
        QVERIFY(r && !r->ok());
        QCOMPARE(r->error().what, QStringLiteral("The Flink cluster is not running: the connection was refused when "
                                                 "trying to list its jobs."));
        QVERIFY(r->error().hint.contains(QLatin1String("stack/flink up")));
    }

    void aSilentClusterTimesOut()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/overview"), {200, "{}", 3000});
        FlinkCluster cluster(fake.url());
        cluster.setTimeout(300);
        const auto r = await<ClusterOverview>([&](auto done) { cluster.overview(done); });
        QVERIFY(r && !r->ok());
        QCOMPARE(r->error().what,
                 QStringLiteral("The Flink cluster did not answer within 0.3 s when asked to give its overview."));
    }

    void anAnswerThatIsNotFlinksIsSaidSo()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/jobs/overview"), {200, "<html>hello</html>"});
        FlinkCluster cluster(fake.url());
        const auto r = await<QList<ClusterJob>>([&](auto done) { cluster.jobs(done); });
        QVERIFY(r && !r->ok());
        QVERIFY2(r->error().what.contains(QLatin1String("not JSON")), qPrintable(r->error().what));
    }

    void stackUrlComesFromTheClusterEnvFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile env(dir.filePath(QStringLiteral("flink-cluster.env")));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("FLINK_REST_URL=http://127.0.0.1:38081\n");
        env.close();
        qunsetenv("FLINK_REST_URL");
        qputenv("CDC_STACK_DIR", dir.path().toUtf8());
        QCOMPARE(FlinkCluster::stackUrl(), QUrl(QStringLiteral("http://127.0.0.1:38081")));
        qputenv("FLINK_REST_URL", "http://flink.example:8081");
        QCOMPARE(FlinkCluster::stackUrl(), QUrl(QStringLiteral("http://flink.example:8081")));
        qunsetenv("FLINK_REST_URL");
        env.remove();
        qputenv("CDC_FLINK_PORT", "28081");
        QCOMPARE(FlinkCluster::stackUrl(), QUrl(QStringLiteral("http://127.0.0.1:28081")));
    }
};

QTEST_GUILESS_MAIN(TestFlinkCluster)
#include "tst_flinkcluster.moc"
