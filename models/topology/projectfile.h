// SPDX-License-Identifier: GPL-3.0-or-later
// The project file: JSON with a `format` version, holding the topology, connector settings,
// viewer and lag monitoring settings. Reading refuses broken or newer files with a message saying what and where;
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

// A Kafka Connect cluster the project deploys to (`connectClusters` in the file). Never a password:
// `passwordReference` is ${env:NAME} or ${file:/path:key}, resolved when a request is made.
struct ConnectClusterEntry
{
    QString name;
    QString url;
    QString username;
    QString passwordReference;
    QString caFile;

    bool operator==(const ConnectClusterEntry &) const = default;
};

struct Project
{
    QString name;
    QString description;
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    nlohmann::json viewer = nlohmann::json::object(); // the event viewer's settings, kept verbatim
    std::vector<ConnectClusterEntry> clusters;        // optional "connectClusters"; names unique
    nlohmann::json lag = nlohmann::json::object();    // optional "lag": lag monitoring settings, kept verbatim
};

// `sourceName` names the input in error messages (usually the file path).
Result<Project> parseProject(const QByteArray &bytes, const QString &sourceName);
QByteArray serializeProject(const Project &project);

Result<Project> loadProjectFile(const QString &path);
Result<void> saveProjectFile(const QString &path, const Project &project);

} // namespace cdc::topology
