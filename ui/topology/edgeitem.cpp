// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing of edges between pipeline nodes.
#include "edgeitem.h"

#include "topology/nodeitem.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace cdc::ui {

EdgeItem::EdgeItem(const topology::Edge &edge, NodeItem *from, NodeItem *to) : m_edge(edge), m_from(from), m_to(to)
{
    setZValue(0);
    setFlag(ItemIsSelectable);
    updatePath();
}

bool EdgeItem::isHosting() const
{
    return m_from->node().kind == topology::NodeKind::ConnectCluster;
}

void EdgeItem::updatePath()
{
    QPainterPath path;
    if (isHosting()) {
        // "runs on": a straight dashed line between the facing edges of cluster and connector.
        const QRectF from = m_from->mapRectToScene(QRectF(QPointF(0, 0), NodeItem::kSize));
        const QRectF to = m_to->mapRectToScene(QRectF(QPointF(0, 0), NodeItem::kSize));
        const bool below = to.center().y() > from.center().y();
        path.moveTo(QPointF(from.center().x(), below ? from.bottom() : from.top()));
        path.lineTo(QPointF(to.center().x(), below ? to.top() : to.bottom()));
    } else {
        const QPointF a = m_from->outPort();
        const QPointF tip = m_to->inPort();
        const QPointF b = tip - QPointF(10, 0); // the arrow head covers the last 10 px
        const qreal bend = std::max<qreal>(40, std::abs(b.x() - a.x()) / 2);
        path.moveTo(a);
        path.cubicTo(a + QPointF(bend, 0), b - QPointF(bend, 0), b);
        path.lineTo(tip);
    }
    setPath(path);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    QColor color = (option->state & QStyle::State_Selected) ? palette.color(QPalette::Highlight)
                                                            : palette.color(QPalette::WindowText);
    if (!(option->state & QStyle::State_Selected))
        color.setAlphaF(0.55f);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, 1.6, isHosting() ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    if (isHosting())
        return;
    QPainterPath head;
    const QPointF tip = m_to->inPort();
    head.moveTo(tip);
    head.lineTo(tip + QPointF(-10, -5));
    head.lineTo(tip + QPointF(-10, 5));
    head.closeSubpath();
    painter->fillPath(head, color);
}

} // namespace cdc::ui
