// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing of pipeline nodes: header, name, detail, the live state badge and the problem count.
#include "nodeitem.h"

#include "common/sourcecolors.h"
#include "common/statebadge.h"
#include "consumer/consumernode.h"
#include "debezium/outboxartifacts.h"
#include "topology/topologyscene.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <QUrl>

#include <algorithm>

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
    if (const QString detail = detailLine(m_node); !detail.isEmpty())
        tip += u'\n' + detail; // whole, even when the node shortens it
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

namespace {

constexpr qreal kPadLeft = 16; // after the kind's band
constexpr qreal kPadRight = 10;
constexpr qreal kPadTop = 7;
constexpr qreal kProblemBadge = 18;
// Below this share of the readable scale, a node is drawn for a glance: its name larger (up to
// kGlanceMaxScale), its header a little (up to kGlanceHeaderScale), no detail lines.
constexpr qreal kGlanceBelow = 0.8;
constexpr qreal kGlanceMaxScale = 2.0;
constexpr qreal kGlanceHeaderScale = 1.2;

QFont sized(qreal points, QFont::Weight weight)
{
    QFont font; // the application's family, at a size of the canvas's own
    font.setPointSizeF(points);
    font.setWeight(weight);
    return font;
}

QString connectorFlavour(const QString &connectorClass)
{
    const QString cls = connectorClass.toLower();
    const std::pair<const char *, const char *> flavours[] = {
        {"postgres", "POSTGRES"}, {"mariadb", "MARIADB"},     {"mysql", "MYSQL"},  {"sqlserver", "SQL SERVER"},
        {"oracle", "ORACLE"},     {"mongodb", "MONGODB"},     {"db2", "DB2"},      {"informix", "INFORMIX"},
        {"spanner", "SPANNER"},   {"cassandra", "CASSANDRA"}, {"vitess", "VITESS"}};
    for (const auto &[key, name] : flavours) {
        if (cls.contains(QLatin1String(key)))
            return QLatin1String(name);
    }
    return {};
}

// Where a line may break: after a separator, so that "pg.outbox" breaks as "pg." and "outbox".
bool isBreakAfter(QChar c)
{
    return c.isSpace() || c == u'.' || c == u'/' || c == u'·' || c == u':' || c == u'-' || c == u'_' || c == u',';
}

} // namespace

qreal NodeItem::glanceScale(qreal levelOfDetail, qreal readableScale)
{
    if (levelOfDetail <= 0 || levelOfDetail >= readableScale * kGlanceBelow)
        return 1.0;
    return std::min(readableScale / levelOfDetail, kGlanceMaxScale);
}

QFont NodeItem::headerFont()
{
    return sized(9, QFont::Bold);
}

QFont NodeItem::nameFont()
{
    return sized(10.5, QFont::Bold);
}

QFont NodeItem::detailFont()
{
    return sized(9, QFont::Normal);
}

QString NodeItem::headerText(const topology::Node &node)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("NodeItem", text); };
    switch (node.kind) {
    case NodeKind::PostgresDatabase: return tr("POSTGRESQL");
    case NodeKind::MySqlDatabase: return tr("MYSQL / MARIADB");
    case NodeKind::ConnectCluster: return tr("KAFKA CONNECT");
    case NodeKind::Connector: {
        const QString flavour = connectorFlavour(node.properties.value(QStringLiteral("connector.class")));
        return flavour.isEmpty() ? tr("DEBEZIUM") : tr("DEBEZIUM · %1").arg(flavour);
    }
    case NodeKind::Topic: return tr("KAFKA TOPIC");
    case NodeKind::Consumer: return debezium::isPyFlinkConsumer(node) ? tr("CONSUMER · PYFLINK") : tr("CONSUMER");
    case NodeKind::Sink: return tr("SINK");
    }
    return {};
}

QStringList NodeItem::detailLines(const QString &text, const QFontMetricsF &metrics, qreal width, qreal secondWidth)
{
    if (text.isEmpty())
        return {};
    if (metrics.horizontalAdvance(text) <= width)
        return {text};
    // The longest head that fits, cut after a separator when there is one, else after any character.
    qsizetype cut = 0;
    qsizetype cutAtSeparator = 0;
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (metrics.horizontalAdvance(text.left(i)) > width)
            break;
        cut = i;
        if (isBreakAfter(text.at(i - 1)))
            cutAtSeparator = i;
    }
    if (cutAtSeparator > 0)
        cut = cutAtSeparator;
    if (cut == 0)
        return {metrics.elidedText(text, Qt::ElideMiddle, width)};
    const QString rest = text.mid(cut).trimmed();
    return {text.left(cut).trimmed(), metrics.elidedText(rest, Qt::ElideMiddle, secondWidth)};
}

qreal NodeItem::textWidth() const
{
    return kSize.width() - kPadLeft - kPadRight;
}

qreal NodeItem::headerWidth() const
{
    return textWidth() - (m_errors + m_warnings > 0 ? kProblemBadge + 4 : 0);
}

