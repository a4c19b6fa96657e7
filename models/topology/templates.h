// SPDX-License-Identifier: GPL-3.0-or-later
// The project templates bundled with the application (compiled in as Qt resources).
#pragma once

#include "core/result.h"
#include "topology/projectfile.h"

#include <QString>

#include <vector>

namespace cdc::topology {

struct ProjectTemplate
{
    QString id;    // "capstone"; used by `cdcctl validate --template` and the command line
    QString title; // for menus
    QString resourcePath;
};

const std::vector<ProjectTemplate> &bundledTemplates();
const ProjectTemplate *findTemplate(const QString &id);
Result<Project> loadTemplate(const ProjectTemplate &projectTemplate);

} // namespace cdc::topology
