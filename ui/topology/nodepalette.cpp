// SPDX-License-Identifier: GPL-3.0-or-later
// The palette of node kinds.
#include "nodepalette.h"

#include "common/sourcecolors.h"

#include <QMimeData>
#include <QPainter>
#include <QPixmap>

namespace cdc::ui {

namespace {

QIcon kindIcon(topology::NodeKind kind)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(nodeKindColor(kind));
    p.setPen(nodeKindColor(kind).darker(130));
    p.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

QString explanation(topology::NodeKind kind)
{
    using topology::NodeKind;
    switch (kind) {
    case NodeKind::PostgresDatabase:
        return NodePalette::tr("A PostgreSQL database with an outbox table; feeds a connector.");
    case NodeKind::MySqlDatabase:
        return NodePalette::tr("A MySQL or MariaDB database with an outbox table; feeds a connector.");
    case NodeKind::ConnectCluster: return NodePalette::tr("A Kafka Connect cluster that runs connectors.");
    case NodeKind::Connector: return NodePalette::tr("A Debezium connector; double-click it to open its wizard.");
    case NodeKind::Topic: return NodePalette::tr("A Kafka topic or a pattern of topics.");
    case NodeKind::Consumer: return NodePalette::tr("A consumer: a PyFlink job or a consumer group.");
    case NodeKind::Sink: return NodePalette::tr("Where consumed events end up.");
    }
    return {};
}

} // namespace

NodePalette::NodePalette(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("nodePalette"));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    for (topology::NodeKind kind : topology::allNodeKinds) {
        auto *item = new QListWidgetItem(kindIcon(kind), topology::nodeKindDisplayName(kind), this);
        item->setData(Qt::UserRole, topology::nodeKindKey(kind));
        item->setToolTip(explanation(kind));
    }
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (const auto kind = topology::nodeKindFromKey(item->data(Qt::UserRole).toString()))
            Q_EMIT kindChosen(*kind);
    });
}

QMimeData *NodePalette::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(mimeType(), items.front()->data(Qt::UserRole).toString().toUtf8());
    return data;
}

} // namespace cdc::ui
