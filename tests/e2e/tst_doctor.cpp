// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor against the real shared stack: nothing wrong on the healthy stack; then one fault at a time,
// each made with names of this test's own and undone after it — a MariaDB user without REPLICATION SLAVE,
// a PostgreSQL role without REPLICATION, a server.id equal to the server's, and the replication slot of a
// deployed connector dropped. Each run must find exactly that fault with the right fix.
#include "debezium/connectorconfig.h"
#include "doctor/checklist.h"
#include "doctor/doctorrun.h"
#include "doctorfixtures.h"
#include "stackclient.h"
#include "topology/projectfile.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <functional>
#include <optional>

using namespace cdc;
using namespace cdc::e2e;

namespace {

// Runs its cleanup when the test function ends, passed or failed.
class Cleanup
{
public:
    explicit Cleanup(std::function<void()> f) : m_f(std::move(f)) {}
    ~Cleanup() { m_f(); }
    Cleanup(const Cleanup &) = delete;
    Cleanup &operator=(const Cleanup &) = delete;

private:
    std::function<void()> m_f;
};

struct CdcctlRun
{
    int exitCode = -1;
    QByteArray out;
};

CdcctlRun cdcctl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(CDCCTL_PATH), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        return {};
    }
    return {p.exitCode(), p.readAllStandardOutput()};
}

doctor::DoctorOptions only(bool connect, bool databases)
{
    doctor::DoctorOptions o;
    o.project = false;
    o.kafka = false;
    o.connect = connect;
    o.databases = databases;
    return o;
}

doctor::ItemState itemState(const char *id, const doctor::Findings &findings)
{
    for (const doctor::ChecklistItem &item : doctor::verificationChecklist()) {
        if (item.id == QLatin1String(id))
            return doctor::evaluateItem(item, findings, {});
    }
    return doctor::ItemState::Pending;
}

// Polls `query` (one boolean cell) on the stack's PostgreSQL until it says `wanted`.
bool waitForPostgres(const StackEnvironment &env, const QString &query, bool wanted, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        QSqlQuery q(openStackDatabase(env, true));
        if (q.exec(query) && q.next() && q.value(0).toBool() == wanted)
            return true;
        QTest::qWait(500);
    }
    return false;
}

} // namespace

