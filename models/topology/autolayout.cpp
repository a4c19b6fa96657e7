// SPDX-License-Identifier: GPL-3.0-or-later
// The layered layout: columns by kind, an order within each column from the neighbours' rows (a
// barycentre heuristic), then rows that line each node up with its neighbours while keeping the gaps.
#include "autolayout.h"

#include "topology/topologycommands.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>
#include <cmath>

namespace cdc::topology {

namespace {

int columnOf(NodeKind kind)
{
    switch (kind) {
    case NodeKind::PostgresDatabase:
    case NodeKind::MySqlDatabase: return 0;
    case NodeKind::ConnectCluster:
    case NodeKind::Connector: return 1;
    case NodeKind::Topic: return 2;
    case NodeKind::Consumer: return 3;
    case NodeKind::Sink: return 4;
    }
    return 0;
}

// A cluster only hosts its connectors: it takes the room its connectors leave, and never pulls them
// towards itself (they follow the data: database on the left, topic on the right).
constexpr qreal kClusterWeight = 1e-4;

// Rows y[i] >= y[i-1] + pitch as close as possible (least squares, weighted) to `wanted`, keeping the
// order: with z[i] = y[i] - i * pitch this is an isotonic regression, solved by pooling adjacent violators.
std::vector<qreal> spacedRows(const std::vector<qreal> &wanted, const std::vector<qreal> &weight, qreal pitch)
{
    struct Block
    {
        qreal sum = 0;    // of weight * target
        qreal weight = 0; // total
        std::size_t count = 0;
        qreal value() const { return sum / weight; }
    };
    std::vector<Block> blocks;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        blocks.push_back({weight[i] * (wanted[i] - qreal(i) * pitch), weight[i], 1});
        while (blocks.size() > 1 && blocks[blocks.size() - 2].value() > blocks.back().value()) {
            Block last = blocks.back();
            blocks.pop_back();
            blocks.back().sum += last.sum;
            blocks.back().weight += last.weight;
            blocks.back().count += last.count;
        }
    }
    std::vector<qreal> rows;
    for (const Block &b : blocks) {
        for (std::size_t k = 0; k < b.count; ++k)
            rows.push_back(b.value() + qreal(rows.size()) * pitch);
    }
    return rows;
}

} // namespace

