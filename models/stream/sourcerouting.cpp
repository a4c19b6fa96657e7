// SPDX-License-Identifier: GPL-3.0-or-later
// Routes from the topology: topic nodes, their patterns, and the databases upstream of them.
#include "sourcerouting.h"

#include "debezium/outboxartifacts.h"
#include "topology/topologymodel.h"

namespace cdc::stream {

namespace {

using topology::NodeKind;

SourceTag tagOfDatabase(NodeKind kind)
{
    switch (kind) {
    case NodeKind::PostgresDatabase: return SourceTag::Postgres;
    case NodeKind::MySqlDatabase: return SourceTag::MySql;
    default: break;
    }
    return SourceTag::Unknown;
}

SourceTag tagFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("postgres") || n == QLatin1String("postgresql") || n == QLatin1String("pg"))
        return SourceTag::Postgres;
    if (n == QLatin1String("mysql") || n == QLatin1String("mariadb") || n == QLatin1String("my"))
        return SourceTag::MySql;
    return SourceTag::Unknown;
}

// The database feeding the connectors that write `topicId`: topic <- connector <- database.
SourceTag upstreamDatabase(const topology::TopologyModel &model, const QString &topicId)
{
    SourceTag found = SourceTag::Unknown;
    for (const topology::Edge &in : model.edges()) {
        if (in.to != topicId)
            continue;
        const topology::Node *writer = model.node(in.from);
        if (!writer || writer->kind != NodeKind::Connector)
            continue;
        for (const topology::Edge &feed : model.edges()) {
            const topology::Node *db = feed.to == writer->id ? model.node(feed.from) : nullptr;
            const SourceTag tag = db ? tagOfDatabase(db->kind) : SourceTag::Unknown;
            if (tag == SourceTag::Unknown)
                continue;
            if (found != SourceTag::Unknown && found != tag)
                return SourceTag::Unknown; // fed from both: the topic alone does not tell
            found = tag;
        }
    }
    return found;
}

} // namespace

SourceRouting SourceRouting::fromTopology(const topology::TopologyModel &model)
{
    SourceRouting routing;
    for (const topology::Node &node : model.nodes()) {
        if (node.kind == NodeKind::Sink &&
            node.properties.value(QStringLiteral("type")).trimmed().toLower() == QLatin1String("kafka")) {
            QString topic = node.properties.value(QStringLiteral("topic")).trimmed();
            if (topic.isEmpty())
                topic = debezium::PyFlinkJobOptions().sinkTopic; // what the generated job writes then
            routing.addUnifiedTopic(QStringLiteral("^") + QRegularExpression::escape(topic) + QStringLiteral("$"));
            continue;
        }
        if (node.kind != NodeKind::Topic)
            continue;
        SourceTag tag = tagFromName(node.properties.value(QStringLiteral("source")));
        if (tag == SourceTag::Unknown)
            tag = upstreamDatabase(model, node.id);
        if (tag == SourceTag::Unknown)
            continue;
        QString pattern = node.properties.value(QStringLiteral("pattern"));
        if (pattern.isEmpty())
            pattern = QStringLiteral("^") + QRegularExpression::escape(node.name) + QStringLiteral("$");
        routing.addRoute(pattern, tag);
    }
    return routing;
}

void SourceRouting::addRoute(const QString &topicPattern, SourceTag source)
{
    add(topicPattern, TopicRoute{source, false});
}

void SourceRouting::addUnifiedTopic(const QString &topicPattern)
{
    add(topicPattern, TopicRoute{SourceTag::Unknown, true});
}

void SourceRouting::add(const QString &topicPattern, TopicRoute route)
{
    QRegularExpression pattern(topicPattern);
    if (!pattern.isValid())
        pattern =
            QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(topicPattern) + QStringLiteral("$"));
    m_routes.push_back({std::move(pattern), route});
    m_cache.clear();
    m_lastTopic.clear();
}

TopicRoute SourceRouting::routeOf(QByteArrayView topic)
{
    if (!m_lastTopic.isNull() && m_lastTopic == topic)
        return m_last;
    m_lastTopic = topic.toByteArray();
    m_last = lookup(topic);
    return m_last;
}

TopicRoute SourceRouting::lookup(QByteArrayView topic)
{
    const auto cached = m_cache.constFind(topic.toByteArray());
    if (cached != m_cache.cend())
        return cached.value();
    const QString name = QString::fromUtf8(topic);
    // A unified topic's route wins over a pattern that also covers it: its rows name their source.
    TopicRoute route;
    bool matched = false;
    for (const Route &r : m_routes) {
        if ((matched && !r.route.unified) || !r.pattern.match(name).hasMatch())
            continue;
        route = r.route;
        matched = true;
        if (route.unified)
            break;
    }
    m_cache.insert(topic.toByteArray(), route);
    return route;
}

} // namespace cdc::stream
