// Names of node kinds and the rules for edges between them.
#include "nodekind.h"

#include <QCoreApplication>

namespace cdc::topology {

QString nodeKindKey(NodeKind kind)
{
    switch (kind) {
    case NodeKind::PostgresDatabase: return QStringLiteral("postgres");
    case NodeKind::MySqlDatabase: return QStringLiteral("mysql");
    case NodeKind::ConnectCluster: return QStringLiteral("connect");
    case NodeKind::Connector: return QStringLiteral("connector");
    case NodeKind::Topic: return QStringLiteral("topic");
    case NodeKind::Consumer: return QStringLiteral("consumer");
    case NodeKind::Sink: return QStringLiteral("sink");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<NodeKind> nodeKindFromKey(const QString &key)
{
    for (NodeKind kind : allNodeKinds) {
        if (nodeKindKey(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QString nodeKindDisplayName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::PostgresDatabase: return QCoreApplication::translate("NodeKind", "PostgreSQL database");
    case NodeKind::MySqlDatabase: return QCoreApplication::translate("NodeKind", "MySQL/MariaDB database");
    case NodeKind::ConnectCluster: return QCoreApplication::translate("NodeKind", "Kafka Connect cluster");
    case NodeKind::Connector: return QCoreApplication::translate("NodeKind", "Debezium connector");
    case NodeKind::Topic: return QCoreApplication::translate("NodeKind", "Kafka topic");
    case NodeKind::Consumer: return QCoreApplication::translate("NodeKind", "Consumer");
    case NodeKind::Sink: return QCoreApplication::translate("NodeKind", "Sink");
    }
    Q_UNREACHABLE();
    return {};
}

bool canConnect(NodeKind from, NodeKind to)
{
    switch (from) {
    case NodeKind::PostgresDatabase:
    case NodeKind::MySqlDatabase:
    case NodeKind::ConnectCluster: return to == NodeKind::Connector;
    case NodeKind::Connector: return to == NodeKind::Topic;
    case NodeKind::Topic: return to == NodeKind::Consumer;
    case NodeKind::Consumer: return to == NodeKind::Sink || to == NodeKind::Topic;
    case NodeKind::Sink: return false;
    }
    return false;
}

} // namespace cdc::topology
