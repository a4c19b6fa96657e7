// Drawing of pipeline nodes.
#include "nodeitem.h"

#include "common/sourcecolors.h"
#include "common/statebadge.h"
#include "consumer/consumernode.h"
#include "debezium/outboxartifacts.h"
#include "topology/topologyscene.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <QUrl>

namespace cdc::ui {

using topology::NodeKind;

NodeItem::NodeItem(const topology::Node &node) : m_node(node)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges | ItemIsFocusable);
    setPos(node.position);
    setZValue(1);
    updateToolTip();
}

void NodeItem::setNode(const topology::Node &node)
{
    m_node = node;
    updateToolTip();
    update();
}

void NodeItem::setProblems(int errors, int warnings, const QString &summary)
{
    if (errors == m_errors && warnings == m_warnings && summary == m_problems)
        return;
    m_errors = errors;
    m_warnings = warnings;
    m_problems = summary;
    updateToolTip();
    update();
}

void NodeItem::setLiveState(const health::NodeHealth &live)
{
    if (live == m_live)
        return;
    m_live = live;
    updateToolTip();
    update();
}

void NodeItem::updateToolTip()
{
    QString tip = topology::nodeKindDisplayName(m_node.kind) + u'\n' + m_node.name;
    if (!m_live.state.isEmpty())
        tip += QStringLiteral("\n") + stateBadgeText(m_live.state, m_live.stateDetail);
    if (!m_live.summary.isEmpty())
        tip += QStringLiteral("\n") + m_live.summary;
    if (!m_problems.isEmpty())
        tip += QStringLiteral("\n\n") + m_problems;
    setToolTip(tip);
}

QPointF NodeItem::inPort() const
{
    return mapToScene(QPointF(0, kSize.height() / 2));
}

QPointF NodeItem::outPort() const
{
    return mapToScene(QPointF(kSize.width(), kSize.height() / 2));
}

bool NodeItem::hasInPort() const
{
    return m_node.kind != NodeKind::PostgresDatabase && m_node.kind != NodeKind::MySqlDatabase &&
           m_node.kind != NodeKind::ConnectCluster;
}

bool NodeItem::hasOutPort() const
{
    return m_node.kind != NodeKind::Sink;
}

QRectF NodeItem::boundingRect() const
{
    const qreal margin = kPortRadius + 2;
    return QRectF(QPointF(0, 0), kSize).adjusted(-margin, -4, margin, 4); // room for the severity outline
}

