// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the pipeline's one story: FAILED connectors and tasks and lag past a threshold become issues
// with a severity, a node and words carrying the value of now; the summary counts them with the
// project's checks and never says "No problems" or "Lag: OK" while one lasts.
#include "connect/connectorsmodel.h"
#include "health/healthtypes.h"
#include "health/pipelinehealth.h"
#include "lag/lagmonitor.h"
#include "lag/postgresslotsampler.h"
#include "topology/projectdocument.h"
#include "topology/templates.h"
#include "topology/topologycommands.h"

#include <QSignalSpy>
#include <QTest>

using namespace cdc;
using health::LiveIssue;
using health::Severity;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
const auto kPostgres = QStringLiteral("postgres-outbox");
const auto kMySql = QStringLiteral("mysql-outbox");

QString resetTrace()
{
    return QStringLiteral("org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change "
                          "event producer. This connector will be stopped.\n"
                          "\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)\n"
                          "Caused by: org.postgresql.util.PSQLException: Database connection failed when reading "
                          "from copy\n"
                          "Caused by: java.net.SocketException: Connection reset\n"
                          "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:318)\n");
}

QString slotTrace()
{
    return QStringLiteral("org.apache.kafka.connect.errors.ConnectException: An exception occurred\n"
                          "Caused by: org.postgresql.util.PSQLException: ERROR: replication slot \"outbox_postgres\" "
                          "does not exist\n"
                          "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:"
                          "2733)\n");
}

connect::ConnectorOverview connector(const QString &name, const QString &state, const QString &taskState,
                                     const QString &trace = {})
{
    connect::ConnectorOverview c;
    c.status.name = name;
    c.status.state = state;
    c.status.type = QStringLiteral("source");
    c.status.workerId = QStringLiteral("127.0.0.1:8083");
    c.status.tasks = {connect::TaskStatus{0, taskState, QStringLiteral("127.0.0.1:8083"), trace}};
    c.info.name = name;
    c.info.config.insert(QStringLiteral("connector.class"),
                         QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"));
    return c;
}

// The capstone, with a connectors model and a lag monitor, observed by one PipelineHealth.
struct Rig
{
    topology::ProjectDocument document;
    connect::ConnectorsModel connectors;
    lag::LagMonitor monitor;
    health::PipelineHealth health{&document, &connectors, &monitor};
    lag::SeriesKey slot =
        lag::PostgresSlotSampler::slotSeries(QStringLiteral("outbox_postgres"), QStringLiteral("connector-postgres"));
    qint64 time = 1'700'000'000'000;

    bool open()
    {
        const topology::ProjectTemplate *capstone = topology::findTemplate(QStringLiteral("capstone"));
        if (!capstone)
            return false;
        auto project = topology::loadTemplate(*capstone);
        if (!project || !document.load(project.value(), {}))
            return false;
        health.revalidate();
        lag::LagThresholds thresholds;
        thresholds.postgresBytes = {4 * kMiB, 16 * kMiB};
        monitor.setThresholds(thresholds);
        return health.projectDiagnostics().empty();
    }
    void sample(double bytes) { monitor.addSample(slot, time += 1000, bytes); }
};

} // namespace

class TstPipelineHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failedTasksAndConnectorsAreErrorsWithTheTracesLine()
    {
        QList<connect::ConnectorOverview> all{
            connector(kPostgres, QStringLiteral("RUNNING"), QStringLiteral("FAILED"), resetTrace()),
            connector(kMySql, QStringLiteral("FAILED"), QStringLiteral("RUNNING")),
            connector(QStringLiteral("healthy"), QStringLiteral("RUNNING"), QStringLiteral("RUNNING")),
            connector(QStringLiteral("paused"), QStringLiteral("PAUSED"), QStringLiteral("PAUSED")),
        };
        all[1].status.trace = slotTrace();
        const QList<LiveIssue> issues =
            health::connectorIssues(all, {{kPostgres, QStringLiteral("connector-postgres")}});
        QCOMPARE(issues.size(), 2); // PAUSED is a choice, not a failure

        const LiveIssue &task = issues.at(0);
        QCOMPARE(task.kind, LiveIssue::Kind::TaskFailed);
        QCOMPARE(task.severity, Severity::Error);
        QCOMPARE(task.key, QStringLiteral("task:postgres-outbox/0"));
        QCOMPARE(task.nodeId, QStringLiteral("connector-postgres"));
        QCOMPARE(task.subject, kPostgres);
        QCOMPARE(task.title, QStringLiteral("task 0 FAILED"));
        QCOMPARE(task.statusText, QStringLiteral("postgres-outbox: task 0 FAILED"));
        // The line the Connectors panel shows: the deepest cause.
        QCOMPARE(task.detail, QStringLiteral("java.net.SocketException: Connection reset"));
        QCOMPARE(task.detail, connect::firstUsefulTraceLine(resetTrace()));
        QVERIFY2(task.suggestion.contains(QStringLiteral("Restart")), qPrintable(task.suggestion));

        const LiveIssue &whole = issues.at(1);
        QCOMPARE(whole.kind, LiveIssue::Kind::ConnectorFailed);
        QCOMPARE(whole.key, QStringLiteral("connector:mysql-outbox"));
        QCOMPARE(whole.nodeId, QString()); // no node of that name
        QCOMPARE(whole.statusText, QStringLiteral("mysql-outbox FAILED"));
        QVERIFY(whole.detail.contains(QStringLiteral("replication slot \"outbox_postgres\" does not exist")));
        // The troubleshooting guide knows this trace: its fix is the suggestion.
        QVERIFY2(whole.suggestion.contains(QStringLiteral("snapshot")), qPrintable(whole.suggestion));
    }

    void lagIssuesCarryTheValueOfNowInOneUnit()
    {
        const lag::SeriesKey slot =
            lag::PostgresSlotSampler::slotSeries(QStringLiteral("debezium"), QStringLiteral("connector-postgres"));
        const LiveIssue warning =
            health::lagIssue(slot, lag::LagLevel::Warning, 4.3 * kMiB, {4 * kMiB, 16 * kMiB}, kPostgres);
        QCOMPARE(warning.severity, Severity::Warning);
        QCOMPARE(warning.key, QStringLiteral("lag:pg-slot:debezium"));
        QCOMPARE(warning.nodeId, QStringLiteral("connector-postgres"));
        QCOMPARE(warning.subject, kPostgres);
        QCOMPARE(warning.title, QStringLiteral("lag warning — 4.3 MB behind"));
        QCOMPARE(warning.statusText, QStringLiteral("Lag: PostgreSQL warning — 4.3 MB behind"));
        QCOMPARE(warning.detail, QStringLiteral("PostgreSQL slot debezium (warning ≥ 4.0 MB)"));
        const LiveIssue critical =
            health::lagIssue(slot, lag::LagLevel::Critical, 17 * kMiB, {4 * kMiB, 16 * kMiB}, {});
        QCOMPARE(critical.severity, Severity::Error);
        QCOMPARE(critical.subject, QStringLiteral("PostgreSQL slot debezium")); // no node: the series' label
        QCOMPARE(critical.title, QStringLiteral("lag critical — 17.0 MB behind"));
        QCOMPARE(critical.detail, QStringLiteral("PostgreSQL slot debezium (critical ≥ 16.0 MB)"));
    }

    void summaryCountsEverythingAndNeverSaysOkMeanwhile()
    {
        const lag::SeriesKey slot = lag::PostgresSlotSampler::slotSeries(QStringLiteral("debezium"), {});
        QList<LiveIssue> issues =
            health::connectorIssues({connector(kPostgres, QStringLiteral("RUNNING"), QStringLiteral("FAILED"))}, {});
        issues.prepend(health::lagIssue(slot, lag::LagLevel::Warning, 5 * kMiB, {4 * kMiB, 0}, kPostgres));
        health::sortIssues(issues);
        QCOMPARE(issues.at(0).kind, LiveIssue::Kind::TaskFailed); // errors first

        health::HealthSummary s = health::summarize(0, 0, issues, true);
        QCOMPARE(s.severity, Severity::Error);
        QCOMPARE(s.counts, QStringLiteral("1 error, 1 warning"));
        QCOMPARE(s.lagText, QStringLiteral("Lag: PostgreSQL warning — 5.0 MB behind"));
        QCOMPARE(s.lagSeverity, Severity::Warning);

        // A failure alone: the lag line says nothing rather than "OK".
        s = health::summarize(0, 0, {issues.at(0)}, true);
        QCOMPARE(s.counts, QStringLiteral("1 error"));
        QCOMPARE(s.lagText, QString());
        // The project's checks count too.
        s = health::summarize(2, 3, {issues.at(1)}, true);
        QCOMPARE(s.counts, QStringLiteral("2 errors, 4 warnings"));
        QCOMPARE(s.severity, Severity::Error);
        // Nothing at all.
        s = health::summarize(0, 0, {}, true);
        QCOMPARE(s.severity, Severity::Ok);
        QCOMPARE(s.counts, QStringLiteral("No problems"));
        QCOMPARE(s.lagText, QStringLiteral("Lag: OK"));
        QCOMPARE(health::summarize(0, 0, {}, false).lagText, QString()); // nothing sampled, nothing to say
    }

    void followsConnectorsAndLagLive()
    {
        Rig rig;
        QVERIFY(rig.open());
        QSignalSpy changed(&rig.health, &health::PipelineHealth::changed);
        QSignalSpy nodeChanged(&rig.health, &health::PipelineHealth::nodeChanged);
        QCOMPARE(rig.health.summary().counts, QStringLiteral("No problems"));

        // Both connectors run: the nodes show it, nothing is wrong.
        rig.connectors.setConnectors({connector(kPostgres, QStringLiteral("RUNNING"), QStringLiteral("RUNNING")),
                                      connector(kMySql, QStringLiteral("RUNNING"), QStringLiteral("RUNNING"))});
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).state, QStringLiteral("RUNNING"));
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).severity, Severity::Ok);
        QCOMPARE(nodeChanged.count(), 2);
        QVERIFY(rig.health.liveIssues().isEmpty());
        rig.sample(320);
        QCOMPARE(rig.health.summary().lagText, QStringLiteral("Lag: OK"));

        // The task FAILS: the node, the issues and the summary say so at once, with the trace's line.
        changed.clear();
        rig.connectors.setConnectors(
            {connector(kPostgres, QStringLiteral("RUNNING"), QStringLiteral("FAILED"), resetTrace()),
             connector(kMySql, QStringLiteral("RUNNING"), QStringLiteral("RUNNING"))});
        QCOMPARE(changed.count(), 1);
        const health::NodeHealth failed = rig.health.node(QStringLiteral("connector-postgres"));
        QCOMPARE(failed.state, QStringLiteral("FAILED"));
        QCOMPARE(failed.severity, Severity::Error);
        QVERIFY(failed.summary.contains(QStringLiteral("Connection reset")));
        QCOMPARE(rig.health.node(QStringLiteral("connector-mysql")).severity, Severity::Ok);
        QCOMPARE(rig.health.summary().counts, QStringLiteral("1 error"));
        QCOMPARE(rig.health.liveIssues().at(0).statusText, QStringLiteral("postgres-outbox: task 0 FAILED"));
        QCOMPARE(rig.health.summary().lagText, QString()); // never "Lag: OK" while a task is FAILED

        // Its WAL grows past the warning: a second issue, worded with each new sample's value.
        rig.sample(3.9 * kMiB);
        QCOMPARE(rig.health.liveIssues().size(), 1);
        rig.sample(4.2 * kMiB);
        QCOMPARE(rig.health.liveIssues().size(), 2);
        QCOMPARE(rig.health.summary().counts, QStringLiteral("1 error, 1 warning"));
        QCOMPARE(rig.health.summary().lagText, QStringLiteral("Lag: PostgreSQL warning — 4.2 MB behind"));
        QCOMPARE(rig.health.liveIssues().at(1).title, QStringLiteral("lag warning — 4.2 MB behind"));
        QCOMPARE(rig.health.liveIssues().at(1).detail,
                 QStringLiteral("PostgreSQL slot outbox_postgres (warning ≥ 4.0 MB)"));
        rig.sample(9.6 * kMiB);
        QCOMPARE(rig.health.summary().lagText, QStringLiteral("Lag: PostgreSQL warning — 9.6 MB behind"));
        QCOMPARE(rig.health.liveIssues().at(1).title, QStringLiteral("lag warning — 9.6 MB behind"));
        rig.sample(16.5 * kMiB);
        QCOMPARE(rig.health.summary().counts, QStringLiteral("2 errors"));
        QCOMPARE(rig.health.summary().lagSeverity, Severity::Error);
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).severity, Severity::Error);

        // Restarted, caught up: back to nothing, and the lag line may say OK again.
        rig.connectors.setConnectors({connector(kPostgres, QStringLiteral("RUNNING"), QStringLiteral("RUNNING")),
                                      connector(kMySql, QStringLiteral("RUNNING"), QStringLiteral("RUNNING"))});
        QCOMPARE(rig.health.summary().counts, QStringLiteral("1 error"));
        rig.sample(320);
        QVERIFY(rig.health.liveIssues().isEmpty());
        QCOMPARE(rig.health.summary().counts, QStringLiteral("No problems"));
        QCOMPARE(rig.health.summary().lagText, QStringLiteral("Lag: OK"));
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).state, QStringLiteral("RUNNING"));
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).severity, Severity::Ok);

        // Another cluster (nothing known): the node has no live state any more.
        rig.connectors.clear();
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).state, QString());
    }

    void projectChecksAndLiveIssuesShareTheSummary()
    {
        Rig rig;
        QVERIFY(rig.open());
        QSignalSpy checked(&rig.health, &health::PipelineHealth::projectDiagnosticsChanged);
        // The consumer loses its composite key: the check runs by itself shortly after the edit.
        auto properties = rig.document.topology()->node(QStringLiteral("consumer-pyflink"))->properties;
        properties.remove(QStringLiteral("key"));
        rig.document.undoStack()->push(
            new topology::EditNodeCommand(rig.document.topology(), QStringLiteral("consumer-pyflink"),
                                          QStringLiteral("unified-orders (PyFlink)"), properties));
        QVERIFY(checked.wait(5000));
        QCOMPARE(rig.health.projectDiagnostics().size(), 1u);
        QCOMPARE(rig.health.summary().counts, QStringLiteral("1 error"));
        rig.connectors.setConnectors(
            {connector(kPostgres, QStringLiteral("RUNNING"), QStringLiteral("FAILED"), resetTrace())});
        QCOMPARE(rig.health.summary().counts, QStringLiteral("2 errors"));
        QCOMPARE(rig.health.summary().severity, Severity::Error);
    }

    // What the Doctor found counts in the one summary, on the node it is about, until its next run or another
    // project; the project's own checks it repeats are not counted twice, and notes and passes not at all.
    void theDoctorsFindingsJoinTheSummaryUntilTheNextRun()
    {
        Rig rig;
        QVERIFY(rig.open());
        QCOMPARE(rig.health.summary().counts, QStringLiteral("No problems"));
        auto finding = [](doctor::Area area, doctor::Severity severity, const QString &check, const QString &subject) {
            doctor::Finding f;
            f.area = area;
            f.severity = severity;
            f.check = check;
            f.subject = subject;
            f.title = QStringLiteral("title of ") + check;
            f.evidence = QStringLiteral("first line\nsecond line");
            f.fix = QStringLiteral("fix ") + check;
            return f;
        };
        const doctor::Findings findings{
            finding(doctor::Area::PostgreSQL, doctor::Severity::Error, QStringLiteral("pg.wal-level"),
                    QStringLiteral("PostgreSQL 127.0.0.1:15432")),
            finding(doctor::Area::KafkaConnect, doctor::Severity::Warning, QStringLiteral("connect.state"), kMySql),
            finding(doctor::Area::MySQL, doctor::Severity::Error, QStringLiteral("mysql.binlog"),
                    QStringLiteral("MySQL/MariaDB 127.0.0.1:13306")),
            finding(doctor::Area::MySQL, doctor::Severity::Error, QStringLiteral("mysql.binlog"),
                    QStringLiteral("MySQL/MariaDB 127.0.0.1:13306")),
            finding(doctor::Area::Project, doctor::Severity::Error, QStringLiteral("project.x"), QStringLiteral("p")),
            finding(doctor::Area::KafkaConnect, doctor::Severity::Error, QStringLiteral("connect.connector-state"),
                    kPostgres),
            finding(doctor::Area::Kafka, doctor::Severity::Info, QStringLiteral("kafka.note"), QStringLiteral("k")),
            finding(doctor::Area::Kafka, doctor::Severity::Ok, QStringLiteral("kafka.ok"), QStringLiteral("k")),
        };
        QSignalSpy changed(&rig.health, &health::PipelineHealth::changed);
        rig.health.setDoctorFindings(findings);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(rig.health.summary().counts, QStringLiteral("3 errors, 1 warning"));
        QCOMPARE(rig.health.liveIssues().size(), 4);
        QStringList keys;
        for (const LiveIssue &issue : rig.health.liveIssues()) {
            QCOMPARE(issue.kind, LiveIssue::Kind::Doctor);
            keys << issue.key;
        }
        QCOMPARE(keys.removeDuplicates(), 0);
        // On the nodes they are about: a connector by name, a database by its kind.
        QCOMPARE(rig.health.node(QStringLiteral("db-postgres")).severity, Severity::Error);
        QVERIFY(
            rig.health.node(QStringLiteral("db-postgres")).summary.contains(QStringLiteral("title of pg.wal-level")));
        QCOMPARE(rig.health.node(QStringLiteral("db-mysql")).severity, Severity::Error);
        QCOMPARE(rig.health.node(QStringLiteral("connector-mysql")).severity, Severity::Warning);
        const LiveIssue &pg =
            *std::find_if(rig.health.liveIssues().cbegin(), rig.health.liveIssues().cend(),
                          [](const LiveIssue &i) { return i.nodeId == QStringLiteral("db-postgres"); });
        QCOMPARE(pg.detail, QStringLiteral("first line"));
        QCOMPARE(pg.suggestion, QStringLiteral("fix pg.wal-level"));
        QVERIFY(pg.statusText.startsWith(QStringLiteral("Doctor: ")));
        // With a FAILED task: both in one count.
        rig.connectors.setConnectors(
            {connector(kPostgres, QStringLiteral("RUNNING"), QStringLiteral("FAILED"), resetTrace())});
        QCOMPARE(rig.health.summary().counts, QStringLiteral("4 errors, 1 warning"));
        // The next run found nothing wrong.
        rig.health.setDoctorFindings({findings.back()});
        QCOMPARE(rig.health.summary().counts, QStringLiteral("1 error"));
        QCOMPARE(rig.health.node(QStringLiteral("db-postgres")).severity, Severity::Ok);
        // Another project: the Doctor's findings were about the one before.
        rig.health.setDoctorFindings(findings);
        QCOMPARE(rig.health.summary().errors, 4);
        rig.connectors.setConnectors({});
        QVERIFY(rig.open());
        QCOMPARE(rig.health.summary().counts, QStringLiteral("No problems"));
    }

    void aRenamedNodeKeepsItsConnectorsState()
    {
        Rig rig;
        QVERIFY(rig.open());
        rig.connectors.setConnectors(
            {connector(QStringLiteral("renamed-outbox"), QStringLiteral("RUNNING"), QStringLiteral("FAILED"))});
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).state, QString());
        QSignalSpy nodeChanged(&rig.health, &health::PipelineHealth::nodeChanged);
        rig.document.undoStack()->push(new topology::EditNodeCommand(
            rig.document.topology(), QStringLiteral("connector-postgres"), QStringLiteral("renamed-outbox"),
            rig.document.topology()->node(QStringLiteral("connector-postgres"))->properties));
        QCOMPARE(nodeChanged.count(), 1);
        QCOMPARE(nodeChanged.at(0).at(0).toString(), QStringLiteral("connector-postgres"));
        QCOMPARE(rig.health.node(QStringLiteral("connector-postgres")).state, QStringLiteral("FAILED"));
        QCOMPARE(rig.health.liveIssues().at(0).nodeId, QStringLiteral("connector-postgres"));
    }
};

QTEST_GUILESS_MAIN(TstPipelineHealth)
#include "tst_pipelinehealth.moc"
