// SPDX-License-Identifier: GPL-3.0-or-later
// Draws the connectors tree's cells: the worst of a connector's and its tasks' states as a coloured
// badge with its name (and "1/2 tasks · connector RUNNING" after it when a task is the worse), and the
// database a Debezium connector reads as a coloured square by its name.
#pragma once

#include <QStyledItemDelegate>

namespace cdc::ui {

class ConnectorStateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace cdc::ui
