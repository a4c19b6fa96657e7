// SPDX-License-Identifier: GPL-3.0-or-later
// Edit ▸ Arrange Automatically: a layered left-to-right layout of the pipeline. Databases, then the
// connectors (with their Connect cluster in a row of its own), topics, consumers and sinks; each column
// ordered to keep edges straight, every node at least a gap away from the next one.
#pragma once

#include "topology/topologymodel.h"

#include <QHash>
#include <QPointF>
#include <QSizeF>

#include <memory>

namespace cdc::topology {

class MoveNodesCommand;

// How big a node is drawn and the room kept between them; the canvas passes its node size.
struct LayoutSpacing
{
    QSizeF node{224, 100};
    qreal columnGap = 96; // room for the edges' curves and arrow heads
    qreal rowGap = 44;
};

// The new top-left corner of every node; the layout's top-left node sits at (0, 0).
QHash<QString, QPointF> layeredLayout(const std::vector<Node> &nodes, const std::vector<Edge> &edges,
                                      const LayoutSpacing &spacing = {});

// The layout as one undoable step ("Arrange automatically"), or null when every node is already in place.
std::unique_ptr<MoveNodesCommand> arrangeCommand(TopologyModel *model, const LayoutSpacing &spacing = {});

} // namespace cdc::topology
