// SPDX-License-Identifier: GPL-3.0-or-later
// The Kafka Connect side of the Doctor.
#include "connectchecks.h"

#include "connect/connectclient.h"
#include "debezium/connectoranswers.h"
#include "debezium/connectorlinter.h"
#include "doctor/tracematcher.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <map>
#include <optional>

namespace cdc::doctor {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cdc::doctor::connect", text, nullptr, n);
}

QString kindOfClass(const QString &connectorClass)
{
    const QString c = connectorClass.toLower();
    if (c.contains(QLatin1String("postgres")))
        return QStringLiteral("postgres");
    if (c.contains(QLatin1String("mysql")) || c.contains(QLatin1String("mariadb")))
        return QStringLiteral("mysql");
    return {};
}

QString shortClass(const QString &connectorClass)
{
    return connectorClass.section(u'.', -1);
}

std::vector<ConnectorTarget> allConnectors(const DoctorPlan &plan)
{
    std::vector<ConnectorTarget> all;
    for (const PostgresTarget &t : plan.postgres)
        all.insert(all.end(), t.connectors.begin(), t.connectors.end());
    for (const MySqlTarget &t : plan.mysql)
        all.insert(all.end(), t.connectors.begin(), t.connectors.end());
    return all;
}

QString statusEvidence(const WorkerState &worker, const connect::ConnectorStatus &s)
{
    QString text = QStringLiteral("GET %1/connectors/%2/status\n→ connector %3").arg(worker.url, s.name, s.state);
    for (const connect::TaskStatus &t : s.tasks)
        text += QStringLiteral("\n→ task %1 %2 on %3").arg(t.id).arg(t.state, t.workerId);
    return text;
}

} // namespace

const connect::ConnectorOverview *WorkerState::find(const QString &name) const
{
    for (const connect::ConnectorOverview &c : connectors) {
        if (c.status.name == name || c.info.name == name)
            return &c;
    }
    return nullptr;
}

WorkerState fetchWorkerState(const connect::ClusterSettings &cluster, int timeoutMs)
{
    WorkerState state;
    state.url = cluster.url.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    connect::ClusterSettings settings = cluster;
    settings.timeoutMs = timeoutMs;
    settings.readRetries = 0;
    connect::ConnectClient client(settings);
    Result<QList<connect::PluginInfo>> plugins = connect::awaitAnswer<QList<connect::PluginInfo>>(
        [&client](auto done) { client.plugins(std::move(done)); }, timeoutMs + 1000);
    if (!plugins) {
        state.error = plugins.error().toString();
        return state;
    }
    state.plugins = plugins.value();
    // Transforms, predicates and converters too, for the class check; a worker that cannot list them
    // leaves that check out rather than failing the rest.
    const Result<QList<connect::PluginInfo>> all = connect::awaitAnswer<QList<connect::PluginInfo>>(
        [&client](auto done) { client.allPlugins(std::move(done)); }, timeoutMs + 1000);
    if (all) {
        for (const connect::PluginInfo &p : all.value())
            state.pluginClasses << p.className;
    }
    Result<QList<connect::ConnectorOverview>> connectors = connect::awaitAnswer<QList<connect::ConnectorOverview>>(
        [&client](auto done) { client.connectors(std::move(done)); }, timeoutMs + 1000);
    if (!connectors) {
        state.error = connectors.error().toString();
        return state;
    }
    state.connectors = connectors.value();
    state.reached = true;
    return state;
}

