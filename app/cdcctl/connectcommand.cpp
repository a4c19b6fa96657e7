// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl deploy`, `status` and `connector`: options -> a Kafka Connect client; each call awaited on a
// local event loop (the client is asynchronous), its result printed, its error on stderr with exit 1.
#include "connectcommand.h"

#include "commands.h"
#include "connect/connectclient.h"
#include "connect/deployer.h"
#include "connect/deployplan.h"
#include "core/stackenvironment.h"
#include "debezium/connectorconfig.h"
#include "topology/projectfile.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTextStream>

#include <algorithm>
#include <optional>
#include <utility>

namespace cdc::cli {

namespace {

using connect::ClusterSettings;
using connect::ConnectClient;

// The client's request log stays quiet unless QT_LOGGING_RULES asks for it; the commands report themselves.
void quietClientLogging()
{
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("cdc.connect.debug=false\ncdc.connect.info=false"));
}

int usageError(const QString &command, const QString &message)
{
    err() << QStringLiteral("cdcctl %1: ").arg(command) << message << Qt::endl;
    return kExitUsage;
}

int failed(const QString &command, const Error &error)
{
    err() << QStringLiteral("cdcctl %1: ").arg(command) << error.toString() << Qt::endl;
    return kExitFailed;
}

void addConnectOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("connect"),
                      tr("Kafka Connect's REST URL (default: the project's cluster, else $CDC_CONNECT_URL, else "
                         "CONNECT_URL of $CDC_STACK_DIR/stack.env, else http://localhost:8083)."),
                      QStringLiteral("url")});
}

// The first Kafka Connect cluster node of a project that names a URL.
QString projectConnectUrl(const topology::Project &project)
{
    for (const topology::Node &n : project.nodes) {
        if (n.kind == topology::NodeKind::ConnectCluster && !n.properties.value(QStringLiteral("url")).isEmpty())
            return n.properties.value(QStringLiteral("url"));
    }
    return {};
}

// The cluster to talk to: --connect, the project's first cluster (or Connect node), $CDC_CONNECT_URL,
// the stack's, or Connect's default.
std::optional<ClusterSettings> resolveCluster(const QCommandLineParser &parser, const QString &command,
                                              const topology::Project *project = nullptr)
{
    ClusterSettings settings;
    QString url = parser.value(QStringLiteral("connect")).trimmed();
    if (url.isEmpty() && project && !project->clusters.empty()) {
        settings = connect::clusterFromProject(project->clusters.front());
        url = project->clusters.front().url.trimmed();
    }
    if (url.isEmpty() && project)
        url = projectConnectUrl(*project);
    if (url.isEmpty())
        url = qEnvironmentVariable("CDC_CONNECT_URL").trimmed();
    if (url.isEmpty()) {
        const QString path = StackEnvironment::defaultPath();
        if (!path.isEmpty()) {
            const Result<StackEnvironment> env = StackEnvironment::load(path);
            if (env)
                url = env.value().value(QStringLiteral("CONNECT_URL"));
        }
    }
    if (url.isEmpty())
        return settings;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))) {
        usageError(command, tr("\"%1\" is not a Kafka Connect URL; give one like http://localhost:8083.").arg(url));
        return std::nullopt;
    }
    settings.url = parsed;
    return settings;
}

// ---- deploy --------------------------------------------------------------------------------------

void printOutcome(const connect::Deployer::Outcome &o)
{
    if (o.ok) {
        out() << o.name << QStringLiteral(": ") << o.message << Qt::endl;
        return;
    }
    // Failures on stderr: what the worker refused, one "property: error" a line.
    err() << QStringLiteral("FAILED  ") << o.name << QStringLiteral(": ") << o.message << Qt::endl;
    for (const connect::PropertyValidation &p : o.refused) {
        for (const QString &e : p.errors)
            err() << QStringLiteral("    ") << p.name << QStringLiteral(": ") << e << Qt::endl;
    }
}

