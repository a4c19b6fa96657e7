// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor's checks of the unified consumer as it runs: its node's Flink cluster asked for real (a
// scripted fake JobManager on loopback, a port nobody listens on, an address that is none), whether its
// group consumes from two reads of its committed offsets, and where both checks sit in a run.
#include "consumer/consumernode.h"
#include "doctor/consumerrunchecks.h"
#include "doctor/doctorcheck.h"
#include "support/fakeconnect.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

using namespace cdc;
using namespace cdc::doctor;

namespace {

topology::Node consumerNode(const QString &clusterUrl = {})
{
    topology::Node node;
    node.id = QStringLiteral("consumer");
    node.kind = topology::NodeKind::Consumer;
    node.name = QStringLiteral("unified-orders (PyFlink)");
    node.properties = {{QStringLiteral("type"), QStringLiteral("pyflink")},
                       {QStringLiteral("group.id"), QStringLiteral("unified-orders")}};
    if (!clusterUrl.isEmpty())
        node.properties.insert(consumer::kClusterUrlProperty, clusterUrl);
    return node;
}

GroupPartition partition(const QString &topic, int p, qint64 low, qint64 high, qint64 committed)
{
    return {topic, p, {low, high, committed}};
}

const QString kPg = QStringLiteral("outbox.event.postgres.order");
const QString kMy = QStringLiteral("outbox.event.mysql.order");
const QString kBootstrap = QStringLiteral("127.0.0.1:19092");
const QStringList kPatterns{QStringLiteral("outbox\\.event\\.postgres\\..*"),
                            QStringLiteral("outbox\\.event\\.mysql\\..*")};

Finding verdict(const GroupOffsets &first, const GroupOffsets *second = nullptr, int waitedMs = 0)
{
    return groupConsumingFinding(QStringLiteral("unified"), QStringLiteral("unified-orders"), kBootstrap, kPatterns,
                                 first, second, waitedMs);
}

} // namespace

class TstConsumerRunChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aNodeWithoutClusterIsNotAskedAbout() { QVERIFY(!checkFlinkCluster(consumerNode(), 1000)); }

    void aClusterThatAnswersIsOk()
    {
        testsupport::FakeConnect fake;
        fake.on("GET", QStringLiteral("/overview"),
                {200, R"({"taskmanagers":1,"slots-total":2,"slots-available":1,"jobs-running":1,)"
                      R"("flink-version":"2.2.0"})"});
        const std::optional<Finding> f = checkFlinkCluster(consumerNode(fake.url().toString()), 3000);
        QVERIFY(f);
        QCOMPARE(f->check, QStringLiteral("consumer.cluster"));
        QCOMPARE(f->area, Area::Consumer);
        QCOMPARE(f->severity, Severity::Ok);
        QCOMPARE(f->title,
                 QStringLiteral("Flink 2.2.0 at %1 answers: 1 of 2 task slots free.").arg(fake.url().toString()));
        QCOMPARE(f->evidence, QStringLiteral("GET %1/overview\n→ flink-version=2.2.0 taskmanagers=1 slots-total=2 "
                                             "slots-available=1 jobs-running=1")
                                  .arg(fake.url().toString()));
        QCOMPARE(fake.count("GET", QStringLiteral("/overview")), 1);
    }

    void aClusterThatIsNotThereIsAnErrorWithItsFix()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        const std::optional<Finding> f = checkFlinkCluster(consumerNode(url), 3000);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QCOMPARE(f->title, QStringLiteral("The Flink cluster is not running: the connection was refused when trying to "
                                          "give its overview."));
        QVERIFY2(f->fix.startsWith(QStringLiteral("Start the cluster (stack/flink up), or correct flink.rest.url of "
                                                  "unified-orders (PyFlink)")),
                 qPrintable(f->fix));
    }

    // A JobManager that accepts the connection and never answers: the check ends at its deadline.
    void aClusterThatDoesNotAnswerEndsAtTheDeadline()
    {
        testsupport::FakeConnect fake;
        fake.on("GET", QStringLiteral("/overview"), {200, "{}", 10000});
        QElapsedTimer clock;
        clock.start();
        const std::optional<Finding> f = checkFlinkCluster(consumerNode(fake.url().toString()), 800);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QVERIFY2(f->title.contains(QStringLiteral("did not answer within 0.8 s")), qPrintable(f->title));
    }

    void aClusterWithoutFreeSlotsOrTaskManagersIsSaid()
    {
        const QUrl url(QStringLiteral("http://flink:8081"));
        consumer::ClusterOverview busy{QStringLiteral("2.2.0"), 1, 1, 0, 1};
        Finding f = flinkClusterFinding(QStringLiteral("c"), url, busy);
        QCOMPARE(f.severity, Severity::Info);
        QVERIFY(f.title.contains(QStringLiteral("no free task slot")));
        QVERIFY(f.fix.contains(QStringLiteral("cdcctl consumer status --cluster http://flink:8081")));
        consumer::ClusterOverview empty{QStringLiteral("2.2.0"), 0, 0, 0, 0};
        f = flinkClusterFinding(QStringLiteral("c"), url, empty);
        QCOMPARE(f.severity, Severity::Warning);
        QVERIFY(f.title.contains(QStringLiteral("no task manager")));
        QVERIFY(!f.fix.isEmpty());
    }

    void anAddressThatIsNoneIsAnError()
    {
        const std::optional<Finding> f = checkFlinkCluster(consumerNode(QStringLiteral("ftp://x")), 1000);
        QVERIFY(f);
        QCOMPARE(f->severity, Severity::Error);
        QCOMPARE(f->title, QStringLiteral("\"ftp://x\" is not a Flink cluster's REST address."));
        QCOMPARE(f->evidence, QStringLiteral("flink.rest.url = ftp://x"));
        QVERIFY(f->fix.contains(QStringLiteral("http://127.0.0.1:8081")));
    }

    void aGroupThatCommittedNothingHasNotRun()
    {
        GroupOffsets first;
        first.topics = {kMy, kPg};
        first.partitions = {partition(kPg, 0, 0, 40, -1), partition(kMy, 0, 0, 40, -1)};
        const Finding f = verdict(first);
        QCOMPARE(f.check, QStringLiteral("consumer.group"));
        QCOMPARE(f.severity, Severity::Info);
        QCOMPARE(f.title, QStringLiteral("Group unified-orders has committed no offset: the unified consumer has not "
                                         "consumed its topics yet (80 message(s) wait)."));
        QVERIFY(f.fix.startsWith(QStringLiteral("Run the unified consumer: F9 in CDC Studio, or cdcctl consumer run")));
        QVERIFY2(f.evidence.endsWith(QStringLiteral("2 partition(s) of outbox.event.mysql.order, "
                                                    "outbox.event.postgres.order, 0 with a committed offset; 80 "
                                                    "message(s) in them, 80 behind")),
                 qPrintable(f.evidence));
    }

    void aGroupAtTheEndHasConsumedEverything()
    {
        GroupOffsets first;
        first.topics = {kPg};
        first.partitions = {partition(kPg, 0, 0, 40, 40), partition(kPg, 1, 5, 5, -1)};
        const Finding f = verdict(first);
        QCOMPARE(f.severity, Severity::Ok);
        QCOMPARE(f.title, QStringLiteral("Group unified-orders has consumed everything: its committed offsets are at "
                                         "the end of its 2 partition(s)."));
    }

    void aGroupBehindWhoseOffsetsMoveIsConsuming()
    {
        GroupOffsets first;
        first.topics = {kPg};
        first.partitions = {partition(kPg, 0, 0, 100, 40)};
        GroupOffsets second = first;
        second.partitions = {partition(kPg, 0, 0, 130, 90)};
        const Finding f = verdict(first, &second, 12000);
        QCOMPARE(f.severity, Severity::Ok);
        QCOMPARE(f.title,
                 QStringLiteral("Group unified-orders is consuming: its committed offsets moved by 50 in 12 s; "
                                "40 message(s) behind."));
        QVERIFY(f.evidence.endsWith(QStringLiteral("\n12 s later: committed offsets moved by 50")));
    }

    // Stood still with nothing new: a consumer that is not running, a note with the way to run it.
    void aGroupBehindWhoseOffsetsStandStillIsNotRunning()
    {
        GroupOffsets first;
        first.topics = {kPg};
        first.partitions = {partition(kPg, 0, 0, 100, 40)};
        const Finding f = verdict(first, &first, 12000);
        QCOMPARE(f.severity, Severity::Info);
        QCOMPARE(f.title,
                 QStringLiteral("Group unified-orders is 60 message(s) behind and its committed offsets did not "
                                "move in 12 s: the unified consumer is not running."));
        QVERIFY(f.fix.startsWith(QStringLiteral("Run the unified consumer")));
    }

    // Stood still while events pile up: a warning.
    void aGroupThatFallsFurtherBehindIsAWarning()
    {
        GroupOffsets first;
        first.topics = {kPg};
        first.partitions = {partition(kPg, 0, 0, 100, 40)};
        GroupOffsets second = first;
        second.partitions = {partition(kPg, 0, 0, 125, 40)};
        const Finding f = verdict(first, &second, 12000);
        QCOMPARE(f.severity, Severity::Warning);
        QCOMPARE(f.title,
                 QStringLiteral("Group unified-orders is 85 message(s) behind, 25 more than 12 s before, and its "
                                "committed offsets did not move: the unified consumer is stopped or stuck "
                                "while events pile up."));
        QVERIFY(f.fix.contains(QStringLiteral("Open Consumer Log")));
    }

    void noTopicYetAndNoKafkaAreSaid()
    {
        GroupOffsets none;
        Finding f = verdict(none);
        QCOMPARE(f.severity, Severity::Info);
        QCOMPARE(f.title, QStringLiteral(
                              "Group unified-orders has nothing to consume: no topic matches the job's patterns yet."));
        GroupOffsets down;
        down.error = QStringLiteral("no metadata from 127.0.0.1:19092: Local: Broker transport failure");
        f = verdict(down);
        QCOMPARE(f.severity, Severity::Warning);
        QVERIFY(f.evidence.endsWith(down.error));
        QVERIFY(f.fix.contains(QStringLiteral("stack/up")));
    }

    void readingAGroupOfBrokersThatAreNotThereEndsWithTheReason()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        QElapsedTimer clock;
        clock.start();
        const GroupOffsets offsets = readGroupOffsets(bootstrap, QStringLiteral("g"), kPatterns, 1000);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(offsets.error.startsWith(QStringLiteral("no metadata from %1").arg(bootstrap)),
                 qPrintable(offsets.error));
    }

    // Where the checks sit in a run: after the consumer's runtime, the cluster (only with flink.rest.url) and
    // the group, its deadline long enough for two reads a checkpoint interval apart.
    void aRunAsksTheClusterOnlyWhenTheNodeNamesOne()
    {
        DoctorPlan plan;
        plan.kafkaBootstrap = kBootstrap;
        plan.project.nodes.push_back(consumerNode());
        DoctorOptions options;
        options.timeoutSeconds = 3;
        auto ids = [](const DoctorChecks &checks) {
            QStringList out;
            for (const DoctorCheck &c : checks)
                out << c.id;
            return out;
        };
        QCOMPARE(ids(doctorChecks(plan, options)),
                 (QStringList{QStringLiteral("project"), QStringLiteral("connect"), QStringLiteral("kafka"),
                              QStringLiteral("consumer"), QStringLiteral("consumer-group")}));
        plan.project.nodes.front().properties.insert(consumer::kClusterUrlProperty,
                                                     QStringLiteral("http://flink:8081"));
        const DoctorChecks checks = doctorChecks(plan, options);
        QCOMPARE(ids(checks),
                 (QStringList{QStringLiteral("project"), QStringLiteral("connect"), QStringLiteral("kafka"),
                              QStringLiteral("consumer"), QStringLiteral("flink"), QStringLiteral("consumer-group")}));
        QCOMPARE(checks[4].what, QStringLiteral("Asking the Flink cluster at http://flink:8081"));
        QCOMPARE(checks[4].area, Area::Consumer);
        QCOMPARE(checks[5].deadlineMs, 2 * 14000 + 12000);
        options.consumer = false;
        QCOMPARE(ids(doctorChecks(plan, options)),
                 (QStringList{QStringLiteral("project"), QStringLiteral("connect"), QStringLiteral("kafka")}));
        // In the sandbox the databases and the consumer are simulated: one note instead of their checks.
        options.consumer = true;
        plan.postgres.push_back(PostgresTarget{});
        plan.mysql.push_back(MySqlTarget{});
        QCOMPARE(ids(doctorChecks(plan, options)).size(), 8);
        plan.simulated = true;
        const DoctorChecks simulated = doctorChecks(plan, options);
        QCOMPARE(ids(simulated), (QStringList{QStringLiteral("project"), QStringLiteral("connect"),
                                              QStringLiteral("sandbox"), QStringLiteral("kafka")}));
        DoctorContext context;
        const Findings note = simulated[2].run(context);
        QCOMPARE(note.size(), 1u);
        QCOMPARE(note.front().severity, Severity::Info);
        QCOMPARE(note.front().check, QStringLiteral("sandbox.simulated"));
        QVERIFY(note.front().title.contains(QStringLiteral("simulates PostgreSQL, MySQL")));
    }
};

QTEST_GUILESS_MAIN(TstConsumerRunChecks)
#include "tst_consumerrunchecks.moc"
