// The Diagnostics dock: every problem the project's checks find, kept current as the project is
// edited, and above them the live lag alerts while they last. Clicking one asks for its node to be selected.
#pragma once

#include "lag/lagtypes.h"
#include "validation/projectvalidator.h"

#include <QWidget>

class QLabel;
class QTimer;
class QListWidget;

namespace cdc::topology {
class ProjectDocument;
}

namespace cdc::ui {

class DiagnosticsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DiagnosticsPanel(topology::ProjectDocument *document, QWidget *parent = nullptr);

    const std::vector<validation::ProjectDiagnostic> &diagnostics() const { return m_diagnostics; }
    // Runs the checks now instead of after the short pause that gathers a burst of edits.
    void revalidate();

    // The lag alerts in force (warning or critical), listed first. They are not project problems:
    // they are not in diagnostics() and do not badge nodes (the lag tint does).
    void setLagAlerts(const QList<lag::LagAlert> &alerts);
    const QList<lag::LagAlert> &lagAlerts() const { return m_lagAlerts; }

Q_SIGNALS:
    void diagnosticsChanged(const std::vector<cdc::validation::ProjectDiagnostic> &diagnostics);
    void nodeRequested(const QString &nodeId);

private:
    void showEntries();

    topology::ProjectDocument *m_document;
    QListWidget *m_list;
    QLabel *m_summary;
    QTimer *m_pending;
    std::vector<validation::ProjectDiagnostic> m_diagnostics;
    QList<lag::LagAlert> m_lagAlerts;
};

} // namespace cdc::ui
