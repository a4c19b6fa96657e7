// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated Kafka Connect worker: connectors as state (config, connector and task states, a pending
// incident), the REST API over Qt HttpServer in Connect's shapes and status codes, and the CaptureBackend
// calls that make RUNNING connectors stream.
#include "sandbox/simulatedconnect.h"

#include "connect/connecttypes.h"
#include "sandbox/connectroutes.h"
#include "sandbox/connectvalidation.h"
#include "sandbox/eventgenerator.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>

#include <algorithm>
#include <functional>
#include <map>

namespace cdc::sandbox {

namespace {

Q_LOGGING_CATEGORY(lcSimulatedConnect, "cdc.sandbox.connect")

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;

const QString kRunning = QStringLiteral("RUNNING");
const QString kPaused = QStringLiteral("PAUSED");
const QString kStopped = QStringLiteral("STOPPED");
const QString kFailed = QStringLiteral("FAILED");
const QString kRestarting = QStringLiteral("RESTARTING");
const QString kWorkerId = QStringLiteral("127.0.0.1:8083");

QHttpServerResponse answer(const QJsonValue &body, Status status = Status::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                              : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact),
                               status);
}

// Connect's error body: {"error_code": 404, "message": "..."}.
QHttpServerResponse connectError(Status status, const QString &message)
{
    return answer(QJsonObject{{QStringLiteral("error_code"), int(status)}, {QStringLiteral("message"), message}},
                  status);
}

QHttpServerResponse notFound(const QString &connector)
{
    return connectError(Status::NotFound, QStringLiteral("Connector %1 not found").arg(connector));
}

Result<QJsonValue> parseBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{QStringLiteral("The request body is not valid JSON: %1 at offset %2")
                         .arg(error.errorString())
                         .arg(error.offset),
                     {},
                     {}};
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

struct Task
{
    QString state;
    QString trace;
};

struct Failure
{
    int task = 0;
    SimulatedConnect::RestartCheck stillFailing;
};

struct Connector
{
    QString name;
    QMap<QString, QString> config;
    CaptureSpec spec;
    QString state = kRunning;
    QList<Task> tasks; // empty while STOPPED, as in Connect 3.5+
    std::optional<Failure> failure;
    bool produced = false;                    // topics are active: it has streamed since the last reset
    bool offsetsReset = false;                // DELETE offsets while STOPPED, until it starts again
    std::optional<QJsonArray> alteredOffsets; // PATCH offsets while STOPPED, until it starts again
};

// RUNNING with every task RUNNING: the capture streams.
bool streams(const Connector &c)
{
    return c.state == kRunning && !c.tasks.isEmpty() &&
           std::all_of(c.tasks.cbegin(), c.tasks.cend(), [](const Task &t) { return t.state == kRunning; });
}

} // namespace

struct SimulatedConnect::Private
{
    SimulatedConnect *q = nullptr;
    CaptureBackend *backend = nullptr;
    SandboxControl *control = nullptr;
    QHttpServer server;
    quint16 port = 0;
    std::map<QString, Connector> connectors; // sorted by name, as the app lists them
    std::vector<Route> routes;

    void addRoutes();
    QHttpServerResponse dispatch(const QHttpServerRequest &request);

    // State changes.
    std::optional<QString> stillFailing(const Connector &c, int task) const;
    void startTask(Connector &c, int task);
    void startTasks(Connector &c);
    void streamAsState(Connector &c);

    // Answers.
    QJsonObject statusJson(const Connector &c, bool restartingConnector = false,
                           const QList<int> &restartingTasks = {}) const;
    QJsonObject infoJson(const Connector &c) const;
    QJsonObject taskStatusJson(const Connector &c, int task) const;
    QJsonArray offsetsJson(const Connector &c) const;
    QStringList topicsOf(const Connector &c) const;
    QHttpServerResponse putConfig(const QString &name, const QMap<QString, QString> &config, bool create);
    QHttpServerResponse sandboxAnswer(const Result<void> &result) const;

