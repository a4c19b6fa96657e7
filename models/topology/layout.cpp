// The layered layout: columns by kind, rows by the average row of each node's neighbours.
#include "layout.h"

#include <QMap>

#include <algorithm>

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

} // namespace

QHash<QString, QPointF> layeredLayout(const std::vector<Node> &nodes, const std::vector<Edge> &edges)
{
    QMap<int, std::vector<const Node *>> columns;
    for (const Node &n : nodes)
        columns[columnOf(n.kind)].push_back(&n);

    // Start from the current vertical order, then settle each column on its neighbours' rows,
    // sweeping left to right and back a few times (a barycentre heuristic).
    QHash<QString, qreal> row;
    for (auto &column : columns) {
        std::stable_sort(column.begin(), column.end(),
                         [](const Node *a, const Node *b) { return a->position.y() < b->position.y(); });
        for (std::size_t i = 0; i < column.size(); ++i)
            row.insert(column[i]->id, qreal(i));
    }
    auto settle = [&](std::vector<const Node *> &column) {
        QHash<QString, qreal> wanted;
        for (const Node *n : column) {
            qreal sum = 0;
            int count = 0;
            for (const Edge &e : edges) {
                const QString other = e.from == n->id ? e.to : e.to == n->id ? e.from : QString();
                if (!other.isEmpty() && row.contains(other)) {
                    sum += row.value(other);
                    ++count;
                }
            }
            wanted.insert(n->id, count ? sum / count : row.value(n->id));
        }
        std::stable_sort(column.begin(), column.end(),
                         [&](const Node *a, const Node *b) { return wanted.value(a->id) < wanted.value(b->id); });
        for (std::size_t i = 0; i < column.size(); ++i)
            row.insert(column[i]->id, qreal(i));
    };
    for (int sweep = 0; sweep < 4; ++sweep) {
        for (auto it = columns.begin(); it != columns.end(); ++it)
            settle(*it);
        for (auto it = columns.end(); it != columns.begin();) {
            --it;
            settle(*it);
        }
    }

    // Centre each column on the tallest one.
    std::size_t tallest = 0;
    for (const auto &column : std::as_const(columns))
        tallest = std::max(tallest, column.size());
    QHash<QString, QPointF> positions;
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        const qreal offset = (qreal(tallest) - qreal(it->size())) * kLayoutRowHeight / 2;
        for (std::size_t i = 0; i < it->size(); ++i)
            positions.insert((*it)[i]->id,
                             QPointF(it.key() * kLayoutColumnWidth, offset + qreal(i) * kLayoutRowHeight));
    }
    return positions;
}

} // namespace cdc::topology
