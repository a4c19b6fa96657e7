// An open project: load, save, and the clean state that drives the window's "modified" mark.
#include "projectdocument.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace cdc::topology {

// Swaps the document's cluster list with the one it holds, both ways.
class SetClustersCommand : public QUndoCommand
{
public:
    SetClustersCommand(ProjectDocument *document, std::vector<ConnectClusterEntry> clusters)
        : QUndoCommand(QCoreApplication::translate("ProjectDocument", "Change Kafka Connect Clusters"))
        , m_document(document)
        , m_other(std::move(clusters))
    {}
    void redo() override { swap(); }
    void undo() override { swap(); }

private:
    void swap()
    {
        std::swap(m_document->m_clusters, m_other);
        Q_EMIT m_document->clustersChanged();
    }

    ProjectDocument *m_document;
    std::vector<ConnectClusterEntry> m_other;
};

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
    m_clusters = project.clusters;
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
    project.clusters = m_clusters;
    return project;
}

void ProjectDocument::setClusters(std::vector<ConnectClusterEntry> clusters)
{
    if (clusters == m_clusters)
        return;
    m_undoStack.push(new SetClustersCommand(this, std::move(clusters)));
}

} // namespace cdc::topology
