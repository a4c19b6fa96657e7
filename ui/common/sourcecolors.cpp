// SPDX-License-Identifier: GPL-3.0-or-later
// The colours of node kinds: PostgreSQL blue and MySQL amber everywhere a source is shown.
#include "sourcecolors.h"

#include "common/statebadge.h"

namespace cdc::ui {

QColor nodeKindColor(topology::NodeKind kind)
{
    using topology::NodeKind;
    switch (kind) {
    case NodeKind::PostgresDatabase: return QColor(0x33, 0x6b, 0xd6);
    case NodeKind::MySqlDatabase: return QColor(0xe0, 0x8a, 0x00);
    case NodeKind::ConnectCluster: return QColor(0x8b, 0x5c, 0xf6);
    case NodeKind::Connector: return QColor(0x0f, 0x9d, 0x8a);
    case NodeKind::Topic: return QColor(0x4c, 0xa3, 0x3b);
    case NodeKind::Consumer: return QColor(0xd9, 0x46, 0x8f);
    case NodeKind::Sink: return QColor(0x6b, 0x72, 0x80);
    }
    return Qt::gray;
}

QColor sourceTagColor(stream::SourceTag tag)
{
    switch (tag) {
    case stream::SourceTag::Postgres: return nodeKindColor(topology::NodeKind::PostgresDatabase);
    case stream::SourceTag::MySql: return nodeKindColor(topology::NodeKind::MySqlDatabase);
    case stream::SourceTag::Unknown: break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QColor redeliveredTagColor(bool darkBackground)
{
    return darkBackground ? QColor(0x9d, 0x8c, 0xf0) : QColor(0x6a, 0x4f, 0xc9);
}

QColor sourceTagTextColor(const QColor &fill)
{
    // Relative luminance (sRGB, approximated): amber needs dark text, blue needs white.
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.5 ? QColor(0x1f, 0x1f, 0x1f) : QColor(Qt::white);
}

QColor lagSeriesColor(const QString &databaseKind, int shade, bool darkBackground)
{
    QColor base = nodeKindColor(topology::NodeKind::Consumer);
    if (databaseKind == QLatin1String("postgres"))
        base = sourceTagColor(stream::SourceTag::Postgres);
    else if (databaseKind == QLatin1String("mysql"))
        base = sourceTagColor(stream::SourceTag::MySql);
    if (shade <= 0)
        return base;
    // Then alternately away from and towards the background, further each round, so neighbours differ.
    const int step = (shade + 1) / 2;
    const bool lighter = (shade % 2 == 1) == darkBackground;
    return lighter ? base.lighter(100 + 30 * step) : base.darker(100 + 35 * step);
}

QColor lagLevelColor(lag::LagLevel level)
{
    switch (level) {
    case lag::LagLevel::Warning: return stateToneColor(connect::StateTone::Attention);
    case lag::LagLevel::Critical: return stateToneColor(connect::StateTone::Bad);
    case lag::LagLevel::Ok: break;
    }
    return stateToneColor(connect::StateTone::Neutral);
}

QColor severityColor(health::Severity severity)
{
    switch (severity) {
    case health::Severity::Warning: return stateToneColor(connect::StateTone::Attention);
    case health::Severity::Error: return stateToneColor(connect::StateTone::Bad);
    case health::Severity::Ok: break;
    }
    return stateToneColor(connect::StateTone::Neutral);
}

QColor blendColors(const QColor &base, const QColor &accent, qreal opacity)
{
    return QColor::fromRgbF(base.redF() * (1 - opacity) + accent.redF() * opacity,
                            base.greenF() * (1 - opacity) + accent.greenF() * opacity,
                            base.blueF() * (1 - opacity) + accent.blueF() * opacity);
}

} // namespace cdc::ui
