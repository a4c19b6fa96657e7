// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas: observes the TopologyModel and draws it; user edits become undo commands.
#pragma once

#include "topology/topologymodel.h"
#include "validation/projectvalidator.h"

#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QHash>

class QUndoStack;

namespace cdc::health {
class PipelineHealth;
}

namespace cdc::ui {

class EdgeItem;
class NodeItem;

class TopologyScene : public QGraphicsScene
{
    Q_OBJECT

public:
    // `health` (may be null): the checks' findings badge the nodes, the live state of each node (its
    // connector's state, FAILED, lag past a threshold) shows on it.
    TopologyScene(topology::TopologyModel *model, QUndoStack *undoStack, const health::PipelineHealth *health = nullptr,
                  QObject *parent = nullptr);

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    qsizetype nodeItemCount() const { return m_nodes.size(); }
    qsizetype edgeItemCount() const { return m_edges.size(); }

    // Adds a node of `kind` at `position` as an undoable step; returns its id.
    QString addNodeAt(topology::NodeKind kind, QPointF position);
    // Deletes the selected nodes (with their edges) and selected edges as one undoable step.
    void deleteSelection();
    // The selected nodes (and the edges among them) as clipboard data; empty when nothing is selected.
    QByteArray copySelection() const;
    // Pastes clipboard data with fresh ids, a little offset, as one undoable step; selects what it added.
    bool paste(const QByteArray &fragment);

    // Connects two nodes as an undoable step; false (with a message) when the edge means nothing.
    bool connectNodes(const QString &from, const QString &to);

    // Badges the nodes the checks found problems on.
    void showDiagnostics(const std::vector<validation::ProjectDiagnostic> &diagnostics);
    // Selects one node (and only it), e.g. from the diagnostics list.
    void selectNode(const QString &id);

    // The smallest scale at which node text should reach the screen (1 normally; presentation mode asks
    // for more). Zoomed out below it, nodes draw their names larger and leave out their detail lines.
    void setReadableTextScale(qreal scale);
    qreal readableTextScale() const { return m_readableTextScale; }

    // Called by a NodeItem while it is dragged, so its edges follow.
    void nodeItemMoved(NodeItem *item);

    // The room around the pipeline: the scene rect is the items' bounds and this much on every side,
    // fixed while nodes move inside it, so that a drag or an undo never scrolls the view.
    static constexpr qreal kSceneMargin = 1600;

Q_SIGNALS:
    // A node was double-clicked: open its editor.
    void nodeActivated(const QString &id);
    // Something to tell the user in the status bar (e.g. why an edge was refused).
    void message(const QString &text);
    // A node was right-clicked (it is selected now): the window shows the node's menu at `screenPos`.
    void nodeContextMenuRequested(const QString &id, const QPoint &screenPos);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    void rebuild();
    void addNodeItem(const QString &id);
    void removeNodeItem(const QString &id);
    void addEdgeItem(const topology::Edge &edge);
    void removeEdgeItem(const topology::Edge &edge);
    void syncNodeItem(const QString &id);
    // Grows the scene rect when `rect` comes near its border; it never shrinks while the pipeline is open.
    void keepRoomFor(const QRectF &rect);
    static QString edgeKey(const topology::Edge &edge);

    topology::TopologyModel *m_model;
    QUndoStack *m_undoStack;
    QHash<QString, NodeItem *> m_nodes;
    qreal m_readableTextScale = 1.0;
    QHash<QString, EdgeItem *> m_edges;
    const health::PipelineHealth *m_health;
    // While an edge is being drawn from an output port: where it starts, and the rubber line.
    QString m_connectFrom;
    QGraphicsLineItem *m_connectLine = nullptr;
};

} // namespace cdc::ui
