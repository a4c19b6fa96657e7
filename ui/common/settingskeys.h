// SPDX-License-Identifier: GPL-3.0-or-later
// Every QSettings key the GUI uses, in one place.
#pragma once

#include <QString>

namespace cdc::ui::settings {

inline QString mainWindowGeometry()
{
    return QStringLiteral("mainWindow/geometry");
}
inline QString mainWindowState()
{
    return QStringLiteral("mainWindow/state");
}
inline QString recentProjects()
{
    return QStringLiteral("project/recent");
}
inline QString lastProjectFolder()
{
    return QStringLiteral("project/lastFolder");
}

// The event viewer. The connection is remembered without secrets: only a password *reference*
// (${env:VAR} or ${file:path:key}) is ever stored.
inline QString eventConnection()
{
    return QStringLiteral("events/connection"); // one QVariantMap: bootstrap, topics, start, group, security
}
inline QString eventMergeOrder()
{
    return QStringLiteral("events/mergeOrder");
}
inline QString eventWatermarkMs()
{
    return QStringLiteral("events/watermarkMs");
}
inline QString eventShowHousekeeping()
{
    return QStringLiteral("events/showHeartbeatsAndSchemaChanges");
}
inline QString eventColumns()
{
    return QStringLiteral("events/columns");
}
inline QString eventSplitter()
{
    return QStringLiteral("events/splitter");
}
inline QString eventDetailsWanted()
{
    return QStringLiteral("events/detailsPane");
}
inline QString eventExportFolder()
{
    return QStringLiteral("events/exportFolder");
}

// The Connectors panel: how often it reads the connectors' states (ms, 0: off), and the cluster last chosen.
inline QString connectorsRefreshIntervalMs()
{
    return QStringLiteral("connectors/refreshIntervalMs");
}
inline QString connectorsCluster()
{
    return QStringLiteral("connectors/cluster");
}

// Where the Lag panel last exported a PNG or CSV.
inline QString lagExportFolder()
{
    return QStringLiteral("lag/exportFolder");
}

// The colour theme: "system", "light" or "dark".
inline QString theme()
{
    return QStringLiteral("appearance/theme");
}

// Bumped when the set of docks or their arrangement changes, so an old saved layout is not applied to
// new docks (3: the right column runs the whole height, issue 20).
inline constexpr int kMainWindowStateVersion = 3;
inline constexpr int kMaxRecentProjects = 8;

} // namespace cdc::ui::settings
