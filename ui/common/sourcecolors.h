// SPDX-License-Identifier: GPL-3.0-or-later
// The colours of node kinds and source tags, shared by the topology editor, viewer and charts.
#pragma once

#include "health/healthtypes.h"
#include "lag/lagtypes.h"
#include "stream/eventdecoder.h"
#include "topology/nodekind.h"

#include <QColor>

namespace cdc::ui {

QColor nodeKindColor(topology::NodeKind kind);
// The colour of the database an event came from (the same as its node's); grey when unknown.
QColor sourceTagColor(stream::SourceTag tag);
// The "redelivered" tag's violet: apart from the databases' colours and from the amber and red of late
// and undecodable rows.
QColor redeliveredTagColor(bool darkBackground);
// Text that reads on a tag filled with `fill`.
QColor sourceTagTextColor(const QColor &fill);

// The line of a lag series: its database's colour ("postgres", "mysql"; the consumer's colour when
// empty), in a lighter or darker shade for the second, third, ... series of the same database (lighter
// first on a dark background, darker first on a light one).
QColor lagSeriesColor(const QString &databaseKind, int shade, bool darkBackground = false);
// Amber for warning, red for critical (the state badges' colours), grey for ok.
QColor lagLevelColor(lag::LagLevel level);
// The same colours for a live issue's severity: red for error, amber for warning, grey for ok. The
// canvas's tint, the status bar's badges and the Connectors panel's badges agree through this.
QColor severityColor(health::Severity severity);
// `accent` laid over `base` with the given opacity, as an opaque colour: a tint that reads in light
// and dark palettes and costs nothing to paint.
QColor blendColors(const QColor &base, const QColor &accent, qreal opacity);

} // namespace cdc::ui
