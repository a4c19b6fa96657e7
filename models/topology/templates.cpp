// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled project templates.
#include "templates.h"

#include <QCoreApplication>

namespace cdc::topology {

const std::vector<ProjectTemplate> &bundledTemplates()
{
    static const std::vector<ProjectTemplate> templates{
        {QStringLiteral("capstone"),
         QCoreApplication::translate("Templates", "Two-database outbox capstone (PostgreSQL + MariaDB)"),
         QStringLiteral(":/templates/capstone.cdcproj")},
        {QStringLiteral("starter"),
         QCoreApplication::translate("Templates", "Single-database outbox starter (PostgreSQL)"),
         QStringLiteral(":/templates/starter.cdcproj")},
    };
    return templates;
}

const ProjectTemplate *findTemplate(const QString &id)
{
    for (const ProjectTemplate &t : bundledTemplates()) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

Result<Project> loadTemplate(const ProjectTemplate &projectTemplate)
{
    return loadProjectFile(projectTemplate.resourcePath);
}

} // namespace cdc::topology
