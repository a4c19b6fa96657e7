// The project file: JSON with a `format` version, holding the topology, connector settings and
// viewer settings. Reading refuses broken or newer files with a message saying what and where;
// saving is atomic, so a failed save never damages the file on disk.
#pragma once

#include "core/result.h"
#include "topology/topologymodel.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <vector>

namespace cdc::topology {

// The format this build writes and the newest it reads. Bump it with a migration in projectfile.cpp.
inline constexpr int kProjectFormatVersion = 1;

// The suffix project files carry.
inline constexpr auto kProjectFileSuffix = "cdcproj";

struct Project
{
    QString name;
    QString description;
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    nlohmann::json viewer = nlohmann::json::object(); // the event viewer's settings, kept verbatim
};

// `sourceName` names the input in error messages (usually the file path).
Result<Project> parseProject(const QByteArray &bytes, const QString &sourceName);
QByteArray serializeProject(const Project &project);

Result<Project> loadProjectFile(const QString &path);
Result<void> saveProjectFile(const QString &path, const Project &project);

} // namespace cdc::topology
