// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor against servers misconfigured on purpose at server level: a PostgreSQL with wal_level=replica
// and a MariaDB with binlog_format=STATEMENT, each a throwaway server of this test (the shared stack's
// global settings are never touched). Each run must find exactly that fault, with the right fix.
#include "debezium/outboxartifacts.h"
#include "doctor/doctorrun.h"
#include "doctorfixtures.h"
#include "stackclient.h"

#include <QTest>

using namespace cdc;
using namespace cdc::e2e;

namespace {

doctor::DoctorOptions databasesOnly()
{
    doctor::DoctorOptions o;
    o.project = false;
    o.connect = false;
    o.kafka = false;
    return o;
}

void verifyNoSecret(const doctor::Findings &findings, const QString &secret)
{
    for (const doctor::Finding &f : findings) {
        QVERIFY2(!f.evidence.contains(secret) && !f.title.contains(secret) && !f.fix.contains(secret),
                 qPrintable(f.check));
    }
}

} // namespace

class TestDoctorServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_run = randomSecret().left(8);
    }

    void walLevelReplicaIsFound()
    {
        ThrowawayPostgres server;
        QVERIFY2(server.start({QStringLiteral("wal_level=replica")}), qPrintable(server.error()));
        const QString password = randomSecret();
        QString error;
        QVERIFY2(runSql(server.admin(),
                        {QStringLiteral("CREATE ROLE debezium LOGIN REPLICATION PASSWORD '%1'").arg(password),
                         QStringLiteral("CREATE DATABASE capstone OWNER debezium")},
                        error),
                 qPrintable(error));
        QVERIFY2(runSql(server.admin(QStringLiteral("capstone")),
                        {QStringLiteral("SET ROLE debezium"),
                         debezium::outboxTableDdl(debezium::SqlFlavour::PostgreSQL, QStringLiteral("public.outbox"))},
                        error),
                 qPrintable(error));

        QTemporaryDir secrets;
        topology::Project project = doctorProject(m_env, m_run);
        setConnectorProperty(project, QStringLiteral("postgres"), QStringLiteral("database.port"),
                             QString::number(server.port()));
        setConnectorProperty(project, QStringLiteral("postgres"), QStringLiteral("database.password"),
                             writeSecret(secrets, QStringLiteral("pg.password"), password));
        doctor::DoctorPlan plan = doctor::planFor(project, &m_env);
        plan.mysql.clear();
        const doctor::Findings findings = doctor::runDoctor(plan, databasesOnly());

        QCOMPARE(problemChecks(findings), QStringList{QStringLiteral("pg.wal-level")});
        const doctor::Finding *wal = findingOf(findings, QStringLiteral("pg.wal-level"));
        QCOMPARE(wal->severity, doctor::Severity::Error);
        QCOMPARE(wal->title, QStringLiteral("wal_level is replica; Debezium needs logical."));
        QCOMPARE(wal->evidence, QStringLiteral("SHOW wal_level\n→ replica"));
        QVERIFY2(wal->fix.startsWith(QStringLiteral("ALTER SYSTEM SET wal_level = logical;\n")), qPrintable(wal->fix));
        QVERIFY(wal->fix.contains(QStringLiteral("restart PostgreSQL")));
        QCOMPARE(wal->guide, QStringLiteral("wal-level"));
        QVERIFY(!wal->applicable()); // a restart is a person's decision
        // Everything else on that server is as Debezium wants it.
        QCOMPARE(findingOf(findings, QStringLiteral("pg.role-replication"))->severity, doctor::Severity::Ok);
        QCOMPARE(findingOf(findings, QStringLiteral("pg.outbox-columns"))->severity, doctor::Severity::Ok);
        verifyNoSecret(findings, password);
    }

    void binlogFormatStatementIsFound()
    {
        ThrowawayMariaDb server;
        QVERIFY2(server.start({QStringLiteral("--log-bin"), QStringLiteral("--binlog-format=STATEMENT"),
                               QStringLiteral("--server-id=1")}),
                 qPrintable(server.error()));
        const QString password = randomSecret();
        QString error;
        QVERIFY2(runSql(server.admin(),
                        {QStringLiteral("CREATE DATABASE capstone"),
                         QStringLiteral("CREATE USER 'debezium'@'%' IDENTIFIED BY '%1'").arg(password),
                         QStringLiteral("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT "
                                        "ON *.* TO 'debezium'@'%'"),
                         debezium::outboxTableDdl(debezium::SqlFlavour::MariaDB, QStringLiteral("capstone.outbox"))},
                        error),
                 qPrintable(error));

        QTemporaryDir secrets;
        topology::Project project = doctorProject(m_env, m_run);
        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("database.port"),
                             QString::number(server.port()));
        setConnectorProperty(project, QStringLiteral("mysql"), QStringLiteral("database.password"),
                             writeSecret(secrets, QStringLiteral("mysql.password"), password));
        doctor::DoctorPlan plan = doctor::planFor(project, &m_env);
        plan.postgres.clear();
        doctor::Findings findings = doctor::runDoctor(plan, databasesOnly());

        QCOMPARE(problemChecks(findings), QStringList{QStringLiteral("my.binlog-format")});
        const doctor::Finding *format = findingOf(findings, QStringLiteral("my.binlog-format"));
        QCOMPARE(format->severity, doctor::Severity::Error);
        QCOMPARE(format->title, QStringLiteral("binlog_format is STATEMENT; Debezium needs ROW."));
        QCOMPARE(format->evidence,
                 QStringLiteral("SHOW GLOBAL VARIABLES LIKE 'binlog_format'\n→ binlog_format | STATEMENT"));
        QVERIFY2(format->fix.startsWith(QStringLiteral("SET GLOBAL binlog_format = 'ROW';")), qPrintable(format->fix));
        QVERIFY(format->fix.endsWith(QStringLiteral("binlog_format = ROW")));
        QCOMPARE(format->guide, QStringLiteral("binlog-format"));
        QCOMPARE(findingOf(findings, QStringLiteral("my.grants"))->severity, doctor::Severity::Ok);
        verifyNoSecret(findings, password);

        // The fix, applied to this server of our own, clears the finding.
        QVERIFY2(runSql(server.admin(), {QStringLiteral("SET GLOBAL binlog_format = 'ROW'")}, error),
                 qPrintable(error));
        findings = doctor::runDoctor(plan, databasesOnly());
        QCOMPARE(problemChecks(findings), QStringList{});
        QCOMPARE(findingOf(findings, QStringLiteral("my.binlog-format"))->severity, doctor::Severity::Ok);
    }

private:
    StackEnvironment m_env;
    QString m_run;
};

QTEST_GUILESS_MAIN(TestDoctorServers)
#include "tst_doctorservers.moc"
