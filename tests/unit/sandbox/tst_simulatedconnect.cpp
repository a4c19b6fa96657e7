// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated Kafka Connect driven by the app's real ConnectClient and Deployer: the capstone deploys
// and plans unchanged afterwards, lifecycle calls reach the capture backend, offsets parse, failed tasks
// restart as their incident says, errors carry Connect's messages, and /sandbox reaches its control.
#include "connect/connectclient.h"
#include "connect/deployer.h"
#include "connect/deployplan.h"
#include "debezium/connectorconfig.h"
#include "sandbox/simulatedconnect.h"
#include "topology/templates.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace cdc;
using namespace cdc::sandbox;
using connect::ConnectClient;

namespace {

// Records what the simulated worker asks of the engine, and answers positions for captures it knows.
class FakeBackend final : public CaptureBackend
{
public:
    QStringList calls;
    QMap<QString, CaptureSpec> captures;
    QMap<QString, bool> streaming;

    void addCapture(const CaptureSpec &spec) override
    {
        calls << QStringLiteral("add ") + spec.connector;
        captures.insert(spec.connector, spec);
    }
    void removeCapture(const QString &connector) override
    {
        calls << QStringLiteral("remove ") + connector;
        captures.remove(connector);
        streaming.remove(connector);
    }
    void setStreaming(const QString &connector, bool on) override
    {
        calls << QStringLiteral("stream %1 %2").arg(connector, on ? QStringLiteral("on") : QStringLiteral("off"));
        streaming.insert(connector, on);
    }
    std::optional<SourcePosition> position(const QString &connector) const override
    {
        if (!captures.contains(connector))
            return std::nullopt;
        SourcePosition p;
        p.kind = captures.value(connector).kind;
        p.lsn = 24157888;
        p.txId = 771;
        p.binlogFile = QStringLiteral("mysql-bin.000003");
        p.binlogPosition = 1234;
        p.serverId = captures.value(connector).serverId;
        p.tsMs = 1700000000123;
        return p;
    }
    void resetPosition(const QString &connector) override { calls << QStringLiteral("reset ") + connector; }
};

class FakeControl final : public SandboxControl
{
public:
    int rate = 200;
    QStringList calls;

    QJsonObject describe() const override { return {{QStringLiteral("rate"), rate}}; }
    Result<void> setRate(int eventsPerSecond) override
    {
        if (eventsPerSecond < 1 || eventsPerSecond > 50000)
            return Error{QStringLiteral("The rate must be from 1 to 50,000 events per second."), {}, {}};
        rate = eventsPerSecond;
        return {};
    }
    Result<void> trigger(Incident incident) override
    {
        calls << QStringLiteral("trigger ") + incidentInfo(incident).key;
        return {};
    }
    Result<void> recover(Incident incident) override
    {
        if (incident == Incident::SameIdBurst)
            return Error{QStringLiteral("The burst is a one-off: there is nothing to recover."), {}, {}};
        calls << QStringLiteral("recover ") + incidentInfo(incident).key;
        return {};
    }
};

struct Raw
{
    int status = 0;
    QByteArray body;
    QByteArray location;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// A request with no client in between: status, body and Location as the worker sent them.
Raw raw(const QUrl &base, const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body = {})
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(base.toString() + pathAndQuery));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Raw r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
          reply->rawHeader("Location")};
    delete reply;
    return r;
}

QByteArray jsonBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::vector<debezium::ConnectorConfig> capstoneConnectors()
{
    const topology::ProjectTemplate *t = topology::findTemplate(QStringLiteral("capstone"));
    if (!t)
        return {};
    Result<topology::Project> project = topology::loadTemplate(*t);
    return project ? debezium::connectorsOf(project.value()) : std::vector<debezium::ConnectorConfig>{};
}

QMap<QString, QString> capstoneConfig(const QString &kind)
{
    for (const debezium::ConnectorConfig &c : capstoneConnectors()) {
        if (c.value(QStringLiteral("connector.class")).contains(kind))
            return c.config;
    }
    return {};
}

} // namespace