    // Handlers, one per route.
    QHttpServerResponse serverInfo(const Call &call);
    QHttpServerResponse plugins(const Call &call);
    QHttpServerResponse validate(const Call &call);
    QHttpServerResponse listConnectors(const Call &call);
    QHttpServerResponse createConnector(const Call &call);
    QHttpServerResponse updateConfig(const Call &call);
    QHttpServerResponse getInfo(Connector &c, const Call &call);
    QHttpServerResponse getConfig(Connector &c, const Call &call);
    QHttpServerResponse getStatus(Connector &c, const Call &call);
    QHttpServerResponse getTasks(Connector &c, const Call &call);
    QHttpServerResponse deleteConnector(Connector &c, const Call &call);
    QHttpServerResponse pause(Connector &c, const Call &call);
    QHttpServerResponse resume(Connector &c, const Call &call);
    QHttpServerResponse stop(Connector &c, const Call &call);
    QHttpServerResponse restart(Connector &c, const Call &call);
    QHttpServerResponse getOffsets(Connector &c, const Call &call);
    QHttpServerResponse resetOffsets(Connector &c, const Call &call);
    QHttpServerResponse alterOffsets(Connector &c, const Call &call);
    QHttpServerResponse getTopics(Connector &c, const Call &call);
    QHttpServerResponse resetTopics(Connector &c, const Call &call);
    QHttpServerResponse taskStatus(Connector &c, int task);
    QHttpServerResponse restartTask(Connector &c, int task);
    QHttpServerResponse sandbox(const Call &call);
    QHttpServerResponse sandboxRate(const Call &call);
    QHttpServerResponse triggerIncident(const Call &call);
    QHttpServerResponse recoverIncident(const Call &call);
    QHttpServerResponse incident(const Call &call, bool trigger);
};

std::optional<QString> SimulatedConnect::Private::stillFailing(const Connector &c, int task) const
{
    if (!c.failure || c.failure->task != task || !c.failure->stillFailing)
        return std::nullopt;
    return c.failure->stillFailing(c.config);
}

// A task (re)starts: it fails again while its incident lasts, else runs (or waits, when the connector is paused).
void SimulatedConnect::Private::startTask(Connector &c, int task)
{
    Task &t = c.tasks[task];
    if (const std::optional<QString> trace = stillFailing(c, task)) {
        t = Task{kFailed, *trace};
        return;
    }
    if (c.failure && c.failure->task == task)
        c.failure.reset();
    t = Task{c.state == kPaused ? kPaused : kRunning, {}};
}

void SimulatedConnect::Private::startTasks(Connector &c)
{
    c.tasks = QList<Task>(1); // Debezium's source connectors run one task whatever tasks.max says
    for (int i = 0; i < c.tasks.size(); ++i)
        startTask(c, i);
}

void SimulatedConnect::Private::streamAsState(Connector &c)
{
    const bool streaming = streams(c);
    if (streaming) {
        c.produced = true;
        c.offsetsReset = false;
        c.alteredOffsets.reset();
    }
    backend->setStreaming(c.name, streaming);
}

QJsonObject SimulatedConnect::Private::taskStatusJson(const Connector &c, int task) const
{
    const Task &t = c.tasks.at(task);
    QJsonObject o{
        {QStringLiteral("id"), task}, {QStringLiteral("state"), t.state}, {QStringLiteral("worker_id"), kWorkerId}};
    if (!t.trace.isEmpty())
        o.insert(QStringLiteral("trace"), t.trace);
    return o;
}

QJsonObject SimulatedConnect::Private::statusJson(const Connector &c, bool restartingConnector,
                                                  const QList<int> &restartingTasks) const
{
    QJsonArray tasks;
    for (int i = 0; i < c.tasks.size(); ++i) {
        QJsonObject task = taskStatusJson(c, i);
        if (restartingTasks.contains(i)) {
            task.insert(QStringLiteral("state"), kRestarting);
            task.remove(QStringLiteral("trace"));
        }
        tasks.append(task);
    }
    return QJsonObject{{QStringLiteral("name"), c.name},
                       {QStringLiteral("connector"),
                        QJsonObject{{QStringLiteral("state"), restartingConnector ? kRestarting : c.state},
                                    {QStringLiteral("worker_id"), kWorkerId}}},
                       {QStringLiteral("tasks"), tasks},
                       {QStringLiteral("type"), QStringLiteral("source")}};
}

