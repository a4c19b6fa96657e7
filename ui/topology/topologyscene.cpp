// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas: mirrors the model into items and turns drags into undoable moves.
#include "topologyscene.h"

#include "health/pipelinehealth.h"
#include "topology/clipboardfragment.h"
#include "topology/edgeitem.h"
#include "topology/nodeitem.h"
#include "topology/topologycommands.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPalette>
#include <QUndoStack>

namespace cdc::ui {

TopologyScene::TopologyScene(topology::TopologyModel *model, QUndoStack *undoStack,
                             const health::PipelineHealth *health, QObject *parent)
    : QGraphicsScene(parent)
    , m_model(model)
    , m_undoStack(undoStack)
    , m_health(health)
{
    connect(model, &topology::TopologyModel::modelReset, this, &TopologyScene::rebuild);
    connect(model, &topology::TopologyModel::nodeAdded, this, &TopologyScene::addNodeItem);
    connect(model, &topology::TopologyModel::nodeRemoved, this, &TopologyScene::removeNodeItem);
    connect(model, &topology::TopologyModel::nodeMoved, this, &TopologyScene::syncNodeItem);
    connect(model, &topology::TopologyModel::nodeChanged, this, &TopologyScene::syncNodeItem);
    connect(model, &topology::TopologyModel::edgeAdded, this, &TopologyScene::addEdgeItem);
    connect(model, &topology::TopologyModel::edgeRemoved, this, &TopologyScene::removeEdgeItem);
    if (health) {
        connect(health, &health::PipelineHealth::projectDiagnosticsChanged, this,
                [this] { showDiagnostics(m_health->projectDiagnostics()); });
        connect(health, &health::PipelineHealth::nodeChanged, this, [this](const QString &id) {
            if (NodeItem *item = m_nodes.value(id))
                item->setLiveState(m_health->node(id));
        });
    }
    rebuild();
}

QString TopologyScene::edgeKey(const topology::Edge &edge)
{
    return edge.from + u'\x1f' + edge.to;
}

void TopologyScene::rebuild()
{
    clear(); // deletes the items
    m_nodes.clear();
    m_edges.clear();
    for (const topology::Node &node : m_model->nodes())
        addNodeItem(node.id);
    for (const topology::Edge &edge : m_model->edges())
        addEdgeItem(edge);
    // A fresh pipeline gets a fresh rect: a fixed one, rather than the bounds Qt recomputes as items move.
    const QRectF bounds = itemsBoundingRect();
    setSceneRect(bounds.isNull() ? QRectF(-kSceneMargin, -kSceneMargin, 2 * kSceneMargin, 2 * kSceneMargin)
                                 : bounds.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin));
}

void TopologyScene::keepRoomFor(const QRectF &rect)
{
    const qreal near = kSceneMargin / 4;
    if (sceneRect().adjusted(near, near, -near, -near).contains(rect))
        return;
    setSceneRect(sceneRect() | rect.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin));
}

void TopologyScene::addNodeItem(const QString &id)
{
    const topology::Node *node = m_model->node(id);
    if (!node || m_nodes.contains(id))
        return;
    auto *item = new NodeItem(*node);
    if (m_health)
        item->setLiveState(m_health->node(id));
    m_nodes.insert(id, item);
    addItem(item);
    keepRoomFor(item->sceneBoundingRect());
}

void TopologyScene::removeNodeItem(const QString &id)
{
    delete m_nodes.take(id);
}

void TopologyScene::addEdgeItem(const topology::Edge &edge)
{
    NodeItem *from = m_nodes.value(edge.from);
    NodeItem *to = m_nodes.value(edge.to);
    if (!from || !to)
        return;
    auto *item = new EdgeItem(edge, from, to);
    m_edges.insert(edgeKey(edge), item);
    addItem(item);
}

void TopologyScene::removeEdgeItem(const topology::Edge &edge)
{
    delete m_edges.take(edgeKey(edge));
}

void TopologyScene::syncNodeItem(const QString &id)
{
    NodeItem *item = m_nodes.value(id);
    const topology::Node *node = m_model->node(id);
    if (!item || !node)
        return;
    item->setNode(*node);
    if (item->pos() != node->position)
        item->setPos(node->position); // keeps room through nodeItemMoved
}

void TopologyScene::setReadableTextScale(qreal scale)
{
    if (qFuzzyCompare(scale, m_readableTextScale))
        return;
    m_readableTextScale = scale;
    update();
}

