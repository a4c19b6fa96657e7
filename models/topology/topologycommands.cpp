// SPDX-License-Identifier: GPL-3.0-or-later
// Undoable edits of the pipeline graph.
#include "topologycommands.h"

#include <QCoreApplication>

namespace cdc::topology {

MoveNodesCommand::MoveNodesCommand(TopologyModel *model, QHash<QString, QPointF> from, QHash<QString, QPointF> to)
    : m_model(model)
    , m_from(std::move(from))
    , m_to(std::move(to))
{
    setText(m_to.size() == 1
                ? QCoreApplication::translate("TopologyCommands", "Move node")
                : QCoreApplication::translate("TopologyCommands", "Move %n nodes", nullptr, int(m_to.size())));
}

void MoveNodesCommand::undo()
{
    for (auto it = m_from.cbegin(); it != m_from.cend(); ++it)
        m_model->moveNode(it.key(), it.value());
}

void MoveNodesCommand::redo()
{
    for (auto it = m_to.cbegin(); it != m_to.cend(); ++it)
        m_model->moveNode(it.key(), it.value());
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *move = static_cast<const MoveNodesCommand *>(other);
    if (m_finished || move->m_model != m_model || move->m_to.size() != m_to.size())
        return false;
    for (auto it = move->m_to.cbegin(); it != move->m_to.cend(); ++it) {
        if (!m_to.contains(it.key()))
            return false;
    }
    m_to = move->m_to;
    m_finished = move->m_finished;
    return true;
}

AddNodesCommand::AddNodesCommand(TopologyModel *model, std::vector<Node> nodes, std::vector<Edge> edges,
                                 const QString &text)
    : m_model(model)
    , m_nodes(std::move(nodes))
    , m_edges(std::move(edges))
{
    setText(text);
}

void AddNodesCommand::redo()
{
    for (const Node &node : m_nodes)
        (void)m_model->addNode(node);
    for (const Edge &edge : m_edges)
        (void)m_model->addEdge(edge);
}

void AddNodesCommand::undo()
{
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it)
        m_model->removeNode(it->id); // removes its edges too
}

EditNodeCommand::EditNodeCommand(TopologyModel *model, const QString &id, const QString &name,
                                 QMap<QString, QString> properties)
    : m_model(model)
    , m_id(id)
    , m_newName(name)
    , m_newProperties(std::move(properties))
{
    if (const Node *node = model->node(id)) {
        m_oldName = node->name;
        m_oldProperties = node->properties;
    }
    setText(QCoreApplication::translate("TopologyCommands", "Edit %1").arg(name));
}

void EditNodeCommand::redo()
{
    m_model->setNodeName(m_id, m_newName);
    m_model->setNodeProperties(m_id, m_newProperties);
}

void EditNodeCommand::undo()
{
    m_model->setNodeName(m_id, m_oldName);
    m_model->setNodeProperties(m_id, m_oldProperties);
}

RemoveItemsCommand::RemoveItemsCommand(TopologyModel *model, const QStringList &nodeIds, std::vector<Edge> edges)
    : m_model(model)
{
    for (const Node &n : model->nodes()) {
        if (!nodeIds.contains(n.id))
            continue;
        m_nodes.push_back(n);
        for (const Edge &e : model->edgesOf(n.id))
            edges.push_back(e);
    }
    for (const Edge &e : edges) {
        if (std::find(m_edges.begin(), m_edges.end(), e) == m_edges.end())
            m_edges.push_back(e);
    }
    setText(m_nodes.empty()
                ? QCoreApplication::translate("TopologyCommands", "Delete %n edge(s)", nullptr, int(m_edges.size()))
                : QCoreApplication::translate("TopologyCommands", "Delete %n node(s)", nullptr, int(m_nodes.size())));
}

void RemoveItemsCommand::redo()
{
    for (const Edge &e : m_edges)
        m_model->removeEdge(e);
    for (const Node &n : m_nodes)
        m_model->removeNode(n.id);
}

void RemoveItemsCommand::undo()
{
    for (const Node &n : m_nodes)
        (void)m_model->addNode(n);
    for (const Edge &e : m_edges)
        (void)m_model->addEdge(e);
}

AddEdgeCommand::AddEdgeCommand(TopologyModel *model, Edge edge) : m_model(model), m_edge(std::move(edge))
{
    setText(QCoreApplication::translate("TopologyCommands", "Connect %1 to %2").arg(m_edge.from, m_edge.to));
}

} // namespace cdc::topology
