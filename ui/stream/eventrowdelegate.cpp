// Row painting for the event table. Reads only the model's roles; never parses an event.
#include "eventrowdelegate.h"

#include "common/sourcecolors.h"
#include "stream/eventtablemodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace cdc::ui {

namespace {

using stream::EventTableModel;

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

} // namespace

void EventRowDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != EventTableModel::SourceColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const auto tag = stream::SourceTag(index.data(EventTableModel::SourceTagRole).toInt());
    const QString name = opt.text.isEmpty() ? stream::sourceTagName(tag) : opt.text;
    opt.text.clear();
    opt.icon = {};
    styleOf(opt)->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QColor fill = sourceTagColor(tag);
    const QFontMetrics metrics(opt.font);
    const int height = qMin(opt.rect.height() - 4, metrics.height() + 2);
    const QRect rect(opt.rect.left() + 4, opt.rect.top() + (opt.rect.height() - height) / 2,
                     qMin(metrics.horizontalAdvance(name) + 12, opt.rect.width() - 8), height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, 4, 4);
    painter->setPen(sourceTagTextColor(fill));
    painter->drawText(rect, Qt::AlignCenter, metrics.elidedText(name, Qt::ElideRight, rect.width() - 6));
    painter->restore();
}

QSize EventRowDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == EventTableModel::SourceColumn)
        size.setWidth(option.fontMetrics.horizontalAdvance(QStringLiteral("postgres")) + 24);
    return size;
}

bool EventRowDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip && index.isValid()) {
        if (const QString reason = flagText(index); !reason.isEmpty()) {
            QToolTip::showText(event->globalPos(), reason, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QString EventRowDelegate::flagText(const QModelIndex &index)
{
    const QString problem = index.data(EventTableModel::ProblemRole).toString();
    if (!problem.isEmpty())
        return tr("Could not decode this event: %1").arg(problem);
    const int flags = index.data(EventTableModel::FlagsRole).toInt();
    if (flags & stream::Late)
        return tr("Late: it arrived after the watermark had passed its event time, so it is shown where it "
                  "arrived, not where its time belongs.");
    if (flags & stream::AfterGap)
        return tr("Its partition's offsets jumped before it (compaction, transaction markers or retention).");
    return {};
}

void EventRowDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool undecodable = !index.data(EventTableModel::ProblemRole).toString().isEmpty();
    const bool late = index.data(EventTableModel::FlagsRole).toInt() & stream::Late;
    if (!undecodable && !late)
        return;
    // Red for undecodable, amber italics for late: one shade for light bases, one for dark.
    const bool dark = option->palette.color(QPalette::Base).lightness() < 128;
    const QColor tint = undecodable ? (dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28))
                                    : (dark ? QColor(0xff, 0xc1, 0x6b) : QColor(0x9a, 0x5b, 0x00));
    option->palette.setColor(QPalette::Text, tint);
    option->font.setItalic(late && !undecodable);
    if (index.column() == EventTableModel::CompositeKeyColumn) {
        option->icon =
            styleOf(*option)->standardIcon(undecodable ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
        option->features |= QStyleOptionViewItem::HasDecoration;
        const int side = option->fontMetrics.height() - 2;
        option->decorationSize = QSize(side, side);
    }
}

} // namespace cdc::ui
