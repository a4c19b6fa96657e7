// SPDX-License-Identifier: GPL-3.0-or-later
// An open project: its graph, its undo history and where it lives on disk.
#pragma once

#include "core/result.h"
#include "topology/projectfile.h"
#include "topology/topologymodel.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

namespace cdc::topology {

class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    explicit ProjectDocument(QObject *parent = nullptr);

    TopologyModel *topology() { return &m_topology; }
    const TopologyModel *topology() const { return &m_topology; }
    QUndoStack *undoStack() { return &m_undoStack; }

    QString name() const { return m_name; }
    QString filePath() const { return m_filePath; } // empty for a new or template project
    bool isModified() const { return !m_undoStack.isClean(); }

    // Replaces the document's content; the undo history starts afresh. On error nothing changes.
    Result<void> load(const Project &project, const QString &filePath);
    Result<void> open(const QString &filePath);
    // Saves atomically; on success the document is clean and remembers the path.
    Result<void> saveAs(const QString &filePath);

    Project snapshot() const;

    // The Kafka Connect clusters the project deploys to. Changing them is one undoable step.
    const std::vector<ConnectClusterEntry> &clusters() const { return m_clusters; }
    void setClusters(std::vector<ConnectClusterEntry> clusters);

    // The project's "lag" object (thresholds, see lag/lagtypes.h), verbatim. Changing it is one undoable
    // step; null counts as the empty object.
    const nlohmann::json &lagSettings() const { return m_lag; }
    void setLagSettings(nlohmann::json settings);

Q_SIGNALS:
    void loaded();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);
    void clustersChanged();
    void lagSettingsChanged();

private:
    TopologyModel m_topology;
    QUndoStack m_undoStack;
    QString m_name;
    QString m_description;
    QString m_filePath;
    nlohmann::json m_viewer = nlohmann::json::object();
    std::vector<ConnectClusterEntry> m_clusters;
    nlohmann::json m_lag = nlohmann::json::object();

    friend class SetClustersCommand;
    friend class SetLagSettingsCommand;
};

} // namespace cdc::topology
