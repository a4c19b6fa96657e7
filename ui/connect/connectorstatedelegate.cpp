// SPDX-License-Identifier: GPL-3.0-or-later
// Painting of state badges and source squares in the connectors tree.
#include "connectorstatedelegate.h"

#include "common/sourcecolors.h"
#include "common/statebadge.h"
#include "connect/connectorsmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>

namespace cdc::ui {

using connect::ConnectorsModel;

namespace {

constexpr int kGap = 6;

QIcon sourceIcon(const QString &kind)
{
    const QColor color = nodeKindColor(kind == QLatin1String("postgres") ? topology::NodeKind::PostgresDatabase
                                                                         : topology::NodeKind::MySqlDatabase);
    QPixmap pixmap(20, 20);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(QRectF(2, 2, 16, 16), 4, 4);
    return QIcon(pixmap);
}

} // namespace

void ConnectorStateDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != ConnectorsModel::NameColumn)
        return;
    const QString kind = index.data(ConnectorsModel::DatabaseKindRole).toString();
    if (kind.isEmpty())
        return;
    static const QIcon postgres = sourceIcon(QStringLiteral("postgres"));
    static const QIcon mysql = sourceIcon(QStringLiteral("mysql"));
    option->icon = kind == QLatin1String("postgres") ? postgres : mysql;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(10, 10);
}

void ConnectorStateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    const QString state = index.data(ConnectorsModel::WorstStateRole).toString();
    if (index.column() != ConnectorsModel::StateColumn || state.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The item's background and focus as the style draws them, then the badge and the detail text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect content = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const QSizeF badge = stateBadgeSize(state, option.font);
    const QPointF topLeft(content.left() + 2, content.top() + (content.height() - badge.height()) / 2);
    painter->save();
    painter->setClipRect(option.rect);
    const QRectF drawn = paintStateBadge(painter, topLeft, state, option.font);
    const QString detail = index.data(ConnectorsModel::StateDetailRole).toString();
    if (!detail.isEmpty()) {
        const QRect text(int(drawn.right()) + kGap, content.top(), content.right() - int(drawn.right()) - kGap,
                         content.height());
        const bool selected = option.state & QStyle::State_Selected;
        painter->setFont(option.font);
        painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                          option.fontMetrics.elidedText(detail, Qt::ElideRight, text.width()));
    }
    painter->restore();
}

QSize ConnectorStateDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString state = index.data(ConnectorsModel::WorstStateRole).toString();
    if (index.column() != ConnectorsModel::StateColumn || state.isEmpty())
        return size;
    const QSizeF badge = stateBadgeSize(state, option.font);
    const QString detail = index.data(ConnectorsModel::StateDetailRole).toString();
    int width = int(badge.width()) + 12;
    if (!detail.isEmpty())
        width += kGap + option.fontMetrics.horizontalAdvance(detail);
    size.setWidth(width);
    size.setHeight(qMax(size.height(), int(badge.height()) + 4));
    return size;
}

} // namespace cdc::ui