class TestDoctor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_run = randomSecret().left(8);
    }

    void cleanupTestCase() { closeStackDatabases(); }

    void healthyStackFindsNothing()
    {
        const topology::Project project = doctorProject(m_env, m_run);
        const doctor::Findings findings = doctor::runDoctor(doctor::planFor(project, &m_env), {});
        QCOMPARE(problemChecks(findings), QStringList{});
        for (const char *check :
             {"project.lint", "connect.plugins", "pg.connect", "pg.wal-level", "pg.role-replication", "pg.slots-free",
              "pg.table-select", "pg.outbox-columns", "my.connect", "my.log-bin", "my.binlog-format",
              "my.binlog-row-image", "my.binlog-retention", "my.server-id", "my.grants", "my.outbox-columns"}) {
            const doctor::Finding *f = findingOf(findings, QString::fromLatin1(check));
            QVERIFY2(f, check);
            QVERIFY2(f->severity == doctor::Severity::Ok, qPrintable(doctor::formatFinding(*f, true)));
        }
        // Not deployed: the slot, the publication and the history topic are Debezium's to create.
        QCOMPARE(findingOf(findings, QStringLiteral("pg.slot"))->severity, doctor::Severity::Info);
        QCOMPARE(findingOf(findings, QStringLiteral("kafka.history-topic"))->severity, doctor::Severity::Info);
        QCOMPARE(itemState("pg-ready", findings), doctor::ItemState::Passed);
        QCOMPARE(itemState("my-binlog", findings), doctor::ItemState::Passed);
        QCOMPARE(itemState("pg-running", findings), doctor::ItemState::Pending);

        // cdcctl says the same, and exits 0.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("healthy.cdcproj"));
        QVERIFY(topology::saveProjectFile(path, project).ok());
        const CdcctlRun r = cdcctl({QStringLiteral("doctor"), path, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value(QStringLiteral("summary")).toObject().value(QStringLiteral("error")).toInt(), 0);
        QCOMPARE(doc.value(QStringLiteral("summary")).toObject().value(QStringLiteral("warning")).toInt(), 0);
        QVERIFY(doc.value(QStringLiteral("findings")).toArray().size() >= 20);
    }

    void theGuiRunnerGivesTheSameFindingsOffTheMainThread()
    {
        // What the Doctor dock runs: the same checks on a pool thread, Kafka Connect's client included.
        const doctor::DoctorPlan plan = doctor::planFor(doctorProject(m_env, m_run), &m_env);
        const doctor::Findings blocking = doctor::runDoctor(plan, {});
        doctor::DoctorRunner runner;
        std::optional<doctor::Findings> found;
        QStringList steps;
        connect(&runner, &doctor::DoctorRunner::progress, this,
                [&steps](int, int, const QString &what) { steps << what; });
        connect(&runner, &doctor::DoctorRunner::finished, this,
                [&found](const doctor::Findings &findings) { found = findings; });
        runner.start(plan);
        QVERIFY(runner.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(found.has_value(), 60000);
        QCOMPARE(problemChecks(*found), QStringList{});
        QStringList checks, expected;
        for (const doctor::Finding &f : *found)
            checks << f.check;
        for (const doctor::Finding &f : blocking)
            expected << f.check;
        QCOMPARE(checks, expected);
        QCOMPARE(steps.size(),
                 8); // project, Connect, PostgreSQL, MariaDB, Kafka, the unified consumer, its group, done
        QCOMPARE(steps.last(), QStringLiteral("Done"));
    }

    void missingMariaDbGrantIsFound()
    {
        QString error;
        QSqlDatabase admin = stackMariaDbAdmin(m_env, error);
        if (!admin.isOpen())
            QSKIP(qPrintable(QStringLiteral("needs the stack's MariaDB root: ") + error));
        const QString user = QStringLiteral("doctor_") + m_run;
        const QString password = randomSecret();
        Cleanup dropUser([admin, user] {
            QString ignored;
            runSql(admin, {QStringLiteral("DROP USER IF EXISTS '%1'@'%'").arg(user)}, ignored);
        });
        QVERIFY2(runSql(admin,
                        {QStringLiteral("CREATE USER '%1'@'%' IDENTIFIED BY '%2'").arg(user, password),
                         QStringLiteral("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION CLIENT ON *.* TO '%1'@'%'")
                             .arg(user)},
                        error),
                 qPrintable(error));
        QTemporaryDir secrets;
        topology::Project project = doctorProject(m_env, m_run);
        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("database.user"), user);
        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("database.password"),
                             writeSecret(secrets, QStringLiteral("mysql.password"), password));
        const doctor::Findings findings = doctor::runDoctor(doctor::planFor(project, &m_env), only(false, true));

        QCOMPARE(problemChecks(findings), QStringList{QStringLiteral("my.grants")});
        const doctor::Finding *grants = findingOf(findings, QStringLiteral("my.grants"));
        QCOMPARE(grants->severity, doctor::Severity::Error);
        QCOMPARE(grants->fix, QStringLiteral("GRANT REPLICATION SLAVE ON *.* TO '%1'@'%';").arg(user));
        QCOMPARE(grants->title,
                 QStringLiteral("%1@% lacks REPLICATION SLAVE: the connector cannot read the binlog or take "
                                "its snapshot.")
                     .arg(user));
        QCOMPARE(grants->guide, QStringLiteral("missing-privileges"));
        QVERIFY(!grants->evidence.contains(password));

        // cdcctl exits 1 and prints the error line.
        const QString path = secrets.filePath(QStringLiteral("grant.cdcproj"));
        QVERIFY(topology::saveProjectFile(path, project).ok());
        const CdcctlRun r =
            cdcctl({QStringLiteral("doctor"), path, QStringLiteral("--only"), QStringLiteral("databases")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("ERROR   my.grants "), r.out.constData());
        QVERIFY(!r.out.contains(password.toUtf8()));
    }

    void missingPostgresReplicationIsFound()
    {
        QString error;
        QSqlDatabase admin = stackPostgresAdmin(m_env, error);
        if (!admin.isOpen())
            QSKIP(qPrintable(QStringLiteral("needs the stack's PostgreSQL superuser: ") + error));
        const QString role = QStringLiteral("doctor_") + m_run;
        const QString publication = role + QStringLiteral("_pub");
        const QString password = randomSecret();
        Cleanup dropRole([admin, role, publication] {
            QString ignored;
            runSql(admin, {QStringLiteral("DROP PUBLICATION IF EXISTS %1").arg(publication)}, ignored);
            runSql(admin, {QStringLiteral("REVOKE ALL ON public.outbox FROM %1").arg(role)}, ignored);
            runSql(admin, {QStringLiteral("DROP ROLE IF EXISTS %1").arg(role)}, ignored);
        });
        QVERIFY2(runSql(admin,
                        {QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, password),
                         QStringLiteral("GRANT SELECT ON public.outbox TO %1").arg(role),
                         QStringLiteral("CREATE PUBLICATION %1 FOR TABLE public.outbox").arg(publication)},
                        error),
                 qPrintable(error));
        QTemporaryDir secrets;
        topology::Project project = doctorProject(m_env, m_run);
        setConnectorProperty(project, QStringLiteral("postgres"), QStringLiteral("database.user"), role);
        setConnectorProperty(project, QStringLiteral("postgres"), QStringLiteral("database.password"),
                             writeSecret(secrets, QStringLiteral("pg.password"), password));
        doctor::DoctorPlan plan = doctor::planFor(project, &m_env);
        plan.mysql.clear();
        const doctor::Findings findings = doctor::runDoctor(plan, only(false, true));

        QCOMPARE(problemChecks(findings), QStringList{QStringLiteral("pg.role-replication")});
        const doctor::Finding *f = findingOf(findings, QStringLiteral("pg.role-replication"));
        QCOMPARE(f->fix, QStringLiteral("ALTER ROLE \"%1\" WITH REPLICATION;").arg(role));
        QCOMPARE(f->guide, QStringLiteral("missing-privileges"));
        QCOMPARE(findingOf(findings, QStringLiteral("pg.publication"))->severity, doctor::Severity::Ok);
        QCOMPARE(itemState("pg-role", findings), doctor::ItemState::Failed);

        // Deployed anyway, its task FAILS on the worker; the Doctor reads the trace and names the cause.
        debezium::ConnectorConfig pg;
        for (const debezium::ConnectorConfig &c : debezium::connectorsOf(project)) {
            if (c.value(QStringLiteral("connector.class")).contains(QLatin1String("postgres")))
                pg = c;
        }
        const QString url = m_env.value(QStringLiteral("CONNECT_URL")) + QStringLiteral("/connectors/") + pg.name;
        Cleanup removeConnector([url] { http("DELETE", url); });
        QJsonObject config;
        for (auto it = pg.config.cbegin(); it != pg.config.cend(); ++it)
            config.insert(it.key(), it.value());
        config.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));
        const HttpReply created = http(
            "POST", m_env.value(QStringLiteral("CONNECT_URL")) + QStringLiteral("/connectors"),
            QJsonDocument(QJsonObject{{QStringLiteral("name"), pg.name}, {QStringLiteral("config"), config}}).toJson());
        QVERIFY2(created.status == 201, qPrintable(created.error + QString::fromUtf8(created.body)));
        QElapsedTimer t;
        t.start();
        auto taskState = [&url] {
            const QJsonArray tasks =
                http("GET", url + QStringLiteral("/status")).json.object().value(QStringLiteral("tasks")).toArray();
            return tasks.isEmpty() ? QString() : tasks.first().toObject().value(QStringLiteral("state")).toString();
        };
        while (taskState() != QLatin1String("FAILED") && t.elapsed() < 90000)
            QTest::qWait(500);
        QCOMPARE(taskState(), QStringLiteral("FAILED"));

        const doctor::Findings deployed = doctor::runDoctor(plan, only(true, true));
        QCOMPARE(problemChecks(deployed),
                 (QStringList{QStringLiteral("connect.connector-state"), QStringLiteral("pg.role-replication")}));
        const doctor::Finding *task = findingOf(deployed, QStringLiteral("connect.connector-state"));
        QCOMPARE(task->severity, doctor::Severity::Error);
        QCOMPARE(task->guide, QStringLiteral("missing-privileges"));
        QVERIFY2(task->evidence.contains(QStringLiteral("must be superuser or replication role")),
                 qPrintable(task->evidence));
        QCOMPARE(task->apply.kind, doctor::ApplyAction::Kind::RestartConnector);
        QCOMPARE(findingOf(deployed, QStringLiteral("pg.slot"))->severity, doctor::Severity::Info);
        QCOMPARE(itemState("pg-running", deployed), doctor::ItemState::Failed);
    }

    void clashingServerIdIsFound()
    {
        QSqlQuery q(openStackDatabase(m_env, false));
        QVERIFY(q.exec(QStringLiteral("SELECT @@server_id")) && q.next());
        const QString serverId = q.value(0).toString();
        topology::Project project = doctorProject(m_env, m_run);
        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("database.server.id"), serverId);
        doctor::DoctorPlan plan = doctor::planFor(project, &m_env);
        plan.postgres.clear();
        const doctor::Findings findings = doctor::runDoctor(plan, only(false, true));

        QCOMPARE(problemChecks(findings), QStringList{QStringLiteral("my.server-id")});
        const doctor::Finding *f = findingOf(findings, QStringLiteral("my.server-id"));
        QCOMPARE(f->title, QStringLiteral("database.server.id %1 is the server's own server_id: the server refuses a "
                                          "replica with its own id.")
                               .arg(serverId));
        // The capstone's first free id (184054, Debezium's tutorials' id) unless the server has it.
        QCOMPARE(
            f->fix,
            QStringLiteral("\"database.server.id\": \"%1\"").arg(std::max<qint64>(184053, serverId.toLongLong()) + 1));
        QCOMPARE(f->guide, QStringLiteral("duplicate-server-id"));
        QCOMPARE(itemState("my-server-id", findings), doctor::ItemState::Failed);
    }

    void historyTopicWithPartitionsAndRetentionIsFound()
    {
        // A history topic made wrong on purpose (three partitions, seven days), then one made right.
        const QString bootstrap = m_env.value(QStringLiteral("KAFKA_BOOTSTRAP"));
        const QString wrong = QStringLiteral("schema-changes.doctor-wrong-") + m_run;
        const QString right = QStringLiteral("schema-changes.doctor-right-") + m_run;
        Cleanup deleteTopics([bootstrap, wrong, right] {
            QString ignored;
            deleteTopic(bootstrap, wrong, ignored);
            deleteTopic(bootstrap, right, ignored);
        });
        QString error;
        QVERIFY2(
            createTopic(bootstrap, wrong, 3, {{QStringLiteral("retention.ms"), QStringLiteral("604800000")}}, error),
            qPrintable(error));
        QVERIFY2(createTopic(bootstrap, right, 1,
                             {{QStringLiteral("retention.ms"), QStringLiteral("-1")},
                              {QStringLiteral("retention.bytes"), QStringLiteral("-1")}},
                             error),
                 qPrintable(error));
        doctor::DoctorOptions kafkaOnly;
        kafkaOnly.project = kafkaOnly.connect = kafkaOnly.databases = false;

        topology::Project project = doctorProject(m_env, m_run);
        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("schema.history.internal.kafka.topic"),
                             wrong);
        doctor::Findings findings = doctor::runDoctor(doctor::planFor(project, &m_env), kafkaOnly);
        QCOMPARE(problemChecks(findings), QStringList{QStringLiteral("kafka.history-topic")});
        const doctor::Finding *f = findingOf(findings, QStringLiteral("kafka.history-topic"));
        QCOMPARE(f->severity, doctor::Severity::Error);
        QVERIFY2(f->title.contains(QStringLiteral("has 3 partitions")), qPrintable(f->title));
        QVERIFY2(f->title.contains(QStringLiteral("retention.ms=604800000")), qPrintable(f->title));
        QVERIFY(f->evidence.endsWith(QStringLiteral("→ partitions=3 retention.ms=604800000 retention.bytes=-1 "
                                                    "cleanup.policy=delete")));
        QVERIFY(f->fix.contains(QStringLiteral("--partitions 1")));

        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("schema.history.internal.kafka.topic"),
                             right);
        findings = doctor::runDoctor(doctor::planFor(project, &m_env), kafkaOnly);
        QCOMPARE(problemChecks(findings), QStringList{});
        QCOMPARE(findingOf(findings, QStringLiteral("kafka.history-topic"))->severity, doctor::Severity::Ok);
    }

    void decodingPluginTheServerLacksIsFound()
    {
        // Issue 21: the stack's PostgreSQL is stock: decoderbufs, Debezium's default, is not there.
        topology::Project project = doctorProject(m_env, m_run);
        setConnectorProperty(project, QStringLiteral("postgres"), QStringLiteral("plugin.name"),
                             QStringLiteral("decoderbufs"));
        doctor::DoctorPlan plan = doctor::planFor(project, &m_env);
        plan.mysql.clear();
        const doctor::Findings findings = doctor::runDoctor(plan, only(false, true));
        const doctor::Finding *f = findingOf(findings, QStringLiteral("pg.decoding-plugin"));
        QVERIFY(f);
        QVERIFY2(f->severity == doctor::Severity::Error, qPrintable(f->title + u'\n' + f->evidence));
        QVERIFY2(f->title.startsWith(QStringLiteral("The server has no decoderbufs plugin")), qPrintable(f->title));
        QVERIFY2(f->evidence.contains(QStringLiteral("decoderbufs")), qPrintable(f->evidence));
        QVERIFY(f->fix.contains(QStringLiteral("pgoutput")));
        // pgoutput is built in: nothing to ask the server.
        const doctor::Findings clean =
            doctor::runDoctor(doctor::planFor(doctorProject(m_env, m_run), &m_env), only(false, true));
        QVERIFY(!findingOf(clean, QStringLiteral("pg.decoding-plugin")));
    }

    void droppedSlotIsFound()
    {
        const topology::Project project = doctorProject(m_env, m_run);
        debezium::ConnectorConfig pg;
        for (const debezium::ConnectorConfig &c : debezium::connectorsOf(project)) {
            if (c.value(QStringLiteral("connector.class")).contains(QLatin1String("postgres")))
                pg = c;
        }
        const QString slot = pg.value(QStringLiteral("slot.name"));
        const QString publication = pg.value(QStringLiteral("publication.name"));
        const QString connect = m_env.value(QStringLiteral("CONNECT_URL"));
        const QString url = connect + QStringLiteral("/connectors/") + pg.name;
        Cleanup remove([this, url, slot, publication] {
            http("DELETE", url);
            const QString inactive =
                QStringLiteral(
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '%1' AND active)")
                    .arg(slot);
            waitForPostgres(m_env, inactive, true, 30000);
            QSqlQuery q(openStackDatabase(m_env, true));
            q.exec(QStringLiteral("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE "
                                  "slot_name = '%1'")
                       .arg(slot));
            q.exec(QStringLiteral("DROP PUBLICATION IF EXISTS %1").arg(publication));
        });
        QJsonObject config;
        for (auto it = pg.config.cbegin(); it != pg.config.cend(); ++it)
            config.insert(it.key(), it.value());
        config.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));
        const HttpReply created = http(
            "POST", connect + QStringLiteral("/connectors"),
            QJsonDocument(QJsonObject{{QStringLiteral("name"), pg.name}, {QStringLiteral("config"), config}}).toJson());
        QVERIFY2(created.status == 201, qPrintable(created.error + QString::fromUtf8(created.body)));
        QVERIFY2(waitForPostgres(m_env,
                                 QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = "
                                                "'%1' AND active)")
                                     .arg(slot),
                                 true, 120000),
                 "the connector's slot never became active");

        doctor::DoctorPlan plan = doctor::planFor(project, &m_env);
        plan.mysql.clear();
        // Streaming: nothing wrong, and the checklist's first event-flow items tick.
        doctor::Findings findings = doctor::runDoctor(plan, only(true, true));
        QCOMPARE(problemChecks(findings), QStringList{});
        QCOMPARE(findingOf(findings, QStringLiteral("pg.slot"))->severity, doctor::Severity::Ok);
        QCOMPARE(itemState("pg-running", findings), doctor::ItemState::Passed);
        QCOMPARE(itemState("pg-slot-active", findings), doctor::ItemState::Passed);

        // Stopped, then the slot dropped behind its back.
        QCOMPARE(http("PUT", url + QStringLiteral("/stop")).status, 204);
        QVERIFY2(waitForPostgres(
                     m_env,
                     QStringLiteral("SELECT NOT active FROM pg_replication_slots WHERE slot_name = '%1'").arg(slot),
                     true, 60000),
                 "the slot stayed active after the connector stopped");
        QElapsedTimer t;
        t.start();
        while (http("GET", url + QStringLiteral("/status"))
                       .json.object()
                       .value(QStringLiteral("connector"))
                       .toObject()
                       .value(QStringLiteral("state"))
                       .toString() != QLatin1String("STOPPED") &&
               t.elapsed() < 30000)
            QTest::qWait(250);
        QSqlQuery drop(openStackDatabase(m_env, true));
        QVERIFY(drop.exec(QStringLiteral("SELECT pg_drop_replication_slot('%1')").arg(slot)));

        findings = doctor::runDoctor(plan, only(true, true));
        QCOMPARE(problemChecks(findings), QStringList{QStringLiteral("pg.slot")});
        const doctor::Finding *f = findingOf(findings, QStringLiteral("pg.slot"));
        QCOMPARE(f->severity, doctor::Severity::Error);
        QCOMPARE(f->title, QStringLiteral("Replication slot %1 does not exist, but connector %2 is deployed (STOPPED): "
                                          "the slot was dropped, and changes made since are lost to it.")
                               .arg(slot, pg.name));
        QVERIFY2(f->fix.startsWith(QStringLiteral("Restart the connector: Debezium creates slot %1 again").arg(slot)),
                 qPrintable(f->fix));
        QCOMPARE(f->guide, QStringLiteral("slot-missing"));
        QCOMPARE(itemState("pg-slot-active", findings), doctor::ItemState::Failed);
    }

private:
    StackEnvironment m_env;
    QString m_run;
};

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"
