// An automatic left-to-right layout of the pipeline: databases, then connectors (with their Connect
// cluster), topics, consumers and sinks, each column ordered to keep edges short and straight.
#pragma once

#include "topology/topologymodel.h"

#include <QHash>
#include <QPointF>

namespace cdc::topology {

inline constexpr qreal kLayoutColumnWidth = 260;
inline constexpr qreal kLayoutRowHeight = 110;

QHash<QString, QPointF> layeredLayout(const std::vector<Node> &nodes, const std::vector<Edge> &edges);

} // namespace cdc::topology