// Connect answers a connector's config as it was given: ours hold ${file:…} references, not passwords.
QJsonObject SimulatedConnect::Private::infoJson(const Connector &c) const
{
    QJsonArray tasks;
    for (int i = 0; i < c.tasks.size(); ++i)
        tasks.append(QJsonObject{{QStringLiteral("connector"), c.name}, {QStringLiteral("task"), i}});
    return QJsonObject{{QStringLiteral("name"), c.name},
                       {QStringLiteral("config"), connect::configToJson(c.config)},
                       {QStringLiteral("tasks"), tasks},
                       {QStringLiteral("type"), QStringLiteral("source")}};
}

// Debezium's source offsets: {"server": prefix} → LSN/txId/ts_usec, or binlog file/pos/ts_sec.
QJsonArray SimulatedConnect::Private::offsetsJson(const Connector &c) const
{
    if (c.alteredOffsets)
        return *c.alteredOffsets;
    const std::optional<SourcePosition> position = c.offsetsReset ? std::nullopt : backend->position(c.name);
    if (!position)
        return {};
    QJsonObject offset;
    if (position->kind == SourceKind::Postgres) {
        offset = {{QStringLiteral("lsn"), position->lsn},
                  {QStringLiteral("txId"), position->txId},
                  {QStringLiteral("ts_usec"), position->tsMs * 1000}};
    } else {
        offset = {{QStringLiteral("file"), position->binlogFile},
                  {QStringLiteral("pos"), position->binlogPosition},
                  {QStringLiteral("ts_sec"), position->tsMs / 1000}};
        if (position->serverId > 0)
            offset.insert(QStringLiteral("server_id"), position->serverId);
    }
    return QJsonArray{
        QJsonObject{{QStringLiteral("partition"), QJsonObject{{QStringLiteral("server"), c.spec.topicPrefix}}},
                    {QStringLiteral("offset"), offset}}};
}

// The topics a capture writes: the Event Router's topic for the orders, and one per other captured table.
QStringList SimulatedConnect::Private::topicsOf(const Connector &c) const
{
    if (!c.produced)
        return {};
    QStringList topics;
    if (!c.spec.outboxTable.isEmpty())
        topics << topicFor(c.spec, QStringLiteral("order"));
    for (const QString &table : c.spec.otherTables)
        topics << c.spec.topicPrefix + u'.' + table;
    topics.sort();
    return topics;
}

QHttpServerResponse SimulatedConnect::Private::putConfig(const QString &name, const QMap<QString, QString> &given,
                                                         bool create)
{
    QMap<QString, QString> config = given;
    if (config.contains(QStringLiteral("name")) && config.value(QStringLiteral("name")) != name)
        return connectError(
            Status::BadRequest,
            QStringLiteral("Connector name configuration (%1) doesn't match connector name in the URL (%2)")
                .arg(config.value(QStringLiteral("name")), name));
    if (!name.isEmpty())
        config.insert(QStringLiteral("name"), name);
    auto existing = connectors.find(name);
    if (create && existing != connectors.end())
        return connectError(Status::Conflict, QStringLiteral("Connector %1 already exists").arg(name));

    const QString givenClass = config.value(QStringLiteral("connector.class")).trimmed();
    if (givenClass.isEmpty())
        return connectError(Status::BadRequest, QStringLiteral("Connector config contains no connector type"));
    const QString className = resolvePlugin(givenClass);
    if (className.isEmpty() || !isDebezium(className)) {
        Result<CaptureSpec> spec = captureSpecFromConfig(name, config);
        return connectError(Status::BadRequest, spec
                                                    ? QStringLiteral("The sandbox does not simulate %1").arg(givenClass)
                                                    : spec.error().what);
    }
    if (const QString refused = refusal(validationJson(className, config)); !refused.isEmpty())
        return connectError(Status::BadRequest, refused);
    Result<CaptureSpec> spec = captureSpecFromConfig(name, config);
    if (!spec)
        return connectError(Status::BadRequest, spec.error().what);

    const bool created = existing == connectors.end();
    if (created)
        existing = connectors.emplace(name, Connector{}).first;
    Connector &c = existing->second;
    c.name = name;
    c.config = config;
    c.spec = spec.value();
    backend->addCapture(c.spec);
    if (c.state != kStopped) // a new config restarts the tasks; a stopped connector keeps none
        startTasks(c);
    streamAsState(c);
    qCInfo(lcSimulatedConnect) << (created ? "created" : "reconfigured") << name << "→" << c.state;
    Q_EMIT q->connectorsChanged();

    QHttpServerResponse response = answer(infoJson(c), created ? Status::Created : Status::Ok);
    if (created)
        response.addHeader(QByteArrayLiteral("Location"), (QStringLiteral("http://127.0.0.1:%1/connectors/").arg(port) +
                                                           QString::fromLatin1(QUrl::toPercentEncoding(name)))
                                                              .toLatin1());
    return response;
}

