// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline graph and the rules every edit must keep.
#include "topologymodel.h"

#include "core/logging.h"

#include <QSet>

#include <algorithm>

namespace cdc::topology {

TopologyModel::TopologyModel(QObject *parent) : QObject(parent) {}

const Node *TopologyModel::node(const QString &id) const
{
    auto it = std::find_if(m_nodes.begin(), m_nodes.end(), [&](const Node &n) { return n.id == id; });
    return it == m_nodes.end() ? nullptr : &*it;
}

Node *TopologyModel::findNode(const QString &id)
{
    return const_cast<Node *>(std::as_const(*this).node(id));
}

std::vector<Edge> TopologyModel::edgesOf(const QString &nodeId) const
{
    std::vector<Edge> result;
    std::copy_if(m_edges.begin(), m_edges.end(), std::back_inserter(result),
                 [&](const Edge &e) { return e.from == nodeId || e.to == nodeId; });
    return result;
}

Result<void> TopologyModel::addNode(Node node)
{
    if (node.id.trimmed().isEmpty())
        return Error{tr("A node needs an id."), node.name, {}};
    if (this->node(node.id))
        return Error{tr("Another node already has the id \"%1\".").arg(node.id), node.name,
                     tr("Give each node its own id.")};
    const QString id = node.id;
    m_nodes.push_back(std::move(node));
    qCDebug(lcTopology) << "node added" << id;
    Q_EMIT nodeAdded(id);
    return {};
}

bool TopologyModel::removeNode(const QString &id)
{
    auto it = std::find_if(m_nodes.begin(), m_nodes.end(), [&](const Node &n) { return n.id == id; });
    if (it == m_nodes.end())
        return false;
    for (const Edge &edge : edgesOf(id))
        removeEdge(edge);
    m_nodes.erase(std::find_if(m_nodes.begin(), m_nodes.end(), [&](const Node &n) { return n.id == id; }));
    Q_EMIT nodeRemoved(id);
    return true;
}

bool TopologyModel::moveNode(const QString &id, QPointF position)
{
    Node *n = findNode(id);
    if (!n || n->position == position)
        return false;
    n->position = position;
    Q_EMIT nodeMoved(id);
    return true;
}

bool TopologyModel::setNodeName(const QString &id, const QString &name)
{
    Node *n = findNode(id);
    if (!n || n->name == name)
        return false;
    n->name = name;
    Q_EMIT nodeChanged(id);
    return true;
}

bool TopologyModel::setNodeProperties(const QString &id, const QMap<QString, QString> &properties)
{
    Node *n = findNode(id);
    if (!n || n->properties == properties)
        return false;
    n->properties = properties;
    Q_EMIT nodeChanged(id);
    return true;
}

Result<void> TopologyModel::checkEdge(const Edge &edge) const
{
    const QString where = edge.from + QStringLiteral(" → ") + edge.to;
    const Node *from = node(edge.from);
    const Node *to = node(edge.to);
    if (!from)
        return Error{tr("The edge starts at a node that does not exist (\"%1\").").arg(edge.from), where, {}};
    if (!to)
        return Error{tr("The edge ends at a node that does not exist (\"%1\").").arg(edge.to), where, {}};
    if (edge.from == edge.to)
        return Error{tr("A node cannot feed itself."), where, {}};
    if (!canConnect(from->kind, to->kind))
        return Error{tr("A %1 cannot feed a %2.").arg(nodeKindDisplayName(from->kind), nodeKindDisplayName(to->kind)),
                     where,
                     tr("Databases and Connect clusters feed connectors, connectors write topics, topics feed "
                        "consumers, consumers write sinks or topics.")};
    if (std::find(m_edges.begin(), m_edges.end(), edge) != m_edges.end())
        return Error{tr("These two nodes are already connected."), where, {}};
    return {};
}

Result<void> TopologyModel::addEdge(const Edge &edge)
{
    if (auto check = checkEdge(edge); !check)
        return check;
    m_edges.push_back(edge);
    Q_EMIT edgeAdded(edge);
    return {};
}

bool TopologyModel::removeEdge(const Edge &edge)
{
    auto it = std::find(m_edges.begin(), m_edges.end(), edge);
    if (it == m_edges.end())
        return false;
    m_edges.erase(it);
    Q_EMIT edgeRemoved(edge);
    return true;
}

Result<void> TopologyModel::reset(std::vector<Node> nodes, std::vector<Edge> edges)
{
    // Validate into a scratch model first, so a bad graph leaves this one untouched.
    TopologyModel scratch;
    for (Node &n : nodes) {
        if (auto added = scratch.addNode(std::move(n)); !added)
            return added;
    }
    for (const Edge &e : edges) {
        if (auto added = scratch.addEdge(e); !added)
            return added;
    }
    m_nodes = std::move(scratch.m_nodes);
    m_edges = std::move(scratch.m_edges);
    Q_EMIT modelReset();
    return {};
}

QString TopologyModel::unusedId(const QString &stem) const
{
    QSet<QString> used;
    for (const Node &n : m_nodes)
        used.insert(n.id);
    if (!used.contains(stem))
        return stem;
    for (int i = 2;; ++i) {
        const QString candidate = stem + u'-' + QString::number(i);
        if (!used.contains(candidate))
            return candidate;
    }
}

} // namespace cdc::topology
