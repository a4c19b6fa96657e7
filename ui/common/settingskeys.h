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

// Bumped when the set of docks changes, so an old saved layout is not applied to new docks.
inline constexpr int kMainWindowStateVersion = 2;
inline constexpr int kMaxRecentProjects = 8;

} // namespace cdc::ui::settings
