// The colours of node kinds and source tags, shared by the topology editor, viewer and charts.
#pragma once

#include "topology/nodekind.h"

#include <QColor>

namespace cdc::ui {

QColor nodeKindColor(topology::NodeKind kind);

} // namespace cdc::ui
