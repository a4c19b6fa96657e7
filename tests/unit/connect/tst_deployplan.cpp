// SPDX-License-Identifier: GPL-3.0-or-later
// Deploy plans: config diffs (name ignored, secrets masked), create/update/unchanged, drift, and the text.
#include "connect/deployplan.h"

#include <QTest>

using namespace cdc;
using namespace cdc::connect;

namespace {

using Config = QMap<QString, QString>;

debezium::ConnectorConfig projectConnector(const QString &name, const QString &nodeId, const Config &config)
{
    debezium::ConnectorConfig c;
    c.name = name;
    c.nodeId = nodeId;
    c.config = config;
    return c;
}

ConnectorOverview liveConnector(const QString &name, Config config)
{
    ConnectorOverview o;
    o.status.name = name;
    o.status.state = QStringLiteral("RUNNING");
    o.info.name = name;
    config.insert(QStringLiteral("name"), name); // Connect adds it to every stored config
    o.info.config = config;
    return o;
}

const Config kPostgres{
    {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector")},
    {QStringLiteral("database.hostname"), QStringLiteral("db1")},
    {QStringLiteral("database.password"), QStringLiteral("${file:/s.properties:pg.password}")},
    {QStringLiteral("topic.prefix"), QStringLiteral("pg")}};

} // namespace

class TstDeployPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diffIgnoresNameAndSortsByKey()
    {
        Config live = kPostgres;
        live.insert(QStringLiteral("name"), QStringLiteral("pg-outbox"));
        live.insert(QStringLiteral("tasks.max"), QStringLiteral("1"));
        Config project = kPostgres;
        project.insert(QStringLiteral("database.hostname"), QStringLiteral("db2"));
        project.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));

        const QList<ConfigChange> changes = diffConfigs(live, project);
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes[0].key, QStringLiteral("database.hostname"));
        QCOMPARE(changes[0].before, QStringLiteral("db1"));
        QCOMPARE(changes[0].after, QStringLiteral("db2"));
        QVERIFY(!changes[0].added && !changes[0].removed);
        QCOMPARE(changes[1].key, QStringLiteral("snapshot.mode"));
        QVERIFY(changes[1].added);
        QVERIFY(changes[1].before.isEmpty());
        QCOMPARE(changes[1].after, QStringLiteral("no_data"));
        QCOMPARE(changes[2].key, QStringLiteral("tasks.max"));
        QVERIFY(changes[2].removed);
        QCOMPARE(changes[2].before, QStringLiteral("1"));
        QVERIFY(changes[2].after.isEmpty());

        QVERIFY(diffConfigs(live, kPostgres).size() == 1); // only tasks.max; the name never counts
        QVERIFY(diffConfigs(kPostgres, kPostgres).isEmpty());
        Config renamed = kPostgres;
        renamed.insert(QStringLiteral("name"), QStringLiteral("other"));
        QVERIFY(diffConfigs(kPostgres, renamed).isEmpty());
    }

    void diffMasksSecrets()
    {
        Config project = kPostgres;
        project.insert(QStringLiteral("database.password"), QStringLiteral("${env:PG_PASSWORD}"));
        project.insert(QStringLiteral("database.ssl.truststore.password"), QStringLiteral("hunter2"));
        const QList<ConfigChange> changes = diffConfigs(kPostgres, project);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes[0].key, QStringLiteral("database.password"));
        QCOMPARE(changes[0].before, QStringLiteral("••••"));
        QCOMPARE(changes[0].after, QStringLiteral("••••"));
        QCOMPARE(changes[1].key, QStringLiteral("database.ssl.truststore.password"));
        QVERIFY(changes[1].added);
        QCOMPARE(changes[1].after, QStringLiteral("••••"));
        const DeployPlan plan =
            planDeploy({projectConnector(QStringLiteral("pg-outbox"), QStringLiteral("n1"), project)},
                       {liveConnector(QStringLiteral("pg-outbox"), kPostgres)});
        QVERIFY(!describePlan(plan).contains(QStringLiteral("hunter2")));
        QVERIFY(!describePlan(plan).contains(QStringLiteral("PG_PASSWORD")));
    }

    void planCreatesUpdatesAndLeavesAlone()
    {
        Config mysql{
            {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector")},
            {QStringLiteral("topic.prefix"), QStringLiteral("mysql")}};
        Config changedMysql = mysql;
        changedMysql.insert(QStringLiteral("topic.prefix"), QStringLiteral("maria"));
        changedMysql.insert(QStringLiteral("tasks.max"), QStringLiteral("1"));
        const std::vector<debezium::ConnectorConfig> project{
            projectConnector(QStringLiteral("pg-outbox"), QStringLiteral("connector-postgres"), kPostgres),
            projectConnector(QStringLiteral("mysql-outbox"), QStringLiteral("connector-mysql"), changedMysql),
            projectConnector(QStringLiteral("audit"), QStringLiteral("connector-audit"), kPostgres)};
        const QList<ConnectorOverview> live{liveConnector(QStringLiteral("audit"), kPostgres),
                                            liveConnector(QStringLiteral("legacy"), mysql),
                                            liveConnector(QStringLiteral("mysql-outbox"), mysql)};

        const DeployPlan plan = planDeploy(project, live);
        QCOMPARE(plan.connectors.size(), 3);
        QCOMPARE(plan.connectors[0].name, QStringLiteral("pg-outbox"));
        QCOMPARE(plan.connectors[0].nodeId, QStringLiteral("connector-postgres"));
        QCOMPARE(plan.connectors[0].action, PlannedConnector::Action::Create);
        QCOMPARE(plan.connectors[0].config, kPostgres);
        QVERIFY(plan.connectors[0].changes.isEmpty());
        QCOMPARE(plan.connectors[1].action, PlannedConnector::Action::Update);
        QCOMPARE(plan.connectors[1].changes.size(), 2);
        QCOMPARE(plan.connectors[1].config, changedMysql);
        QCOMPARE(plan.connectors[2].action, PlannedConnector::Action::Unchanged);
        QCOMPARE(plan.onlyOnCluster, QStringList{QStringLiteral("legacy")});
        QCOMPARE(plan.count(PlannedConnector::Action::Create), 1);
        QCOMPARE(plan.count(PlannedConnector::Action::Update), 1);
        QCOMPARE(plan.count(PlannedConnector::Action::Unchanged), 1);
        QVERIFY(!plan.nothingToDo());

        // Only some nodes: the others are neither planned nor drift.
        const DeployPlan some = planDeploy(project, live, {QStringLiteral("connector-audit")});
        QCOMPARE(some.connectors.size(), 1);
        QCOMPARE(some.connectors[0].name, QStringLiteral("audit"));
        QVERIFY(some.nothingToDo());
        QCOMPARE(some.onlyOnCluster, QStringList{QStringLiteral("legacy")});

        const DeployPlan fresh = planDeploy(project, {});
        QCOMPARE(fresh.count(PlannedConnector::Action::Create), 3);
        QVERIFY(fresh.onlyOnCluster.isEmpty());
    }

    void describePlanAsText()
    {
        Config live = kPostgres;
        live.insert(QStringLiteral("tasks.max"), QStringLiteral("1"));
        Config project = kPostgres;
        project.insert(QStringLiteral("database.hostname"), QStringLiteral("db2"));
        project.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));
        const DeployPlan plan = planDeploy(
            {projectConnector(QStringLiteral("pg-outbox"), QStringLiteral("n1"), kPostgres),
             projectConnector(QStringLiteral("mysql-outbox"), QStringLiteral("n2"), project),
             projectConnector(QStringLiteral("audit"), QStringLiteral("n3"), kPostgres)},
            {liveConnector(QStringLiteral("mysql-outbox"), live), liveConnector(QStringLiteral("audit"), kPostgres),
             liveConnector(QStringLiteral("legacy"), kPostgres)});
        const QStringList lines = describePlan(plan).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines[0], QStringLiteral("create  pg-outbox"));
        QCOMPARE(lines[1], QStringLiteral("update  mysql-outbox (3 changes)"));
        QCOMPARE(lines[2], QStringLiteral("    ~ database.hostname: db1 → db2"));
        QCOMPARE(lines[3], QStringLiteral("    + snapshot.mode: no_data"));
        QCOMPARE(lines[4], QStringLiteral("    - tasks.max"));
        QCOMPARE(lines[5], QStringLiteral("unchanged  audit"));
        QVERIFY2(lines[6].startsWith(QStringLiteral("cluster only  legacy")), qPrintable(lines[6]));

        QCOMPARE(actionName(PlannedConnector::Action::Create), QStringLiteral("create"));
        QCOMPARE(actionName(PlannedConnector::Action::Update), QStringLiteral("update"));
        QCOMPARE(actionName(PlannedConnector::Action::Unchanged), QStringLiteral("unchanged"));
        QVERIFY(!describePlan({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstDeployPlan)
#include "tst_deployplan.moc"
