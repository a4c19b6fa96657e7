// SPDX-License-Identifier: GPL-3.0-or-later
// The Diagnostics dock: what health::PipelineHealth says is wrong — first what is failing or past a
// threshold in the running pipeline (with its value of now), then the problems the project's checks
// find — under the summary the status bar shows too. Clicking one asks for its node to be selected.
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace cdc::health {
class PipelineHealth;
}
namespace cdc::topology {
class ProjectDocument;
}

namespace cdc::ui {

class DiagnosticsPanel : public QWidget
{
    Q_OBJECT

public:
    DiagnosticsPanel(topology::ProjectDocument *document, health::PipelineHealth *health, QWidget *parent = nullptr);

    // Runs the project's checks now instead of after the short pause that gathers a burst of edits.
    void revalidate();
    QString summaryText() const;
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void nodeRequested(const QString &nodeId);

private:
    void showEntries();

    topology::ProjectDocument *m_document;
    health::PipelineHealth *m_health;
    QListWidget *m_list;
    QLabel *m_summary;
};

} // namespace cdc::ui
