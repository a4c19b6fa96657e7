// SPDX-License-Identifier: GPL-3.0-or-later
// The Kafka Connect and Kafka checks over what a worker and the brokers answered, and the plan the
// Doctor builds from the capstone template: no network needed.
#include "core/stackenvironment.h"
#include "doctor/connectchecks.h"
#include "doctor/doctorplan.h"
#include "doctor/kafkachecks.h"
#include "topology/templates.h"
#include "tracesamples.h"

#include <QTest>

using namespace cdc;
using namespace cdc::doctor;

namespace {

DoctorPlan capstonePlan()
{
    const Result<topology::Project> project =
        topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone")));
    if (!project)
        qFatal("capstone template: %s", qPrintable(project.error().toString()));
    return planFor(project.value(), nullptr);
}

connect::PluginInfo plugin(const char *cls, const char *version)
{
    return {QString::fromLatin1(cls), QStringLiteral("source"), QString::fromLatin1(version)};
}

WorkerState workerWith(QList<connect::ConnectorOverview> connectors)
{
    WorkerState w;
    w.reached = true;
    w.url = QStringLiteral("http://127.0.0.1:18083");
    w.plugins = {plugin("io.debezium.connector.postgresql.PostgresConnector", "3.5.0.Final"),
                 plugin("io.debezium.connector.mariadb.MariaDbConnector", "3.5.0.Final"),
                 plugin("io.debezium.connector.mysql.MySqlConnector", "3.5.0.Final")};
    w.connectors = std::move(connectors);
    return w;
}

connect::ConnectorOverview overview(const QString &name, const QString &state, const QString &taskState,
                                    const QString &trace = {}, QMap<QString, QString> config = {})
{
    connect::ConnectorOverview o;
    o.status.name = name;
    o.status.state = state;
    o.status.tasks = {connect::TaskStatus{0, taskState, QStringLiteral("127.0.0.1:18083"), trace}};
    o.info.name = name;
    o.info.config = std::move(config);
    return o;
}

const Finding *find(const Findings &findings, const QString &check, const QString &subject)
{
    for (const Finding &f : findings) {
        if (f.check == check && f.subject == subject)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestConnectChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planOfTheCapstone()
    {
        const DoctorPlan plan = capstonePlan();
        QCOMPARE(plan.postgres.size(), size_t(1));
        QCOMPARE(plan.mysql.size(), size_t(1));
        const PostgresTarget &pg = plan.postgres.front();
        QCOMPARE(pg.endpoint.port, 15432);
        QCOMPARE(pg.endpoint.database, QStringLiteral("capstone"));
        QCOMPARE(pg.endpoint.user, QStringLiteral("debezium"));
        QCOMPARE(pg.connectors.front().name, QStringLiteral("postgres-outbox"));
        QCOMPARE(pg.connectors.front().tables, QStringList{QStringLiteral("public.outbox")});
        QCOMPARE(pg.connectors.front().outboxTable, QStringLiteral("public.outbox"));
        QVERIFY(pg.connectors.front().outboxRouter);
        QVERIFY(pg.connectors.front().outbox.expandJson);
        QCOMPARE(pg.connectors.front().outbox.routeBy, QStringLiteral("aggregatetype"));
        QCOMPARE(plan.mysql.front().endpoint.port, 13306);
        QCOMPARE(plan.mysql.front().connectors.front().outboxTable, QStringLiteral("capstone.outbox"));
        QVERIFY(plan.hasCluster);
        QCOMPARE(plan.cluster.url.toString(), QStringLiteral("http://127.0.0.1:18083"));
    }

    void regexTableEntriesAreNotLookedUp()
    {
        debezium::ConnectorConfig c;
        c.name = QStringLiteral("x");
        c.config.insert(QStringLiteral("table.include.list"), QStringLiteral("public.outbox, public\\.orders_.*"));
        QCOMPARE(connectorTarget(c).tables, QStringList{QStringLiteral("public.outbox")});
    }

    void unreachableWorkerIsOneError()
    {
        WorkerState w;
        w.url = QStringLiteral("http://127.0.0.1:1");
        w.error = QStringLiteral("Connection refused");
        const Findings f = checkPlugins(w, capstonePlan());
        QCOMPARE(f.size(), size_t(1));
        QCOMPARE(f.front().severity, Severity::Error);
        QVERIFY(f.front().evidence.contains(QStringLiteral("Connection refused")));
        QVERIFY(checkConnectorStates(w, capstonePlan()).empty());
    }

    void pluginsPresentAndMissing()
    {
        WorkerState w = workerWith({});
        Findings f = checkPlugins(w, capstonePlan());
        QCOMPARE(f.size(), size_t(2));
        for (const Finding &p : f)
            QCOMPARE(p.severity, Severity::Ok);
        QCOMPARE(f.front().title, QStringLiteral("PostgresConnector 3.5.0.Final is installed on the worker."));

        w.plugins.removeAt(1); // no MariaDB connector
        f = checkPlugins(w, capstonePlan());
        QCOMPARE(f.size(), size_t(2));
        QCOMPARE(f.at(1).severity, Severity::Error);
        QCOMPARE(f.at(1).databaseKind, QStringLiteral("mysql"));
        QCOMPARE(f.at(1).guide, QStringLiteral("plugin-missing"));
        QVERIFY(f.at(1).fix.contains(QStringLiteral("plugin.path")));
    }

    void mixedDebeziumReleasesWarn()
    {
        WorkerState w = workerWith({});
        w.plugins[2].version = QStringLiteral("3.4.0.Final");
        const Findings f = checkPlugins(w, capstonePlan());
        QCOMPARE(f.size(), size_t(3));
        QCOMPARE(f.back().check, QStringLiteral("connect.plugin-versions"));
        QCOMPARE(f.back().severity, Severity::Warning);
    }

    void classesTheWorkerDoesNotHave()
    {
        // Issue 21: with the full plugin list, each transform/predicate/converter class a connector names
        // must be on it; the capstone's are, a converter the worker lacks is an error.
        WorkerState w = workerWith({});
        w.pluginClasses = {QStringLiteral("io.debezium.transforms.outbox.EventRouter"),
                           QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatches"),
                           QStringLiteral("org.apache.kafka.connect.json.JsonConverter"),
                           QStringLiteral("org.apache.kafka.connect.storage.StringConverter")};
        QCOMPARE(checkPlugins(w, capstonePlan()).size(), size_t(2)); // the two connectors, installed
        DoctorPlan plan = capstonePlan();
        plan.mysql.front().connectors.front().config.insert(QStringLiteral("value.converter"),
                                                            QStringLiteral("io.confluent.connect.avro.AvroConverter"));
        const Findings f = checkPlugins(w, plan);
        const Finding *missing = find(f, QStringLiteral("connect.plugin-class"), QStringLiteral("mysql-outbox"));
        QVERIFY(missing);
        QCOMPARE(missing->severity, Severity::Error);
        QVERIFY2(missing->title.contains(QStringLiteral("io.confluent.connect.avro.AvroConverter")),
                 qPrintable(missing->title));
        QVERIFY(missing->evidence.contains(QStringLiteral("connectorsOnly=false")));
        // A worker that did not list its plugins leaves the check out.
        w.pluginClasses.clear();
        QVERIFY(!find(checkPlugins(w, plan), QStringLiteral("connect.plugin-class"), QStringLiteral("mysql-outbox")));
    }

    void connectorStates()
    {
        const WorkerState w = workerWith(
            {overview(QStringLiteral("postgres-outbox"), QStringLiteral("RUNNING"), QStringLiteral("RUNNING")),
             overview(QStringLiteral("mysql-outbox"), QStringLiteral("RUNNING"), QStringLiteral("FAILED"),
                      QString::fromLatin1(samples::kDuplicateServerIdTrace))});
        const Findings f = checkConnectorStates(w, capstonePlan());
        QCOMPARE(f.size(), size_t(2));
        const Finding *pg = find(f, QStringLiteral("connect.connector-state"), QStringLiteral("postgres-outbox"));
        QVERIFY(pg);
        QCOMPARE(pg->severity, Severity::Ok);
        QCOMPARE(pg->databaseKind, QStringLiteral("postgres"));
        const Finding *my = find(f, QStringLiteral("connect.connector-state"), QStringLiteral("mysql-outbox"));
        QVERIFY(my);
        QCOMPARE(my->severity, Severity::Error);
        QCOMPARE(my->guide, QStringLiteral("duplicate-server-id"));
        QVERIFY(my->title.startsWith(QStringLiteral("Task 0 is FAILED: database.server.id must be unique")));
        QVERIFY(my->evidence.contains(QStringLiteral("→ task 0 FAILED on 127.0.0.1:18083")));
        QVERIFY(my->evidence.contains(QStringLiteral("→ trace: Caused by: io.debezium.DebeziumException: A slave")));
        QCOMPARE(my->apply.kind, ApplyAction::Kind::RestartConnector);
        QCOMPARE(my->apply.connector, QStringLiteral("mysql-outbox"));
    }

    void undeployedAndStoppedAreNotes()
    {
        const WorkerState w = workerWith(
            {overview(QStringLiteral("postgres-outbox"), QStringLiteral("STOPPED"), QStringLiteral("STOPPED"))});
        const Findings f = checkConnectorStates(w, capstonePlan());
        QCOMPARE(f.size(), size_t(2));
        QCOMPARE(f.at(0).severity, Severity::Info);
        QCOMPARE(f.at(0).title, QStringLiteral("STOPPED: it does not stream now."));
        QCOMPARE(f.at(1).severity, Severity::Info);
        QCOMPARE(f.at(1).title, QStringLiteral("Not deployed on the worker yet."));
    }

    void serverIdUsedByAnotherConnectorOnTheWorker()
    {
        const QMap<QString, QString> other{{QStringLiteral("database.server.id"), QStringLiteral("184054")},
                                           {QStringLiteral("database.hostname"), QStringLiteral("127.0.0.1")},
                                           {QStringLiteral("database.port"), QStringLiteral("13306")}};
        WorkerState w = workerWith({overview(QStringLiteral("legacy-mysql"), QStringLiteral("RUNNING"),
                                             QStringLiteral("RUNNING"), {}, other)});
        Findings f = checkWorkerServerIds(w, capstonePlan());
        QCOMPARE(f.size(), size_t(1));
        QCOMPARE(f.front().check, QStringLiteral("connect.server-id"));
        QCOMPARE(f.front().severity, Severity::Error);
        QCOMPARE(f.front().subject, QStringLiteral("mysql-outbox"));
        QCOMPARE(f.front().fix, QStringLiteral("\"database.server.id\": \"184055\""));

        // Another server, or the connector itself, is no clash.
        QMap<QString, QString> elsewhere = other;
        elsewhere.insert(QStringLiteral("database.port"), QStringLiteral("3306"));
        w = workerWith({overview(QStringLiteral("legacy-mysql"), QStringLiteral("RUNNING"), QStringLiteral("RUNNING"),
                                 {}, elsewhere),
                        overview(QStringLiteral("mysql-outbox"), QStringLiteral("RUNNING"), QStringLiteral("RUNNING"),
                                 {}, other)});
        QVERIFY(checkWorkerServerIds(w, capstonePlan()).empty());
    }

    void routedTopics()
    {
        ClusterFacts facts;
        facts.topics = {QStringLiteral("outbox.event.postgres.order"), QStringLiteral("other")};
        facts.autoCreate = false;
        const QString bootstrap = QStringLiteral("127.0.0.1:19092");
        Finding f = routedTopicsFinding(QStringLiteral("pg"), QStringLiteral("postgres"),
                                        QStringLiteral("outbox.event.postgres."), facts, false, bootstrap);
        QCOMPARE(f.severity, Severity::Ok);
        QCOMPARE(f.title, QStringLiteral("1 topic(s) outbox.event.postgres.* exist."));
        QVERIFY(f.evidence.contains(QStringLiteral("→ topics outbox.event.postgres.*: outbox.event.postgres.order")));

        // None yet: fine when the brokers or Connect create them, a warning when nobody will.
        f = routedTopicsFinding(QStringLiteral("my"), QStringLiteral("mysql"), QStringLiteral("outbox.event.mysql."),
                                facts, true, bootstrap);
        QCOMPARE(f.severity, Severity::Ok);
        facts.autoCreate = true;
        f = routedTopicsFinding(QStringLiteral("my"), QStringLiteral("mysql"), QStringLiteral("outbox.event.mysql."),
                                facts, false, bootstrap);
        QCOMPARE(f.severity, Severity::Ok);
        QCOMPARE(f.title, QStringLiteral("No topic outbox.event.mysql.* exists yet; the brokers create them on the "
                                         "first event."));
        facts.autoCreate = false;
        f = routedTopicsFinding(QStringLiteral("my"), QStringLiteral("mysql"), QStringLiteral("outbox.event.mysql."),
                                facts, false, bootstrap);
        QCOMPARE(f.severity, Severity::Warning);
        QCOMPARE(f.guide, QStringLiteral("routed-topics"));
        QVERIFY(f.fix.contains(QStringLiteral("topic.creation.default.partitions")));
        QVERIFY(f.evidence.endsWith(QStringLiteral("→ auto.create.topics.enable=false")));
    }

    void consumerGroups()
    {
        const QString b = QStringLiteral("127.0.0.1:19092");
        Finding f = consumerGroupFinding(QStringLiteral("unified-orders"), QStringLiteral("PyFlink"),
                                         GroupFacts{QStringLiteral("Stable"), 2, {}, {}}, b);
        QCOMPARE(f.severity, Severity::Ok);
        QCOMPARE(f.title, QStringLiteral("Consumer group unified-orders is consuming with 2 member(s)."));
        QCOMPARE(f.evidence, QStringLiteral("DescribeConsumerGroups(unified-orders) at 127.0.0.1:19092\n→ state=Stable "
                                            "members=2"));
        QCOMPARE(
            consumerGroupFinding(QStringLiteral("g"), {}, GroupFacts{QStringLiteral("Empty"), 0, {}, {}}, b).severity,
            Severity::Info);
        f = consumerGroupFinding(QStringLiteral("g"), {}, GroupFacts{QStringLiteral("Dead"), 0, {}, {}}, b);
        QCOMPARE(f.severity, Severity::Info);
        QCOMPARE(f.title, QStringLiteral("Consumer group g does not exist yet: the consumer has not run."));
        QCOMPARE(consumerGroupFinding(QStringLiteral("g"), {}, GroupFacts{{}, 0, QStringLiteral("timed out"), {}}, b)
                     .severity,
                 Severity::Warning);
        // Not asked of a broker without DescribeGroups (the sandbox's mock cluster): a note, with the reason.
        f = consumerGroupFinding(QStringLiteral("g"), QStringLiteral("PyFlink"),
                                 GroupFacts{{}, 0, {}, QStringLiteral("the brokers' ApiVersions (b:1/1) offer no X")},
                                 b);
        QCOMPARE(f.severity, Severity::Info);
        QCOMPARE(f.title, QStringLiteral("Consumer group g was not checked: not supported by this broker."));
        QCOMPARE(f.evidence, QStringLiteral("DescribeConsumerGroups(g) at 127.0.0.1:19092\n→ not sent: the brokers' "
                                            "ApiVersions (b:1/1) offer no X"));
        QVERIFY(f.fix.isEmpty());
    }

    void historyTopic_data()
    {
        QTest::addColumn<int>("partitions"); // -1: no topic
        QTest::addColumn<QString>("retentionMs");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<bool>("deployed");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("fixHas");
        QTest::newRow("as Debezium makes it") << 1 << QStringLiteral("9223372036854775807") << QStringLiteral("delete")
                                              << true << int(Severity::Ok) << QString();
        QTest::newRow("infinite -1") << 1 << QStringLiteral("-1") << QStringLiteral("delete") << false
                                     << int(Severity::Ok) << QString();
        QTest::newRow("missing, not deployed")
            << -1 << QString() << QString() << false << int(Severity::Info) << QString();
        QTest::newRow("missing, deployed")
            << -1 << QString() << QString() << true << int(Severity::Error) << QStringLiteral("snapshot.mode");
        QTest::newRow("three partitions") << 3 << QStringLiteral("-1") << QStringLiteral("delete") << true
                                          << int(Severity::Error) << QStringLiteral("--partitions 1");
        QTest::newRow("seven days") << 1 << QStringLiteral("604800000") << QStringLiteral("delete") << true
                                    << int(Severity::Warning) << QStringLiteral("retention.ms=-1");
        QTest::newRow("compacted") << 1 << QStringLiteral("-1") << QStringLiteral("compact") << true
                                   << int(Severity::Warning) << QStringLiteral("cleanup.policy=delete");
    }

    void historyTopic()
    {
        QFETCH(int, partitions);
        QFETCH(QString, retentionMs);
        QFETCH(QString, policy);
        QFETCH(bool, deployed);
        QFETCH(int, severity);
        QFETCH(QString, fixHas);
        TopicFacts facts;
        if (partitions >= 0) {
            facts.partitions = partitions;
            facts.configs = {{QStringLiteral("retention.ms"), retentionMs},
                             {QStringLiteral("retention.bytes"), QStringLiteral("-1")},
                             {QStringLiteral("cleanup.policy"), policy}};
        }
        const Finding f = historyTopicFinding(QStringLiteral("mysql-outbox"), QStringLiteral("schema-changes.mysql"),
                                              facts, deployed, QStringLiteral("127.0.0.1:19092"));
        QCOMPARE(f.check, QStringLiteral("kafka.history-topic"));
        QCOMPARE(int(f.severity), severity);
        QCOMPARE(f.fix.contains(fixHas), true);
        QCOMPARE(f.fix.isEmpty(), fixHas.isEmpty());
        if (f.severity == Severity::Error || f.severity == Severity::Warning)
            QCOMPARE(f.guide, QStringLiteral("history-topic"));
    }
};

QTEST_GUILESS_MAIN(TestConnectChecks)
#include "tst_connectchecks.moc"