// Connect 3.x+: without includeTasks/onlyFailed only the connector instance restarts (204, no body); with
// them, the tasks they select restart and the answer is the status with those RESTARTING (202).
QHttpServerResponse SimulatedConnect::Private::restart(Connector &c, const Call &call)
{
    const auto flag = [&call](const QString &key) {
        return call.query.queryItemValue(key).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    };
    const bool includeTasks = flag(QStringLiteral("includeTasks"));
    const bool onlyFailed = flag(QStringLiteral("onlyFailed"));
    if (!includeTasks && !onlyFailed)
        return QHttpServerResponse(Status::NoContent);

    QList<int> restarting;
    if (includeTasks) {
        for (int i = 0; i < c.tasks.size(); ++i) {
            if (!onlyFailed || c.tasks.at(i).state == kFailed)
                restarting << i;
        }
    }
    const bool restartingConnector = !onlyFailed || c.state == kFailed;
    const QJsonObject body = statusJson(c, restartingConnector, restarting);
    for (int task : std::as_const(restarting))
        startTask(c, task);
    if (!restarting.isEmpty()) {
        streamAsState(c);
        Q_EMIT q->connectorsChanged();
    }
    return answer(body, Status::Accepted);
}

QHttpServerResponse SimulatedConnect::Private::sandboxAnswer(const Result<void> &result) const
{
    if (!result) {
        const Error &e = result.error();
        return connectError(Status::BadRequest, e.hint.isEmpty() ? e.what : e.what + u' ' + e.hint);
    }
    return answer(control->describe());
}

QHttpServerResponse SimulatedConnect::Private::serverInfo(const Call &)
{
    return answer(QJsonObject{{QStringLiteral("version"), connectVersion()},
                              {QStringLiteral("commit"), QStringLiteral("5a1e8e1c0cd3e7ad")},
                              {QStringLiteral("kafka_cluster_id"), QStringLiteral("cdc-studio-sandbox")}});
}

QHttpServerResponse SimulatedConnect::Private::plugins(const Call &call)
{
    const bool connectorsOnly = call.query.queryItemValue(QStringLiteral("connectorsOnly"))
                                    .compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
    return answer(connectorPluginsJson(connectorsOnly));
}

QHttpServerResponse SimulatedConnect::Private::validate(const Call &call)
{
    const Result<QJsonValue> body = parseBody(call.body);
    Result<QMap<QString, QString>> config = body ? configFrom(body.value()) : body.error();
    if (!config)
        return connectError(Status::BadRequest, config.error().what);
    const QString plugin = call.args.value(0);
    const QString included = config.value().value(QStringLiteral("connector.class"));
    const QString className = resolvePlugin(plugin);
    if (!included.isEmpty() && resolvePlugin(included) != className && !included.endsWith(plugin))
        return connectError(Status::BadRequest, connectorTypeMismatch(included, plugin));
    if (!isConnectorPlugin(className))
        return connectError(Status::BadRequest, unknownConnectorPlugin(plugin));
    config.value().insert(QStringLiteral("connector.class"), className);
    return answer(validationJson(className, config.value()));
}

QHttpServerResponse SimulatedConnect::Private::listConnectors(const Call &call)
{
    const QStringList expand = call.query.allQueryItemValues(QStringLiteral("expand"));
    if (expand.isEmpty()) {
        QJsonArray names;
        for (const auto &[name, c] : connectors)
            names.append(name);
        return answer(names);
    }
    QJsonObject all;
    for (const auto &[name, c] : connectors) {
        QJsonObject entry;
        if (expand.contains(QStringLiteral("status")))
            entry.insert(QStringLiteral("status"), statusJson(c));
        if (expand.contains(QStringLiteral("info")))
            entry.insert(QStringLiteral("info"), infoJson(c));
        all.insert(name, entry);
    }
    return answer(all);
}

