// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandbox.h"

#include "connect/connectclient.h"
#include "connect/deployer.h"
#include "connect/deployplan.h"
#include "core/logging.h"
#include "debezium/connectorconfig.h"
#include "sandbox/mockkafka.h"
#include "sandbox/sandboxconsumer.h"
#include "sandbox/sandboxlagsampler.h"
#include "sandbox/simulatedconnect.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>

namespace cdc::sandbox {

namespace {

constexpr int minimumRate = 1;
constexpr int maximumRate = 50'000;
constexpr int burstPerDatabase = 25;

const QString kafkaException = QStringLiteral(
    "org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. "
    "This connector will be stopped.\n"
    "\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)\n");

QString connectionResetTrace()
{
    return kafkaException +
           QStringLiteral(
               "\tat io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.execute("
               "PostgresStreamingChangeEventSource.java:180)\n"
               "\tat "
               "io.debezium.pipeline.ChangeEventSourceCoordinator.streamEvents(ChangeEventSourceCoordinator.java:326)\n"
               "\tat java.base/java.util.concurrent.FutureTask.run(FutureTask.java:317)\n"
               "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"
               "Caused by: org.postgresql.util.PSQLException: Database connection failed when reading from copy\n"
               "\tat org.postgresql.core.v3.QueryExecutorImpl.readFromCopy(QueryExecutorImpl.java:1175)\n"
               "\tat org.postgresql.core.v3.CopyDualImpl.readFromCopy(CopyDualImpl.java:44)\n"
               "\tat "
               "org.postgresql.core.v3.replication.V3PGReplicationStream.receiveNextData(V3PGReplicationStream.java:"
               "160)\n"
               "Caused by: java.net.SocketException: Connection reset\n"
               "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:318)\n"
               "\tat org.postgresql.core.VisibleBufferedInputStream.readMore(VisibleBufferedInputStream.java:161)\n");
}

QString duplicateServerIdTrace(const SourcePosition &position)
{
    const QString file = position.binlogFile.isEmpty() ? QStringLiteral("mysql-bin.000003") : position.binlogFile;
    const QString where =
        QStringLiteral("the first event '%1' at 4, the last event read from '%1' at %2, the last byte "
                       "read from '%1' at %2.")
            .arg(file)
            .arg(position.binlogPosition);
    return kafkaException +
           QStringLiteral(
               "\tat io.debezium.connector.binlog.BinlogStreamingChangeEventSource$ReaderThreadLifecycleListener."
               "onCommunicationFailure(BinlogStreamingChangeEventSource.java:1187)\n"
               "\tat com.github.shyiko.mysql.binlog.BinaryLogClient.listenForEventPackets(BinaryLogClient.java:1097)\n"
               "\tat com.github.shyiko.mysql.binlog.BinaryLogClient.connect(BinaryLogClient.java:657)\n"
               "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"
               "Caused by: io.debezium.DebeziumException: A slave with the same server_uuid/server_id as this "
               "slave has connected to the master; ") +
           where +
           QStringLiteral(" Error code: 1236; SQLSTATE: HY000.\n"
                          "\tat io.debezium.connector.binlog.BinlogStreamingChangeEventSource.wrap("
                          "BinlogStreamingChangeEventSource.java:1143)\n"
                          "Caused by: com.github.shyiko.mysql.binlog.network.ServerException: A slave with the same "
                          "server_uuid/server_id as this slave has connected to the master; ") +
           where +
           QStringLiteral(
               "\n\tat "
               "com.github.shyiko.mysql.binlog.BinaryLogClient.listenForEventPackets(BinaryLogClient.java:1061)\n");
}

QString slotMissingTrace(const QString &slot)
{
    return kafkaException +
           QStringLiteral(
               "\tat io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.execute("
               "PostgresStreamingChangeEventSource.java:180)\n"
               "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"
               "Caused by: org.postgresql.util.PSQLException: ERROR: replication slot \"%1\" does not exist\n"
               "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)\n"
               "\tat org.postgresql.core.v3.QueryExecutorImpl.processCopyResults(QueryExecutorImpl.java:1300)\n"
               "\tat org.postgresql.core.v3.replication.V3ReplicationProtocol.initializeReplication("
               "V3ReplicationProtocol.java:60)\n")
               .arg(slot);
}

QString historyMissingTrace(const QString &topic)
{
    return QStringLiteral(
               "org.apache.kafka.connect.errors.ConnectException: An exception occurred while starting the connector.\n"
               "\tat io.debezium.connector.common.BaseSourceTask.start(BaseSourceTask.java:150)\n"
               "\tat org.apache.kafka.connect.runtime.AbstractWorkerSourceTask.initializeAndStart("
               "AbstractWorkerSourceTask.java:283)\n"
               "Caused by: io.debezium.DebeziumException: The db history topic or its content is fully or partially "
               "missing. Please check database schema history topic configuration and re-execute the snapshot.\n"
               "\tat "
               "io.debezium.relational.HistorizedRelationalDatabaseSchema.recover(HistorizedRelationalDatabaseSchema."
               "java:60)\n"
               "\tat "
               "io.debezium.connector.binlog.BinlogSourceTask.validateAndLoadSchemaHistory(BinlogSourceTask.java:112)\n"
               "\tat io.debezium.connector.mariadb.MariaDbConnectorTask.start(MariaDbConnectorTask.java:86)\n"
               "\t(schema.history.internal.kafka.topic=%1)\n")
        .arg(topic);
}

bool isRecoverySnapshot(const QMap<QString, QString> &config)
{
    const QString mode = config.value(QStringLiteral("snapshot.mode"));
    return mode == QLatin1String("recovery") || mode == QLatin1String("schema_only_recovery");
}

} // namespace

struct Sandbox::Private
{
    Options options;
    std::unique_ptr<MockKafka> kafka;
    std::unique_ptr<SandboxEngine> engine;
    SimulatedConnect *connect = nullptr;
    SandboxConsumer *consumer = nullptr; // a child: lives as long as the Sandbox
    int rate = 200;
    QList<Incident> active;
    QMap<Incident, QString> incidentConnector; // the connector a failure incident hit
    QTimer slotGone; // while the slot is dropped, nothing is retained: what the database writes is lost
};

Sandbox::Sandbox(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->consumer = new SandboxConsumer(this);
    d->slotGone.setInterval(100);
    QObject::connect(&d->slotGone, &QTimer::timeout, this, [this] {
        const QString connector = d->incidentConnector.value(Incident::SlotDropped);
        if (connector.isEmpty() || !d->engine)
            d->slotGone.stop();
        else
            d->engine->dropBacklog(connector);
    });
}

Sandbox::~Sandbox()
{
    stop();
}

Result<void> Sandbox::start(const Options &options)
{
    if (isRunning())
        return {};
    if (options.rate < minimumRate || options.rate > maximumRate)
        return Error{tr("The sandbox's rate must be between 1 and 50,000 events per second, not %1.").arg(options.rate),
                     QStringLiteral("rate"),
                     {}};
    d->options = options;
    d->rate = options.rate;

    auto kafka = std::make_unique<MockKafka>();
    if (auto started = kafka->start(capstoneTopics()); !started)
        return started.error();
    auto engine = std::make_unique<SandboxEngine>(kafka->bootstrap());
    engine->setRate(d->rate);
    if (auto started = engine->start(); !started)
        return started.error();
    auto *connect = new SimulatedConnect(engine.get(), this);
    if (auto listening = connect->listen(options.connectPort); !listening) {
        delete connect;
        return listening.error();
    }
    connect->setControl(this);
    QObject::connect(connect, &SimulatedConnect::connectorsChanged, this, [this] {
        // A failure incident ends when its task runs again (the presenter restarted it).
        bool changed = false;
        for (auto it = d->incidentConnector.begin(); it != d->incidentConnector.end();) {
            if (d->connect->taskState(it.value()) == QLatin1String("RUNNING") ||
                d->connect->connectorState(it.value()).isEmpty()) {
                d->active.removeAll(it.key());
                it = d->incidentConnector.erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
        if (changed) {
            if (!d->active.contains(Incident::SlotDropped))
                d->slotGone.stop();
            Q_EMIT incidentsChanged();
        }
    });

    d->consumer->setBroker(kafka.get());
    d->kafka = std::move(kafka);
    d->engine = std::move(engine);
    d->connect = connect;
    qCInfo(lcSandbox).noquote() << "sandbox: Kafka at" << bootstrap() << "Kafka Connect at" << connectUrl().toString();
    Q_EMIT stateChanged(true);
    return {};
}

void Sandbox::stop()
{
    if (!isRunning())
        return;
    d->slotGone.stop();
    delete d->connect;
    d->connect = nullptr;
    d->consumer->setBroker(nullptr); // stops it; its producer goes before the broker does
    d->engine->stop();
    d->engine.reset();
    d->kafka->stop();
    d->kafka.reset();
    const bool hadIncidents = !d->active.isEmpty();
    d->active.clear();
    d->incidentConnector.clear();
    if (hadIncidents)
        Q_EMIT incidentsChanged();
    Q_EMIT stateChanged(false);
}

bool Sandbox::isRunning() const
{
    return d->connect != nullptr;
}

QString Sandbox::bootstrap() const
{
    return d->kafka ? d->kafka->bootstrap() : QString();
}

QUrl Sandbox::connectUrl() const
{
    return d->connect ? d->connect->url() : QUrl();
}

int Sandbox::rate() const
{
    return d->rate;
}

SandboxEngine *Sandbox::engine() const
{
    return d->engine.get();
}

SimulatedConnect *Sandbox::connect() const
{
    return d->connect;
}

SandboxConsumer *Sandbox::unifiedConsumer() const
{
    return d->consumer;
}

QList<Incident> Sandbox::activeIncidents() const
{
    return d->active;
}

topology::Project Sandbox::sandboxProject(topology::Project project) const
{
    const QString url = connectUrl().toString();
    const QString kafka = bootstrap();
    for (topology::Node &node : project.nodes) {
        switch (node.kind) {
        case topology::NodeKind::ConnectCluster:
            node.properties.insert(QStringLiteral("url"), url);
            node.properties.insert(QStringLiteral("bootstrap.servers"), kafka);
            break;
        case topology::NodeKind::Topic:
        case topology::NodeKind::Consumer: node.properties.insert(QStringLiteral("bootstrap.servers"), kafka); break;
        case topology::NodeKind::Connector:
            if (node.properties.contains(QStringLiteral("schema.history.internal.kafka.bootstrap.servers")))
                node.properties.insert(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"), kafka);
            break;
        default: break;
        }
    }
    topology::ConnectClusterEntry cluster;
    cluster.name = tr("Sandbox");
    cluster.url = url;
    project.clusters = {cluster};
    // WAL thresholds for the sandbox's rates: at the default 200 events/s its PostgreSQL writes ~115 KB
    // of WAL a second, so a connector that stops streaming crosses the warning in about 35 s and the
    // critical bound in about 2.5 min. The defaults (256 MB, 1 GB) are for real servers: hours here.
    if (!project.lag.is_object())
        project.lag = nlohmann::json::object();
    if (!project.lag.contains("postgres"))
        project.lag["postgres"] = {{"warningBytes", kSandboxWalWarningBytes},
                                   {"criticalBytes", kSandboxWalCriticalBytes}};
    if (!project.name.endsWith(tr(" (sandbox)")))
        project.name += tr(" (sandbox)");
    return project;
}

void Sandbox::deployProject(const topology::Project &project, std::function<void(Result<void>)> done)
{
    if (!isRunning()) {
        done(Error{tr("The sandbox is not running."), {}, {}});
        return;
    }
    // Once the connectors are in place, the project's unified consumer runs on them.
    done = [this, project, deployed = std::move(done)](Result<void> r) {
        if (r && isRunning())
            runUnifiedConsumer(project);
        deployed(std::move(r));
    };
    connect::ClusterSettings cluster;
    cluster.name = tr("Sandbox");
    cluster.url = connectUrl();
    auto *client = new connect::ConnectClient(cluster, this);
    const std::vector<debezium::ConnectorConfig> connectors = debezium::connectorsOf(project);
    client->connectors(
        [this, client, connectors,
         done = std::move(done)](const Result<QList<connect::ConnectorOverview>> &live) mutable {
            if (!live) {
                client->deleteLater();
                done(live.error());
                return;
            }
            const connect::DeployPlan plan = connect::planDeploy(connectors, live.value(), {});
            if (plan.nothingToDo()) {
                client->deleteLater();
                done({});
                return;
            }
            auto *deployer = new connect::Deployer(client, plan, client);
            QObject::connect(deployer, &connect::Deployer::finished, this, [client, deployer, done](bool ok) {
                QStringList failures;
                for (const connect::Deployer::Outcome &o : deployer->outcomes()) {
                    if (!o.ok)
                        failures << o.name + QStringLiteral(": ") + o.message;
                }
                client->deleteLater();
                if (ok)
                    done({});
                else
                    done(Error{
                        tr("The sandbox refused the project's connectors: %1").arg(failures.join(QStringLiteral("; "))),
                        {},
                        {}});
            });
            deployer->start();
        },
        this);
}

void Sandbox::runUnifiedConsumer(const topology::Project &project)
{
    const auto node = std::find_if(project.nodes.begin(), project.nodes.end(),
                                   [](const topology::Node &n) { return n.kind == topology::NodeKind::Consumer; });
    if (node == project.nodes.end())
        return;
    if (auto started = d->consumer->start(project, node->id); !started)
        qCWarning(lcSandbox).noquote() << "sandbox: the unified consumer did not start:" << started.error().toString();
}

std::vector<std::unique_ptr<lag::LagSampler>> Sandbox::lagSamplers(const topology::Project &project) const
{
    std::vector<std::unique_ptr<lag::LagSampler>> samplers;
    if (!d->engine)
        return samplers;
    QMap<QString, QString> nodeIds;
    for (const topology::Node &node : project.nodes) {
        if (node.kind == topology::NodeKind::Connector)
            nodeIds.insert(node.name, node.id);
    }
    samplers.push_back(std::make_unique<SandboxLagSampler>(d->engine.get(), nodeIds));
    return samplers;
}

QJsonObject Sandbox::describe() const
{
    QJsonArray incidentList;
    for (const IncidentInfo &info : incidents()) {
        incidentList.append(QJsonObject{{QStringLiteral("key"), info.key},
                                        {QStringLiteral("title"), info.title},
                                        {QStringLiteral("active"), d->active.contains(info.incident)},
                                        {QStringLiteral("recovery"), info.recovery}});
    }
    QJsonArray sources;
    if (d->engine) {
        for (const SourceStats &stats : d->engine->stats()) {
            sources.append(QJsonObject{{QStringLiteral("connector"), stats.connector},
                                       {QStringLiteral("database"), sourceKindName(stats.kind)},
                                       {QStringLiteral("streaming"), stats.streaming},
                                       {QStringLiteral("eventsPerSecond"), stats.eventsPerSecond},
                                       {QStringLiteral("emitted"), stats.emitted},
                                       {QStringLiteral("lagBytes"), stats.lagBytes},
                                       {QStringLiteral("lagMs"), stats.lagMs}});
        }
    }
    return QJsonObject{{QStringLiteral("bootstrap"), bootstrap()},
                       {QStringLiteral("connect"), connectUrl().toString()},
                       {QStringLiteral("rate"), d->rate},
                       {QStringLiteral("incidents"), incidentList},
                       {QStringLiteral("sources"), sources}};
}

Result<void> Sandbox::setRate(int eventsPerSecond)
{
    if (eventsPerSecond < minimumRate || eventsPerSecond > maximumRate)
        return Error{
            tr("The sandbox's rate must be between 1 and 50,000 events per second, not %1.").arg(eventsPerSecond),
            QStringLiteral("rate"),
            {}};
    if (eventsPerSecond == d->rate)
        return {};
    d->rate = eventsPerSecond;
    if (d->engine)
        d->engine->setRate(eventsPerSecond);
    Q_EMIT rateChanged(eventsPerSecond);
    return {};
}

namespace {

// The first deployed connector of that database, or empty.
QString connectorOf(const SimulatedConnect *connect, SourceKind kind)
{
    for (const QString &name : connect->connectorNames()) {
        const auto config = connect->config(name);
        if (!config)
            continue;
        const auto spec = captureSpecFromConfig(name, *config);
        if (spec && spec.value().kind == kind)
            return name;
    }
    return {};
}

} // namespace

Result<void> Sandbox::trigger(Incident incident)
{
    if (!isRunning())
        return Error{tr("The sandbox is not running."), {}, tr("Start it first (Pipeline ▸ Start Sandbox).")};
    const IncidentInfo &info = incidentInfo(incident);
    if (d->active.contains(incident))
        return Error{tr("\"%1\" is already happening.").arg(info.title), info.key, info.recovery};

    auto needConnector = [this, &info](SourceKind kind) -> Result<QString> {
        const QString name = connectorOf(d->connect, kind);
        if (name.isEmpty())
            return Error{tr("\"%1\" needs a %2 connector; none is deployed in the sandbox.")
                             .arg(info.title, kind == SourceKind::Postgres ? tr("PostgreSQL") : tr("MySQL/MariaDB")),
                         info.key, tr("Deploy the project's connectors first (Pipeline ▸ Deploy).")};
        return name;
    };

    switch (incident) {
    case Incident::LagSpike: d->engine->setThrottle(0.02); break;
    case Incident::TaskFailed: {
        auto name = needConnector(SourceKind::Postgres);
        if (!name)
            return name.error();
        if (auto failed = d->connect->failTask(name.value(), 0, connectionResetTrace(), {}); !failed)
            return failed.error();
        d->incidentConnector.insert(incident, name.value());
        break;
    }
    case Incident::DuplicateServerId: {
        auto name = needConnector(SourceKind::MySql);
        if (!name)
            return name.error();
        const auto config = d->connect->config(name.value());
        const QString clashing = config ? config->value(QStringLiteral("database.server.id")) : QString();
        const SourcePosition position = d->engine->position(name.value()).value_or(SourcePosition{});
        const QString trace = duplicateServerIdTrace(position);
        // Restarting does not help while the other replica keeps the id; a new server.id does.
        auto check = [clashing, trace](const QMap<QString, QString> &now) -> std::optional<QString> {
            if (now.value(QStringLiteral("database.server.id")) == clashing)
                return trace;
            return std::nullopt;
        };
        if (auto failed = d->connect->failTask(name.value(), 0, trace, check); !failed)
            return failed.error();
        d->incidentConnector.insert(incident, name.value());
        break;
    }
    case Incident::SlotDropped: {
        auto name = needConnector(SourceKind::Postgres);
        if (!name)
            return name.error();
        const auto config = d->connect->config(name.value());
        const QString slot = config ? config->value(QStringLiteral("slot.name"), QStringLiteral("debezium"))
                                    : QStringLiteral("debezium");
        d->engine->dropBacklog(name.value());
        // A restart creates a new slot at the current end of the WAL: whatever was written while the
        // task was down is lost too.
        SandboxEngine *engine = d->engine.get();
        const QString connector = name.value();
        auto check = [engine, connector](const QMap<QString, QString> &) -> std::optional<QString> {
            engine->dropBacklog(connector);
            return std::nullopt;
        };
        if (auto failed = d->connect->failTask(connector, 0, slotMissingTrace(slot), check); !failed)
            return failed.error();
        d->incidentConnector.insert(incident, connector);
        d->slotGone.start();
        break;
    }
    case Incident::HistoryTopicMissing: {
        auto name = needConnector(SourceKind::MySql);
        if (!name)
            return name.error();
        const auto config = d->connect->config(name.value());
        const QString topic = config ? config->value(QStringLiteral("schema.history.internal.kafka.topic")) : QString();
        const QString trace = historyMissingTrace(topic);
        auto check = [trace](const QMap<QString, QString> &now) -> std::optional<QString> {
            if (isRecoverySnapshot(now))
                return std::nullopt;
            return trace;
        };
        if (auto failed = d->connect->failTask(name.value(), 0, trace, check); !failed)
            return failed.error();
        d->incidentConnector.insert(incident, name.value());
        break;
    }
    case Incident::SameIdBurst: {
        if (connectorOf(d->connect, SourceKind::Postgres).isEmpty() ||
            connectorOf(d->connect, SourceKind::MySql).isEmpty())
            return Error{tr("\"%1\" needs both a PostgreSQL and a MySQL connector deployed.").arg(info.title), info.key,
                         tr("Deploy the project's connectors first (Pipeline ▸ Deploy).")};
        // The id the tour and the tooltip name, in both databases (PG-42 and MY-42); generated orders
        // never take it, so the first burst starts the order in both.
        const qint64 orderId = burstOrderId;
        d->engine->burst(orderId, burstPerDatabase);
        qCInfo(lcSandbox).noquote() << "sandbox: burst of order" << orderId << "from both databases";
        Q_EMIT burstSent(orderId, burstPerDatabase);
        return {}; // a one-off: never active
    }
    }
    d->active.append(incident);
    qCInfo(lcSandbox).noquote() << "sandbox: incident" << info.key;
    Q_EMIT incidentsChanged();
    return {};
}

Result<void> Sandbox::recover(Incident incident)
{
    if (!isRunning())
        return Error{tr("The sandbox is not running."), {}, {}};
    if (!d->active.contains(incident))
        return {};
    if (incident == Incident::LagSpike) {
        d->engine->setThrottle(1.0);
    } else if (const QString connector = d->incidentConnector.value(incident); !connector.isEmpty()) {
        // What the presenter would do by hand, done for them: the cause goes away and the task restarts.
        d->connect->clearFailure(connector);
        if (auto restarted = d->connect->restartTask(connector, 0); !restarted)
            return restarted.error();
        d->incidentConnector.remove(incident);
    }
    if (incident == Incident::SlotDropped)
        d->slotGone.stop();
    d->active.removeAll(incident);
    qCInfo(lcSandbox).noquote() << "sandbox: recovered from" << incidentInfo(incident).key;
    Q_EMIT incidentsChanged();
    return {};
}

} // namespace cdc::sandbox
