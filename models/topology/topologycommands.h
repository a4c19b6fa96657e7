// SPDX-License-Identifier: GPL-3.0-or-later
// Undoable edits of the pipeline graph. Every edit from the canvas or a wizard goes through one.
#pragma once

#include "topology/topologymodel.h"

#include <QHash>
#include <QPointF>
#include <QUndoCommand>

namespace cdc::topology {

// Moves one or more nodes. Successive moves of the same nodes merge while a drag is under way;
// finish() closes the command so that the next drag is its own undo step.
class MoveNodesCommand : public QUndoCommand
{
public:
    MoveNodesCommand(TopologyModel *model, QHash<QString, QPointF> from, QHash<QString, QPointF> to);

    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;
    void finish() { m_finished = true; }

private:
    TopologyModel *m_model;
    QHash<QString, QPointF> m_from;
    QHash<QString, QPointF> m_to;
    bool m_finished = false;
};

// Adds nodes and the edges between them (and to nodes already there) as one step.
class AddNodesCommand : public QUndoCommand
{
public:
    AddNodesCommand(TopologyModel *model, std::vector<Node> nodes, std::vector<Edge> edges, const QString &text);

    void undo() override;
    void redo() override;

private:
    TopologyModel *m_model;
    std::vector<Node> m_nodes;
    std::vector<Edge> m_edges;
};

// Removes nodes with their edges, and edges on their own, as one step; undo puts all of it back.
class RemoveItemsCommand : public QUndoCommand
{
public:
    RemoveItemsCommand(TopologyModel *model, const QStringList &nodeIds, std::vector<Edge> edges);

    void undo() override;
    void redo() override;

private:
    TopologyModel *m_model;
    std::vector<Node> m_nodes;
    std::vector<Edge> m_edges; // every edge that goes away, including those of removed nodes
};

// Connects two nodes.
class AddEdgeCommand : public QUndoCommand
{
public:
    AddEdgeCommand(TopologyModel *model, Edge edge);

    void undo() override { m_model->removeEdge(m_edge); }
    void redo() override { (void)m_model->addEdge(m_edge); }

private:
    TopologyModel *m_model;
    Edge m_edge;
};

// Changes a node's name and properties (a wizard's "Finish" on an existing connector).
class EditNodeCommand : public QUndoCommand
{
public:
    EditNodeCommand(TopologyModel *model, const QString &id, const QString &name, QMap<QString, QString> properties);

    void undo() override;
    void redo() override;

private:
    TopologyModel *m_model;
    QString m_id;
    QString m_oldName;
    QString m_newName;
    QMap<QString, QString> m_oldProperties;
    QMap<QString, QString> m_newProperties;
};

} // namespace cdc::topology
