// SPDX-License-Identifier: GPL-3.0-or-later
// The project-wide checks.
#include "projectvalidator.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace cdc::validation {

namespace {

using topology::Edge;
using topology::Node;
using topology::NodeKind;

QString tr(const char *text)
{
    return QCoreApplication::translate("ProjectValidator", text);
}

// The property that holds a connector's outbox routing, transforms.<alias>.route.topic.replacement of
// its Outbox Event Router; empty when it has no router.
QString replacementProperty(const Node &connector)
{
    for (const QString &item : connector.properties.value(QStringLiteral("transforms")).split(u',')) {
        const QString prefix = QStringLiteral("transforms.") + item.trimmed() + u'.';
        if (connector.properties.value(prefix + QStringLiteral("type")) ==
            QLatin1String("io.debezium.transforms.outbox.EventRouter"))
            return prefix + QStringLiteral("route.topic.replacement");
    }
    return {};
}

// The router's replacement, Debezium's default when it is not set.
QString replacement(const Node &connector)
{
    const QString property = replacementProperty(connector);
    return property.isEmpty() ? QString()
                              : connector.properties.value(property, QStringLiteral("outbox.event.${routedByValue}"));
}

// A topic a connector writes: its routing replacement with a sample aggregate type in place of the
// placeholder, so that topic patterns can be matched against it.
QString sampleTopic(const Node &connector)
{
    QString topic = replacement(connector);
    return topic.replace(QStringLiteral("${routedByValue}"), QStringLiteral("order"));
}

// The topics a connector's routing writes, as a pattern: "outbox.event.postgres.*".
QString routePattern(const Node &connector)
{
    QString topic = replacement(connector);
    return topic.replace(QStringLiteral("${routedByValue}"), QStringLiteral("*"));
}

// The replacement that writes the topics a topic node reads, for patterns of the form
// ^outbox\.event\.postgres\..* ; empty for any other pattern.
QString replacementFor(const Node &topic)
{
    static const QRegularExpression simple(QStringLiteral(R"(^\^?((?:[A-Za-z0-9_-]|\\\.)+)\\\.\.\*\$?$)"));
    const auto m = simple.match(topic.properties.value(QStringLiteral("pattern")));
    if (!m.hasMatch())
        return {};
    QString prefix = m.captured(1);
    return prefix.replace(QStringLiteral("\\."), QStringLiteral(".")) + QStringLiteral(".${routedByValue}");
}

// Where a connector reads from: the same server, database and tables mean the same changes.
QString captureSource(const Node &connector)
{
    const auto &p = connector.properties;
    QString host = p.value(QStringLiteral("database.hostname")).trimmed().toLower();
    if (host == QLatin1String("localhost") || host == QLatin1String("::1") || host.startsWith(QLatin1String("127.")))
        host = QStringLiteral("loopback");
    return host + u':' + p.value(QStringLiteral("database.port")) + u'/' +
           p.value(QStringLiteral("database.dbname"), p.value(QStringLiteral("database.include.list"))) + u'/' +
           p.value(QStringLiteral("table.include.list"));
}

bool topicMatches(const Node &topic, const QString &name)
{
    const QString pattern = topic.properties.value(QStringLiteral("pattern"));
    if (pattern.isEmpty())
        return topic.name == name;
    const QRegularExpression re(
        QRegularExpression::anchoredPattern(pattern.startsWith(u'^') ? pattern.mid(1) : pattern));
    return re.isValid() && re.match(name).hasMatch();
}

} // namespace