void TopologyScene::nodeItemMoved(NodeItem *item)
{
    keepRoomFor(item->sceneBoundingRect());
    for (EdgeItem *edge : std::as_const(m_edges)) {
        if (edge->edge().from == item->nodeId() || edge->edge().to == item->nodeId())
            edge->updatePath();
    }
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        for (QGraphicsItem *item : items(event->scenePos())) {
            if (item->type() != NodeItem::Type)
                continue;
            auto *node = static_cast<NodeItem *>(item);
            if (node->hasOutPort() &&
                QLineF(node->outPort(), event->scenePos()).length() <= NodeItem::kPortRadius + 4) {
                // A press on the output port starts an edge instead of a move.
                m_connectFrom = node->nodeId();
                m_connectLine = addLine(QLineF(node->outPort(), event->scenePos()),
                                        QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
                m_connectLine->setZValue(2);
                event->accept();
                return;
            }
            break;
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void TopologyScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        m_connectLine->setLine(QLineF(m_connectLine->line().p1(), event->scenePos()));
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        const QString from = std::exchange(m_connectFrom, QString());
        for (QGraphicsItem *item : items(event->scenePos())) {
            if (item->type() == NodeItem::Type && static_cast<NodeItem *>(item)->nodeId() != from) {
                connectNodes(from, static_cast<NodeItem *>(item)->nodeId());
                break;
            }
        }
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    // A drag moved the items; record the move in the model through one undo command.
    QHash<QString, QPointF> from;
    QHash<QString, QPointF> to;
    for (NodeItem *item : std::as_const(m_nodes)) {
        const topology::Node *node = m_model->node(item->nodeId());
        if (node && node->position != item->pos()) {
            from.insert(item->nodeId(), node->position);
            to.insert(item->nodeId(), item->pos());
        }
    }
    if (to.isEmpty())
        return;
    auto *command = new topology::MoveNodesCommand(m_model, std::move(from), std::move(to));
    command->finish();
    m_undoStack->push(command);
}

QString TopologyScene::addNodeAt(topology::NodeKind kind, QPointF position)
{
    topology::Node node;
    node.kind = kind;
    node.id = m_model->unusedId(topology::nodeKindKey(kind));
    node.name = topology::nodeKindDisplayName(kind);
    node.position = position - QPointF(NodeItem::kSize.width() / 2, NodeItem::kSize.height() / 2);
    node.properties = topology::defaultNodeProperties(kind);
    const QString id = node.id;
    m_undoStack->push(new topology::AddNodesCommand(m_model, {node}, {}, tr("Add %1").arg(node.name)));
    selectNode(id);
    return id;
}

bool TopologyScene::connectNodes(const QString &from, const QString &to)
{
    const topology::Node *a = m_model->node(from);
    const topology::Node *b = m_model->node(to);
    if (!a || !b)
        return false;
    if (!topology::canConnect(a->kind, b->kind)) {
        Q_EMIT message(tr("A %1 cannot feed a %2.")
                           .arg(topology::nodeKindDisplayName(a->kind), topology::nodeKindDisplayName(b->kind)));
        return false;
    }
    const topology::Edge edge{from, to};
    const auto &edges = m_model->edges();
    if (std::find(edges.begin(), edges.end(), edge) != edges.end()) {
        Q_EMIT message(tr("%1 already feeds %2.").arg(a->name, b->name));
        return false;
    }
    m_undoStack->push(new topology::AddEdgeCommand(m_model, edge));
    return true;
}

QByteArray TopologyScene::copySelection() const
{
    QStringList ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == NodeItem::Type)
            ids << static_cast<NodeItem *>(item)->nodeId();
    }
    return ids.isEmpty() ? QByteArray() : topology::copyFragment(*m_model, ids);
}

bool TopologyScene::paste(const QByteArray &bytes)
{
    auto fragment = topology::pasteFragment(bytes, *m_model, QPointF(40, 40));
    if (!fragment || fragment.value().nodes.empty()) {
        Q_EMIT message(fragment ? tr("The clipboard holds no nodes.") : fragment.error().toString());
        return false;
    }
    QStringList ids;
    for (const topology::Node &n : fragment.value().nodes)
        ids << n.id;
    m_undoStack->push(new topology::AddNodesCommand(m_model, fragment.value().nodes, fragment.value().edges,
                                                    tr("Paste %n node(s)", nullptr, int(ids.size()))));
    clearSelection();
    for (const QString &id : std::as_const(ids)) {
        if (NodeItem *item = m_nodes.value(id))
            item->setSelected(true);
    }
    return true;
}

void TopologyScene::deleteSelection()
{
    QStringList nodes;
    std::vector<topology::Edge> edges;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == NodeItem::Type)
            nodes << static_cast<NodeItem *>(item)->nodeId();
        else if (item->type() == EdgeItem::Type)
            edges.push_back(static_cast<EdgeItem *>(item)->edge());
    }
    if (nodes.isEmpty() && edges.empty())
        return;
    m_undoStack->push(new topology::RemoveItemsCommand(m_model, nodes, std::move(edges)));
}

void TopologyScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (item->type() == NodeItem::Type) {
            Q_EMIT nodeActivated(static_cast<NodeItem *>(item)->nodeId());
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void TopologyScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (item->type() != NodeItem::Type)
            continue;
        if (!item->isSelected()) {
            clearSelection();
            item->setSelected(true);
        }
        Q_EMIT nodeContextMenuRequested(static_cast<NodeItem *>(item)->nodeId(), event->screenPos());
        event->accept();
        return;
    }
    QGraphicsScene::contextMenuEvent(event);
}

void TopologyScene::showDiagnostics(const std::vector<validation::ProjectDiagnostic> &diagnostics)
{
    struct Count
    {
        int errors = 0;
        int warnings = 0;
        QStringList messages;
    };
    QHash<QString, Count> counts;
    for (const validation::ProjectDiagnostic &d : diagnostics) {
        Count &c = counts[d.nodeId];
        c.errors += d.severity == debezium::Severity::Error;
        c.warnings += d.severity == debezium::Severity::Warning;
        c.messages << QStringLiteral("• ") + d.message;
    }
    for (NodeItem *item : std::as_const(m_nodes)) {
        const Count c = counts.value(item->nodeId());
        item->setProblems(c.errors, c.warnings, c.messages.join(u'\n'));
    }
}

void TopologyScene::selectNode(const QString &id)
{
    NodeItem *item = m_nodes.value(id);
    if (!item)
        return;
    clearSelection();
    item->setSelected(true);
    item->setFocus();
}

} // namespace cdc::ui
