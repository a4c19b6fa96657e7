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
// The size of the badge for `state` drawn with stateBadgeFont(base).
QSizeF stateBadgeSize(const QString &state, const QFont &base);
// Draws the badge with its top-left corner at `topLeft`; returns the rectangle it took.
QRectF paintStateBadge(QPainter *painter, QPointF topLeft, const QString &state, const QFont &base);

} // namespace cdc::ui
