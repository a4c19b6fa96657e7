// SPDX-License-Identifier: GPL-3.0-or-later
// From a project to the servers, worker and brokers the checks visit.
#include "doctorplan.h"

#include "core/stackenvironment.h"
#include "lag/lagsetup.h"

#include <QRegularExpression>

#include <algorithm>

namespace cdc::doctor {

namespace {

// A table.include.list entry is a regular expression; only plain names can be looked up.
bool isPlainTableName(const QString &entry)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+$"));
    return plain.match(entry).hasMatch();
}

} // namespace

ConnectorTarget connectorTarget(const debezium::ConnectorConfig &c)
{
    ConnectorTarget t;
    t.name = c.name;
    t.config = c.config;
    t.connectorClass = c.value(QStringLiteral("connector.class"));
    for (const QString &entry : c.value(QStringLiteral("table.include.list")).split(u',', Qt::SkipEmptyParts)) {
        const QString name = entry.trimmed();
        if (isPlainTableName(name))
            t.tables << name;
    }
    for (const QString &name : c.value(QStringLiteral("transforms")).split(u',', Qt::SkipEmptyParts)) {
        const QString prefix = QStringLiteral("transforms.") + name.trimmed() + u'.';
        if (c.value(prefix + QStringLiteral("type")) != QLatin1String("io.debezium.transforms.outbox.EventRouter"))
            continue;
        t.outboxRouter = true;
        auto get = [&](const char *key, const QString &fallback) {
            const QString v = c.value(prefix + QLatin1String(key)).trimmed();
            return v.isEmpty() ? fallback : v;
        };
        t.outbox.id = get("table.field.event.id", t.outbox.id);
        t.outbox.key = get("table.field.event.key", t.outbox.key);
        t.outbox.payload = get("table.field.event.payload", t.outbox.payload);
        t.outbox.routeBy = get("route.by.field", t.outbox.routeBy);
        t.outbox.topicReplacement = get("route.topic.replacement", t.outbox.topicReplacement);
        t.outbox.expandJson = get("table.expand.json.payload", QStringLiteral("false")) == QLatin1String("true");
    }
    if (t.outboxRouter) {
        for (const QString &table : t.tables) {
            if (table.section(u'.', 1).contains(QLatin1String("outbox"), Qt::CaseInsensitive))
                t.outboxTable = table;
        }
        if (t.outboxTable.isEmpty() && t.tables.size() == 1)
            t.outboxTable = t.tables.front();
    }
    return t;
}

DoctorPlan planFor(const topology::Project &project, const StackEnvironment *env)
{
    DoctorPlan plan;
    plan.project = project;
    for (const debezium::ConnectorConfig &c : debezium::connectorsOf(project)) {
        const QString kind = lag::connectorDatabaseKind(c);
        if (kind == QLatin1String("postgres")) {
            const lag::PostgresEndpoint e = lag::postgresEndpointFor(project, c, env);
            auto it = std::find_if(plan.postgres.begin(), plan.postgres.end(), [&e](const PostgresTarget &t) {
                return t.endpoint.host == e.host && t.endpoint.port == e.port && t.endpoint.database == e.database &&
                       t.endpoint.user == e.user;
            });
            if (it == plan.postgres.end())
                it = plan.postgres.insert(plan.postgres.end(), PostgresTarget{e, {}});
            it->connectors.push_back(connectorTarget(c));
        } else if (kind == QLatin1String("mysql")) {
            const lag::MySqlEndpoint e = lag::mysqlEndpointFor(project, c, env);
            auto it = std::find_if(plan.mysql.begin(), plan.mysql.end(), [&e](const MySqlTarget &t) {
                return t.endpoint.host == e.host && t.endpoint.port == e.port && t.endpoint.user == e.user;
            });
            if (it == plan.mysql.end())
                it = plan.mysql.insert(plan.mysql.end(), MySqlTarget{e, {}});
            it->connectors.push_back(connectorTarget(c));
        }
    }
    plan.cluster = lag::connectClusterFor(project, {}, env);
    plan.hasCluster = !project.clusters.empty() || (env && env->contains(QStringLiteral("CONNECT_URL")));
    for (const topology::Node &n : project.nodes)
        plan.hasCluster = plan.hasCluster || n.kind == topology::NodeKind::ConnectCluster;
    plan.kafkaBootstrap = lag::kafkaBootstrapFor(project, env);
    return plan;
}

} // namespace cdc::doctor