std::vector<ProjectDiagnostic> validateProject(const topology::Project &project,
                                               const debezium::PropertyCatalog &catalog)
{
    std::vector<ProjectDiagnostic> out;
    QHash<QString, const Node *> byId;
    for (const Node &n : project.nodes)
        byId.insert(n.id, &n);
    // The neighbours of a node of one kind, upstream (`incoming`) or downstream.
    auto neighbours = [&](const QString &id, NodeKind kind, bool incoming) {
        std::vector<const Node *> found;
        for (const Edge &e : project.edges) {
            const Node *other = byId.value(incoming ? e.from : e.to);
            if ((incoming ? e.to : e.from) == id && other && other->kind == kind)
                found.push_back(other);
        }
        return found;
    };
    auto from = [&](const QString &id, NodeKind kind) { return neighbours(id, kind, true); };
    auto to = [&](const QString &id, NodeKind kind) { return neighbours(id, kind, false); };

    // Connector rules, on the connector's node.
    const std::vector<debezium::ConnectorConfig> connectors = debezium::connectorsOf(project);
    QHash<QString, QString> nodeOfConnector;
    for (const debezium::ConnectorConfig &c : connectors)
        nodeOfConnector.insert(c.name, c.nodeId);
    for (const debezium::Diagnostic &d : debezium::lintConnectors(connectors, catalog))
        out.push_back(
            {d.severity, d.rule, nodeOfConnector.value(d.connector), d.property, d.message, d.suggestion, d.fix});

    // Connectors routing into the same topics: the same outbox twice means every event twice; two
    // databases of one kind mean aggregate ids that meet under one source tag (PG-42 and PG-42).
    QHash<QString, const Node *> firstByTopic;
    for (const Node &n : project.nodes) {
        const QString topic = n.kind == NodeKind::Connector ? sampleTopic(n) : QString();
        if (topic.isEmpty())
            continue;
        const Node *first = firstByTopic.value(topic);
        if (!first) {
            firstByTopic.insert(topic, &n);
            continue;
        }
        const QString pattern = routePattern(n);
        if (captureSource(*first) == captureSource(n))
            out.push_back({debezium::Severity::Error,
                           QStringLiteral("duplicate-capture"),
                           n.id,
                           {},
                           tr("Connector %1 captures the same tables as %2 and routes them into the same topics "
                              "(%3): every event would arrive twice.")
                               .arg(n.name, first->name, pattern),
                           tr("Edit %1 instead, or point this connector at another database.").arg(first->name),
                           std::nullopt});
        else
            out.push_back({debezium::Severity::Warning,
                           QStringLiteral("shared-topics"),
                           n.id,
                           {},
                           tr("Connector %1 routes into the same topics as %2 (%3): their aggregate ids can meet "
                              "under one source tag.")
                               .arg(n.name, first->name, pattern),
                           tr("Key the consumer by database as well, or route each database to topics of its own "
                              "with a topic node for each."),
                           std::nullopt});
    }

    for (const Node &n : project.nodes) {
        switch (n.kind) {
        case NodeKind::Connector: {
            const auto databases =
                from(n.id, NodeKind::PostgresDatabase).size() + from(n.id, NodeKind::MySqlDatabase).size();
            if (databases == 0)
                out.push_back({debezium::Severity::Warning,
                               QStringLiteral("connector-without-database"),
                               n.id,
                               {},
                               tr("Connector %1 reads no database in the pipeline.").arg(n.name),
                               tr("Connect a PostgreSQL or MySQL database node to it."),
                               std::nullopt});
            // The topics it writes must be read by someone.
            const QString topic = sampleTopic(n);
            bool read = false;
            for (const Node *t : to(n.id, NodeKind::Topic))
                read |= !to(t->id, NodeKind::Consumer).empty();
            if (!topic.isEmpty() && !read)
                out.push_back({debezium::Severity::Warning,
                               QStringLiteral("unread-topics"),
                               n.id,
                               {},
                               tr("No consumer reads the topics connector %1 writes (%2).").arg(n.name, topic),
                               tr("Connect its topic node to a consumer."),
                               std::nullopt});
            // The routing against the topic nodes the connector feeds: a config alone has no pipeline
            // to compare with, so this is the project's rule, not the linter's.
            for (const Node *t : to(n.id, NodeKind::Topic)) {
                if (topic.isEmpty() || topicMatches(*t, topic))
                    continue;
                const QString expected = replacementFor(*t);
                const QString pattern = t->properties.value(QStringLiteral("pattern"), t->name);
                std::optional<debezium::ConfigFix> fix;
                if (!expected.isEmpty())
                    fix = debezium::ConfigFix{debezium::ConfigFix::Kind::Set, replacementProperty(n), expected, {}};
                out.push_back(
                    {debezium::Severity::Error, QStringLiteral("routing-mismatch"), n.id, replacementProperty(n),
                     tr("Events are routed to \"%1\", but the pipeline's topic %2 reads %3: connector %4 feeds it "
                        "nothing.")
                         .arg(replacement(n), t->name, pattern, n.name),
                     expected.isEmpty() ? tr("Fix the connector's route.topic.replacement or the topic pattern.")
                                        : tr("Set it to %1.").arg(expected),
                     fix});
            }
            break;
        }
        case NodeKind::Consumer: {
            const auto topics = from(n.id, NodeKind::Topic);
            if (topics.empty())
                out.push_back({debezium::Severity::Warning,
                               QStringLiteral("consumer-without-topic"),
                               n.id,
                               {},
                               tr("Consumer %1 reads no topic.").arg(n.name),
                               tr("Connect a topic node to it."),
                               std::nullopt});
            // Events from both kinds of database meeting here need the composite key (PG-/MY- + id).
            QSet<QString> sources;
            for (const Node *t : topics) {
                for (const Node *c : from(t->id, NodeKind::Connector)) {
                    for (const Node *db : from(c->id, NodeKind::PostgresDatabase))
                        sources.insert(db->id);
                    for (const Node *db : from(c->id, NodeKind::MySqlDatabase))
                        sources.insert(db->id);
                }
            }
            if (sources.size() > 1 && n.properties.value(QStringLiteral("key")) != QLatin1String("composite"))
                out.push_back({debezium::Severity::Error, QStringLiteral("aggregate-ids-collide"), n.id,
                               QStringLiteral("key"),
                               tr("Consumer %1 gets events from %2 databases whose aggregate ids can be the same.")
                                   .arg(n.name)
                                   .arg(sources.size()),
                               tr("Key by source and id (PG-42, MY-42): set its key to composite."), std::nullopt});
            break;
        }
        case NodeKind::Topic: {
            if (from(n.id, NodeKind::Connector).empty() && from(n.id, NodeKind::Consumer).empty())
                out.push_back({debezium::Severity::Warning,
                               QStringLiteral("topic-without-writer"),
                               n.id,
                               {},
                               tr("Nothing in the pipeline writes topic %1.").arg(n.name),
                               tr("Connect the connector that produces it."),
                               std::nullopt});
            break;
        }
        default: break;
        }
    }
    return out;
}