// ---- status --------------------------------------------------------------------------------------

QJsonObject taskJson(const connect::TaskStatus &t)
{
    QJsonObject o{
        {QStringLiteral("id"), t.id}, {QStringLiteral("state"), t.state}, {QStringLiteral("worker"), t.workerId}};
    if (!t.trace.isEmpty()) {
        o.insert(QStringLiteral("error"), connect::firstUsefulTraceLine(t.trace));
        o.insert(QStringLiteral("trace"), t.trace);
    }
    return o;
}

QJsonObject connectorJson(const connect::ConnectorOverview &c)
{
    QJsonArray tasks;
    for (const connect::TaskStatus &t : c.status.tasks)
        tasks.append(taskJson(t));
    QJsonObject o{{QStringLiteral("name"), c.info.name.isEmpty() ? c.status.name : c.info.name},
                  {QStringLiteral("state"), c.status.state},
                  {QStringLiteral("type"), c.status.type.isEmpty() ? c.info.type : c.status.type},
                  {QStringLiteral("class"), c.info.connectorClass()},
                  {QStringLiteral("worker"), c.status.workerId},
                  {QStringLiteral("tasks"), tasks}};
    if (!c.status.trace.isEmpty()) {
        o.insert(QStringLiteral("error"), connect::firstUsefulTraceLine(c.status.trace));
        o.insert(QStringLiteral("trace"), c.status.trace);
    }
    return o;
}

void printStatus(const QList<connect::ConnectorOverview> &connectors)
{
    qsizetype width = 4;
    for (const connect::ConnectorOverview &c : connectors)
        width = std::max(width, c.status.name.size());
    for (const connect::ConnectorOverview &c : connectors) {
        const QString type = c.status.type.isEmpty() ? c.info.type : c.status.type;
        out() << c.status.name.leftJustified(width) << QStringLiteral("  ") << c.status.state.leftJustified(10)
              << type.leftJustified(8) << c.status.workerId << Qt::endl;
        if (!c.status.trace.isEmpty())
            out() << QStringLiteral("    ") << connect::firstUsefulTraceLine(c.status.trace) << Qt::endl;
        if (c.status.tasks.isEmpty())
            out() << QStringLiteral("    ") << tr("no tasks") << Qt::endl;
        for (const connect::TaskStatus &t : c.status.tasks) {
            out() << QStringLiteral("    task %1  ").arg(t.id) << t.state.leftJustified(10) << t.workerId;
            if (t.state == QLatin1String("FAILED") && !t.trace.isEmpty())
                out() << QStringLiteral("  — ") << connect::firstUsefulTraceLine(t.trace);
            out() << Qt::endl;
        }
    }
}

// ---- connector -----------------------------------------------------------------------------------

const QStringList kActions{QStringLiteral("pause"),        QStringLiteral("resume"), QStringLiteral("stop"),
                           QStringLiteral("restart"),      QStringLiteral("delete"), QStringLiteral("offsets"),
                           QStringLiteral("reset-offsets")};

QJsonObject offsetsJson(const connect::ConnectorOffsets &offsets)
{
    QJsonArray list;
    for (const connect::SourceOffset &o : offsets.offsets)
        list.append(QJsonObject{{QStringLiteral("partition"), o.partition}, {QStringLiteral("offset"), o.offset}});
    return QJsonObject{{QStringLiteral("offsets"), list}};
}

} // namespace

void describeDeploy(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Deploy a project's connectors to Kafka Connect: prints the plan (create, update with the config diff, "
           "unchanged; connectors only on the cluster are left alone), then validates every connector that changes "
           "on the worker and applies them only when none is refused. Exit 0 when deployed (or with --dry-run), 1 "
           "when the worker refuses or fails (each refused property on its own line), 2 when the project cannot be "
           "read, 64 on a bad command line."));
    parser.addPositionalArgument(QStringLiteral("project"), tr("The project file."), QStringLiteral("PROJECT"));
    addConnectOption(parser);
    parser.addOption({QStringLiteral("dry-run"), tr("Print the plan and stop.")});
    parser.addOption({QStringLiteral("node"), tr("Deploy only this connector node (by id); repeat for more."),
                      QStringLiteral("id")});
}

