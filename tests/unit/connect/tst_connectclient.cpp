// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Kafka Connect REST client against a scripted fake worker: requests, errors, retries, auth.
#include "connect/connectclient.h"
#include "connectsamples.h"
#include "support/fakeconnect.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace cdc::connect;
namespace samples = cdc::connectsamples;

namespace {

// Runs the event loop until `start`'s completion is called (or 10 s pass).
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

QString errorText(const cdc::Error &e)
{
    return e.toString();
}

ClusterSettings settingsFor(const FakeConnect &fake)
{
    ClusterSettings s;
    s.name = QStringLiteral("test");
    s.url = fake.url();
    s.timeoutMs = 3000;
    return s;
}

QJsonObject jsonOf(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

const QMap<QString, QString> pgConfig{
    {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector")},
    {QStringLiteral("database.hostname"), QStringLiteral("postgres")},
    {QStringLiteral("tasks.max"), QStringLiteral("1")}};

} // namespace

class TstConnectClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTypedAnswers()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, samples::serverInfo});
        fake.on("GET", QStringLiteral("/connector-plugins"), {200, samples::plugins});
        fake.on("GET", QStringLiteral("/connectors?expand=status&expand=info"), {200, samples::overviews});
        fake.on("GET", QStringLiteral("/connectors/inventory-pg/status"), {200, samples::statusFailed});
        fake.on("GET", QStringLiteral("/connectors/inventory-mysql/config"), {200, samples::config});
        fake.on("GET", QStringLiteral("/connectors/inventory-pg/offsets"), {200, samples::offsetsPostgres});
        fake.on("GET", QStringLiteral("/connectors/inventory-pg/topics"), {200, samples::topics});
        ConnectClient client(settingsFor(fake));

        const auto info = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(info && info->ok());
        QCOMPARE(info->value().version, QStringLiteral("4.1.0"));

        const auto plugins = await<QList<PluginInfo>>([&](auto done) { client.plugins(done); });
        QVERIFY(plugins && plugins->ok());
        QCOMPARE(plugins->value().size(), 5);

        // Connect leaves a connector without a status yet out of the expanded list: it is found by name.
        fake.on("GET", QStringLiteral("/connectors"), {200, R"(["inventory-pg","inventory-mysql","a-new-one"])"});
        fake.on("GET", QStringLiteral("/connectors/a-new-one/config"), {200, samples::config});
        const auto list = await<QList<ConnectorOverview>>([&](auto done) { client.connectors(done); });
        QVERIFY(list && list->ok());
        QCOMPARE(list->value().size(), 3);
        QCOMPARE(list->value().at(0).status.name, QStringLiteral("a-new-one"));
        QCOMPARE(list->value().at(0).status.state, QStringLiteral("UNASSIGNED"));
        QVERIFY(!list->value().at(0).info.connectorClass().isEmpty());
        QCOMPARE(fake.count("GET", QStringLiteral("/connectors/inventory-pg/config")), 0);

        const auto status =
            await<ConnectorStatus>([&](auto done) { client.status(QStringLiteral("inventory-pg"), done); });
        QVERIFY(status && status->ok());
        QCOMPARE(status->value().tasks.at(0).state, QStringLiteral("FAILED"));

        const auto config =
            await<QMap<QString, QString>>([&](auto done) { client.config(QStringLiteral("inventory-mysql"), done); });
        QVERIFY(config && config->ok());
        QCOMPARE(config->value().value(QStringLiteral("database.hostname")), QStringLiteral("mysql"));

        const auto offsets =
            await<ConnectorOffsets>([&](auto done) { client.offsets(QStringLiteral("inventory-pg"), done); });
        QVERIFY(offsets && offsets->ok());
        QCOMPARE(offsets->value().offsets.at(0).describe(),
                 QStringLiteral("LSN 0/170A0C0 (txId 771, commit 0/170A008)"));

        const auto topics = await<QStringList>([&](auto done) { client.topics(QStringLiteral("inventory-pg"), done); });
        QVERIFY(topics && topics->ok());
        QCOMPARE(topics->value().size(), 2);

        for (const FakeConnect::Seen &seen : fake.seen()) {
            QCOMPARE(seen.verb, QByteArray("GET"));
            QVERIFY(seen.body.isEmpty());
            QVERIFY(seen.authorization.isEmpty());
        }
        QCOMPARE(fake.seen().size(), 9); // seven calls; the list asks for the names and one config too
    }

    void writesSendTheirVerbPathAndBody()
    {
        FakeConnect fake;
        fake.on("POST", QStringLiteral("/connectors"), {201, samples::info});
        fake.on("PUT", QStringLiteral("/connectors/inventory-pg/config"), {200, samples::info});
        fake.on("PUT",
                QStringLiteral("/connector-plugins/io.debezium.connector.postgresql.PostgresConnector/config/validate"),
                {200, samples::validation});
        fake.on("PUT", QStringLiteral("/connectors/inventory-pg/pause"), {202, {}});
        fake.on("PUT", QStringLiteral("/connectors/inventory-pg/resume"), {202, {}});
        fake.on("PUT", QStringLiteral("/connectors/inventory-pg/stop"), {204, {}});
        fake.on("POST", QStringLiteral("/connectors/inventory-pg/restart?includeTasks=true&onlyFailed=true"),
                {202, samples::statusFailed});
        fake.on("POST", QStringLiteral("/connectors/inventory-pg/tasks/0/restart"), {204, {}});
        fake.on("PATCH", QStringLiteral("/connectors/inventory-pg/offsets"),
                {200, R"({"message":"The offsets for this connector have been altered successfully"})"});
        fake.on("DELETE", QStringLiteral("/connectors/inventory-pg/offsets"),
                {200, R"({"message":"The offsets for this connector have been reset successfully"})"});
        fake.on("PUT", QStringLiteral("/connectors/inventory-pg/topics/reset"), {200, {}});
        fake.on("DELETE", QStringLiteral("/connectors/inventory-pg"), {204, {}});
        ConnectClient client(settingsFor(fake));
        const QString name = QStringLiteral("inventory-pg");

        const auto created = await<ConnectorInfo>([&](auto done) { client.create(name, pgConfig, done); });
        QVERIFY2(created && created->ok(),
                 qPrintable(created && !created->ok() ? errorText(created->error()) : QString()));
        QCOMPARE(created->value().name, name);
        QCOMPARE(fake.seen().last().verb, QByteArray("POST"));
        QCOMPARE(jsonOf(fake.seen().last().body),
                 (QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("config"), configToJson(pgConfig)}}));

        const auto updated = await<ConnectorInfo>([&](auto done) { client.updateConfig(name, pgConfig, done); });
        QVERIFY(updated && updated->ok());
        QCOMPARE(fake.seen().last().verb, QByteArray("PUT"));
        QCOMPARE(jsonOf(fake.seen().last().body), configToJson(pgConfig));

        const auto validated = await<ValidationResult>([&](auto done) { client.validate(pgConfig, done); });
        QVERIFY(validated && validated->ok());
        QCOMPARE(validated->value().withErrors().size(), 1);
        QCOMPARE(jsonOf(fake.seen().last().body), configToJson(pgConfig));

        struct Write
        {
            QByteArray verb;
            QString path;
            std::function<void(ConnectClient::Done<void>)> call;
        };
        const QList<Write> writes{
            {"PUT", QStringLiteral("/connectors/inventory-pg/pause"), [&](auto done) { client.pause(name, done); }},
            {"PUT", QStringLiteral("/connectors/inventory-pg/resume"), [&](auto done) { client.resume(name, done); }},
            {"PUT", QStringLiteral("/connectors/inventory-pg/stop"), [&](auto done) { client.stop(name, done); }},
            {"POST", QStringLiteral("/connectors/inventory-pg/restart?includeTasks=true&onlyFailed=true"),
             [&](auto done) { client.restart(name, true, true, done); }},
            {"POST", QStringLiteral("/connectors/inventory-pg/tasks/0/restart"),
             [&](auto done) { client.restartTask(name, 0, done); }},
            {"DELETE", QStringLiteral("/connectors/inventory-pg/offsets"),
             [&](auto done) { client.resetOffsets(name, done); }},
            {"PUT", QStringLiteral("/connectors/inventory-pg/topics/reset"),
             [&](auto done) { client.resetTopics(name, done); }},
            {"DELETE", QStringLiteral("/connectors/inventory-pg"), [&](auto done) { client.remove(name, done); }},
        };
        for (const Write &w : writes) {
            const auto result = await<void>(w.call);
            QVERIFY2(result.has_value(), qPrintable(w.path));
            QVERIFY2(result->ok(), qPrintable(errorText(result->error())));
            QCOMPARE(fake.seen().last().verb, w.verb);
            QCOMPARE(fake.seen().last().pathAndQuery, w.path);
            QVERIFY(fake.seen().last().body.isEmpty());
        }

        SourceOffset offset;
        offset.partition = QJsonObject{{QStringLiteral("server"), QStringLiteral("inventory")}};
        offset.offset = QJsonObject{{QStringLiteral("lsn"), 24157888}};
        const auto altered =
            await<void>([&](auto done) { client.alterOffsets(name, ConnectorOffsets{{offset}}, done); });
        QVERIFY(altered && altered->ok());
        QCOMPARE(fake.seen().last().verb, QByteArray("PATCH"));
        QCOMPARE(fake.seen().last().body,
                 QByteArray(R"({"offsets":[{"offset":{"lsn":24157888},"partition":{"server":"inventory"}}]})"));
    }

    void encodesConnectorNamesInPaths()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/connectors/orders%2Fv2%20eu/status"), {200, samples::statusFailed});
        ConnectClient client(settingsFor(fake));
        const auto status =
            await<ConnectorStatus>([&](auto done) { client.status(QStringLiteral("orders/v2 eu"), done); });
        QVERIFY(status && status->ok());
        QCOMPARE(fake.count("GET", QStringLiteral("/connectors/orders%2Fv2%20eu/status")), 1);
    }

    void httpErrorsCarryConnectsMessage_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QStringList>("phrases");
        QTest::newRow("404") << 404 << samples::notFound
                             << QStringList{QStringLiteral("(404)"),
                                            QStringLiteral("Connector inventory-pg not found")};
        QTest::newRow("409") << 409 << samples::conflict
                             << QStringList{QStringLiteral("is rebalancing (or the connector already exists)"),
                                            QStringLiteral("Connector inventory-pg already exists"),
                                            QStringLiteral("Try again in a moment.")};
        QTest::newRow("500") << 500 << samples::serverError
                             << QStringList{QStringLiteral("failed to"),
                                            QStringLiteral("ensuring membership in the cluster")};
        QTest::newRow("400")
            << 400
            << QByteArray(R"({"error_code":400,"message":"Connector configuration is invalid and contains 1 error"})")
            << QStringList{QStringLiteral("refused the request"), QStringLiteral("contains 1 error")};
        QTest::newRow("401") << 401 << QByteArray() << QStringList{QStringLiteral("refused the credentials")};
    }

    void httpErrorsCarryConnectsMessage()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, answer);
        QFETCH(QStringList, phrases);
        FakeConnect fake;
        fake.on("POST", QStringLiteral("/connectors"), {status, answer});
        ConnectClient client(settingsFor(fake));
        const auto result =
            await<ConnectorInfo>([&](auto done) { client.create(QStringLiteral("inventory-pg"), pgConfig, done); });
        QVERIFY(result.has_value());
        QVERIFY(!result->ok());
        for (const QString &phrase : phrases)
            QVERIFY2(result->error().what.contains(phrase), qPrintable(result->error().what));
        QVERIFY(result->error().what.contains(fake.url().toString()));
        QVERIFY(!result->error().hint.isEmpty());
        QCOMPARE(fake.count("POST", QStringLiteral("/connectors")), 1);
    }

    void notFoundNamesTheConnector()
    {
        FakeConnect fake; // the fallback is a 404
        ConnectClient client(settingsFor(fake));
        const auto result = await<ConnectorStatus>([&](auto done) { client.status(QStringLiteral("gone"), done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("has no connector named \"gone\"")),
                 qPrintable(result->error().what));
        QCOMPARE(fake.count("GET", QStringLiteral("/connectors/gone/status")), 1); // 404 is not retried
    }

    void timeoutIsReported()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, samples::serverInfo, 2000});
        ClusterSettings settings = settingsFor(fake);
        settings.timeoutMs = 300;
        settings.readRetries = 0;
        ConnectClient client(settings);
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("did not answer within 0.3 s")),
                 qPrintable(result->error().what));
    }

    void readsAreRetriedAfter503()
    {
        FakeConnect fake;
        fake.onSequence("GET", QStringLiteral("/"), {{503, samples::rebalancing}, {200, samples::serverInfo}});
        ConnectClient client(settingsFor(fake));
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && result->ok());
        QCOMPARE(fake.count("GET", QStringLiteral("/")), 2);
    }

    void readsGiveUpAfterTheirRetries()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/connector-plugins"), {503, samples::rebalancing});
        ClusterSettings settings = settingsFor(fake);
        settings.readRetries = 2;
        ConnectClient client(settings);
        const auto result = await<QList<PluginInfo>>([&](auto done) { client.plugins(done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("stale configuration")),
                 qPrintable(result->error().what));
        QCOMPARE(fake.count("GET", QStringLiteral("/connector-plugins")), 3);
    }

    void writesAreNeverRetried()
    {
        FakeConnect fake;
        fake.onSequence("POST", QStringLiteral("/connectors"), {{503, samples::rebalancing}, {201, samples::info}});
        ConnectClient client(settingsFor(fake));
        const auto result =
            await<ConnectorInfo>([&](auto done) { client.create(QStringLiteral("inventory-pg"), pgConfig, done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("stale configuration")),
                 qPrintable(result->error().what));
        QTest::qWait(500); // no retry comes later either
        QCOMPARE(fake.count("POST", QStringLiteral("/connectors")), 1);
    }

    void sendsBasicAuthWithThePasswordFromTheEnvironment()
    {
        qputenv("CDC_TST_CONNECT_PASSWORD", "s3cret:ü");
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, samples::serverInfo});
        ClusterSettings settings = settingsFor(fake);
        settings.username = QStringLiteral("admin");
        settings.passwordReference = QStringLiteral("${env:CDC_TST_CONNECT_PASSWORD}");
        ConnectClient client(settings);
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && result->ok());
        QCOMPARE(fake.seen().size(), 1);
        QCOMPARE(fake.seen().first().authorization,
                 QByteArray("Basic ") + QStringLiteral("admin:s3cret:ü").toUtf8().toBase64());
        qunsetenv("CDC_TST_CONNECT_PASSWORD");
    }

    void readsThePasswordFromAFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connect.properties"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("user=admin\npassword=from-file\n");
        }
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, samples::serverInfo});
        ClusterSettings settings = settingsFor(fake);
        settings.username = QStringLiteral("admin");
        settings.passwordReference = QStringLiteral("${file:%1:password}").arg(path);
        ConnectClient client(settings);
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && result->ok());
        QCOMPARE(fake.seen().first().authorization, QByteArray("Basic ") + QByteArray("admin:from-file").toBase64());
    }

    void unresolvablePasswordSendsNothing()
    {
        qunsetenv("CDC_TST_CONNECT_MISSING");
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, samples::serverInfo});
        ClusterSettings settings = settingsFor(fake);
        settings.username = QStringLiteral("admin");
        settings.passwordReference = QStringLiteral("${env:CDC_TST_CONNECT_MISSING}");
        ConnectClient client(settings);
        bool called = false;
        client.serverInfo([&](cdc::Result<ServerInfo>) { called = true; });
        QVERIFY(!called); // never from inside the call
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("${env:CDC_TST_CONNECT_MISSING}")),
                 qPrintable(result->error().what));
        QVERIFY(result->error().what.contains(QStringLiteral("nothing was sent")));
        QVERIFY(called);
        QTest::qWait(100);
        QVERIFY(fake.seen().isEmpty());

        settings.passwordReference.clear(); // a user without a password is refused too
        client.setSettings(settings);
        const auto empty = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(empty && !empty->ok());
        QVERIFY(empty->error().what.contains(QStringLiteral("no password reference")));
        QVERIFY(fake.seen().isEmpty());
    }

    void missingCaFileIsAnError()
    {
        FakeConnect fake;
        ClusterSettings settings = settingsFor(fake);
        settings.url = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(fake.url().port()));
        settings.caFile = QStringLiteral("/nonexistent/ca.pem");
        ConnectClient client(settings);
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("CA file")), qPrintable(result->error().what));
        QVERIFY(result->error().what.contains(QStringLiteral("does not exist")));
        QCOMPARE(result->error().where, settings.caFile);
        QVERIFY(fake.seen().isEmpty());
    }

    void caFileWithoutACertificateIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ca.pem"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a certificate\n");
        }
        FakeConnect fake;
        ClusterSettings settings = settingsFor(fake);
        settings.caFile = path;
        ConnectClient client(settings);
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("holds no PEM certificate")),
                 qPrintable(result->error().what));
        QVERIFY(fake.seen().isEmpty());
    }

    void connectionRefusedSaysSo()
    {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            port = closed.serverPort();
        }
        ClusterSettings settings;
        settings.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        settings.readRetries = 1;
        ConnectClient client(settings);
        const auto result = await<ServerInfo>([&](auto done) { client.serverInfo(done); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error().what,
                 QStringLiteral("Kafka Connect at http://127.0.0.1:%1 does not answer (connection "
                                "refused). Is the worker running?")
                     .arg(port));
    }

    void droppedConnectionIsAnError()
    {
        FakeConnect fake;
        fake.on("POST", QStringLiteral("/connectors/x/tasks/0/restart"), {204, {}, 0, true});
        ConnectClient client(settingsFor(fake));
        const auto result = await<void>([&](auto done) { client.restartTask(QStringLiteral("x"), 0, done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().what.contains(QStringLiteral("closed the connection")),
                 qPrintable(result->error().what));
        // The client adds no retry of its own; Qt's HTTP layer resends once by itself when a connection
        // closes before any byte of an answer (what a stale keep-alive connection looks like).
        QVERIFY(fake.count("POST", QStringLiteral("/connectors/x/tasks/0/restart")) <= 2);
    }

    void destroyedContextSilencesTheCallback()
    {
        FakeConnect fake;
        fake.on("GET", QStringLiteral("/"), {200, samples::serverInfo, 200});
        fake.on("GET", QStringLiteral("/connector-plugins"), {200, samples::plugins, 400});
        ConnectClient client(settingsFor(fake));
        int calls = 0;
        auto *context = new QObject;
        client.serverInfo([&](cdc::Result<ServerInfo>) { ++calls; }, context);
        delete context;
        // A later request with a living context is answered, after the first one's answer came.
        QObject living;
        const auto later = await<QList<PluginInfo>>([&](auto done) { client.plugins(done, &living); });
        QVERIFY(later && later->ok());
        QTRY_COMPARE(fake.count("GET", QStringLiteral("/")), 1);
        QTest::qWait(300);
        QCOMPARE(calls, 0);
    }

    void doneRunsExactlyOnce()
    {
        FakeConnect fake;
        fake.on("PUT", QStringLiteral("/connectors/x/pause"), {202, {}});
        ConnectClient client(settingsFor(fake));
        int calls = 0;
        client.pause(QStringLiteral("x"), [&](cdc::Result<void> r) {
            QVERIFY(r.ok());
            ++calls;
        });
        QCOMPARE(calls, 0);
        QTRY_COMPARE(calls, 1);
        QTest::qWait(200);
        QCOMPARE(calls, 1);
    }

    void describesFailuresOnItsOwn()
    {
        const QUrl url(QStringLiteral("http://connect:8083/connectors/inventory-pg/config"));
        const cdc::Error e =
            describeHttpFailure(QStringLiteral("update the config of \"inventory-pg\""), url, 409, samples::conflict);
        QCOMPARE(e.what, QStringLiteral("Kafka Connect at http://connect:8083 could not update the config of "
                                        "\"inventory-pg\": it is rebalancing (or the connector already exists): "
                                        "Connector inventory-pg already exists. Try again in a moment."));
        QCOMPARE(e.where, url.toString());
        const cdc::Error refused =
            describeHttpFailure(QStringLiteral("say who it is"), url, 0, {}, QStringLiteral("Connection refused"));
        QVERIFY(refused.what.contains(QStringLiteral("(connection refused). Is the worker running?")));
        const cdc::Error plugin = describeHttpFailure(
            QStringLiteral("validate"), QUrl(QStringLiteral("http://c:8083/connector-plugins/com.x.Y/config/validate")),
            404, {});
        QVERIFY2(plugin.what.contains(QStringLiteral("no plugin com.x.Y")), qPrintable(plugin.what));
    }
};

QTEST_GUILESS_MAIN(TstConnectClient)
#include "tst_connectclient.moc"
