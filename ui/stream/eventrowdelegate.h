// SPDX-License-Identifier: GPL-3.0-or-later
// The table's delegate: paints the Source column as a tag in the database's colour, a "redelivered"
// tag beside the composite key of an outbox event sent again, tints the rows of late and undecodable
// events, and explains them in a tooltip. Painting is built for a table that
// scrolls thousands of rows a second: one line of text per cell, elided once, repeated strings and
// the source tags drawn from caches.
#pragma once

#include <QHash>
#include <QIcon>
#include <QPixmap>
#include <QStaticText>
#include <QStyledItemDelegate>

#include <array>

namespace cdc::ui {

class EventRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // Why a row is flagged (undecodable, late, after a gap, redelivered), or an empty string.
    static QString flagText(const QModelIndex &index);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintSourceTag(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // A rounded tag with `name` on `fill` at the left (or right) of `cell`, from the cache; its width, or
    // 0 when it does not fit.
    int paintTag(QPainter *painter, const QStyleOptionViewItem &option, const QRect &cell, int tag, const QString &name,
                 const QColor &fill, bool right) const;
    void paintText(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, bool repeated) const;

    // Texts of the columns whose values repeat (op, entity, event type, topic, partition), elided to
    // their column and laid out once; keyed by the text, the width and the font.
    struct TextKey
    {
        QString text;
        int width = 0;
        quint64 font = 0;
        friend bool operator==(const TextKey &a, const TextKey &b)
        {
            return a.width == b.width && a.font == b.font && a.text == b.text;
        }
        friend size_t qHash(const TextKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.text, key.width, key.font);
        }
    };
    mutable QHash<TextKey, QStaticText> m_texts;
    // The painted source tags.
    struct TagKey
    {
        int tag = 0;
        int cellWidth = 0;
        int height = 0;
        quint64 font = 0;
        qreal ratio = 1;
        QString name;
        friend bool operator==(const TagKey &a, const TagKey &b)
        {
            return a.tag == b.tag && a.cellWidth == b.cellWidth && a.height == b.height && a.font == b.font &&
                   a.ratio == b.ratio && a.name == b.name;
        }
        friend size_t qHash(const TagKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.tag, key.cellWidth, key.height, key.font, key.name);
        }
    };
    mutable QHash<TagKey, QPixmap> m_tags;
    // Advances of the Latin-1 characters per font: most cells are seen to fit, or where to cut them,
    // without laying their text out.
    using Advances = std::array<float, 256>;
    const Advances &advances(const QFont &font) const;
    mutable QHash<quint64, Advances> m_advances;
    // The style's icons for undecodable and late rows (looking them up is not free).
    mutable QIcon m_undecodableIcon;
    mutable QIcon m_lateIcon;
};

} // namespace cdc::ui
