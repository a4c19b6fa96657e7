// Checks a whole project: the connector linter's rules and the rules across the graph (topics nobody
// reads, consumers reading nothing, overlapping aggregate ids without a composite key). Each finding
// names the node it belongs to, so the editor can badge it and select it.
#pragma once

#include "debezium/connectorlinter.h"
#include "topology/projectfile.h"

#include <QString>

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
};

std::vector<ProjectDiagnostic> validateProject(
    const topology::Project &project, const debezium::PropertyCatalog &catalog = debezium::PropertyCatalog::bundled());

} // namespace cdc::validation
