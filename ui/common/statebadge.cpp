// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing of Kafka Connect state badges.
#include "statebadge.h"

#include "common/sourcecolors.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace cdc::ui {

namespace {
constexpr qreal kPaddingX = 5;
constexpr qreal kPaddingY = 1;
} // namespace

QColor stateToneColor(connect::StateTone tone)
{
    switch (tone) {
    case connect::StateTone::Good: return QColor(0x1f, 0x88, 0x3d);
    case connect::StateTone::Attention: return QColor(0xe3, 0x9b, 0x00);
    case connect::StateTone::Bad: return QColor(0xd9, 0x30, 0x25);
    case connect::StateTone::Neutral: break;
    }
    return QColor(0x6e, 0x76, 0x81);
}

QColor connectorStateColor(const QString &state)
{
    return stateToneColor(connect::stateTone(state));
}

QFont stateBadgeFont(const QFont &base)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.8);
    else
        font.setPixelSize(qMax(8, font.pixelSize() * 4 / 5));
    font.setBold(true);
    return font;
}

QString stateBadgeText(const QString &state, const QString &detail)
{
    return detail.isEmpty() ? state : state + QStringLiteral(" · ") + detail;
}

QSizeF stateBadgeSize(const QString &state, const QFont &base, const QString &detail)
{
    const QFontMetricsF metrics(stateBadgeFont(base));
    return {metrics.horizontalAdvance(stateBadgeText(state, detail)) + 2 * kPaddingX, metrics.height() + 2 * kPaddingY};
}

QRectF paintStateBadge(QPainter *painter, QPointF topLeft, const QString &state, const QFont &base,
                       const QString &detail)
{
    const QRectF rect(topLeft, stateBadgeSize(state, base, detail));
    const QColor fill = connectorStateColor(state);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2);
    painter->fillPath(path, fill);
    painter->setFont(stateBadgeFont(base));
    painter->setPen(sourceTagTextColor(fill));
    painter->drawText(rect, Qt::AlignCenter, stateBadgeText(state, detail));
    painter->restore();
    return rect;
}

} // namespace cdc::ui
