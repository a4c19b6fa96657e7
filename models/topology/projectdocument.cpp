// An open project: load, save, and the clean state that drives the window's "modified" mark.
#include "projectdocument.h"

namespace cdc::topology {

ProjectDocument::ProjectDocument(QObject *parent) : QObject(parent)
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

Result<void> ProjectDocument::load(const Project &project, const QString &filePath)
{
    if (auto r = m_topology.reset(project.nodes, project.edges); !r)
        return r;
    m_name = project.name;
    m_description = project.description;
    m_viewer = project.viewer;
    m_undoStack.clear();
    if (m_filePath != filePath) {
        m_filePath = filePath;
        Q_EMIT filePathChanged(m_filePath);
    }
    Q_EMIT loaded();
    return {};
}

Result<void> ProjectDocument::open(const QString &filePath)
{
    auto project = loadProjectFile(filePath);
    if (!project)
        return project.error();
    return load(project.value(), filePath);
}

Result<void> ProjectDocument::saveAs(const QString &filePath)
{
    if (auto r = saveProjectFile(filePath, snapshot()); !r)
        return r;
    m_undoStack.setClean();
    if (m_filePath != filePath) {
        m_filePath = filePath;
        Q_EMIT filePathChanged(m_filePath);
    }
    return {};
}

Project ProjectDocument::snapshot() const
{
    Project project;
    project.name = m_name;
    project.description = m_description;
    project.nodes = m_topology.nodes();
    project.edges = m_topology.edges();
    project.viewer = m_viewer;
    return project;
}

} // namespace cdc::topology
