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

// A topic a connector writes: its routing replacement with a sample aggregate type in place of the
// placeholder, so that topic patterns can be matched against it.
QString sampleTopic(const Node &connector)
{
    const QString alias = connector.properties.value(QStringLiteral("transforms")).section(u',', 0, 0).trimmed();
    const QString replacement =
        connector.properties.value(QStringLiteral("transforms.%1.route.topic.replacement").arg(alias));
    if (replacement.isEmpty())
        return {};
    QString topic = replacement;
    return topic.replace(QStringLiteral("${routedByValue}"), QStringLiteral("order"));
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
        out.push_back({d.severity, d.rule, nodeOfConnector.value(d.connector), d.property, d.message, d.suggestion});

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
                               tr("Connect a PostgreSQL or MySQL database node to it.")});
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
                               tr("Connect its topic node to a consumer.")});
            for (const Node *t : to(n.id, NodeKind::Topic)) {
                if (!topic.isEmpty() && !topicMatches(*t, topic))
                    out.push_back(
                        {debezium::Severity::Error,
                         QStringLiteral("routing-mismatch"),
                         t->id,
                         {},
                         tr("Connector %1 writes %2, which topic %3 does not match.").arg(n.name, topic, t->name),
                         tr("Fix the connector's route.topic.replacement or the topic pattern.")});
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
                               tr("Connect a topic node to it.")});
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
                               tr("Key by source and id (PG-42, MY-42): set its key to composite.")});
            break;
        }
        case NodeKind::Topic: {
            if (from(n.id, NodeKind::Connector).empty() && from(n.id, NodeKind::Consumer).empty())
                out.push_back({debezium::Severity::Warning,
                               QStringLiteral("topic-without-writer"),
                               n.id,
                               {},
                               tr("Nothing in the pipeline writes topic %1.").arg(n.name),
                               tr("Connect the connector that produces it.")});
            break;
        }
        default: break;
        }
    }
    return out;
}

} // namespace cdc::validation
