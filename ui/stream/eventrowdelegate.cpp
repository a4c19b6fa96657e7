// SPDX-License-Identifier: GPL-3.0-or-later
// Row painting for the event table. Reads only the model's roles; never parses an event. Does what the
// style's CE_ItemViewItem does (row background, decoration, text, focus frame) without its text layout
// engine: the style lays each cell's text out up to three times (to size it, to elide it, to draw it),
// which at 30 repaints a second of a table whose rows are all new was most of the GUI thread's time.
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

constexpr qsizetype kMaxCachedTexts = 4096;
constexpr qsizetype kMaxCachedTags = 64;
constexpr int kRedeliveredTag = 0x100; // beside the source tags' ids in the tag cache

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

// Columns whose values repeat from row to row: their laid-out texts are worth keeping.
bool isRepeatedColumn(int column)
{
    switch (column) {
    case EventTableModel::OpColumn:
    case EventTableModel::EntityColumn:
    case EventTableModel::EventTypeColumn:
    case EventTableModel::TopicColumn:
    case EventTableModel::PartitionColumn: return true;
    default: break;
    }
    return false;
}

QColor textColor(const QStyleOptionViewItem &option)
{
    QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !(option.state & QStyle::State_Active))
        group = QPalette::Inactive;
    return option.palette.color(group,
                                option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
}

// One line of `text` that fits `width`. The Latin-1 advances settle most cells without a layout: a
// text that fits by a margin is drawn as it is; a longer one is cut just past the width before it is
// elided, so a long payload costs what the visible part costs. `*textWidth` is its width when known
// without a layout, else -1.
QString fittedText(const QString &text, const QFontMetrics &metrics, const std::array<float, 256> &advances, int width,
                   Qt::TextElideMode mode, int *textWidth)
{
    constexpr qreal kSlack = 24; // kerning and rounding never move a cut this far
    *textWidth = -1;
    qreal sum = 0;
    bool latin1 = true;
    qsizetype cutAt = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x20 || c > 0xff)
            latin1 = false; // counted as zero wide: a cut only comes later
        else
            sum += advances[c];
        if (sum > width + kSlack) {
            cutAt = i + 1;
            break;
        }
    }
    if (latin1 && cutAt < 0 && sum + 2 <= width) {
        *textWidth = qCeil(sum);
        return text;
    }
    // A glyph is at least a couple of pixels wide: never lay out more than the column could show.
    const qsizetype most = cutAt >= 0 ? cutAt + 4 : qsizetype(width) / 2 + 8;
    QString line = text;
    const bool cut = line.size() > most;
    if (cut) {
        qsizetype end = most;
        if (line.at(end - 1).isHighSurrogate())
            --end;
        line.truncate(end);
    }
    for (QChar &c : line) {
        if (c.unicode() < 0x20)
            c = u' ';
    }
    QString elided = metrics.elidedText(line, cut ? Qt::ElideRight : mode, width);
    if (cut && elided == line) // only with many zero-width characters: still say there is more
        elided.append(QChar(0x2026));
    return elided;
}

int textTop(const QRect &rect, const QFontMetrics &metrics, Qt::Alignment align)
{
    if (align & Qt::AlignTop)
        return rect.top();
    if (align & Qt::AlignBottom)
        return rect.bottom() + 1 - metrics.height();
    return rect.top() + (rect.height() - metrics.height()) / 2;
}

int textLeft(const QRect &rect, int width, Qt::Alignment align)
{
    if (align & Qt::AlignRight)
        return rect.right() + 1 - width;
    if (align & Qt::AlignHCenter)
        return rect.left() + (rect.width() - width) / 2;
    return rect.left();
}

} // namespace

void EventRowDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    QStyle *style = styleOf(opt);
    const QWidget *widget = opt.widget;
    // Selection and alternating rows.
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    if (index.column() == EventTableModel::SourceColumn) {
        paintSourceTag(painter, opt, index);
    } else {
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        QRect textRect = opt.rect.adjusted(margin, 0, -margin, 0);
        if (opt.features & QStyleOptionViewItem::HasDecoration && !opt.icon.isNull()) {
            const QSize side = opt.decorationSize;
            const QRect iconRect(opt.rect.left() + margin, opt.rect.top() + (opt.rect.height() - side.height()) / 2,
                                 side.width(), side.height());
            const QIcon::Mode mode = !(opt.state & QStyle::State_Enabled) ? QIcon::Disabled
                                     : opt.state & QStyle::State_Selected ? QIcon::Selected
                                                                          : QIcon::Normal;
            opt.icon.paint(painter, iconRect, opt.decorationAlignment, mode, QIcon::Off);
            textRect.setLeft(iconRect.right() + 1 + 2 * margin);
        }
        if (index.column() == EventTableModel::CompositeKeyColumn &&
            index.data(EventTableModel::FlagsRole).toInt() & stream::Redelivered) {
            const int width = paintTag(painter, opt, textRect, kRedeliveredTag, tr("redelivered"),
                                       redeliveredTagColor(opt.palette.color(QPalette::Base).lightness() < 128), true);
            textRect.setRight(textRect.right() - width - (width ? margin : 0));
        }
        paintText(painter, opt, textRect, isRepeatedColumn(index.column()));
    }

    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.rect = opt.rect;
        focus.state |= QStyle::State_KeyboardFocusChange;
        const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        focus.backgroundColor =
            opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

