// The Diagnostics dock: every problem the project's checks find, kept current as the project is
// edited. Clicking a problem asks for its node to be selected.
#pragma once

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

Q_SIGNALS:
    void diagnosticsChanged(const std::vector<cdc::validation::ProjectDiagnostic> &diagnostics);
    void nodeRequested(const QString &nodeId);

private:
    topology::ProjectDocument *m_document;
    QListWidget *m_list;
    QLabel *m_summary;
    QTimer *m_pending;
    std::vector<validation::ProjectDiagnostic> m_diagnostics;
};

} // namespace cdc::ui
