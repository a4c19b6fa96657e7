// The colours of node kinds and source tags, shared by the topology editor, viewer and charts.
#pragma once

#include "stream/eventdecoder.h"
#include "topology/nodekind.h"

#include <QColor>

namespace cdc::ui {

QColor nodeKindColor(topology::NodeKind kind);
// The colour of the database an event came from (the same as its node's); grey when unknown.
QColor sourceTagColor(stream::SourceTag tag);
// Text that reads on a tag filled with `fill`.
QColor sourceTagTextColor(const QColor &fill);

} // namespace cdc::ui
