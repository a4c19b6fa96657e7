// SPDX-License-Identifier: GPL-3.0-or-later
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

QMap<QString, QString> defaultNodeProperties(NodeKind kind)
{
    switch (kind) {
    case NodeKind::PostgresDatabase:
        return {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                {QStringLiteral("port"), QStringLiteral("5432")},
                {QStringLiteral("database"), QStringLiteral("app")},
                {QStringLiteral("outbox.table"), QStringLiteral("public.outbox")}};
    case NodeKind::MySqlDatabase:
        return {{QStringLiteral("flavor"), QStringLiteral("mariadb")},
                {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                {QStringLiteral("port"), QStringLiteral("3306")},
                {QStringLiteral("database"), QStringLiteral("app")}};
    case NodeKind::ConnectCluster: return {{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:8083")}};
    case NodeKind::Connector: return {};
    case NodeKind::Topic: return {{QStringLiteral("pattern"), QStringLiteral("^outbox\\.event\\..*")}};
    case NodeKind::Consumer:
        return {{QStringLiteral("type"), QStringLiteral("pyflink")},
                {QStringLiteral("group.id"), QStringLiteral("unified")},
                {QStringLiteral("key"), QStringLiteral("composite")}};
    case NodeKind::Sink: return {{QStringLiteral("type"), QStringLiteral("print")}};
    }
    return {};
}

} // namespace cdc::topology