Findings checkPlugins(const WorkerState &worker, const DoctorPlan &plan)
{
    Finding base;
    base.check = QStringLiteral("connect.plugins");
    base.area = Area::KafkaConnect;
    base.subject = tr("Kafka Connect %1").arg(worker.url);
    base.guide = QStringLiteral("plugin-missing");
    if (!worker.reached) {
        Finding f = base;
        f.severity = Severity::Error;
        f.guide.clear();
        f.title = tr("Kafka Connect does not answer, so the connector checks could not run.");
        f.evidence = QStringLiteral("GET %1/connector-plugins\n→ %2").arg(worker.url, worker.error);
        f.fix = tr("Start the worker, or point the project's Kafka Connect cluster (Pipeline ▸ Connect to Cluster) "
                   "at the right URL.");
        return {f};
    }
    QString listing = QStringLiteral("GET %1/connector-plugins").arg(worker.url);
    std::map<QString, QString> debeziumVersions; // class → version
    for (const connect::PluginInfo &p : worker.plugins) {
        if (p.type != QLatin1String("source") && p.type != QLatin1String("sink"))
            continue;
        listing += QStringLiteral("\n→ %1 %2 (%3)").arg(p.className, p.version, p.type);
        if (p.className.startsWith(QLatin1String("io.debezium.connector.")))
            debeziumVersions[p.className] = p.version;
    }
    Findings out;
    QSet<QString> seen;
    for (const ConnectorTarget &c : allConnectors(plan)) {
        if (c.connectorClass.isEmpty() || seen.contains(c.connectorClass))
            continue;
        seen.insert(c.connectorClass);
        Finding f = base;
        f.databaseKind = kindOfClass(c.connectorClass);
        f.evidence = listing;
        const auto it = debeziumVersions.find(c.connectorClass);
        const bool present = it != debeziumVersions.end() ||
                             std::any_of(worker.plugins.begin(), worker.plugins.end(),
                                         [&c](const auto &p) { return p.className == c.connectorClass; });
        if (present) {
            f.severity = Severity::Ok;
            f.title = tr("%1 %2 is installed on the worker.")
                          .arg(shortClass(c.connectorClass),
                               it != debeziumVersions.end() ? it->second : QStringLiteral("(version unknown)"));
        } else {
            f.severity = Severity::Error;
            f.title = tr("The worker has no %1, which connector %2 needs.").arg(c.connectorClass, c.name);
            f.fix = tr("Unpack the Debezium %1 connector archive into a folder on the worker's plugin.path and "
                       "restart the worker; GET /connector-plugins must then list %2.")
                        .arg(shortClass(c.connectorClass), c.connectorClass);
        }
        out.push_back(f);
    }
    // Each transform, predicate and converter class a connector names must be a plugin of the worker.
    if (!worker.pluginClasses.isEmpty()) {
        const QString all = QStringLiteral("GET %1/connector-plugins?connectorsOnly=false").arg(worker.url);
        for (const ConnectorTarget &c : allConnectors(plan)) {
            debezium::ConnectorConfig config;
            config.name = c.name;
            config.config = c.config;
            for (const debezium::Diagnostic &d :
                 debezium::lintAgainstWorkerPlugins(config, worker.pluginClasses, worker.url)) {
                Finding f = base;
                f.check = QStringLiteral("connect.plugin-class");
                f.subject = c.name;
                f.guide.clear();
                f.databaseKind = kindOfClass(c.connectorClass);
                f.severity = Severity::Error;
                f.title = d.message;
                f.evidence = all + QStringLiteral("\n→ %1 plugins, without %2 (%3)")
                                       .arg(worker.pluginClasses.size())
                                       .arg(c.config.value(d.property), d.property);
                f.fix = d.suggestion;
                out.push_back(f);
            }
        }
    }
    QSet<QString> versions;
    for (const auto &[cls, version] : debeziumVersions)
        versions.insert(version);
    if (versions.size() > 1) {
        Finding f = base;
        f.check = QStringLiteral("connect.plugin-versions");
        f.severity = Severity::Warning;
        QStringList list(versions.begin(), versions.end());
        list.sort();
        f.title = tr("The worker's Debezium connectors come from different releases (%1).")
                      .arg(list.join(QStringLiteral(", ")));
        f.evidence = listing;
        f.fix = tr("Install all Debezium connectors from one release: they share debezium-core, and a mix may load "
                   "the wrong one.");
        out.push_back(f);
    }
    if (out.empty() && debeziumVersions.empty()) {
        Finding f = base;
        f.severity = Severity::Info;
        f.title = tr("The worker has no Debezium connector plugin; the project has no connector that needs one.");
        f.evidence = listing;
        out.push_back(f);
    }
    return out;
}

