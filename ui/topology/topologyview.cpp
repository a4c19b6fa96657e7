// SPDX-License-Identifier: GPL-3.0-or-later
// Zoom, pan and the grid of the topology canvas.
#include "topologyview.h"

#include "topology/nodepalette.h"
#include "topology/topologyscene.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace cdc::ui {

namespace {
constexpr qreal kMinZoom = 0.2;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kStep = 1.2;
constexpr qreal kGrid = 20;
} // namespace

TopologyView::TopologyView(QWidget *parent) : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("topologyView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
}

void TopologyView::scaleBy(qreal factor)
{
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    const qreal applied = target / zoom();
    if (!qFuzzyCompare(applied, 1.0))
        scale(applied, applied);
}

void TopologyView::zoomIn()
{
    scaleBy(kStep);
}

void TopologyView::zoomOut()
{
    scaleBy(1 / kStep);
}

void TopologyView::resetZoom()
{
    resetTransform();
}

void TopologyView::zoomToFit()
{
    if (!scene() || scene()->items().isEmpty())
        return;
    const QRectF bounds = scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    fitInView(bounds, Qt::KeepAspectRatio);
    // Never blow a small graph up past 100 %: text stays crisp and sized like the rest of the UI.
    if (zoom() > 1.0)
        resetTransform();
    if (zoom() < kMinZoom)
        scaleBy(1.0);
    centerOn(bounds.center());
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(std::pow(kStep, delta / 120.0));
    event->accept();
}

void TopologyView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spacePanning && event->button() == Qt::LeftButton)) {
        setDragMode(QGraphicsView::ScrollHandDrag);
        // ScrollHandDrag pans with the left button only: replay the press as a left press.
        QMouseEvent press(event->type(), event->position(), event->scenePosition(), event->globalPosition(),
                          Qt::LeftButton, Qt::LeftButton, event->modifiers());
        QGraphicsView::mousePressEvent(&press);
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void TopologyView::mouseReleaseEvent(QMouseEvent *event)
{
    if (dragMode() == QGraphicsView::ScrollHandDrag) {
        QMouseEvent release(event->type(), event->position(), event->scenePosition(), event->globalPosition(),
                            Qt::LeftButton, Qt::NoButton, event->modifiers());
        QGraphicsView::mouseReleaseEvent(&release);
        setDragMode(QGraphicsView::RubberBandDrag);
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void TopologyView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spacePanning = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void TopologyView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spacePanning = false;
        viewport()->unsetCursor();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void TopologyView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(NodePalette::mimeType()))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void TopologyView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(NodePalette::mimeType()))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void TopologyView::dropEvent(QDropEvent *event)
{
    auto *topologyScene = qobject_cast<TopologyScene *>(scene());
    const auto kind = topology::nodeKindFromKey(QString::fromUtf8(event->mimeData()->data(NodePalette::mimeType())));
    if (!topologyScene || !kind) {
        QGraphicsView::dropEvent(event);
        return;
    }
    topologyScene->addNodeAt(*kind, mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
}

void TopologyView::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette pal = palette();
    painter->fillRect(rect, pal.color(QPalette::Base));
    if (zoom() < 0.5)
        return; // a grid that dense is noise
    QColor dot = pal.color(QPalette::Text);
    dot.setAlphaF(0.18f);
    painter->setPen(QPen(dot, 0));
    const qreal left = std::floor(rect.left() / kGrid) * kGrid;
    const qreal top = std::floor(rect.top() / kGrid) * kGrid;
    QVector<QPointF> points;
    for (qreal x = left; x < rect.right(); x += kGrid) {
        for (qreal y = top; y < rect.bottom(); y += kGrid)
            points.append(QPointF(x, y));
    }
    painter->drawPoints(points.constData(), int(points.size()));
}

void TopologyView::drawForeground(QPainter *painter, const QRectF &rect)
{
    Q_UNUSED(rect);
    if (scene() && !scene()->items().isEmpty())
        return;
    // Empty canvas: say what goes here, in view coordinates so zoom does not matter.
    painter->save();
    painter->resetTransform();
    QColor text = palette().color(QPalette::PlaceholderText);
    painter->setPen(text);
    QFont font = painter->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    painter->setFont(font);
    painter->drawText(viewport()->rect().adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap,
                      tr("This pipeline is empty.\n\nDrag databases, connectors, topics and consumers here from the "
                         "Palette, open a project (Ctrl+O), or start from a template (File ▸ New from Template)."));
    painter->restore();
}

} // namespace cdc::ui
