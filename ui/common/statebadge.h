// SPDX-License-Identifier: GPL-3.0-or-later
// The small coloured badge that shows a Kafka Connect state (RUNNING, PAUSED, FAILED, ...) with its
// name in it: green, amber, red or grey, so the state reads in colour and in text. Shared by the
// Connectors panel and the topology canvas.
#pragma once

#include "connect/connectorsmodel.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

class QPainter;

namespace cdc::ui {

QColor stateToneColor(connect::StateTone tone);
QColor connectorStateColor(const QString &state);

// The font badges are drawn in: `base`, smaller and bold.
QFont stateBadgeFont(const QFont &base);
// The words of a badge: the state, and a detail after it ("RUNNING · 120 ev/s").
QString stateBadgeText(const QString &state, const QString &detail = {});
// The size of the badge for `state` (and `detail`) drawn with stateBadgeFont(base).
QSizeF stateBadgeSize(const QString &state, const QFont &base, const QString &detail = {});
// Draws the badge, in the colour of `state`, with its top-left corner at `topLeft`; returns the rectangle it
// took.
QRectF paintStateBadge(QPainter *painter, QPointF topLeft, const QString &state, const QFont &base,
                       const QString &detail = {});

} // namespace cdc::ui