class TstSimulatedConnect : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeBackend> m_backend;
    std::unique_ptr<SimulatedConnect> m_connect;
    std::unique_ptr<ConnectClient> m_client;
    const QString m_pg = QStringLiteral("postgres-outbox");
    const QString m_mysql = QStringLiteral("mysql-outbox");

    QUrl url() const { return m_connect->url(); }

    bool create(const QString &name, const QMap<QString, QString> &config)
    {
        const Result<connect::ConnectorInfo> info =
            connect::awaitAnswer<connect::ConnectorInfo>([&](auto done) { m_client->create(name, config, done); });
        if (!info)
            qWarning() << info.error().toString();
        return info.ok();
    }

    Result<connect::ConnectorStatus> status(const QString &name)
    {
        return connect::awaitAnswer<connect::ConnectorStatus>([&](auto done) { m_client->status(name, done); });
    }

private Q_SLOTS:
    void init()
    {
        m_backend = std::make_unique<FakeBackend>();
        m_connect = std::make_unique<SimulatedConnect>(m_backend.get());
        QVERIFY(m_connect->listen().ok());
        QCOMPARE(m_connect->url().host(), QStringLiteral("127.0.0.1"));
        connect::ClusterSettings settings;
        settings.name = QStringLiteral("sandbox");
        settings.url = m_connect->url();
        settings.timeoutMs = 5000;
        settings.readRetries = 0;
        m_client = std::make_unique<ConnectClient>(settings);
    }

    void cleanup()
    {
        m_client.reset();
        m_connect.reset();
        m_backend.reset();
    }

    void listenTwiceFails() { QVERIFY(!m_connect->listen().ok()); }

    void serverInfoAndPlugins()
    {
        const Result<connect::ServerInfo> info =
            connect::awaitAnswer<connect::ServerInfo>([&](auto done) { m_client->serverInfo(done); });
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
        QCOMPARE(info.value().version, QStringLiteral("4.1.1"));
        QVERIFY(!info.value().clusterId.isEmpty());

        const Result<QList<connect::PluginInfo>> plugins =
            connect::awaitAnswer<QList<connect::PluginInfo>>([&](auto done) { m_client->plugins(done); });
        QVERIFY(plugins.ok());
        QStringList classes;
        for (const connect::PluginInfo &p : plugins.value()) {
            classes << p.className;
            QCOMPARE(p.type, QStringLiteral("source"));
            if (p.className.startsWith(QLatin1String("io.debezium")))
                QCOMPARE(p.version, QStringLiteral("3.5.0.Final"));
        }
        for (const char *expected :
             {"io.debezium.connector.postgresql.PostgresConnector", "io.debezium.connector.mysql.MySqlConnector",
              "io.debezium.connector.mariadb.MariaDbConnector",
              "org.apache.kafka.connect.mirror.MirrorSourceConnector"})
            QVERIFY2(classes.contains(QString::fromLatin1(expected)), expected);

        const Raw all = raw(url(), "GET", QStringLiteral("/connector-plugins?connectorsOnly=false"));
        QCOMPARE(all.status, 200);
        QVERIFY(all.body.contains("\"transformation\""));
    }

    void deploysTheCapstoneThenPlansUnchanged()
    {
        const std::vector<debezium::ConnectorConfig> project = capstoneConnectors();
        QCOMPARE(project.size(), 2u);

        Result<QList<connect::ConnectorOverview>> live =
            connect::awaitAnswer<QList<connect::ConnectorOverview>>([&](auto done) { m_client->connectors(done); });
        QVERIFY(live.ok());
        QVERIFY(live.value().isEmpty());
        const connect::DeployPlan plan = connect::planDeploy(project, live.value());
        QCOMPARE(plan.count(connect::PlannedConnector::Action::Create), 2);

        connect::Deployer deployer(m_client.get(), plan);
        QSignalSpy finished(&deployer, &connect::Deployer::finished);
        deployer.start();
        QVERIFY(finished.wait(10000));
        for (const connect::Deployer::Outcome &o : deployer.outcomes())
            QVERIFY2(o.ok, qPrintable(o.name + QStringLiteral(": ") + o.message));
        QCOMPARE(finished.first().first().toBool(), true);

        QCOMPARE(m_connect->connectorNames(), (QStringList{m_mysql, m_pg}));
        for (const QString &name : {m_pg, m_mysql}) {
            QCOMPARE(m_connect->connectorState(name), QStringLiteral("RUNNING"));
            QCOMPARE(m_connect->taskState(name), QStringLiteral("RUNNING"));
            QVERIFY(m_backend->streaming.value(name));
        }
        QCOMPARE(m_backend->captures.value(m_pg).kind, SourceKind::Postgres);
        QCOMPARE(m_backend->captures.value(m_mysql).kind, SourceKind::MySql);
        QCOMPARE(m_backend->captures.value(m_mysql).serverId, 184054);

        live = connect::awaitAnswer<QList<connect::ConnectorOverview>>([&](auto done) { m_client->connectors(done); });
        QVERIFY(live.ok());
        QCOMPARE(live.value().size(), 2);
        for (const connect::ConnectorOverview &o : live.value()) {
            QCOMPARE(o.status.state, QStringLiteral("RUNNING"));
            QCOMPARE(o.status.type, QStringLiteral("source"));
            QCOMPARE(o.status.tasks.size(), 1);
            QCOMPARE(o.status.tasks.first().workerId, QStringLiteral("127.0.0.1:8083"));
            QCOMPARE(o.info.taskIds, QList<int>{0});
        }
        const connect::DeployPlan again = connect::planDeploy(project, live.value());
        QVERIFY2(again.nothingToDo(), qPrintable(connect::describePlan(again)));
    }

    void lifecycleReachesTheBackend()
    {
        QSignalSpy changed(m_connect.get(), &SimulatedConnect::connectorsChanged);
        QVERIFY(create(m_pg, capstoneConfig(QStringLiteral("postgresql"))));
        QCOMPARE(m_backend->calls,
                 (QStringList{QStringLiteral("add postgres-outbox"), QStringLiteral("stream postgres-outbox on")}));
        QCOMPARE(changed.size(), 1);

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->pause(m_pg, done); }).ok());
        QCOMPARE(m_connect->connectorState(m_pg), QStringLiteral("PAUSED"));
        QCOMPARE(m_connect->taskState(m_pg), QStringLiteral("PAUSED"));
        QCOMPARE(m_backend->streaming.value(m_pg), false);

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->resume(m_pg, done); }).ok());
        QCOMPARE(m_connect->connectorState(m_pg), QStringLiteral("RUNNING"));
        QCOMPARE(m_backend->streaming.value(m_pg), true);

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->stop(m_pg, done); }).ok());
        QCOMPARE(m_connect->connectorState(m_pg), QStringLiteral("STOPPED"));
        QCOMPARE(m_backend->streaming.value(m_pg), false);
        Result<connect::ConnectorStatus> s = status(m_pg);
        QVERIFY(s.ok());
        QCOMPARE(s.value().state, QStringLiteral("STOPPED"));
        QVERIFY(s.value().tasks.isEmpty());

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->resume(m_pg, done); }).ok());
        QCOMPARE(m_connect->taskState(m_pg), QStringLiteral("RUNNING"));
        QCOMPARE(m_backend->streaming.value(m_pg), true);

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->restart(m_pg, false, false, done); }).ok());
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->restart(m_pg, true, false, done); }).ok());
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->restartTask(m_pg, 0, done); }).ok());
        QCOMPARE(m_connect->taskState(m_pg), QStringLiteral("RUNNING"));

        const Result<void> noTask =
            connect::awaitAnswer<void>([&](auto done) { m_client->restartTask(m_pg, 3, done); });
        QVERIFY(!noTask.ok());
        QVERIFY2(noTask.error().what.contains(QLatin1String("(404)")), qPrintable(noTask.error().what));

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->remove(m_pg, done); }).ok());
        QCOMPARE(m_backend->calls.last(), QStringLiteral("remove postgres-outbox"));
        QVERIFY(m_connect->connectorNames().isEmpty());
        s = status(m_pg);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().what.contains(QLatin1String("Connector postgres-outbox not found")),
                 qPrintable(s.error().what));
        QVERIFY(changed.size() >= 8);
    }

    void configUpdateRecapturesAndAnswersCreatedOrOk()
    {
        QMap<QString, QString> config = capstoneConfig(QStringLiteral("mariadb"));
        QVERIFY(!config.isEmpty());
        const QJsonObject body = connect::configToJson(config);
        const Raw created =
            raw(url(), "PUT", QStringLiteral("/connectors/") + m_mysql + QStringLiteral("/config"), jsonBytes(body));
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QStringLiteral("name")).toString(), m_mysql);
        QCOMPARE(created.json().value(QStringLiteral("type")).toString(), QStringLiteral("source"));
        QVERIFY(created.location.endsWith("/connectors/mysql-outbox"));

        config.insert(QStringLiteral("database.server.id"), QStringLiteral("184055"));
        const Result<connect::ConnectorInfo> updated = connect::awaitAnswer<connect::ConnectorInfo>(
            [&](auto done) { m_client->updateConfig(m_mysql, config, done); });
        QVERIFY(updated.ok());
        QCOMPARE(updated.value().config.value(QStringLiteral("database.server.id")), QStringLiteral("184055"));
        QCOMPARE(updated.value().config.value(QStringLiteral("name")), m_mysql);
        QCOMPARE(m_backend->calls.count(QStringLiteral("add mysql-outbox")), 2);
        QCOMPARE(m_backend->captures.value(m_mysql).serverId, 184055);

        const Raw again = raw(url(), "PUT", QStringLiteral("/connectors/") + m_mysql + QStringLiteral("/config"),
                              jsonBytes(connect::configToJson(config)));
        QCOMPARE(again.status, 200);

        const Result<QMap<QString, QString>> read =
            connect::awaitAnswer<QMap<QString, QString>>([&](auto done) { m_client->config(m_mysql, done); });
        QVERIFY(read.ok());
        QCOMPARE(read.value().value(QStringLiteral("database.password")),
                 config.value(QStringLiteral("database.password")));
    }

    void offsetsRoundTripThroughTheParser()
    {
        QVERIFY(create(m_pg, capstoneConfig(QStringLiteral("postgresql"))));
        QVERIFY(create(m_mysql, capstoneConfig(QStringLiteral("mariadb"))));

        Result<connect::ConnectorOffsets> pg =
            connect::awaitAnswer<connect::ConnectorOffsets>([&](auto done) { m_client->offsets(m_pg, done); });
        QVERIFY(pg.ok());
        QCOMPARE(pg.value().offsets.size(), 1);
        QCOMPARE(pg.value().offsets.first().partition.value(QStringLiteral("server")).toString(), QStringLiteral("pg"));
        QCOMPARE(pg.value().offsets.first().describe(), QStringLiteral("LSN 0/1709EC0 (txId 771)"));
        QCOMPARE(pg.value().offsets.first().offset.value(QStringLiteral("ts_usec")).toDouble(), 1700000000123000.0);

        const Result<connect::ConnectorOffsets> mysql =
            connect::awaitAnswer<connect::ConnectorOffsets>([&](auto done) { m_client->offsets(m_mysql, done); });
        QVERIFY(mysql.ok());
        QCOMPARE(mysql.value().offsets.size(), 1);
        QCOMPARE(mysql.value().offsets.first().partition.value(QStringLiteral("server")).toString(),
                 QStringLiteral("mysql"));
        QCOMPARE(mysql.value().offsets.first().describe(), QStringLiteral("binlog mysql-bin.000003:1234"));
        QCOMPARE(mysql.value().offsets.first().offset.value(QStringLiteral("ts_sec")).toInt(), 1700000000);

        // Only a STOPPED connector's offsets change.
        const Result<void> refused = connect::awaitAnswer<void>([&](auto done) { m_client->resetOffsets(m_pg, done); });
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().what.contains(QLatin1String("must be in the STOPPED state")),
                 qPrintable(refused.error().what));
        QVERIFY(!connect::awaitAnswer<void>([&](auto done) { m_client->alterOffsets(m_pg, pg.value(), done); }).ok());

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->stop(m_pg, done); }).ok());
        const Raw reset = raw(url(), "DELETE", QStringLiteral("/connectors/postgres-outbox/offsets"));
        QCOMPARE(reset.status, 200);
        QCOMPARE(reset.json().value(QStringLiteral("message")).toString(),
                 QStringLiteral("The offsets for this connector have been reset successfully"));
        QVERIFY(m_backend->calls.contains(QStringLiteral("reset postgres-outbox")));
        pg = connect::awaitAnswer<connect::ConnectorOffsets>([&](auto done) { m_client->offsets(m_pg, done); });
        QVERIFY(pg.ok());
        QVERIFY(pg.value().offsets.isEmpty());

        connect::ConnectorOffsets altered;
        altered.offsets << connect::SourceOffset{QJsonObject{{QStringLiteral("server"), QStringLiteral("pg")}},
                                                 QJsonObject{{QStringLiteral("lsn"), 42}}};
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->alterOffsets(m_pg, altered, done); }).ok());
        pg = connect::awaitAnswer<connect::ConnectorOffsets>([&](auto done) { m_client->offsets(m_pg, done); });
        QVERIFY(pg.ok());
        QCOMPARE(pg.value().offsets.size(), 1);
        QCOMPARE(pg.value().offsets.first().describe(), QStringLiteral("LSN 0/2A"));

        // Started again, it reports where the capture is.
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->resume(m_pg, done); }).ok());
        pg = connect::awaitAnswer<connect::ConnectorOffsets>([&](auto done) { m_client->offsets(m_pg, done); });
        QVERIFY(pg.ok());
        QCOMPARE(pg.value().offsets.first().describe(), QStringLiteral("LSN 0/1709EC0 (txId 771)"));
    }

    void failedTaskRestartsAsTheIncidentSays()
    {
        QVERIFY(create(m_pg, capstoneConfig(QStringLiteral("postgresql"))));
        QVERIFY(!m_connect->failTask(QStringLiteral("nope"), 0, QStringLiteral("x"), {}).ok());
        QVERIFY(!m_connect->failTask(m_pg, 1, QStringLiteral("x"), {}).ok());

        const QString first = QStringLiteral("org.apache.kafka.connect.errors.ConnectException: An exception "
                                             "occurred in the change event producer.\n\tat io.debezium...\nCaused by: "
                                             "org.postgresql.util.PSQLException: Connection reset");
        const QString second = QStringLiteral("org.apache.kafka.connect.errors.ConnectException: still down\nCaused "
                                              "by: java.net.ConnectException: Connection refused");
        QSignalSpy changed(m_connect.get(), &SimulatedConnect::connectorsChanged);
        QVERIFY(m_connect
                    ->failTask(m_pg, 0, first,
                               [second](const QMap<QString, QString> &) { return std::optional<QString>(second); })
                    .ok());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_backend->streaming.value(m_pg), false);

        Result<connect::ConnectorStatus> s = status(m_pg);
        QVERIFY(s.ok());
        QCOMPARE(s.value().state, QStringLiteral("RUNNING")); // the connector runs; its task failed
        QCOMPARE(s.value().tasks.first().state, QStringLiteral("FAILED"));
        QCOMPARE(s.value().tasks.first().trace, first);

        // Restart failed tasks: Connect answers 202 with them RESTARTING; the incident fails it again.
        const Raw restarting =
            raw(url(), "POST", QStringLiteral("/connectors/postgres-outbox/restart?includeTasks=true&onlyFailed=true"));
        QCOMPARE(restarting.status, 202);
        const QJsonObject task0 = restarting.json().value(QStringLiteral("tasks")).toArray().first().toObject();
        QCOMPARE(task0.value(QStringLiteral("state")).toString(), QStringLiteral("RESTARTING"));
        s = status(m_pg);
        QVERIFY(s.ok());
        QCOMPARE(s.value().tasks.first().state, QStringLiteral("FAILED"));
        QCOMPARE(s.value().tasks.first().trace, second);
        QCOMPARE(connect::firstUsefulTraceLine(s.value().tasks.first().trace),
                 QStringLiteral("java.net.ConnectException: Connection refused"));

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->restartTask(m_pg, 0, done); }).ok());
        QCOMPARE(m_connect->taskState(m_pg), QStringLiteral("FAILED"));
        QCOMPARE(m_backend->streaming.value(m_pg), false);

        QVERIFY(m_connect->restartTask(m_pg).ok()); // what the Sandbox's recover does, without HTTP
        QCOMPARE(m_connect->taskState(m_pg), QStringLiteral("FAILED"));
        QVERIFY(!m_connect->restartTask(QStringLiteral("nope")).ok());
        QVERIFY(!m_connect->restartTask(m_pg, 2).ok());

        m_connect->clearFailure(m_pg);
        QCOMPARE(m_connect->taskState(m_pg), QStringLiteral("FAILED")); // until restarted
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->restartTask(m_pg, 0, done); }).ok());
        QCOMPARE(m_connect->taskState(m_pg), QStringLiteral("RUNNING"));
        QCOMPARE(m_backend->streaming.value(m_pg), true);
        s = status(m_pg);
        QVERIFY(s.ok());
        QVERIFY(s.value().tasks.first().trace.isEmpty());
    }

    void configChangeEndsAnIncidentThatChecksTheConfig()
    {
        QMap<QString, QString> config = capstoneConfig(QStringLiteral("mariadb"));
        QVERIFY(create(m_mysql, config));
        const auto duplicate = [](const QMap<QString, QString> &c) -> std::optional<QString> {
            if (c.value(QStringLiteral("database.server.id")) == QLatin1String("184054"))
                return QStringLiteral("io.debezium.DebeziumException: A slave with the same server_uuid/server_id "
                                      "as this slave has connected to the master");
            return std::nullopt;
        };
        QVERIFY(m_connect->failTask(m_mysql, 0, QStringLiteral("first"), duplicate).ok());
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->restart(m_mysql, true, true, done); }).ok());
        QCOMPARE(m_connect->taskState(m_mysql), QStringLiteral("FAILED"));

        config.insert(QStringLiteral("database.server.id"), QStringLiteral("184099"));
        QVERIFY(connect::awaitAnswer<connect::ConnectorInfo>([&](auto done) {
                    m_client->updateConfig(m_mysql, config, done);
                }).ok());
        QCOMPARE(m_connect->taskState(m_mysql), QStringLiteral("RUNNING"));
        QCOMPARE(m_backend->streaming.value(m_mysql), true);
    }

    void errorsCarryConnectsMessages()
    {
        const QMap<QString, QString> pg = capstoneConfig(QStringLiteral("postgresql"));
        QVERIFY(create(m_pg, pg));

        Result<connect::ConnectorInfo> again =
            connect::awaitAnswer<connect::ConnectorInfo>([&](auto done) { m_client->create(m_pg, pg, done); });
        QVERIFY(!again.ok());
        QVERIFY2(again.error().what.contains(QLatin1String("Connector postgres-outbox already exists")),
                 qPrintable(again.error().what));

        const Result<connect::ConnectorStatus> missing = status(QStringLiteral("nope"));
        QVERIFY(!missing.ok());
        QVERIFY2(
            missing.error().what.contains(QLatin1String("no connector named \"nope\" (404): Connector nope not found")),
            qPrintable(missing.error().what));

        QMap<QString, QString> noPrefix = pg;
        noPrefix.remove(QStringLiteral("topic.prefix"));
        again = connect::awaitAnswer<connect::ConnectorInfo>(
            [&](auto done) { m_client->create(QStringLiteral("x"), noPrefix, done); });
        QVERIFY(!again.ok());
        QVERIFY2(again.error().what.contains(QLatin1String("refused the request")), qPrintable(again.error().what));
        QVERIFY2(again.error().what.contains(QLatin1String("Connector configuration is invalid and contains the "
                                                           "following 1 error(s):\nThe 'topic.prefix' value is "
                                                           "invalid: A value is required")),
                 qPrintable(again.error().what));

        QMap<QString, QString> unknown = pg;
        unknown.insert(QStringLiteral("connector.class"), QStringLiteral("com.example.NoSuchConnector"));
        again = connect::awaitAnswer<connect::ConnectorInfo>(
            [&](auto done) { m_client->create(QStringLiteral("y"), unknown, done); });
        QVERIFY(!again.ok());
        QVERIFY2(again.error().what.contains(QLatin1String("Failed to find any class that implements Connector and "
                                                           "which name matches com.example.NoSuchConnector")),
                 qPrintable(again.error().what));
        QCOMPARE(m_connect->connectorNames(), QStringList{m_pg});

        QJsonObject named = connect::configToJson(pg);
        named.insert(QStringLiteral("name"), m_pg);
        const Raw mismatch = raw(url(), "PUT", QStringLiteral("/connectors/other/config"), jsonBytes(named));
        QCOMPARE(mismatch.status, 400);
        QCOMPARE(mismatch.json().value(QStringLiteral("error_code")).toInt(), 400);
        QVERIFY(mismatch.json().value(QStringLiteral("message")).toString().contains(QLatin1String("doesn't match")));
    }

    void validatesLikeConnect()
    {
        QMap<QString, QString> pg = capstoneConfig(QStringLiteral("postgresql"));
        pg.insert(QStringLiteral("name"), m_pg);
        Result<connect::ValidationResult> clean =
            connect::awaitAnswer<connect::ValidationResult>([&](auto done) { m_client->validate(pg, done); });
        QVERIFY(clean.ok());
        QCOMPARE(clean.value().errorCount, 0);
        QCOMPARE(clean.value().connectorClass, pg.value(QStringLiteral("connector.class")));
        QVERIFY(!clean.value().properties.isEmpty());
        for (const connect::PropertyValidation &p : clean.value().properties) {
            if (p.name == QLatin1String("database.password"))
                QCOMPARE(p.value, QStringLiteral("[hidden]"));
            QVERIFY(!p.group.isEmpty());
        }

        pg.remove(QStringLiteral("database.hostname"));
        pg.remove(QStringLiteral("topic.prefix"));
        const Result<connect::ValidationResult> refused =
            connect::awaitAnswer<connect::ValidationResult>([&](auto done) { m_client->validate(pg, done); });
        QVERIFY(refused.ok());
        QCOMPARE(refused.value().errorCount, 2);
        QStringList names;
        for (const connect::PropertyValidation &p : refused.value().withErrors())
            names << p.name;
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("database.hostname"), QStringLiteral("topic.prefix")}));

        QMap<QString, QString> unknown{{QStringLiteral("connector.class"), QStringLiteral("com.example.Nope")}};
        const Result<connect::ValidationResult> noPlugin =
            connect::awaitAnswer<connect::ValidationResult>([&](auto done) { m_client->validate(unknown, done); });
        QVERIFY(!noPlugin.ok());
        QVERIFY2(noPlugin.error().what.contains(QLatin1String("(400)")) ||
                     noPlugin.error().what.contains(QLatin1String("refused the request")),
                 qPrintable(noPlugin.error().what));
        QVERIFY(noPlugin.error().what.contains(QLatin1String("Failed to find any class")));

        const Raw viaAlias = raw(url(), "PUT", QStringLiteral("/connector-plugins/PostgresConnector/config/validate"),
                                 jsonBytes(connect::configToJson(capstoneConfig(QStringLiteral("postgresql")))));
        QCOMPARE(viaAlias.status, 200);
        QCOMPARE(viaAlias.json().value(QStringLiteral("error_count")).toInt(), 1); // no name
        QVERIFY(!viaAlias.body.contains("secrets.properties"));
    }

    void percentEncodedNames()
    {
        const QString name = QStringLiteral("orders/pg 1%");
        QVERIFY(create(name, capstoneConfig(QStringLiteral("postgresql"))));
        QCOMPARE(m_connect->connectorNames(), QStringList{name});
        const Result<connect::ConnectorStatus> s = status(name);
        QVERIFY(s.ok());
        QCOMPARE(s.value().name, name);
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->pause(name, done); }).ok());
        QCOMPARE(m_connect->connectorState(name), QStringLiteral("PAUSED"));
    }

    void topicsAndTasks()
    {
        QVERIFY(create(m_pg, capstoneConfig(QStringLiteral("postgresql"))));
        Result<QStringList> topics =
            connect::awaitAnswer<QStringList>([&](auto done) { m_client->topics(m_pg, done); });
        QVERIFY(topics.ok());
        QCOMPARE(topics.value().size(), 1);
        QVERIFY2(topics.value().first().startsWith(QLatin1String("outbox.event.postgres.")),
                 qPrintable(topics.value().first()));

        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->pause(m_pg, done); }).ok());
        QVERIFY(connect::awaitAnswer<void>([&](auto done) { m_client->resetTopics(m_pg, done); }).ok());
        topics = connect::awaitAnswer<QStringList>([&](auto done) { m_client->topics(m_pg, done); });
        QVERIFY(topics.ok());
        QVERIFY(topics.value().isEmpty());

        const Raw tasks = raw(url(), "GET", QStringLiteral("/connectors/postgres-outbox/tasks"));
        QCOMPARE(tasks.status, 200);
        const QJsonArray list = QJsonDocument::fromJson(tasks.body).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QStringLiteral("id")).toObject().value(QStringLiteral("task")).toInt(),
                 0);
        QVERIFY(!tasks.body.contains("secrets.properties"));

        const Raw task = raw(url(), "GET", QStringLiteral("/connectors/postgres-outbox/tasks/0/status"));
        QCOMPARE(task.status, 200);
        QCOMPARE(task.json().value(QStringLiteral("state")).toString(), QStringLiteral("PAUSED"));
        QCOMPARE(raw(url(), "GET", QStringLiteral("/connectors/postgres-outbox/tasks/7/status")).status, 404);
        QCOMPARE(raw(url(), "POST", QStringLiteral("/connectors/postgres-outbox/restart")).status, 204);
    }

    void sandboxRoutesReachTheControl()
    {
        QCOMPARE(raw(url(), "GET", QStringLiteral("/sandbox")).status, 404); // no control yet

        FakeControl control;
        m_connect->setControl(&control);
        Raw r = raw(url(), "GET", QStringLiteral("/sandbox"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("rate")).toInt(), 200);

        r = raw(url(), "PUT", QStringLiteral("/sandbox/rate"), QByteArrayLiteral("{\"eventsPerSecond\": 5000}"));
        QCOMPARE(r.status, 200);
        QCOMPARE(control.rate, 5000);
        r = raw(url(), "PUT", QStringLiteral("/sandbox/rate"), QByteArrayLiteral("{\"eventsPerSecond\": 0}"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error_code")).toInt(), 400);
        QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("50,000")));
        QCOMPARE(raw(url(), "PUT", QStringLiteral("/sandbox/rate"), QByteArrayLiteral("{\"rate\": \"x\"}")).status,
                 400);

        QCOMPARE(raw(url(), "POST", QStringLiteral("/sandbox/incidents/lag-spike")).status, 200);
        QCOMPARE(raw(url(), "DELETE", QStringLiteral("/sandbox/incidents/lag-spike")).status, 200);
        QCOMPARE(control.calls,
                 (QStringList{QStringLiteral("trigger lag-spike"), QStringLiteral("recover lag-spike")}));
        r = raw(url(), "DELETE", QStringLiteral("/sandbox/incidents/same-id-burst"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("one-off")));
        r = raw(url(), "POST", QStringLiteral("/sandbox/incidents/meteor"));
        QCOMPARE(r.status, 404);
        QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("lag-spike")));
    }

    void unknownPathsGetConnectsJson404()
    {
        Raw r = raw(url(), "GET", QStringLiteral("/no/such/path"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(QStringLiteral("error_code")).toInt(), 404);
        QVERIFY(!r.json().value(QStringLiteral("message")).toString().isEmpty());

        r = raw(url(), "DELETE", QStringLiteral("/connectors"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.json().value(QStringLiteral("error_code")).toInt(), 405);

        r = raw(url(), "POST", QStringLiteral("/connectors"), "{not json");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error_code")).toInt(), 400);
    }
};

QTEST_GUILESS_MAIN(TstSimulatedConnect)
#include "tst_simulatedconnect.moc"