ProjectWithConnector projectWithConnector(topology::Project project, const debezium::ConnectorConfig &config,
                                          const QString &editNodeId)
{
    ProjectWithConnector out;
    if (!editNodeId.isEmpty()) {
        for (Node &n : project.nodes) {
            if (n.id == editNodeId) {
                n.name = config.name;
                n.properties = config.config;
            }
        }
        out.nodeId = editNodeId;
        out.project = std::move(project);
        return out;
    }
    QSet<QString> used;
    for (const Node &n : project.nodes)
        used.insert(n.id);
    const QString stem = QStringLiteral("connector-") + config.databaseKind;
    QString id = stem;
    for (int i = 2; used.contains(id); ++i)
        id = stem + u'-' + QString::number(i);

    Node node;
    node.id = id;
    node.kind = NodeKind::Connector;
    node.name = config.name;
    node.properties = config.config;
    const NodeKind databaseKind =
        config.databaseKind == QLatin1String("postgres") ? NodeKind::PostgresDatabase : NodeKind::MySqlDatabase;
    const QString host = config.value(QStringLiteral("database.hostname"));
    const QString port = config.value(QStringLiteral("database.port"));
    const QString database = config.value(QStringLiteral("database.dbname"),
                                          config.value(QStringLiteral("database.include.list")).section(u',', 0, 0));
    const Node *fedBy = nullptr;
    bool fedBySame = false;
    const Node *hostedBy = nullptr;
    qreal lowest = -100;
    for (const Node &n : project.nodes) {
        lowest = std::max(lowest, n.position.y());
        if (!hostedBy && n.kind == NodeKind::ConnectCluster)
            hostedBy = &n;
        if (n.kind != databaseKind)
            continue;
        const bool same = n.properties.value(QStringLiteral("host")) == host &&
                          n.properties.value(QStringLiteral("port")) == port &&
                          n.properties.value(QStringLiteral("database")) == database;
        if (!fedBy || (same && !fedBySame)) {
            fedBy = &n;
            fedBySame = same;
        }
    }
    if (fedBy)
        out.addedEdges.push_back({fedBy->id, node.id});
    if (hostedBy)
        out.addedEdges.push_back({hostedBy->id, node.id});
    if (const QString topic = sampleTopic(node); !topic.isEmpty()) {
        for (const Node &n : project.nodes) {
            if (n.kind == NodeKind::Topic && !n.properties.value(QStringLiteral("pattern")).isEmpty() &&
                topicMatches(n, topic))
                out.addedEdges.push_back({node.id, n.id});
        }
    }
    node.position = QPointF(260, lowest + 120);
    project.nodes.push_back(node);
    project.edges.insert(project.edges.end(), out.addedEdges.begin(), out.addedEdges.end());
    out.nodeId = node.id;
    out.project = std::move(project);
    return out;
}

std::vector<ProjectDiagnostic> connectorFindings(const topology::Project &project,
                                                 const debezium::ConnectorConfig &config, const QString &editNodeId,
                                                 const debezium::PropertyCatalog &catalog)
{
    // The project without the connector: what is found there is not this connector's doing.
    topology::Project without = project;
    std::erase_if(without.nodes, [&](const Node &n) { return n.id == editNodeId; });
    std::erase_if(without.edges, [&](const Edge &e) { return e.from == editNodeId || e.to == editNodeId; });
    auto key = [](const ProjectDiagnostic &d) -> QString {
        return d.rule + u'\x1f' + d.nodeId + u'\x1f' + d.property + u'\x1f' + d.message;
    };
    QSet<QString> before;
    for (const ProjectDiagnostic &d : validateProject(without, catalog))
        before.insert(key(d));

    const ProjectWithConnector with = projectWithConnector(project, config, editNodeId);
    std::vector<ProjectDiagnostic> out;
    for (ProjectDiagnostic &d : validateProject(with.project, catalog)) {
        if (d.nodeId == with.nodeId || !before.contains(key(d)))
            out.push_back(std::move(d));
    }
    return out;
}

} // namespace cdc::validation
