// SPDX-License-Identifier: GPL-3.0-or-later
// From a project's nodes to configured samplers: hosts, ports, users and password references from the
// connector configs (then the database nodes, then stack.env), topics from the routing, groups from consumers.
#include "lagsetup.h"

#include "core/stackenvironment.h"
#include "debezium/connectorconfig.h"
#include "debezium/outboxartifacts.h"
#include "lag/consumergrouplagsampler.h"
#include "lag/mysqllagsampler.h"
#include "lag/postgresslotsampler.h"
#include "stream/streamconsumer.h"

#include <QMap>
#include <QSet>
#include <QStringList>

#include <optional>

namespace cdc::lag {

namespace {

using topology::Node;
using topology::NodeKind;
using topology::Project;

const Node *findNode(const Project &project, const QString &id)
{
    for (const Node &n : project.nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

// The connector's own setting, else its database node's, else the stack's, else `fallback`.
struct Lookup
{
    const debezium::ConnectorConfig *connector = nullptr;
    const Node *database = nullptr;
    const StackEnvironment *env = nullptr;

    QString operator()(const QString &connectorKey, const QString &nodeKey, const QString &envKey,
                       const QString &fallback = {}) const
    {
        if (connector && !connector->value(connectorKey).trimmed().isEmpty())
            return connector->value(connectorKey).trimmed();
        if (database && !database->properties.value(nodeKey).trimmed().isEmpty())
            return database->properties.value(nodeKey).trimmed();
        if (env && !env->value(envKey).trimmed().isEmpty())
            return env->value(envKey).trimmed();
        return fallback;
    }
};

int portOf(const QString &text, int fallback)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    return ok && port > 0 && port < 65536 ? port : fallback;
}

PostgresEndpoint postgresEndpoint(const Lookup &get)
{
    PostgresEndpoint e;
    e.host = get(QStringLiteral("database.hostname"), QStringLiteral("host"), QStringLiteral("PG_HOST"), e.host);
    e.port = portOf(get(QStringLiteral("database.port"), QStringLiteral("port"), QStringLiteral("PG_PORT")), 5432);
    e.database =
        get(QStringLiteral("database.dbname"), QStringLiteral("database"), QStringLiteral("PG_DATABASE"), e.database);
    e.user = get(QStringLiteral("database.user"), QStringLiteral("user"), QStringLiteral("PG_USER"));
    e.passwordReference =
        get(QStringLiteral("database.password"), QStringLiteral("password"), QStringLiteral("PG_PASSWORD_REF"));
    return e;
}

MySqlEndpoint mysqlEndpoint(const Lookup &get)
{
    MySqlEndpoint e;
    e.host = get(QStringLiteral("database.hostname"), QStringLiteral("host"), QStringLiteral("MYSQL_HOST"), e.host);
    e.port = portOf(get(QStringLiteral("database.port"), QStringLiteral("port"), QStringLiteral("MYSQL_PORT")), 3306);
    e.user = get(QStringLiteral("database.user"), QStringLiteral("user"), QStringLiteral("MYSQL_USER"));
    e.passwordReference =
        get(QStringLiteral("database.password"), QStringLiteral("password"), QStringLiteral("MYSQL_PASSWORD_REF"));
    return e;
}

QString kindOf(const debezium::ConnectorConfig &c)
{
    const QString cls = c.value(QStringLiteral("connector.class")).toLower();
    if (cls.contains(QLatin1String("postgres")))
        return QStringLiteral("postgres");
    if (cls.contains(QLatin1String("mysql")) || cls.contains(QLatin1String("mariadb")))
        return QStringLiteral("mysql");
    return c.databaseKind;
}

// The topics feeding a consumer node: for the generated PyFlink job, exactly the two patterns it reads
// (Flink matches a topic-pattern against the whole name); else its upstream topic nodes' patterns (or names).
QStringList consumerTopics(const Project &project, const Node &consumer)
{
    QStringList patterns;
    if (debezium::isPyFlinkConsumer(consumer)) {
        const debezium::PyFlinkJobOptions job = debezium::pyFlinkOptionsFor(project);
        for (const QString &pattern : {job.postgresTopicPattern, job.mysqlTopicPattern})
            patterns << QStringLiteral("^(?:%1)$").arg(pattern);
        return patterns;
    }
    for (const topology::Edge &e : project.edges) {
        if (e.to != consumer.id)
            continue;
        const Node *from = findNode(project, e.from);
        if (!from || from->kind != NodeKind::Topic)
            continue;
        // A pattern is a regex even without its leading ^ (topicMatches takes names without one literally).
        const QString pattern = from->properties.value(QStringLiteral("pattern")).trimmed();
        patterns << (pattern.isEmpty() ? from->name.trimmed() : pattern.startsWith(u'^') ? pattern : u'^' + pattern);
    }
    patterns.removeAll(QString());
    if (patterns.isEmpty())
        patterns << QStringLiteral("^outbox\\.event\\..*");
    return patterns;
}

} // namespace

PostgresEndpoint postgresEndpointFor(const Project &project, const debezium::ConnectorConfig &connector,
                                     const StackEnvironment *env)
{
    return postgresEndpoint(Lookup{&connector, findNode(project, connector.databaseNodeId), env});
}

MySqlEndpoint mysqlEndpointFor(const Project &project, const debezium::ConnectorConfig &connector,
                               const StackEnvironment *env)
{
    return mysqlEndpoint(Lookup{&connector, findNode(project, connector.databaseNodeId), env});
}

QString connectorDatabaseKind(const debezium::ConnectorConfig &connector)
{
    return kindOf(connector);
}

QString kafkaBootstrapFor(const Project &project, const StackEnvironment *env)
{
    for (const Node &n : project.nodes) {
        if (n.kind != NodeKind::Topic && n.kind != NodeKind::Consumer && n.kind != NodeKind::ConnectCluster)
            continue;
        const QString bootstrap = n.properties.value(QStringLiteral("bootstrap.servers")).trimmed();
        if (!bootstrap.isEmpty())
            return bootstrap;
    }
    if (env && !env->value(QStringLiteral("KAFKA_BOOTSTRAP")).trimmed().isEmpty())
        return env->value(QStringLiteral("KAFKA_BOOTSTRAP")).trimmed();
    for (const Node &n : project.nodes) {
        const QString history =
            n.properties.value(QStringLiteral("schema.history.internal.kafka.bootstrap.servers")).trimmed();
        if (n.kind == NodeKind::Connector && !history.isEmpty())
            return history;
    }
    return stream::ConsumerSettings{}.bootstrapServers;
}

connect::ClusterSettings connectClusterFor(const Project &project, const QString &connectorNodeId,
                                           const StackEnvironment *env)
{
    if (!project.clusters.empty())
        return connect::clusterFromProject(project.clusters.front());
    connect::ClusterSettings settings;
    QString url;
    for (const topology::Edge &e : project.edges) {
        const Node *from = e.to == connectorNodeId ? findNode(project, e.from) : nullptr;
        if (from && from->kind == NodeKind::ConnectCluster && url.isEmpty())
            url = from->properties.value(QStringLiteral("url")).trimmed();
    }
    for (const Node &n : project.nodes) {
        if (url.isEmpty() && n.kind == NodeKind::ConnectCluster)
            url = n.properties.value(QStringLiteral("url")).trimmed();
    }
    if (url.isEmpty() && env)
        url = env->value(QStringLiteral("CONNECT_URL")).trimmed();
    if (!url.isEmpty())
        settings.url = QUrl(url);
    return settings;
}

std::vector<std::unique_ptr<LagSampler>> samplersFor(const Project &project, const StackEnvironment *env)
{
    std::vector<std::unique_ptr<LagSampler>> samplers;
    stream::ConsumerSettings kafka;
    kafka.bootstrapServers = kafkaBootstrapFor(project, env);

    // PostgreSQL: one sampler per server, in the order the connectors come.
    struct PostgresServer
    {
        PostgresEndpoint endpoint;
        QHash<QString, QString> slotNodes;
    };
    std::vector<PostgresServer> servers;
    auto serverFor = [&servers](const PostgresEndpoint &e) -> PostgresServer & {
        for (PostgresServer &s : servers) {
            if (s.endpoint.host == e.host && s.endpoint.port == e.port)
                return s;
        }
        servers.push_back({e, {}});
        return servers.back();
    };
    std::vector<std::unique_ptr<LagSampler>> mysql;
    const std::vector<debezium::ConnectorConfig> connectors = debezium::connectorsOf(project);
    for (const debezium::ConnectorConfig &c : connectors) {
        const Lookup get{&c, findNode(project, c.databaseNodeId), env};
        const QString kind = kindOf(c);
        if (kind == QLatin1String("postgres")) {
            PostgresServer &server = serverFor(postgresEndpoint(get));
            server.slotNodes.insert(c.value(QStringLiteral("slot.name"), QStringLiteral("debezium")), c.nodeId);
        } else if (kind == QLatin1String("mysql")) {
            MySqlLagSettings s;
            s.connector = c.name;
            s.nodeId = c.nodeId;
            s.database = mysqlEndpoint(get);
            s.kafka = kafka;
            s.kafka.topicRegex = connectorTopicRegex(c.config);
            s.connect = connectClusterFor(project, c.nodeId, env);
            mysql.push_back(std::make_unique<MySqlLagSampler>(std::move(s)));
        }
    }
    // A PostgreSQL node no connector reads from still has slots worth watching, when it says who to log in as.
    for (const Node &n : project.nodes) {
        if (n.kind != NodeKind::PostgresDatabase)
            continue;
        const PostgresEndpoint e = postgresEndpoint(Lookup{nullptr, &n, nullptr});
        if (!e.user.isEmpty())
            serverFor(e);
    }
    for (PostgresServer &s : servers)
        samplers.push_back(std::make_unique<PostgresSlotSampler>(s.endpoint, s.slotNodes));
    for (auto &m : mysql)
        samplers.push_back(std::move(m));

    QList<ConsumerGroupTarget> groups;
    QSet<QString> seen;
    for (const Node &n : project.nodes) {
        // The generated job commits under its default group when the node names none.
        const QString group = debezium::isPyFlinkConsumer(n) ? debezium::consumerGroupOf(n)
                                                             : n.properties.value(QStringLiteral("group.id")).trimmed();
        if (n.kind != NodeKind::Consumer || group.isEmpty() || seen.contains(group))
            continue;
        seen.insert(group);
        groups.append({group, n.id, consumerTopics(project, n)});
    }
    if (!groups.isEmpty())
        samplers.push_back(std::make_unique<ConsumerGroupLagSampler>(kafka, groups));
    return samplers;
}

} // namespace cdc::lag