QHttpServerResponse SimulatedConnect::Private::createConnector(const Call &call)
{
    const Result<QJsonValue> body = parseBody(call.body);
    if (!body)
        return connectError(Status::BadRequest, body.error().what);
    const QJsonObject request = body.value().toObject();
    const QJsonValue configValue = request.value(QStringLiteral("config"));
    if (configValue.isUndefined() || configValue.isNull())
        return connectError(Status::BadRequest, QStringLiteral("Connector config must be given"));
    const Result<QMap<QString, QString>> config = configFrom(configValue);
    if (!config)
        return connectError(Status::BadRequest, config.error().what);
    return putConfig(request.value(QStringLiteral("name")).toString().trimmed(), config.value(), true);
}

QHttpServerResponse SimulatedConnect::Private::updateConfig(const Call &call)
{
    const Result<QJsonValue> body = parseBody(call.body);
    const Result<QMap<QString, QString>> config = body ? configFrom(body.value()) : body.error();
    if (!config)
        return connectError(Status::BadRequest, config.error().what);
    return putConfig(call.args.value(0), config.value(), false);
}

QHttpServerResponse SimulatedConnect::Private::getInfo(Connector &c, const Call &)
{
    return answer(infoJson(c));
}

QHttpServerResponse SimulatedConnect::Private::getConfig(Connector &c, const Call &)
{
    return answer(connect::configToJson(c.config));
}

QHttpServerResponse SimulatedConnect::Private::getStatus(Connector &c, const Call &)
{
    return answer(statusJson(c));
}

// Task configs are the connector's plus the task class; secrets are hidden here.
QHttpServerResponse SimulatedConnect::Private::getTasks(Connector &c, const Call &)
{
    QJsonObject config = connect::configToJson(c.config);
    for (auto it = c.config.cbegin(); it != c.config.cend(); ++it) {
        if (connect::isSecretKey(it.key()))
            config.insert(it.key(), hiddenValue());
    }
    config.insert(QStringLiteral("task.class"), QString(resolvePlugin(c.spec.connectorClass) + QStringLiteral("Task")));
    QJsonArray tasks;
    for (int i = 0; i < c.tasks.size(); ++i)
        tasks.append(QJsonObject{
            {QStringLiteral("id"), QJsonObject{{QStringLiteral("connector"), c.name}, {QStringLiteral("task"), i}}},
            {QStringLiteral("config"), config}});
    return answer(tasks);
}

QHttpServerResponse SimulatedConnect::Private::deleteConnector(Connector &c, const Call &)
{
    const QString name = c.name;
    backend->removeCapture(name);
    connectors.erase(name);
    qCInfo(lcSimulatedConnect) << "deleted" << name;
    Q_EMIT q->connectorsChanged();
    return QHttpServerResponse(Status::NoContent);
}

// A paused connector keeps its tasks, PAUSED; failed ones stay FAILED. A stopped one gets its tasks back, paused.
QHttpServerResponse SimulatedConnect::Private::pause(Connector &c, const Call &)
{
    const bool wasStopped = c.state == kStopped;
    c.state = kPaused;
    if (wasStopped)
        startTasks(c);
    for (Task &t : c.tasks) {
        if (t.state == kRunning)
            t.state = kPaused;
    }
    streamAsState(c);
    Q_EMIT q->connectorsChanged();
    return QHttpServerResponse(Status::Accepted);
}

// Resuming does not restart failed tasks; a stopped connector's tasks start afresh.
QHttpServerResponse SimulatedConnect::Private::resume(Connector &c, const Call &)
{
    const bool wasStopped = c.state == kStopped;
    c.state = kRunning;
    if (wasStopped)
        startTasks(c);
    for (Task &t : c.tasks) {
        if (t.state == kPaused)
            t.state = kRunning;
    }
    streamAsState(c);
    Q_EMIT q->connectorsChanged();
    return QHttpServerResponse(Status::Accepted);
}

