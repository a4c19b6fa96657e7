// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Kafka Connect answer parsers, offset descriptions, stack-trace summaries and secret keys.
#include "connect/connecttypes.h"
#include "connectsamples.h"
#include "topology/projectfile.h"

#include <QJsonDocument>
#include <QTest>

using namespace cdc::connect;
namespace samples = cdc::connectsamples;

namespace {

template<typename T>
cdc::Error errorOf(const cdc::Result<T> &result)
{
    if (result)
        return cdc::Error{QStringLiteral("parsed without an error"), QStringLiteral("-"), {}};
    return result.error();
}

} // namespace

class TstConnectTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesServerInfo()
    {
        const auto info = parseServerInfo(samples::serverInfo);
        QVERIFY2(info.ok(), qPrintable(info ? QString() : info.error().toString()));
        QCOMPARE(info.value().version, QStringLiteral("4.1.0"));
        QCOMPARE(info.value().commit, QStringLiteral("13f70256db3c994c"));
        QCOMPARE(info.value().clusterId, QStringLiteral("5L6g3nShT-eMCtK--X86sw"));
    }

    void parsesPlugins()
    {
        const auto plugins = parsePlugins(samples::plugins);
        QVERIFY2(plugins.ok(), qPrintable(plugins ? QString() : plugins.error().toString()));
        QCOMPARE(plugins.value().size(), 5);
        QCOMPARE(plugins.value().at(1).className, QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"));
        QCOMPARE(plugins.value().at(1).type, QStringLiteral("source"));
        QCOMPARE(plugins.value().at(1).version, QStringLiteral("3.5.0.Final"));
    }

    void parsesAFailedStatus()
    {
        const auto status = parseConnectorStatus(samples::statusFailed);
        QVERIFY2(status.ok(), qPrintable(status ? QString() : status.error().toString()));
        const ConnectorStatus &s = status.value();
        QCOMPARE(s.name, QStringLiteral("inventory-pg"));
        QCOMPARE(s.state, QStringLiteral("RUNNING"));
        QCOMPARE(s.workerId, QStringLiteral("172.18.0.6:8083"));
        QCOMPARE(s.type, QStringLiteral("source"));
        QVERIFY(s.trace.isEmpty());
        QCOMPARE(s.tasks.size(), 2);
        // Sorted by task id.
        QCOMPARE(s.tasks.at(0).id, 0);
        QCOMPARE(s.tasks.at(0).state, QStringLiteral("FAILED"));
        QVERIFY(s.tasks.at(0).trace.contains(QStringLiteral("\n\tat io.debezium.pipeline.ErrorHandler")));
        QCOMPARE(firstUsefulTraceLine(s.tasks.at(0).trace),
                 QStringLiteral("org.postgresql.util.PSQLException: ERROR: replication slot \"debezium_inventory\" "
                                "does not exist"));
        QCOMPARE(s.tasks.at(1).id, 1);
        QVERIFY(s.tasks.at(1).trace.isEmpty());
    }

    void parsesConnectorInfoAndConfig()
    {
        const auto info = parseConnectorInfo(samples::info);
        QVERIFY2(info.ok(), qPrintable(info ? QString() : info.error().toString()));
        QCOMPARE(info.value().name, QStringLiteral("inventory-pg"));
        QCOMPARE(info.value().type, QStringLiteral("source"));
        QCOMPARE(info.value().connectorClass(), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"));
        QCOMPARE(info.value().config.value(QStringLiteral("slot.name")), QStringLiteral("debezium_inventory"));
        QCOMPARE(info.value().config.size(), 11);
        QCOMPARE(info.value().taskIds, QList<int>{0});

        const auto config = parseConnectorConfig(samples::config);
        QVERIFY2(config.ok(), qPrintable(config ? QString() : config.error().toString()));
        QCOMPARE(config.value().value(QStringLiteral("database.server.id")), QStringLiteral("184054"));
        QCOMPARE(config.value().size(), 6);
    }

    void parsesOverviewsSortedByName()
    {
        const auto list = parseConnectorOverviews(samples::overviews);
        QVERIFY2(list.ok(), qPrintable(list ? QString() : list.error().toString()));
        QCOMPARE(list.value().size(), 2);
        QCOMPARE(list.value().at(0).status.name, QStringLiteral("inventory-mysql"));
        QCOMPARE(list.value().at(0).status.state, QStringLiteral("STOPPED"));
        QVERIFY(list.value().at(0).info.taskIds.isEmpty());
        QCOMPARE(list.value().at(1).info.connectorClass(),
                 QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"));
        QCOMPARE(list.value().at(1).status.tasks.size(), 1);

        const auto empty = parseConnectorOverviews("{}");
        QVERIFY(empty.ok());
        QVERIFY(empty.value().isEmpty());
    }

    void parsesValidation()
    {
        const auto result = parseValidation(samples::validation);
        QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
        const ValidationResult &v = result.value();
        QCOMPARE(v.connectorClass, QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"));
        QCOMPARE(v.errorCount, 1);
        QCOMPARE(v.properties.size(), 5);
        QCOMPARE(v.properties.at(0).name, QStringLiteral("name"));
        QVERIFY(v.properties.at(0).required);
        QCOMPARE(v.properties.at(0).group, QStringLiteral("Common"));
        QCOMPARE(v.properties.at(2).value, QStringLiteral("5432"));
        QVERIFY(v.properties.at(4).value.isEmpty()); // null: not set
        const QList<PropertyValidation> refused = v.withErrors();
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).name, QStringLiteral("database.hostname"));
        QVERIFY(refused.at(0).errors.value(0).startsWith(QStringLiteral("Unable to connect: Connection to postgres")));
    }

    void parsesOffsetsAndDescribesThem()
    {
        const auto pg = parseOffsets(samples::offsetsPostgres);
        QVERIFY2(pg.ok(), qPrintable(pg ? QString() : pg.error().toString()));
        QCOMPARE(pg.value().offsets.size(), 1);
        const SourceOffset &p = pg.value().offsets.at(0);
        QCOMPARE(p.partition.value(QStringLiteral("server")).toString(), QStringLiteral("inventory"));
        QCOMPARE(p.describe(), QStringLiteral("LSN 0/170A0C0 (txId 771, commit 0/170A008)"));

        const auto mysql = parseOffsets(samples::offsetsMySql);
        QVERIFY2(mysql.ok(), qPrintable(mysql ? QString() : mysql.error().toString()));
        QCOMPARE(mysql.value().offsets.at(0).describe(),
                 QStringLiteral("binlog mysql-bin.000003:1234, GTID 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42"));

        QCOMPARE(parseOffsets(R"({"offsets":[]})").value().offsets.size(), 0);
    }

    void offsetsResetToNullAreNone()
    {
        // After DELETE .../offsets Connect lists the partition with a null (or empty) offset until the
        // offsets topic is compacted: such a partition has no offset, the others still count.
        const auto reset = parseOffsets(R"({"offsets":[{"partition":{"server":"mysql"},"offset":null},)"
                                        R"({"partition":{"server":"pg"},"offset":{}},)"
                                        R"({"partition":{"server":"pg2"},"offset":{"lsn":24023128}}]})");
        QVERIFY2(reset.ok(), qPrintable(reset ? QString() : reset.error().toString()));
        QCOMPARE(reset.value().offsets.size(), 1);
        QCOMPARE(reset.value().offsets.at(0).partition.value(QStringLiteral("server")).toString(),
                 QStringLiteral("pg2"));
        QCOMPARE(parseOffsets(R"({"offsets":[{"partition":{"server":"mysql"}}]})").value().offsets.size(), 0);
    }

    void describesOffsets_data()
    {
        QTest::addColumn<QByteArray>("offset");
        QTest::addColumn<QString>("description");
        QTest::newRow("pg lsn only") << QByteArray(R"({"lsn":24158400})") << QStringLiteral("LSN 0/170A0C0");
        QTest::newRow("pg high lsn") << QByteArray(R"({"lsn":8589934593,"txId":5})")
                                     << QStringLiteral("LSN 2/1 (txId 5)");
        QTest::newRow("pg snapshot")
            << QByteArray(R"({"lsn":38366560,"txId":800,"snapshot":"INITIAL","last_snapshot_record":false})")
            << QStringLiteral("LSN 0/2496D60 (txId 800, snapshot)");
        QTest::newRow("pg processed ahead") << QByteArray(R"({"lsn":100,"lsn_proc":200,"lsn_commit":100})")
                                            << QStringLiteral("LSN 0/64 (processed 0/C8)");
        QTest::newRow("mysql binlog") << QByteArray(R"({"file":"binlog.000012","pos":157,"ts_sec":1})")
                                      << QStringLiteral("binlog binlog.000012:157");
        QTest::newRow("mariadb gtid") << QByteArray(R"({"file":"mariadb-bin.000002","pos":4711,"gtids":"0-1-42"})")
                                      << QStringLiteral("binlog mariadb-bin.000002:4711, GTID 0-1-42");
        QTest::newRow("gtid only") << QByteArray(R"({"gtid":"0-1-42"})") << QStringLiteral("GTID 0-1-42");
        QTest::newRow("sink") << QByteArray(R"({"kafka_offset":4005})") << QStringLiteral(R"({"kafka_offset":4005})");
    }

    void describesOffsets()
    {
        QFETCH(QByteArray, offset);
        QFETCH(QString, description);
        SourceOffset o;
        o.offset = QJsonDocument::fromJson(offset).object();
        QCOMPARE(o.describe(), description);
    }

    void parsesTopics()
    {
        const auto topics = parseConnectorTopics(samples::topics, QStringLiteral("inventory-pg"));
        QVERIFY2(topics.ok(), qPrintable(topics ? QString() : topics.error().toString()));
        QCOMPARE(topics.value(), (QStringList{QStringLiteral("inventory.public.customers"),
                                              QStringLiteral("inventory.public.orders")}));
        const auto other = parseConnectorTopics(samples::topics, QStringLiteral("other"));
        QVERIFY(!other);
        QVERIFY2(other.error().what.contains(QStringLiteral("\"other\"")), qPrintable(other.error().toString()));
    }

    void refusesMalformedAnswers_data()
    {
        QTest::addColumn<int>("parser");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("html") << 0 << QByteArray("<html><body>502 Bad Gateway</body></html>") << QString()
                              << QStringLiteral("is not JSON");
        QTest::newRow("server info array")
            << 0 << QByteArray("[]") << QStringLiteral("/") << QStringLiteral("expected an object, found a list");
        QTest::newRow("server info without version")
            << 0 << QByteArray(R"({"commit":"x"})") << QStringLiteral("/version")
            << QStringLiteral("\"version\" is missing");
        QTest::newRow("plugin without class") << 1 << QByteArray(R"([{"type":"source"}])") << QStringLiteral("/0/class")
                                              << QStringLiteral("\"class\" is missing");
        QTest::newRow("status without connector")
            << 2 << QByteArray(R"({"name":"x","tasks":[]})") << QStringLiteral("/connector")
            << QStringLiteral("expected an object");
        QTest::newRow("task id text")
            << 2 << QByteArray(R"({"name":"x","connector":{"state":"RUNNING"},"tasks":[{"id":"0","state":"RUNNING"}]})")
            << QStringLiteral("/tasks/0/id") << QStringLiteral("whole number");
        QTest::newRow("config value object")
            << 3 << QByteArray(R"({"name":"x","config":{"a":{"b":1}}})") << QStringLiteral("/config/a")
            << QStringLiteral("config values must be text");
        QTest::newRow("validation without error_count") << 4 << QByteArray(R"({"name":"c","configs":[]})")
                                                        << QStringLiteral("/error_count") << QStringLiteral("missing");
        QTest::newRow("validation errors not a list")
            << 4
            << QByteArray(
                   R"({"name":"c","error_count":0,"configs":[{"definition":{"name":"a"},"value":{"name":"a","errors":"bad"}}]})")
            << QStringLiteral("/configs/0/value/errors") << QStringLiteral("expected a list");
        QTest::newRow("offsets not a list")
            << 5 << QByteArray(R"({"offsets":{}})") << QStringLiteral("/offsets") << QStringLiteral("expected a list");
        QTest::newRow("offset without partition")
            << 5 << QByteArray(R"({"offsets":[{"offset":{}}]})") << QStringLiteral("/offsets/0/partition")
            << QStringLiteral("expected an object");
        QTest::newRow("overview entry text")
            << 6 << QByteArray(R"({"x":"RUNNING"})") << QStringLiteral("/x") << QStringLiteral("expected an object");
        QTest::newRow("topics not a list")
            << 7 << QByteArray(R"({"inventory-pg":{"topics":"a"}})") << QStringLiteral("/inventory-pg/topics")
            << QStringLiteral("expected a list");
    }

    void refusesMalformedAnswers()
    {
        QFETCH(int, parser);
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        QFETCH(QString, what);
        cdc::Error error;
        switch (parser) {
        case 0: error = errorOf(parseServerInfo(json)); break;
        case 1: error = errorOf(parsePlugins(json)); break;
        case 2: error = errorOf(parseConnectorStatus(json)); break;
        case 3: error = errorOf(parseConnectorInfo(json)); break;
        case 4: error = errorOf(parseValidation(json)); break;
        case 5: error = errorOf(parseOffsets(json)); break;
        case 6: error = errorOf(parseConnectorOverviews(json)); break;
        case 7: error = errorOf(parseConnectorTopics(json, QStringLiteral("inventory-pg"))); break;
        }
        QVERIFY2(error.what.contains(what), qPrintable(error.toString()));
        QVERIFY2(error.what.startsWith(QStringLiteral("Kafka Connect's answer to ")), qPrintable(error.what));
        QCOMPARE(error.where, where);
        QVERIFY(!error.hint.isEmpty());
    }

    void picksTheUsefulTraceLine_data()
    {
        QTest::addColumn<QString>("trace");
        QTest::addColumn<QString>("line");
        QTest::newRow("debezium slot missing")
            << QString::fromUtf8(samples::failedTrace)
            << QStringLiteral(
                   "org.postgresql.util.PSQLException: ERROR: replication slot \"debezium_inventory\" does not exist");
        QTest::newRow("no cause")
            << QStringLiteral("org.apache.kafka.connect.errors.ConnectException: Unable to connect to mysql:3306\n"
                              "\tat io.debezium.connector.mysql.MySqlConnectorTask.start(MySqlConnectorTask.java:90)\n")
            << QStringLiteral("org.apache.kafka.connect.errors.ConnectException: Unable to connect to mysql:3306");
        QTest::newRow("deepest cause without message")
            << QStringLiteral("org.apache.kafka.connect.errors.ConnectException: Task failed\n"
                              "\tat a.B.c(B.java:1)\n"
                              "Caused by: io.debezium.DebeziumException: Error while processing event\n"
                              "\tat a.B.d(B.java:2)\n"
                              "Caused by: java.lang.NullPointerException\n"
                              "\tat a.B.e(B.java:3)\n")
            << QStringLiteral("io.debezium.DebeziumException: Error while processing event");
        QTest::newRow("frames only") << QStringLiteral("\tat a.B.c(B.java:1)\n\t... 3 more\n") << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void picksTheUsefulTraceLine()
    {
        QFETCH(QString, trace);
        QFETCH(QString, line);
        const QString got = firstUsefulTraceLine(trace);
        QCOMPARE(got, line);
        QVERIFY(!got.startsWith(QStringLiteral("at ")));
        QVERIFY(!got.startsWith(QStringLiteral("Caused by")));
    }

    void knowsSecretKeys()
    {
        for (const char *key : {"database.password", "ssl.key.password", "ssl.keystore.password", "sasl.jaas.config",
                                "producer.override.sasl.jaas.config", "ssl.keystore.key", "aws.secret.access.key",
                                "client.secret", "auth.token", "database.PASSWORD"})
            QVERIFY2(isSecretKey(QString::fromLatin1(key)), key);
        for (const char *key : {"database.hostname", "key.converter", "database.user", "tasks.max", "topic.prefix",
                                "transforms.outbox.table.field.event.key", "message.key.columns"})
            QVERIFY2(!isSecretKey(QString::fromLatin1(key)), key);
    }

    void configToJsonKeepsText()
    {
        const QMap<QString, QString> config{{QStringLiteral("tasks.max"), QStringLiteral("1")},
                                            {QStringLiteral("name"), QStringLiteral("x")}};
        const QJsonObject json = configToJson(config);
        QCOMPARE(json.size(), 2);
        QVERIFY(json.value(QStringLiteral("tasks.max")).isString());
        QCOMPARE(json.value(QStringLiteral("tasks.max")).toString(), QStringLiteral("1"));
    }

    void clusterSettingsFromAndToTheProject()
    {
        const cdc::topology::ConnectClusterEntry entry{QStringLiteral("prod"), QStringLiteral("https://connect:8443"),
                                                       QStringLiteral("admin"), QStringLiteral("${env:CONNECT_PW}"),
                                                       QStringLiteral("/etc/ca.pem")};
        const ClusterSettings settings = clusterFromProject(entry);
        QCOMPARE(settings.name, QStringLiteral("prod"));
        QCOMPARE(settings.url, QUrl(QStringLiteral("https://connect:8443")));
        QCOMPARE(settings.username, QStringLiteral("admin"));
        QCOMPARE(settings.passwordReference, QStringLiteral("${env:CONNECT_PW}"));
        QCOMPARE(settings.caFile, QStringLiteral("/etc/ca.pem"));
        QCOMPARE(settings.timeoutMs, ClusterSettings().timeoutMs);
        QVERIFY(clusterToProject(settings) == entry);
    }
};

QTEST_GUILESS_MAIN(TstConnectTypes)
#include "tst_connecttypes.moc"
