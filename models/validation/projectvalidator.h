// SPDX-License-Identifier: GPL-3.0-or-later
// Checks a whole project: the connector linter's rules and the rules across the graph (topics nobody
// reads, consumers reading nothing, overlapping aggregate ids without a composite key). Each finding
// names the node it belongs to, so the editor can badge it and select it. The connector wizards run the
// same checks on the project as it will be with the connector they make.
#pragma once

#include "debezium/connectorlinter.h"
#include "topology/projectfile.h"

#include <QString>

#include <optional>
#include <vector>

namespace cdc::validation {

struct ProjectDiagnostic
{
    debezium::Severity severity = debezium::Severity::Error;
    QString rule;
    QString nodeId; // the node to badge and select; may be empty for project-wide findings
    QString property;
    QString message;
    QString suggestion;
    std::optional<debezium::ConfigFix> fix; // the linter's one-click fix, on connector settings
};

std::vector<ProjectDiagnostic> validateProject(
    const topology::Project &project, const debezium::PropertyCatalog &catalog = debezium::PropertyCatalog::bundled());

// The project once `config` is added as a new connector node (`editNodeId` empty) or replaces the
// settings of node `editNodeId`. A new node is fed by the database node it reads (the one at its host,
// port and database, else the first of its kind), run by the first Connect cluster, and writes the topic
// nodes its routing matches.
struct ProjectWithConnector
{
    topology::Project project;
    QString nodeId;                         // the connector's node in `project`
    std::vector<topology::Edge> addedEdges; // the edges a new node got
};
ProjectWithConnector projectWithConnector(topology::Project project, const debezium::ConnectorConfig &config,
                                          const QString &editNodeId = {});

// What the project's checks find about one connector before it is added or changed: the findings on
// its node, and those elsewhere that the project without it does not have (a topic it shares, ...).
std::vector<ProjectDiagnostic> connectorFindings(
    const topology::Project &project, const debezium::ConnectorConfig &config, const QString &editNodeId = {},
    const debezium::PropertyCatalog &catalog = debezium::PropertyCatalog::bundled());

} // namespace cdc::validation