QHttpServerResponse SimulatedConnect::Private::stop(Connector &c, const Call &)
{
    c.state = kStopped;
    c.tasks.clear();
    streamAsState(c);
    Q_EMIT q->connectorsChanged();
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse SimulatedConnect::Private::getOffsets(Connector &c, const Call &)
{
    return answer(QJsonObject{{QStringLiteral("offsets"), offsetsJson(c)}});
}

QHttpServerResponse SimulatedConnect::Private::resetOffsets(Connector &c, const Call &)
{
    if (c.state != kStopped)
        return connectError(Status::BadRequest, mustBeStopped(c.name));
    backend->resetPosition(c.name);
    c.offsetsReset = true;
    c.alteredOffsets.reset();
    return answer(QJsonObject{
        {QStringLiteral("message"), QStringLiteral("The offsets for this connector have been reset successfully")}});
}

// Kept and answered until the connector starts again; the engine resumes from its own position.
QHttpServerResponse SimulatedConnect::Private::alterOffsets(Connector &c, const Call &call)
{
    if (c.state != kStopped)
        return connectError(Status::BadRequest, mustBeStopped(c.name));
    const Result<QJsonValue> body = parseBody(call.body);
    if (!body)
        return connectError(Status::BadRequest, body.error().what);
    const QJsonValue offsets = body.value().toObject().value(QStringLiteral("offsets"));
    if (!offsets.isArray() || offsets.toArray().isEmpty())
        return connectError(Status::BadRequest, QStringLiteral("Offsets must be specified and should not be empty"));
    QJsonArray kept;
    for (const QJsonValue &item : offsets.toArray()) {
        const QJsonObject o = item.toObject();
        if (!o.value(QStringLiteral("partition")).isObject())
            return connectError(Status::BadRequest,
                                QStringLiteral("Source partitions must be JSON objects with a \"partition\" key"));
        if (o.value(QStringLiteral("offset")).isObject())
            kept.append(o);
    }
    c.offsetsReset = kept.isEmpty();
    c.alteredOffsets = kept;
    return answer(QJsonObject{
        {QStringLiteral("message"), QStringLiteral("The offsets for this connector have been altered successfully")}});
}

QHttpServerResponse SimulatedConnect::Private::getTopics(Connector &c, const Call &)
{
    return answer(
        QJsonObject{{c.name, QJsonObject{{QStringLiteral("topics"), QJsonArray::fromStringList(topicsOf(c))}}}});
}

QHttpServerResponse SimulatedConnect::Private::resetTopics(Connector &c, const Call &)
{
    c.produced = streams(c); // a streaming connector records its topics again at once
    return QHttpServerResponse(Status::Accepted);
}

QHttpServerResponse SimulatedConnect::Private::taskStatus(Connector &c, int task)
{
    return answer(taskStatusJson(c, task));
}

QHttpServerResponse SimulatedConnect::Private::restartTask(Connector &c, int task)
{
    startTask(c, task);
    streamAsState(c);
    Q_EMIT q->connectorsChanged();
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse SimulatedConnect::Private::sandbox(const Call &)
{
    return answer(control->describe());
}

QHttpServerResponse SimulatedConnect::Private::sandboxRate(const Call &call)
{
    const Result<QJsonValue> body = parseBody(call.body);
    const QJsonValue rate = body ? body.value().toObject().value(QStringLiteral("eventsPerSecond")) : QJsonValue();
    if (!rate.isDouble() || rate.toDouble() != double(qint64(rate.toDouble())))
        return connectError(Status::BadRequest,
                            QStringLiteral("The body must be {\"eventsPerSecond\": N} with N a whole number."));
    return sandboxAnswer(control->setRate(rate.toInt()));
}

QHttpServerResponse SimulatedConnect::Private::triggerIncident(const Call &call)
{
    return incident(call, true);
}

QHttpServerResponse SimulatedConnect::Private::recoverIncident(const Call &call)
{
    return incident(call, false);
}

QHttpServerResponse SimulatedConnect::Private::incident(const Call &call, bool trigger)
{
    const std::optional<Incident> incident = incidentFromKey(call.args.value(0));
    if (!incident) {
        QStringList keys;
        for (const IncidentInfo &info : incidents())
            keys << info.key;
        return connectError(Status::NotFound, QStringLiteral("There is no incident \"%1\"; the sandbox knows %2")
                                                  .arg(call.args.value(0), keys.join(QStringLiteral(", "))));
    }
    return sandboxAnswer(trigger ? control->trigger(*incident) : control->recover(*incident));
}

void SimulatedConnect::Private::addRoutes()
{
    using Plain = QHttpServerResponse (Private::*)(const Call &);
    using OnConnector = QHttpServerResponse (Private::*)(Connector &, const Call &);
    using OnTask = QHttpServerResponse (Private::*)(Connector &, int);
    const auto plain = [this](Plain handle) {
        return [this, handle](const Call &call) { return (this->*handle)(call); };
    };
    // The connector named by the route's first `*`, or Connect's 404.
    const auto onConnector = [this](OnConnector handle) {
        return [this, handle](const Call &call) {
            const auto it = connectors.find(call.args.value(0));
            return it == connectors.end() ? notFound(call.args.value(0)) : (this->*handle)(it->second, call);
        };
    };
    const auto onTask = [this](OnTask handle) {
        return [this, handle](const Call &call) {
            const auto it = connectors.find(call.args.value(0));
            if (it == connectors.end())
                return notFound(call.args.value(0));
            bool ok = false;
            const int task = call.args.value(1).toInt(&ok);
            if (!ok || task < 0 || task >= it->second.tasks.size())
                return connectError(
                    Status::NotFound,
                    QStringLiteral("No status found for task %1-%2").arg(it->first, call.args.value(1)));
            return (this->*handle)(it->second, task);
        };
    };
    const auto path = [](const char *pattern) { return QString::fromLatin1(pattern).split(u'/', Qt::SkipEmptyParts); };

    routes = {
        {Method::Get, path(""), plain(&Private::serverInfo)},
        {Method::Get, path("connector-plugins"), plain(&Private::plugins)},
        {Method::Put, path("connector-plugins/*/config/validate"), plain(&Private::validate)},
        {Method::Get, path("connectors"), plain(&Private::listConnectors)},
        {Method::Post, path("connectors"), plain(&Private::createConnector)},
        {Method::Get, path("connectors/*"), onConnector(&Private::getInfo)},
        {Method::Delete, path("connectors/*"), onConnector(&Private::deleteConnector)},
        {Method::Get, path("connectors/*/config"), onConnector(&Private::getConfig)},
        {Method::Put, path("connectors/*/config"), plain(&Private::updateConfig)},
        {Method::Get, path("connectors/*/status"), onConnector(&Private::getStatus)},
        {Method::Get, path("connectors/*/tasks"), onConnector(&Private::getTasks)},
        {Method::Get, path("connectors/*/tasks/*/status"), onTask(&Private::taskStatus)},
        {Method::Post, path("connectors/*/tasks/*/restart"), onTask(&Private::restartTask)},
        {Method::Put, path("connectors/*/pause"), onConnector(&Private::pause)},
        {Method::Put, path("connectors/*/resume"), onConnector(&Private::resume)},
        {Method::Put, path("connectors/*/stop"), onConnector(&Private::stop)},
        {Method::Post, path("connectors/*/restart"), onConnector(&Private::restart)},
        {Method::Get, path("connectors/*/offsets"), onConnector(&Private::getOffsets)},
        {Method::Delete, path("connectors/*/offsets"), onConnector(&Private::resetOffsets)},
        {Method::Patch, path("connectors/*/offsets"), onConnector(&Private::alterOffsets)},
        {Method::Get, path("connectors/*/topics"), onConnector(&Private::getTopics)},
        {Method::Put, path("connectors/*/topics/reset"), onConnector(&Private::resetTopics)},
        {Method::Get, path("sandbox"), plain(&Private::sandbox)},
        {Method::Put, path("sandbox/rate"), plain(&Private::sandboxRate)},
        {Method::Post, path("sandbox/incidents/*"), plain(&Private::triggerIncident)},
        {Method::Delete, path("sandbox/incidents/*"), plain(&Private::recoverIncident)},
    };
}

// Connector names are percent-encoded path segments ("a%2Fb"): every request comes here and is routed on
// its encoded segments, each decoded once (connectroutes.h).
QHttpServerResponse SimulatedConnect::Private::dispatch(const QHttpServerRequest &request)
{
    const QStringList segments = decodedSegments(request.url());
    const RouteMatch match = findRoute(routes, request.method(), segments);
    if (!match.route)
        return match.pathKnown ? connectError(Status::MethodNotAllowed, QStringLiteral("HTTP 405 Method Not Allowed"))
                               : connectError(Status::NotFound, QStringLiteral("HTTP 404 Not Found"));
    if (segments.value(0) == QLatin1String("sandbox") && !control)
        return connectError(Status::NotFound, QStringLiteral("This Kafka Connect is not a sandbox's: it has no "
                                                             "/sandbox control"));
    return match.route->handle(Call{match.args, request.query(), request.body()});
}

SimulatedConnect::SimulatedConnect(CaptureBackend *backend, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->backend = backend;
    d->addRoutes();
    d->server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        QHttpServerResponse response = d->dispatch(request);
        qCDebug(lcSimulatedConnect) << request.method() << request.url().path(QUrl::FullyEncoded) << "→"
                                    << int(response.statusCode());
        response.write(std::move(responder));
    });
}