qreal NodeItem::detailSecondLineWidth() const
{
    if (m_live.state.isEmpty())
        return textWidth();
    return textWidth() - stateBadgeSize(m_live.state, nameFont(), m_live.stateDetail).width() - 6;
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

    // Header (the kind; the problem count beside it), name, then the detail on up to two lines; the
    // live state (RUNNING, PAUSED, FAILED, ...) as a badge in the bottom-right corner. Zoomed out too far
    // for that to read, the name grows onto two lines in place of the detail.
    const auto *topologyScene = qobject_cast<const TopologyScene *>(scene());
    const qreal readable = topologyScene ? topologyScene->readableTextScale() : 1.0;
    const qreal grow = glanceScale(option->levelOfDetailFromTransform(painter->worldTransform()), readable);
    const bool glance = grow > 1.0;
    auto scaled = [](QFont font, qreal by) {
        font.setPointSizeF(font.pointSizeF() * by);
        return font;
    };
    const QFont header = scaled(headerFont(), std::min(grow, kGlanceHeaderScale));
    const QFont badgeFont = nameFont();
    const QSizeF badgeSize =
        m_live.state.isEmpty() ? QSizeF() : stateBadgeSize(m_live.state, badgeFont, m_live.stateDetail);
    // For a glance, the name as large as it fits whole on two lines between the header and the state badge.
    QFont name = scaled(nameFont(), grow);
    if (glance) {
        const qreal height = kSize.height() - kPadTop - QFontMetricsF(header).height() - 1 -
                             (badgeSize.isEmpty() ? 0 : badgeSize.height() + 2) - 7;
        for (qreal g = grow; g > 1.0; g -= 0.05) {
            name = scaled(nameFont(), g);
            const QFontMetricsF metrics(name);
            const QStringList lines = detailLines(m_node.name, metrics, textWidth(), textWidth());
            if (!lines.join(QString()).contains(QChar(0x2026)) && lines.size() * metrics.height() <= height)
                break; // whole, nothing elided, and clear of the badge
        }
    }
    const QFont detail = detailFont();
    const QFontMetricsF headerMetrics(header);
    const QFontMetricsF nameMetrics(name);
    const QFontMetricsF detailMetrics(detail);
    qreal y = kPadTop;

    painter->setFont(header);
    painter->setPen(palette.color(QPalette::ButtonText).lightnessF() > 0.5 ? accent.lighter(135) : accent.darker(115));
    painter->drawText(QRectF(kPadLeft, y, headerWidth(), headerMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      headerMetrics.elidedText(headerText(m_node), Qt::ElideRight, headerWidth()));
    const bool hasProblems = m_errors + m_warnings > 0;
    if (hasProblems) {
        // The count of problems, red for errors, amber for warnings only.
        const QRectF badge(kSize.width() - kPadRight - kProblemBadge + 4,
                           y + (headerMetrics.height() - kProblemBadge) / 2, kProblemBadge, kProblemBadge);
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_errors > 0 ? QColor(0xd9, 0x30, 0x25) : QColor(0xe3, 0x9b, 0x00));
        painter->drawEllipse(badge);
        painter->setFont(headerFont());
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, QString::number(m_errors > 0 ? m_errors : m_warnings));
        painter->setBrush(Qt::NoBrush);
    }
    y += headerMetrics.height() + (glance ? 1 : 3);

    painter->setFont(name);
    painter->setPen(palette.color(QPalette::ButtonText));
    if (glance) {
        for (const QString &line : detailLines(m_node.name, nameMetrics, textWidth(), textWidth())) {
            painter->drawText(QRectF(kPadLeft, y, textWidth(), nameMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                              line);
            y += nameMetrics.height();
        }
    } else {
        painter->drawText(QRectF(kPadLeft, y, textWidth(), nameMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          nameMetrics.elidedText(m_node.name, Qt::ElideRight, textWidth()));
        y += nameMetrics.height() + 3;

        painter->setFont(detail);
        QColor detailColor = palette.color(QPalette::ButtonText);
        detailColor.setAlphaF(0.75f);
        painter->setPen(detailColor);
        const QStringList lines = detailLines(detailLine(m_node), detailMetrics, textWidth(), detailSecondLineWidth());
        for (const QString &line : lines) {
            painter->drawText(QRectF(kPadLeft, y, textWidth(), detailMetrics.height()),
                              Qt::AlignLeft | Qt::AlignVCenter, line);
            y += detailMetrics.height();
        }
    }

    if (!m_live.state.isEmpty()) {
        paintStateBadge(painter,
                        QPointF(kSize.width() - kPadRight - badgeSize.width(), kSize.height() - 7 - badgeSize.height()),
                        m_live.state, badgeFont, m_live.stateDetail);
    }

    // Ports: where edges attach; drag from the output port to another node to connect them.
    painter->setPen(QPen(accent.darker(120), 1.2));
    painter->setBrush(palette.color(QPalette::Base));
    if (hasInPort())
        painter->drawEllipse(QPointF(0, kSize.height() / 2), kPortRadius, kPortRadius);
    if (hasOutPort())
        painter->drawEllipse(QPointF(kSize.width(), kSize.height() / 2), kPortRadius, kPortRadius);
    painter->setBrush(Qt::NoBrush);
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