int runDeploy(const QCommandLineParser &parser)
{
    quietClientLogging();
    const QString command = QStringLiteral("deploy");
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command, tr("name one project file."));
    const Result<topology::Project> project = topology::loadProjectFile(positional.constFirst());
    if (!project) {
        err() << QStringLiteral("ERROR ") << project.error().toString() << Qt::endl;
        return kExitUnreadable;
    }
    const std::vector<debezium::ConnectorConfig> connectors = debezium::connectorsOf(project.value());
    const QStringList nodes = parser.values(QStringLiteral("node"));
    for (const QString &node : nodes) {
        const bool known = std::any_of(connectors.cbegin(), connectors.cend(),
                                       [&node](const debezium::ConnectorConfig &c) { return c.nodeId == node; });
        if (!known) {
            QStringList ids;
            for (const debezium::ConnectorConfig &c : connectors)
                ids << c.nodeId;
            return usageError(command, tr("the project has no connector node \"%1\"; its connector nodes are: %2.")
                                           .arg(node, ids.isEmpty() ? tr("none") : ids.join(QStringLiteral(", "))));
        }
    }
    const std::optional<ClusterSettings> cluster = resolveCluster(parser, command, &project.value());
    if (!cluster)
        return kExitUsage;

    ConnectClient client(*cluster);
    const Result<QList<connect::ConnectorOverview>> live =
        connect::awaitAnswer<QList<connect::ConnectorOverview>>([&client](auto done) { client.connectors(done); });
    if (!live)
        return failed(command, live.error());
    const connect::DeployPlan plan = connect::planDeploy(connectors, live.value(), nodes);
    out() << tr("Kafka Connect at %1:").arg(cluster->url.toString()) << Qt::endl
          << connect::describePlan(plan) << Qt::flush;
    if (parser.isSet(QStringLiteral("dry-run")))
        return kExitOk;
    if (plan.nothingToDo()) {
        out() << tr("Nothing to deploy: every connector is up to date.") << Qt::endl;
        return kExitOk;
    }

    connect::Deployer deployer(&client, plan);
    QEventLoop loop;
    bool deployed = false;
    QObject::connect(&deployer, &connect::Deployer::progress, &loop, [](int done, int total, const QString &what) {
        out() << QStringLiteral("[%1/%2] ").arg(done).arg(total) << what << Qt::endl;
    });
    QObject::connect(&deployer, &connect::Deployer::finished, &loop, [&](bool ok) {
        deployed = ok;
        loop.quit();
    });
    deployer.start();
    loop.exec();
    for (const connect::Deployer::Outcome &o : deployer.outcomes())
        printOutcome(o);
    if (!deployed) {
        err() << tr("cdcctl deploy: not deployed; see above.") << Qt::endl;
        return kExitFailed;
    }
    return kExitOk;
}

void describeStatus(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Show every connector on Kafka Connect with its state, type, worker and tasks; a FAILED task with the "
           "first line of its trace that says what happened. Exit 0 when Connect answered, 1 when it did not."));
    addConnectOption(parser);
    parser.addOption({QStringLiteral("json"), tr("Print one JSON document instead of text.")});
}