SimulatedConnect::~SimulatedConnect() = default;

Result<void> SimulatedConnect::listen(quint16 port)
{
    if (d->port != 0)
        return Error{tr("The simulated Kafka Connect already listens on %1.").arg(url().toString()), {}, {}};
    const quint16 bound = d->server.listen(QHostAddress::LocalHost, port);
    if (bound == 0)
        return Error{tr("The simulated Kafka Connect could not listen on 127.0.0.1:%1.").arg(port),
                     QStringLiteral("127.0.0.1:%1").arg(port),
                     tr("Another program may use the port: choose another one, or 0 for any free port.")};
    d->port = bound;
    qCInfo(lcSimulatedConnect) << "listening on" << url().toString();
    return {};
}

QUrl SimulatedConnect::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(d->port));
}

void SimulatedConnect::setControl(SandboxControl *control)
{
    d->control = control;
}

Result<void> SimulatedConnect::failTask(const QString &connector, int task, const QString &trace,
                                        RestartCheck stillFailing)
{
    const auto it = d->connectors.find(connector);
    if (it == d->connectors.end())
        return Error{tr("There is no connector \"%1\" in the sandbox.").arg(connector), connector,
                     tr("Deploy it first.")};
    Connector &c = it->second;
    if (task < 0 || task >= c.tasks.size())
        return Error{tr("The connector \"%1\" has no task %2 (it is %3).").arg(connector).arg(task).arg(c.state),
                     connector, tr("Resume the connector first.")};
    c.tasks[task] = Task{kFailed, trace};
    c.failure = Failure{task, std::move(stillFailing)};
    d->streamAsState(c);
    qCInfo(lcSimulatedConnect) << "task" << task << "of" << connector << "failed";
    Q_EMIT connectorsChanged();
    return {};
}