void EventRowDelegate::paintText(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                 bool repeated) const
{
    if (option.text.isEmpty() || rect.width() <= 0)
        return;
    const QFontMetrics &metrics = option.fontMetrics;
    const Qt::Alignment align = QStyle::visualAlignment(option.direction, option.displayAlignment);
    painter->save();
    painter->setFont(option.font);
    painter->setPen(textColor(option));
    const int top = textTop(rect, metrics, align);
    if (repeated) {
        const TextKey key{option.text, rect.width(), quint64(qHash(option.font))};
        auto it = m_texts.constFind(key);
        if (it == m_texts.cend()) {
            if (m_texts.size() >= kMaxCachedTexts)
                m_texts.clear();
            int unused = 0;
            QStaticText text(
                fittedText(option.text, metrics, advances(option.font), rect.width(), option.textElideMode, &unused));
            text.setTextFormat(Qt::PlainText);
            text.prepare(QTransform(), option.font);
            it = m_texts.insert(key, text);
        }
        const int width = qCeil(it->size().width());
        painter->drawStaticText(QPointF(textLeft(rect, width, align), top), *it);
    } else {
        int width = 0;
        const QString text =
            fittedText(option.text, metrics, advances(option.font), rect.width(), option.textElideMode, &width);
        if (width < 0 && align & (Qt::AlignRight | Qt::AlignHCenter))
            width = metrics.horizontalAdvance(text);
        painter->drawText(QPoint(textLeft(rect, width, align), top + metrics.ascent()), text);
    }
    painter->restore();
}

void EventRowDelegate::paintSourceTag(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    const auto tag = stream::SourceTag(index.data(EventTableModel::SourceTagRole).toInt());
    const QString name = option.text.isEmpty() ? stream::sourceTagName(tag) : option.text;
    paintTag(painter, option, option.rect.adjusted(4, 0, -4, 0), int(tag), name, sourceTagColor(tag), false);
}

int EventRowDelegate::paintTag(QPainter *painter, const QStyleOptionViewItem &option, const QRect &cell, int tag,
                               const QString &name, const QColor &fill, bool right) const
{
    const int height = qMin(option.rect.height() - 4, option.fontMetrics.height() + 2);
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    const TagKey key{tag, cell.width(), height, quint64(qHash(option.font)), ratio, name};
    auto it = m_tags.constFind(key);
    if (it == m_tags.cend()) {
        const QFontMetrics &metrics = option.fontMetrics;
        const int width = qMin(metrics.horizontalAdvance(name) + 12, cell.width());
        if (width <= 0 || height <= 0)
            return 0;
        if (m_tags.size() >= kMaxCachedTags)
            m_tags.clear();
        QPixmap pixmap(QSize(qCeil(width * ratio), qCeil(height * ratio)));
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        const QRect rect(0, 0, width, height);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(rect, 4, 4);
        p.setPen(sourceTagTextColor(fill));
        p.setFont(option.font);
        p.drawText(rect, Qt::AlignCenter, metrics.elidedText(name, Qt::ElideRight, width - 6));
        p.end();
        it = m_tags.insert(key, pixmap);
    }
    const int width = qRound(it->width() / it->devicePixelRatio());
    const int left = right ? cell.right() + 1 - width : cell.left();
    painter->drawPixmap(left, option.rect.top() + (option.rect.height() - height) / 2, *it);
    return width;
}

const EventRowDelegate::Advances &EventRowDelegate::advances(const QFont &font) const
{
    const auto key = quint64(qHash(font));
    auto it = m_advances.constFind(key);
    if (it == m_advances.cend()) {
        if (m_advances.size() >= 16)
            m_advances.clear();
        const QFontMetricsF metrics(font);
        Advances table{};
        for (int c = 0x20; c <= 0xff; ++c)
            table[std::size_t(c)] = float(metrics.horizontalAdvance(QChar(c)));
        it = m_advances.insert(key, table);
    }
    return *it;
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
    if (flags & stream::Redelivered)
        return tr("Redelivered: an event with the same outbox id came before on this topic. Debezium delivers at "
                  "least once, so after a crash it may send events again; consumers drop them by id.");
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
    if (late && !undecodable) {
        option->font.setItalic(true);
        option->fontMetrics = QFontMetrics(option->font);
    }
    if (index.column() == EventTableModel::CompositeKeyColumn) {
        QIcon &icon = undecodable ? m_undecodableIcon : m_lateIcon;
        if (icon.isNull())
            icon = styleOf(*option)->standardIcon(undecodable ? QStyle::SP_MessageBoxCritical
                                                              : QStyle::SP_MessageBoxWarning);
        option->icon = icon;
        option->features |= QStyleOptionViewItem::HasDecoration;
        const int side = option->fontMetrics.height() - 2;
        option->decorationSize = QSize(side, side);
    }
}

} // namespace cdc::ui
