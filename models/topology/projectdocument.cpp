// SPDX-License-Identifier: GPL-3.0-or-later
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

// Swaps the document's lag settings with the ones it holds, both ways.
class SetLagSettingsCommand : public QUndoCommand
{
public:
    SetLagSettingsCommand(ProjectDocument *document, nlohmann::json settings)
        : QUndoCommand(QCoreApplication::translate("ProjectDocument", "Change Lag Thresholds"))
        , m_document(document)
        , m_other(std::move(settings))
    {}
    void redo() override { swap(); }
    void undo() override { swap(); }

private:
    void swap()
    {
        std::swap(m_document->m_lag, m_other);
        Q_EMIT m_document->lagSettingsChanged();
    }

    ProjectDocument *m_document;
    nlohmann::json m_other;
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
    m_lag = project.lag.is_null() ? nlohmann::json::object() : project.lag;
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
    project.lag = m_lag;
    return project;
}

void ProjectDocument::setClusters(std::vector<ConnectClusterEntry> clusters)
{
    if (clusters == m_clusters)
        return;
    m_undoStack.push(new SetClustersCommand(this, std::move(clusters)));
}

void ProjectDocument::setLagSettings(nlohmann::json settings)
{
    if (settings.is_null())
        settings = nlohmann::json::object();
    if (settings == m_lag)
        return;
    m_undoStack.push(new SetLagSettingsCommand(this, std::move(settings)));
}

} // namespace cdc::topology