QString NodeItem::detailLine(const topology::Node &node)
{
    const auto &p = node.properties;
    switch (node.kind) {
    case NodeKind::PostgresDatabase:
    case NodeKind::MySqlDatabase:
        return QStringLiteral("%1:%2 / %3")
            .arg(p.value(QStringLiteral("host")), p.value(QStringLiteral("port")), p.value(QStringLiteral("database")));
    case NodeKind::ConnectCluster: return p.value(QStringLiteral("url"));
    case NodeKind::Connector: {
        const QString cls = p.value(QStringLiteral("connector.class"));
        const QString shortClass = cls.mid(cls.lastIndexOf(u'.') + 1);
        const QString prefix = p.value(QStringLiteral("topic.prefix"));
        return prefix.isEmpty() ? shortClass : QStringLiteral("%1 · prefix %2").arg(shortClass, prefix);
    }
    case NodeKind::Topic: return p.value(QStringLiteral("pattern"), node.name);
    case NodeKind::Consumer: {
        // The group the job commits under, and the Flink cluster it runs on when not on a local one.
        const QString group =
            debezium::isPyFlinkConsumer(node) ? debezium::consumerGroupOf(node) : p.value(QStringLiteral("group.id"));
        const QUrl cluster = QUrl::fromUserInput(p.value(consumer::kClusterUrlProperty).trimmed());
        return cluster.host().isEmpty()
                   ? QStringLiteral("group %1").arg(group)
                   : QStringLiteral("group %1 · Flink %2:%3").arg(group, cluster.host()).arg(cluster.port(8081));
    }
    case NodeKind::Sink: return p.value(QStringLiteral("type"));
    }
    return {};
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QColor accent = nodeKindColor(m_node.kind);
    const QRectF body(QPointF(0, 0), kSize);
    const bool selected = option->state & QStyle::State_Selected;

    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath shape;
    shape.addRoundedRect(body, 8, 8);
    // A live issue (FAILED, lag past a threshold) tints the whole node, so it reads at any zoom.
    const bool troubled = m_live.severity != health::Severity::Ok;
    const QColor issueColor = severityColor(m_live.severity);
    painter->fillPath(shape, troubled ? blendColors(palette.color(QPalette::Button), issueColor, 0.22)
                                      : palette.color(QPalette::Button));

    // The kind's colour as a band on the left.
    painter->save();
    painter->setClipPath(shape);
    painter->fillRect(QRectF(0, 0, 6, kSize.height()), accent);
    painter->restore();

    if (troubled && selected) {
        // Both: the issue's outline around the selection's.
        QPainterPath outer;
        outer.addRoundedRect(body.adjusted(-2.5, -2.5, 2.5, 2.5), 10, 10);
        painter->setPen(QPen(issueColor, 2));
        painter->drawPath(outer);
    }
    painter->setPen(QPen(selected   ? palette.color(QPalette::Highlight)
                         : troubled ? issueColor
                                    : accent.darker(120),
                         selected || troubled ? 2.5 : 1.2));
    painter->drawPath(shape);

    const QRectF text = body.adjusted(16, 8, -10, -8);
    QFont font = painter->font();
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    QFont bold = font;
    bold.setBold(true);

    // The live state (RUNNING, PAUSED, FAILED, ...) as a badge in the top-right corner, left of the
    // problem count; the kind's name gives way to it.
    const bool hasProblems = m_errors + m_warnings > 0;
    QRectF stateBadge;
    if (!m_live.state.isEmpty()) {
        const QSizeF size = stateBadgeSize(m_live.state, font, m_live.stateDetail);
        const qreal right = kSize.width() - (hasProblems ? 28 : 8);
        stateBadge = paintStateBadge(painter, QPointF(right - size.width(), 6 + (18 - size.height()) / 2), m_live.state,
                                     font, m_live.stateDetail);
    }

    painter->setFont(small);
    painter->setPen(accent);
    const qreal kindWidth = stateBadge.isNull() ? text.width() : stateBadge.left() - 4 - text.left();
    painter->drawText(QRectF(text.left(), text.top(), kindWidth, text.height()), Qt::AlignLeft | Qt::AlignTop,
                      QFontMetricsF(small).elidedText(topology::nodeKindDisplayName(m_node.kind).toUpper(),
                                                      Qt::ElideRight, kindWidth));

    painter->setFont(bold);
    painter->setPen(palette.color(QPalette::ButtonText));
    const QFontMetricsF boldMetrics(bold);
    painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(m_node.name, Qt::ElideRight, text.width()));

    // Ports: where edges attach; drag from the output port to another node to connect them.
    painter->setPen(QPen(accent.darker(120), 1.2));
    painter->setBrush(palette.color(QPalette::Base));
    if (hasInPort())
        painter->drawEllipse(QPointF(0, kSize.height() / 2), kPortRadius, kPortRadius);
    if (hasOutPort())
        painter->drawEllipse(QPointF(kSize.width(), kSize.height() / 2), kPortRadius, kPortRadius);
    painter->setBrush(Qt::NoBrush);

    if (hasProblems) {
        // The count of problems, red for errors, amber for warnings only.
        const QRectF badge(kSize.width() - 24, 6, 18, 18);
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_errors > 0 ? QColor(0xd9, 0x30, 0x25) : QColor(0xe3, 0x9b, 0x00));
        painter->drawEllipse(badge);
        QFont badgeFont = small;
        badgeFont.setBold(true);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, QString::number(m_errors > 0 ? m_errors : m_warnings));
        painter->setBrush(Qt::NoBrush);
    }

    painter->setFont(small);
    QColor detail = palette.color(QPalette::ButtonText);
    detail.setAlphaF(0.7f);
    painter->setPen(detail);
    const QFontMetricsF smallMetrics(small);
    painter->drawText(text, Qt::AlignLeft | Qt::AlignBottom,
                      smallMetrics.elidedText(detailLine(m_node), Qt::ElideMiddle, text.width()));
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        if (auto *topologyScene = qobject_cast<TopologyScene *>(scene()))
            topologyScene->nodeItemMoved(this);
    }
    return QGraphicsItem::itemChange(change, value);
}

} // namespace cdc::ui
