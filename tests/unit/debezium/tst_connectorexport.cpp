// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the exports (JSON, curl, .properties, Strimzi), the outbox DDL, the PyFlink job, and of
// reading connector configs users bring.
#include "debezium/connectorconfig.h"
#include "debezium/connectorexport.h"
#include "debezium/outboxartifacts.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace cdc::debezium;

namespace {

ConnectorConfig sample()
{
    ConnectorConfig c;
    c.name = QStringLiteral("orders's outbox");
    c.config = {
        {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector")},
        {QStringLiteral("tasks.max"), QStringLiteral("1")},
        {QStringLiteral("database.password"), QStringLiteral("${file:/s.properties:pg.password}")},
        {QStringLiteral("predicates.p.pattern"), QStringLiteral("pg\\.public\\.outbox")},
        {QStringLiteral("note"), QStringLiteral("it's \"quoted\" = ok: été")}};
    return c;
}

QString runShell(const QString &script)
{
    QProcess p;
    p.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    p.waitForFinished(10000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TstConnectorExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postAndPutBodies()
    {
        const auto post = nlohmann::json::parse(exportConnector(sample(), ExportFormat::PostJson).toStdString());
        QCOMPARE(QString::fromStdString(post.at("name").get<std::string>()), sample().name);
        QCOMPARE(post.at("config").size(), 5u);
        QCOMPARE(QString::fromStdString(post.at("config").at("note").get<std::string>()),
                 sample().value(QStringLiteral("note")));
        const auto put = nlohmann::json::parse(exportConnector(sample(), ExportFormat::PutJson).toStdString());
        QVERIFY(!put.contains("name"));
        QCOMPARE(QString::fromStdString(put.at("predicates.p.pattern").get<std::string>()),
                 QStringLiteral("pg\\.public\\.outbox"));
    }

    void shellQuotingRoundTrips()
    {
        for (const QString &word : {QStringLiteral("plain"), QStringLiteral("it's"), QStringLiteral("$HOME `x` \"y\""),
                                    QStringLiteral("'")}) {
            QCOMPARE(runShell(QStringLiteral("printf %s ") + shellQuote(word)), word);
        }
    }

    void curlSendsTheConfigUnchanged()
    {
        // Replace curl by a function that prints its URL and body: the shell must pass both unchanged.
        const QString command =
            exportConnector(sample(), ExportFormat::Curl, {QStringLiteral("http://connect:8083/"), {}});
        const QString output = runShell(
            QStringLiteral("curl() { for a; do case $a in http*) echo \"$a\";; esac; done; cat; }\n") + command);
        const QString url = output.section(u'\n', 0, 0);
        QCOMPARE(url, QStringLiteral("http://connect:8083/connectors/orders%27s%20outbox/config"));
        const auto body = nlohmann::json::parse(output.section(u'\n', 1).toStdString());
        QCOMPARE(QString::fromStdString(body.at("database.password").get<std::string>()),
                 QStringLiteral("${file:/s.properties:pg.password}"));
        QCOMPARE(QString::fromStdString(body.at("note").get<std::string>()), sample().value(QStringLiteral("note")));
    }

    void propertiesFileEscapes()
    {
        const QString text = exportConnector(sample(), ExportFormat::Properties);
        QVERIFY(text.contains(QStringLiteral("\nname=orders's outbox\n")));
        QVERIFY(text.contains(QStringLiteral("\nnote=it's \"quoted\" = ok: \\u00e9t\\u00e9\n")));
        QVERIFY(text.contains(QStringLiteral("\npredicates.p.pattern=pg\\\\.public\\\\.outbox\n")));
        QVERIFY(text.contains(QStringLiteral("\ndatabase.password=${file:/s.properties:pg.password}\n")));
    }

    void strimziResource()
    {
        const QStringList lines =
            exportConnector(sample(), ExportFormat::Strimzi, {{}, QStringLiteral("Shop Connect")}).split(u'\n');
        QCOMPARE(lines.at(0), QStringLiteral("apiVersion: kafka.strimzi.io/v1beta2"));
        QCOMPARE(lines.at(1), QStringLiteral("kind: KafkaConnector"));
        QVERIFY(lines.contains(QStringLiteral("  name: orders-s-outbox")));
        QVERIFY(lines.contains(QStringLiteral("    strimzi.io/cluster: shop-connect")));
        QVERIFY(lines.contains(QStringLiteral("  class: \"io.debezium.connector.postgresql.PostgresConnector\"")));
        QVERIFY(lines.contains(QStringLiteral("  tasksMax: 1")));
        QVERIFY(lines.contains(QStringLiteral("    \"note\": \"it's \\\"quoted\\\" = ok: été\"")));
        QVERIFY(!lines.contains(QStringLiteral("    \"tasks.max\": \"1\"")));
    }

    void formatNames()
    {
        for (const QString &name : exportFormatNames())
            QVERIFY(exportFormatFromName(name).has_value());
        QVERIFY(!exportFormatFromName(QStringLiteral("xml")).has_value());
    }

    void outboxDdl()
    {
        const QString pg = outboxTableDdl(SqlFlavour::PostgreSQL, QStringLiteral("public.outbox"));
        QVERIFY(pg.contains(QStringLiteral("CREATE TABLE IF NOT EXISTS public.outbox")));
        QVERIFY(pg.contains(QStringLiteral("payload       jsonb")));
        QVERIFY(pg.contains(QStringLiteral("DEFAULT gen_random_uuid()")));
        const QString my = outboxTableDdl(SqlFlavour::MySQL);
        QVERIFY(my.contains(QStringLiteral("DEFAULT (UUID())")));
        QVERIFY(my.contains(QStringLiteral("payload       JSON,")));
        QVERIFY(!my.contains(QStringLiteral("REPLICA IDENTITY")));
        QVERIFY(outboxTableDdl(SqlFlavour::MariaDB).contains(QStringLiteral("DEFAULT UUID() ")));
    }

    void pyflinkJobCompiles()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        PyFlinkJobOptions options;
        options.groupId = QStringLiteral("group \"x\"");
        options.postgresTopicPattern = QStringLiteral("outbox\\.event\\.postgres\\..*");
        const QString job = pyFlinkUnionJob(options);
        QVERIFY(job.contains(QStringLiteral("UNION ALL")));
        QVERIFY(job.contains(QStringLiteral("source_database")));
        QVERIFY(job.contains(QStringLiteral("\"PG-\"")));
        QVERIFY(job.contains(QStringLiteral("\"MY-\"")));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("job.py"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(job.toUtf8());
        f.close();
        QProcess p;
        p.start(python, {QStringLiteral("-c"),
                         QStringLiteral("import ast,sys; t=ast.parse(open(sys.argv[1]).read()); "
                                        "d=[n for n in t.body if isinstance(n, ast.Assign)]; "
                                        "ns={}; [exec(compile(ast.Module([n],[]),'j','exec'),ns) for n in d]; "
                                        "print(ns['GROUP_ID']); print(ns['SOURCES']['postgres_outbox'][0])"),
                         file});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()),
                 QStringLiteral("group \"x\"\noutbox\\.event\\.postgres\\..*\n"));
        p.start(python, {QStringLiteral("-m"), QStringLiteral("py_compile"), file});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
    }

    void pyflinkOptionsComeFromTheConsumerAndSinkNodes()
    {
        cdc::topology::Project project;
        cdc::topology::Node consumerNode;
        consumerNode.kind = cdc::topology::NodeKind::Consumer;
        consumerNode.name = QStringLiteral("unified");
        consumerNode.properties = {{QStringLiteral("group.id"), QStringLiteral("g1")},
                                   {QStringLiteral("startup.mode"), QStringLiteral("latest-offset")},
                                   {QStringLiteral("parallelism"), QStringLiteral("3")}};
        cdc::topology::Node sinkNode;
        sinkNode.kind = cdc::topology::NodeKind::Sink;
        sinkNode.name = QStringLiteral("out");
        sinkNode.properties = {{QStringLiteral("type"), QStringLiteral("kafka")},
                               {QStringLiteral("topic"), QStringLiteral("unified.orders")}};
        project.nodes = {consumerNode, sinkNode};
        PyFlinkJobOptions options = pyFlinkOptionsFor(project);
        QVERIFY2(options.problems.isEmpty(), qPrintable(options.problems.join(u' ')));
        QCOMPARE(options.groupId, QStringLiteral("g1"));
        QCOMPARE(options.startupMode, QStringLiteral("latest-offset"));
        QCOMPARE(options.parallelism, 3);
        QCOMPARE(options.sink, PyFlinkJobOptions::Sink::Kafka);
        QCOMPARE(options.sinkTopic, QStringLiteral("unified.orders"));
        const QString job = pyFlinkUnionJob(options);
        QVERIFY(job.contains(QStringLiteral("STARTUP_MODE = \"latest-offset\"")));
        QVERIFY(job.contains(QStringLiteral("PARALLELISM = 3\n")));
        QVERIFY(job.contains(QStringLiteral("SINK = \"kafka\"")));
        QVERIFY(job.contains(QStringLiteral("SINK_TOPIC = \"unified.orders\"")));
        // Debezium's redeliveries are dropped by outbox id, with state that expires.
        QVERIFY(job.contains(QStringLiteral("PARTITION BY source_database, event_id")));
        QVERIFY(job.contains(QStringLiteral("table.exec.state.ttl")));
        QVERIFY(job.contains(QStringLiteral("execution.checkpointing.interval")));

        // What cannot be used is said, and the default stands in.
        project.nodes[0].properties[QStringLiteral("startup.mode")] = QStringLiteral("yesterday");
        project.nodes[0].properties[QStringLiteral("parallelism")] = QStringLiteral("0");
        project.nodes[1].properties[QStringLiteral("type")] = QStringLiteral("jdbc");
        project.nodes[1].properties[QStringLiteral("topic")] = QStringLiteral("no spaces please");
        options = pyFlinkOptionsFor(project);
        QCOMPARE(options.problems.size(), 4);
        QVERIFY(options.problems.at(0).contains(QStringLiteral("yesterday")));
        QCOMPARE(options.startupMode, QStringLiteral("group-offsets"));
        QCOMPARE(options.parallelism, 1);
        QCOMPARE(options.sink, PyFlinkJobOptions::Sink::Print);
        QCOMPARE(options.sinkTopic, QStringLiteral("unified.order"));

        // Issue #19: the brokers of a node's bootstrap.servers, as the lag samplers and the Doctor take them;
        // without group.id the job's default group, the one the Lag panel then charts.
        project.nodes[0].properties.remove(QStringLiteral("group.id"));
        project.nodes[0].properties[QStringLiteral("bootstrap.servers")] = QStringLiteral("broker:9092");
        options = pyFlinkOptionsFor(project);
        QCOMPARE(options.bootstrapServers, QStringLiteral("broker:9092"));
        QCOMPARE(options.groupId, PyFlinkJobOptions{}.groupId);
        QCOMPARE(consumerGroupOf(project.nodes[0]), PyFlinkJobOptions{}.groupId);
        QVERIFY(isPyFlinkConsumer(project.nodes[0]));
        project.nodes[0].properties[QStringLiteral("type")] = QStringLiteral("group");
        QVERIFY(!isPyFlinkConsumer(project.nodes[0]));
        QVERIFY(!isPyFlinkConsumer(project.nodes[1]));
    }

    void importsThreeForms()
    {
        const auto post = importConnectorJson(
            R"({"name":"a","config":{"connector.class":"X","tasks.max":1,"x.enabled":true}})", QStringLiteral("f"));
        QVERIFY(post.ok());
        QCOMPARE(post.value().form, ImportedConfigs::Form::PostBody);
        QCOMPARE(post.value().connectors.front().name, QStringLiteral("a"));
        QCOMPARE(post.value().connectors.front().value(QStringLiteral("tasks.max")), QStringLiteral("1"));
        QCOMPARE(post.value().connectors.front().value(QStringLiteral("x.enabled")), QStringLiteral("true"));

        const auto flat = importConnectorJson(R"({"name":"b","connector.class":"X","database.server.name":"old"})",
                                              QStringLiteral("f"));
        QVERIFY(flat.ok());
        QCOMPARE(flat.value().form, ImportedConfigs::Form::FlatConfig);
        QCOMPARE(flat.value().connectors.front().name, QStringLiteral("b"));
        QVERIFY(!flat.value().connectors.front().config.contains(QStringLiteral("name")));

        const auto project = importConnectorJson(
            R"({"format":1,"topology":{"nodes":[{"id":"d","kind":"postgres"},{"id":"c","kind":"connector","name":"n","properties":{"connector.class":"X"}}],"edges":[{"from":"d","to":"c"}]}})",
            QStringLiteral("f"));
        QVERIFY(project.ok());
        QCOMPARE(project.value().form, ImportedConfigs::Form::Project);
        QCOMPARE(project.value().connectors.front().databaseKind, QStringLiteral("postgres"));
        QCOMPARE(project.value().connectors.front().databaseNodeId, QStringLiteral("d"));
    }

    void importErrorsSayWhere()
    {
        const auto broken =
            importConnectorJson("{\n  \"name\": \"a\",\n  \"config\": {\n}}}", QStringLiteral("c.json"));
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().where, QStringLiteral("c.json:line 4, column 3"));
        const auto nested =
            importConnectorJson(R"({"config":{"connector.class":"X","bad":{"a":1}}})", QStringLiteral("c.json"));
        QVERIFY(!nested.ok());
        QCOMPARE(nested.error().where, QStringLiteral("c.json:/config/bad"));
        const auto noClass = importConnectorJson(R"({"name":"a"})", QStringLiteral("c.json"));
        QVERIFY(!noClass.ok());
        QVERIFY(noClass.error().what.contains(QStringLiteral("connector.class")));
        QVERIFY(isConfigProviderReference(QStringLiteral("${env:PW}")));
        QVERIFY(!isConfigProviderReference(QStringLiteral("pre${env:PW}")));
    }
};

QTEST_GUILESS_MAIN(TstConnectorExport)
#include "tst_connectorexport.moc"
