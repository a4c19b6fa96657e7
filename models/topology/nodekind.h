// SPDX-License-Identifier: GPL-3.0-or-later
// The kinds of node in a pipeline graph and which of them may feed which.
#pragma once

#include <QMap>
#include <QString>

#include <array>
#include <optional>

namespace cdc::topology {

enum class NodeKind {
    PostgresDatabase,
    MySqlDatabase, // MySQL or MariaDB; the flavour is a property
    ConnectCluster,
    Connector,
    Topic,    // one topic or a topic pattern
    Consumer, // a PyFlink job or a consumer group
    Sink,
};

inline constexpr std::array allNodeKinds{
    NodeKind::PostgresDatabase, NodeKind::MySqlDatabase, NodeKind::ConnectCluster, NodeKind::Connector, NodeKind::Topic,
    NodeKind::Consumer,         NodeKind::Sink,
};

// The name used in project files ("postgres", "mysql", "connect", ...); stable across versions.
QString nodeKindKey(NodeKind kind);
std::optional<NodeKind> nodeKindFromKey(const QString &key);

// A name for people ("PostgreSQL database").
QString nodeKindDisplayName(NodeKind kind);

// Whether an edge from a node of kind `from` to a node of kind `to` means something:
// a database feeds a connector, a Connect cluster runs a connector, a connector writes topics,
// topics feed consumers, consumers write to sinks or to topics.
bool canConnect(NodeKind from, NodeKind to);

// Starting properties of a node dropped from the palette (a topic's pattern, a consumer's group, ...).
QMap<QString, QString> defaultNodeProperties(NodeKind kind);

} // namespace cdc::topology
