// SPDX-License-Identifier: GPL-3.0-or-later
// Copy and paste of part of a pipeline: the selected nodes and the edges among them, as a small
// project document, pasted back with fresh ids so it never clashes with what is there.
#pragma once

#include "core/result.h"
#include "topology/topologymodel.h"

#include <QByteArray>
#include <QStringList>

namespace cdc::topology {

inline constexpr auto kFragmentMimeType = "application/x-cdc-studio-fragment";

QByteArray copyFragment(const TopologyModel &model, const QStringList &nodeIds);

struct Fragment
{
    std::vector<Node> nodes;
    std::vector<Edge> edges;
};

// Renames ids that `model` already uses and shifts positions by `offset`.
Result<Fragment> pasteFragment(const QByteArray &bytes, const TopologyModel &model, QPointF offset);

} // namespace cdc::topology
