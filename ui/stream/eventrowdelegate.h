// The table's delegate: paints the Source column as a tag in the database's colour, tints the rows of
// late and undecodable events, and explains them in a tooltip.
#pragma once

#include <QStyledItemDelegate>

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

    // Why a row is flagged (undecodable, late, after a gap), or an empty string.
    static QString flagText(const QModelIndex &index);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace cdc::ui