void SimulatedConnect::clearFailure(const QString &connector)
{
    if (const auto it = d->connectors.find(connector); it != d->connectors.end())
        it->second.failure.reset();
}

Result<void> SimulatedConnect::restartTask(const QString &connector, int task)
{
    const auto it = d->connectors.find(connector);
    if (it == d->connectors.end())
        return Error{tr("There is no connector \"%1\" in the sandbox.").arg(connector), connector, {}};
    if (task < 0 || task >= it->second.tasks.size())
        return Error{
            tr("The connector \"%1\" has no task %2 (it is %3).").arg(connector).arg(task).arg(it->second.state),
            connector, tr("Resume the connector first.")};
    d->restartTask(it->second, task);
    return {};
}

QStringList SimulatedConnect::connectorNames() const
{
    QStringList names;
    for (const auto &[name, c] : d->connectors)
        names << name;
    return names;
}

QString SimulatedConnect::connectorState(const QString &connector) const
{
    const auto it = d->connectors.find(connector);
    return it == d->connectors.end() ? QString() : it->second.state;
}

QString SimulatedConnect::taskState(const QString &connector, int task) const
{
    const auto it = d->connectors.find(connector);
    if (it == d->connectors.end() || task < 0 || task >= it->second.tasks.size())
        return {};
    return it->second.tasks.at(task).state;
}

std::optional<QMap<QString, QString>> SimulatedConnect::config(const QString &connector) const
{
    const auto it = d->connectors.find(connector);
    if (it == d->connectors.end())
        return std::nullopt;
    return it->second.config;
}

} // namespace cdc::sandbox
