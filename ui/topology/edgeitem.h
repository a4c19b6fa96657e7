// SPDX-License-Identifier: GPL-3.0-or-later
// An edge on the canvas: a curve from one node's output to another's input, with an arrow head;
// or, from a Connect cluster to a connector it runs, a dashed link.
#pragma once

#include "topology/topologymodel.h"

#include <QGraphicsPathItem>

namespace cdc::ui {

class NodeItem;

class EdgeItem : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(const topology::Edge &edge, NodeItem *from, NodeItem *to);

    int type() const override { return Type; }
    const topology::Edge &edge() const { return m_edge; }
    void updatePath();
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    // A Connect cluster "runs" its connectors: drawn as a dashed link, not as data flow.
    bool isHosting() const;

    topology::Edge m_edge;
    NodeItem *m_from;
    NodeItem *m_to;
};

} // namespace cdc::ui