int runStatus(const QCommandLineParser &parser)
{
    quietClientLogging();
    const QString command = QStringLiteral("status");
    if (!parser.positionalArguments().isEmpty())
        return usageError(command, tr("takes no arguments, only options."));
    const std::optional<ClusterSettings> cluster = resolveCluster(parser, command);
    if (!cluster)
        return kExitUsage;
    ConnectClient client(*cluster);
    const Result<QList<connect::ConnectorOverview>> live =
        connect::awaitAnswer<QList<connect::ConnectorOverview>>([&client](auto done) { client.connectors(done); });
    if (!live)
        return failed(command, live.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const connect::ConnectorOverview &c : live.value())
            list.append(connectorJson(c));
        const QJsonObject doc{{QStringLiteral("connect"), cluster->url.toString()},
                              {QStringLiteral("connectors"), list}};
        out() << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)) << Qt::flush;
        return kExitOk;
    }
    if (live.value().isEmpty())
        out() << tr("No connectors on Kafka Connect at %1.").arg(cluster->url.toString()) << Qt::endl;
    printStatus(live.value());
    return kExitOk;
}

void describeConnector(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Operate one connector: pause, resume, stop, restart (--include-tasks, --only-failed, or --task N), "
           "delete (needs --yes), offsets (--json for the raw offsets), reset-offsets (needs --yes; the connector "
           "must be STOPPED). Exit 0 when Connect accepted it, 1 when it refused, 64 on a bad command line."));
    parser.addPositionalArgument(QStringLiteral("action"), kActions.join(QStringLiteral(", ")),
                                 QStringLiteral("ACTION"));
    parser.addPositionalArgument(QStringLiteral("name"), tr("The connector."), QStringLiteral("NAME"));
    addConnectOption(parser);
    parser.addOption({QStringLiteral("task"), tr("restart: only this task."), QStringLiteral("n")});
    parser.addOption({QStringLiteral("include-tasks"), tr("restart: the connector's tasks too.")});
    parser.addOption({QStringLiteral("only-failed"), tr("restart: only what has FAILED.")});
    parser.addOption({QStringLiteral("yes"), tr("delete, reset-offsets: yes, really.")});
    parser.addOption({QStringLiteral("json"), tr("offsets: print the raw offsets as JSON.")});
}

