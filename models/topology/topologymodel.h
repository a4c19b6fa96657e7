// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline graph: nodes with stable ids and edges between them, observed through signals.
#pragma once

#include "core/result.h"
#include "topology/nodekind.h"

#include <QMap>
#include <QObject>
#include <QPointF>
#include <QString>

#include <vector>

namespace cdc::topology {

struct Node
{
    QString id; // stable across saves; unique in a project
    NodeKind kind = NodeKind::PostgresDatabase;
    QString name;
    QPointF position;
    QMap<QString, QString> properties; // connector config, host, group id, ...

    bool operator==(const Node &) const = default;
};

struct Edge
{
    QString from;
    QString to;

    bool operator==(const Edge &) const = default;
};

class TopologyModel : public QObject
{
    Q_OBJECT

public:
    explicit TopologyModel(QObject *parent = nullptr);

    const std::vector<Node> &nodes() const { return m_nodes; }
    const std::vector<Edge> &edges() const { return m_edges; }
    const Node *node(const QString &id) const;
    std::vector<Edge> edgesOf(const QString &nodeId) const;

    // Refuses an empty or duplicate id.
    Result<void> addNode(Node node);
    // Removes the node's edges first (edgeRemoved for each), then the node.
    bool removeNode(const QString &id);
    bool moveNode(const QString &id, QPointF position);
    bool setNodeName(const QString &id, const QString &name);
    bool setNodeProperties(const QString &id, const QMap<QString, QString> &properties);

    // Refuses edges to unknown nodes, loops, duplicates and kinds that cannot connect.
    Result<void> addEdge(const Edge &edge);
    bool removeEdge(const Edge &edge);

    // Replaces the whole graph at once (loading a project). Validates like addNode/addEdge.
    Result<void> reset(std::vector<Node> nodes, std::vector<Edge> edges);

    // An id not yet used, built from `stem` ("connector" -> "connector-3").
    QString unusedId(const QString &stem) const;

Q_SIGNALS:
    void nodeAdded(const QString &id);
    void nodeRemoved(const QString &id);
    void nodeMoved(const QString &id);
    void nodeChanged(const QString &id);
    void edgeAdded(const cdc::topology::Edge &edge);
    void edgeRemoved(const cdc::topology::Edge &edge);
    void modelReset();

private:
    Node *findNode(const QString &id);
    Result<void> checkEdge(const Edge &edge) const;

    std::vector<Node> m_nodes;
    std::vector<Edge> m_edges;
};

} // namespace cdc::topology