Findings checkConnectorStates(const WorkerState &worker, const DoctorPlan &plan)
{
    Findings out;
    if (!worker.reached)
        return out;
    for (const ConnectorTarget &c : allConnectors(plan)) {
        Finding f;
        f.check = QStringLiteral("connect.connector-state");
        f.area = Area::KafkaConnect;
        f.subject = c.name;
        f.databaseKind = kindOfClass(c.connectorClass);
        f.guide = QStringLiteral("task-failed");
        const connect::ConnectorOverview *live = worker.find(c.name);
        if (!live) {
            f.severity = Severity::Info;
            f.title = tr("Not deployed on the worker yet.");
            f.evidence = QStringLiteral("GET %1/connectors?expand=status&expand=info\n→ no connector named %2")
                             .arg(worker.url, c.name);
            f.fix = tr("Deploy it (Pipeline ▸ Deploy…, or cdcctl deploy).");
            f.guide.clear();
            out.push_back(f);
            continue;
        }
        const connect::ConnectorStatus &s = live->status;
        f.evidence = statusEvidence(worker, s);
        const connect::TaskStatus *failedTask = nullptr;
        bool allRunning = !s.tasks.isEmpty();
        bool unsettled = false;
        for (const connect::TaskStatus &t : s.tasks) {
            if (t.state == QLatin1String("FAILED") && !failedTask)
                failedTask = &t;
            allRunning = allRunning && t.state == QLatin1String("RUNNING");
            unsettled = unsettled || t.state == QLatin1String("UNASSIGNED") || t.state == QLatin1String("RESTARTING");
        }
        const QString trace = failedTask ? failedTask->trace : s.trace;
        if (s.state == QLatin1String("FAILED") || failedTask) {
            f.severity = Severity::Error;
            const std::optional<TraceMatch> match = matchTrace(trace);
            const QString what =
                failedTask ? tr("Task %1 is FAILED").arg(failedTask->id) : tr("The connector is FAILED");
            if (match) {
                f.guide = match->entry->id;
                f.title = what + QStringLiteral(": ") + match->entry->cause;
                f.fix = match->entry->fix + u'\n' + tr("Then restart the failed tasks.");
                f.evidence += QStringLiteral("\n→ trace: ") + match->line;
            } else {
                const QString line = connect::firstUsefulTraceLine(trace);
                f.title = what + QStringLiteral(": ") + (line.isEmpty() ? tr("the worker gave no trace.") : line);
                f.fix = tr("Fix what the trace says, then restart the failed tasks.");
                if (!line.isEmpty())
                    f.evidence += QStringLiteral("\n→ trace: ") + line;
            }
            f.apply.kind = ApplyAction::Kind::RestartConnector;
            f.apply.connectUrl = worker.url;
            f.apply.connector = c.name;
        } else if (s.state == QLatin1String("RUNNING") && allRunning) {
            f.severity = Severity::Ok;
            f.title = tr("RUNNING with %n task(s) RUNNING.", int(s.tasks.size()));
            f.guide.clear();
        } else if (unsettled || (s.state == QLatin1String("RUNNING") && s.tasks.isEmpty()) ||
                   s.state == QLatin1String("UNASSIGNED") || s.state == QLatin1String("RESTARTING")) {
            f.severity = Severity::Warning;
            f.title = tr("%1, with tasks not running yet (a rebalance, or no worker took them).").arg(s.state);
            f.fix = tr("Wait a few seconds and run the checks again; if it stays so, look at the worker's log.");
        } else {
            f.severity = Severity::Info;
            f.title = tr("%1: it does not stream now.").arg(s.state);
            f.fix = tr("Resume it when it should stream again.");
            f.guide.clear();
        }
        out.push_back(f);
    }
    return out;
}

Findings checkWorkerServerIds(const WorkerState &worker, const DoctorPlan &plan)
{
    Findings out;
    if (!worker.reached)
        return out;
    std::vector<debezium::ConnectorConfig> existing;
    for (const connect::ConnectorOverview &o : worker.connectors)
        existing.push_back({o.info.name, o.info.config, {}, {}, {}});
    for (const MySqlTarget &t : plan.mysql) {
        for (const ConnectorTarget &c : t.connectors) {
            const QString id = c.config.value(QStringLiteral("database.server.id")).trimmed();
            if (id.isEmpty())
                continue;
            for (const connect::ConnectorOverview &o : worker.connectors) {
                const QMap<QString, QString> &other = o.info.config;
                if (o.info.name == c.name || other.value(QStringLiteral("database.server.id")).trimmed() != id)
                    continue;
                const QString host = other.value(QStringLiteral("database.hostname"));
                const int port = other.value(QStringLiteral("database.port"), QStringLiteral("3306")).toInt();
                if ((host != t.endpoint.host && !host.isEmpty()) || port != t.endpoint.port)
                    continue;
                existing.push_back({c.name, c.config, {}, {}, {}});
                Finding f;
                f.check = QStringLiteral("connect.server-id");
                f.area = Area::KafkaConnect;
                f.severity = Severity::Error;
                f.subject = c.name;
                f.databaseKind = QStringLiteral("mysql");
                f.guide = QStringLiteral("duplicate-server-id");
                f.title = tr("database.server.id %1 is already used by connector %2 on the worker, against the same "
                             "server: the two will keep disconnecting each other.")
                              .arg(id, o.info.name);
                f.evidence = QStringLiteral("GET %1/connectors?expand=info\n→ %2: database.server.id=%3, "
                                            "database.hostname=%4, database.port=%5")
                                 .arg(worker.url, o.info.name, id, host)
                                 .arg(port);
                f.fix = QStringLiteral("\"database.server.id\": \"%1\"").arg(debezium::suggestServerId(existing));
                out.push_back(f);
            }
        }
    }
    return out;
}

} // namespace cdc::doctor