int runConnector(const QCommandLineParser &parser)
{
    quietClientLogging();
    const QString command = QStringLiteral("connector");
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(command, tr("give an action and a connector name, e.g. cdcctl connector restart pg-outbox."));
    const QString action = positional.at(0);
    const QString name = positional.at(1).trimmed();
    if (!kActions.contains(action))
        return usageError(command,
                          tr("unknown action \"%1\"; use one of %2.").arg(action, kActions.join(QStringLiteral(", "))));
    if (name.isEmpty())
        return usageError(command, tr("the connector name is empty."));
    const bool restart = action == QLatin1String("restart");
    int task = -1;
    if (parser.isSet(QStringLiteral("task"))) {
        bool ok = false;
        task = parser.value(QStringLiteral("task")).toInt(&ok);
        if (!restart)
            return usageError(command, tr("--task goes with restart only."));
        if (!ok || task < 0)
            return usageError(command, tr("--task takes a task number (0, 1, ...)."));
        if (parser.isSet(QStringLiteral("include-tasks")) || parser.isSet(QStringLiteral("only-failed")))
            return usageError(command, tr("--task restarts one task; leave out --include-tasks and --only-failed."));
    }
    if (!restart && (parser.isSet(QStringLiteral("include-tasks")) || parser.isSet(QStringLiteral("only-failed"))))
        return usageError(command, tr("--include-tasks and --only-failed go with restart only."));
    const bool destructive = action == QLatin1String("delete") || action == QLatin1String("reset-offsets");
    if (destructive && !parser.isSet(QStringLiteral("yes")))
        return usageError(command, action == QLatin1String("delete")
                                       ? tr("deleting %1 cannot be undone; add --yes to go ahead.").arg(name)
                                       : tr("resetting the offsets of %1 makes it start from nothing when resumed; "
                                            "add --yes to go ahead.")
                                             .arg(name));
    if (parser.isSet(QStringLiteral("json")) && action != QLatin1String("offsets"))
        return usageError(command, tr("--json goes with offsets only."));

    const std::optional<ClusterSettings> cluster = resolveCluster(parser, command);
    if (!cluster)
        return kExitUsage;
    ConnectClient client(*cluster);

    if (action == QLatin1String("offsets")) {
        const Result<connect::ConnectorOffsets> offsets =
            connect::awaitAnswer<connect::ConnectorOffsets>([&](auto done) { client.offsets(name, done); });
        if (!offsets)
            return failed(command, offsets.error());
        if (parser.isSet(QStringLiteral("json"))) {
            out() << QString::fromUtf8(QJsonDocument(offsetsJson(offsets.value())).toJson(QJsonDocument::Indented))
                  << Qt::flush;
            return kExitOk;
        }
        if (offsets.value().offsets.isEmpty())
            out() << tr("%1: no offsets stored (it starts from nothing).").arg(name) << Qt::endl;
        for (const connect::SourceOffset &o : offsets.value().offsets) {
            out() << o.describe();
            if (!o.partition.isEmpty())
                out() << QStringLiteral("  ")
                      << QString::fromUtf8(QJsonDocument(o.partition).toJson(QJsonDocument::Compact));
            out() << Qt::endl;
        }
        return kExitOk;
    }

    Result<void> done;
    QString what;
    if (action == QLatin1String("pause")) {
        done = connect::awaitAnswer<void>([&](auto d) { client.pause(name, d); });
        what = tr("%1: pause requested; its tasks stop shortly.").arg(name);
    } else if (action == QLatin1String("resume")) {
        done = connect::awaitAnswer<void>([&](auto d) { client.resume(name, d); });
        what = tr("%1: resume requested.").arg(name);
    } else if (action == QLatin1String("stop")) {
        done = connect::awaitAnswer<void>([&](auto d) { client.stop(name, d); });
        what = tr("%1: stopped; its tasks are shut down and its offsets can be changed.").arg(name);
    } else if (restart && task >= 0) {
        done = connect::awaitAnswer<void>([&](auto d) { client.restartTask(name, task, d); });
        what = tr("%1: restart of task %2 requested.").arg(name).arg(task);
    } else if (restart) {
        const bool includeTasks = parser.isSet(QStringLiteral("include-tasks"));
        const bool onlyFailed = parser.isSet(QStringLiteral("only-failed"));
        done = connect::awaitAnswer<void>([&](auto d) { client.restart(name, includeTasks, onlyFailed, d); });
        what = includeTasks ? onlyFailed ? tr("%1: restart of what has failed (connector and tasks) requested.")
                                         : tr("%1: restart of the connector and its tasks requested.")
                            : tr("%1: restart of the connector requested.");
        what = what.arg(name);
    } else if (action == QLatin1String("delete")) {
        done = connect::awaitAnswer<void>([&](auto d) { client.remove(name, d); });
        what = tr("%1: deleted.").arg(name);
    } else { // reset-offsets
        done = connect::awaitAnswer<void>([&](auto d) { client.resetOffsets(name, d); });
        what = tr("%1: offsets reset; it starts from nothing when resumed.").arg(name);
        if (!done) {
            failed(command, done.error());
            // Connect answers 400/409 when the connector is not STOPPED: say so, with its state.
            const Result<connect::ConnectorStatus> status =
                connect::awaitAnswer<connect::ConnectorStatus>([&](auto d) { client.status(name, d); });
            if (status && status.value().state != QLatin1String("STOPPED")) {
                err() << tr("cdcctl connector: %1 is %2; offsets can only be reset while it is STOPPED. Run "
                            "`cdcctl connector stop %1` first, then reset-offsets, then resume.")
                             .arg(name, status.value().state)
                      << Qt::endl;
            }
            return kExitFailed;
        }
    }
    if (!done)
        return failed(command, done.error());
    out() << what << Qt::endl;
    return kExitOk;
}

} // namespace cdc::cli
