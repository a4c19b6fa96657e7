// SPDX-License-Identifier: GPL-3.0-or-later
// The one place that says what is wrong with the open pipeline: the project's checks, run after each
// burst of edits, and the live issues of the running pipeline (FAILED connectors and tasks from the
// connectors model, lag past a threshold from the lag monitor, with its value of now, and what the
// Doctor's last run found), per node and in one summary; and the unified consumer's job when one is set. The canvas,
// the Diagnostics dock and the status bar show this; none computes its own.
#pragma once

#include "doctor/finding.h"
#include "health/healthtypes.h"
#include "validation/projectvalidator.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <vector>

class QTimer;

namespace cdc::connect {
class ConnectorsModel;
}
namespace cdc::lag {
class LagMonitor;
}
namespace cdc::consumer {
class ConsumerService;
}
namespace cdc::topology {
class ProjectDocument;
}

namespace cdc::health {

class PipelineHealth : public QObject
{
    Q_OBJECT

public:
    // Observes all three; they outlive it (or it is deleted with them).
    PipelineHealth(topology::ProjectDocument *document, const connect::ConnectorsModel *connectors,
                   const lag::LagMonitor *lagMonitor, QObject *parent = nullptr);
    ~PipelineHealth() override;

    // The unified consumer's job joins the live issues (FAILED, stopped unexpectedly) and its node shows
    // the job's state. It outlives this object.
    void setConsumer(const consumer::ConsumerService *consumer);

    // The Doctor's last run: its errors and warnings are live issues until the next run (or an empty list).
    void setDoctorFindings(const doctor::Findings &findings);

    // The project's checks, as of the last run (shortly after the last edit).
    const std::vector<validation::ProjectDiagnostic> &projectDiagnostics() const { return m_diagnostics; }
    // Runs the checks now instead of after the short pause that gathers a burst of edits.
    void revalidate();

    // What is failing or past a threshold now, sorted (errors first).
    const QList<LiveIssue> &liveIssues() const { return m_issues; }
    NodeHealth node(const QString &nodeId) const { return m_nodes.value(nodeId); }
    const HealthSummary &summary() const { return m_summary; }

Q_SIGNALS:
    // The checks ran again (their findings may be the same).
    void projectDiagnosticsChanged();
    // A node's live state, severity or summary changed.
    void nodeChanged(const QString &nodeId);
    // Anything a view shows changed: the findings, the live issues or the summary. Emitted last, once
    // the state is whole.
    void changed();

private:
    void update(bool checked = false);
    QHash<QString, QString> connectorNodes() const;

    topology::ProjectDocument *m_document;
    const connect::ConnectorsModel *m_connectors;
    const lag::LagMonitor *m_lag;
    const consumer::ConsumerService *m_consumer = nullptr;
    doctor::Findings m_doctor;
    QTimer *m_pending;
    std::vector<validation::ProjectDiagnostic> m_diagnostics;
    QList<LiveIssue> m_issues;
    QHash<QString, NodeHealth> m_nodes; // only nodes with a live state
    HealthSummary m_summary;
};

} // namespace cdc::health