QHash<QString, QPointF> layeredLayout(const std::vector<Node> &nodes, const std::vector<Edge> &edges,
                                      const LayoutSpacing &spacing)
{
    QHash<QString, const Node *> byId;
    QMap<int, std::vector<const Node *>> columns; // empty kinds leave no empty column
    for (const Node &n : nodes) {
        byId.insert(n.id, &n);
        columns[columnOf(n.kind)].push_back(&n);
    }
    // Who pulls on a node. For its place in the column's order: every neighbour, except that a connector
    // ignores the cluster it runs on. For its row: what feeds it, so that a chain from a database to its
    // topic runs straight and a consumer sits between its topics; a node fed by nothing (a database, a
    // cluster) follows what it feeds.
    QHash<QString, QStringList> pulledBy;
    QHash<QString, QStringList> upstream;
    QHash<QString, QStringList> downstream;
    for (const Edge &e : edges) {
        const Node *from = byId.value(e.from);
        const Node *to = byId.value(e.to);
        if (!from || !to)
            continue;
        if (from->kind != NodeKind::ConnectCluster) {
            pulledBy[e.to] << e.from;
            upstream[e.to] << e.from;
        }
        pulledBy[e.from] << e.to;
        downstream[e.from] << e.to;
    }
    const qreal pitch = spacing.node.height() + spacing.rowGap;

    // The order within each column: start from the current vertical order, then sort by the average
    // row of the neighbours, sweeping left to right and back a few times.
    QHash<QString, qreal> row;
    for (auto &column : columns) {
        std::stable_sort(column.begin(), column.end(),
                         [](const Node *a, const Node *b) { return a->position.y() < b->position.y(); });
        for (std::size_t i = 0; i < column.size(); ++i)
            row.insert(column[i]->id, qreal(i));
    }
    auto average = [](const QStringList &ids, const QHash<QString, qreal> &at, qreal otherwise) {
        qreal sum = 0;
        for (const QString &id : ids)
            sum += at.value(id);
        return ids.isEmpty() ? otherwise : sum / qreal(ids.size());
    };
    auto wantedRow = [&](const Node *n, const QHash<QString, qreal> &at) {
        return average(pulledBy.value(n->id), at, at.value(n->id));
    };
    auto wantedY = [&](const Node *n, const QHash<QString, qreal> &at) {
        const QStringList &feeds = upstream.value(n->id);
        return average(feeds.isEmpty() ? downstream.value(n->id) : feeds, at, at.value(n->id));
    };
    auto order = [&](std::vector<const Node *> &column) {
        QHash<QString, qreal> wanted;
        for (const Node *n : column)
            wanted.insert(n->id, wantedRow(n, row));
        std::stable_sort(column.begin(), column.end(),
                         [&](const Node *a, const Node *b) { return wanted.value(a->id) < wanted.value(b->id); });
        for (std::size_t i = 0; i < column.size(); ++i)
            row.insert(column[i]->id, qreal(i));
    };
    for (int sweep = 0; sweep < 4; ++sweep) {
        for (auto it = columns.begin(); it != columns.end(); ++it)
            order(*it);
        for (auto it = columns.end(); it != columns.begin();)
            order(*--it);
    }

    // The rows: each node as near its neighbours' average as the gaps allow, in the order found above.
    QHash<QString, qreal> y;
    for (const auto &column : std::as_const(columns)) {
        for (std::size_t i = 0; i < column.size(); ++i)
            y.insert(column[i]->id, qreal(i) * pitch);
    }
    auto place = [&](const std::vector<const Node *> &column) {
        std::vector<qreal> wanted;
        std::vector<qreal> weight;
        for (const Node *n : column) {
            wanted.push_back(wantedY(n, y));
            weight.push_back(n->kind == NodeKind::ConnectCluster ? kClusterWeight : 1.0);
        }
        const std::vector<qreal> placed = spacedRows(wanted, weight, pitch);
        for (std::size_t i = 0; i < column.size(); ++i)
            y.insert(column[i]->id, placed[i]);
    };
    for (int sweep = 0; sweep < 8; ++sweep) {
        for (auto it = columns.cbegin(); it != columns.cend(); ++it)
            place(*it);
        for (auto it = columns.cend(); it != columns.cbegin();)
            place(*--it);
    }

    // Whole pixels, with the top row at 0. Rounding z = y - i * pitch keeps it non-decreasing, so the
    // gaps survive as long as the pitch is whole.
    qreal top = 0;
    bool first = true;
    for (const qreal v : std::as_const(y)) {
        top = first ? v : std::min(top, v);
        first = false;
    }
    QHash<QString, QPointF> positions;
    int index = 0;
    const qreal columnPitch = spacing.node.width() + spacing.columnGap;
    for (auto it = columns.cbegin(); it != columns.cend(); ++it, ++index) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            const QString &id = (*it)[i]->id;
            const qreal z = y.value(id) - top - qreal(i) * pitch;
            const qreal snapped = std::max<qreal>(0, std::round(z)) + qreal(i) * std::round(pitch);
            positions.insert(id, QPointF(std::round(index * columnPitch), snapped));
        }
    }
    return positions;
}

std::unique_ptr<MoveNodesCommand> arrangeCommand(TopologyModel *model, const LayoutSpacing &spacing)
{
    const QHash<QString, QPointF> target = layeredLayout(model->nodes(), model->edges(), spacing);
    QHash<QString, QPointF> from;
    QHash<QString, QPointF> to;
    for (const Node &n : model->nodes()) {
        if (target.contains(n.id) && target.value(n.id) != n.position) {
            from.insert(n.id, n.position);
            to.insert(n.id, target.value(n.id));
        }
    }
    if (to.isEmpty())
        return nullptr;
    auto command = std::make_unique<MoveNodesCommand>(model, std::move(from), std::move(to));
    command->setText(QCoreApplication::translate("TopologyCommands", "Arrange automatically"));
    command->finish();
    return command;
}

} // namespace cdc::topology
