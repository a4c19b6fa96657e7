// SPDX-License-Identifier: GPL-3.0-or-later
// The connector wizards for PostgreSQL and for MySQL/MariaDB: a few answers in, a connector config
// that Debezium accepts out. The checks run as the answers are typed (in red under the fields) and on
// the last page, with the project's own checks on the project as it will be with the connector.
#pragma once

#include "debezium/connectioncheck.h"
#include "debezium/connectoranswers.h"
#include "debezium/connectorlinter.h"
#include "topology/projectfile.h"
#include "validation/projectvalidator.h"

#include <QPointer>
#include <QWizard>

#include <optional>

class QLabel;
class QListWidget;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace cdc::ui {

class AnswersPage;

// What the review page can write out.
enum class WizardExport { PostJson, PutJson, Curl, Properties, Strimzi, Ddl, PyFlink };

// Where a wizard runs: what it checks the connector against, and what it is for.
struct WizardContext
{
    std::vector<debezium::ConnectorConfig> others; // the other connectors: ids stay unique among them
    std::optional<topology::Project> project;      // the project it joins; its checks run on it with the connector
    QString editNodeId;                            // the node it edits in `project`; empty for a new one
    bool editing = false;                          // an existing connector: Finish on every page
    std::vector<debezium::DatabaseTarget> simulatedDatabases; // the sandbox's, while it runs
};

class ConnectorWizard : public QWizard
{
    Q_OBJECT

public:
    ConnectorWizard(const debezium::ConnectorAnswers &initial, WizardContext context, QWidget *parent = nullptr);

    const debezium::ConnectorAnswers &answers() const { return m_answers; }
    debezium::ConnectorConfig config() const { return debezium::buildConnectorConfig(m_answers); }
    const std::vector<debezium::ConnectorConfig> &others() const { return m_context.others; }
    const WizardContext &context() const { return m_context; }

    // The answers changed underneath the pages (a fix was applied): show them again.
    void setAnswers(const debezium::ConnectorAnswers &answers);
    void applyFix(const debezium::ConfigFix &fix);
    QString exportText(WizardExport format) const;

    // What the checks find in the connector as answered now: the project's checks on the project with
    // the connector when there is a project, else the linter's over it and the others.
    std::vector<validation::ProjectDiagnostic> findings() const;
    // The answers differ from those the wizard opened with.
    bool hasChanges() const;
    // "Step 2 of 6 — Capture"
    QString stepText(int id) const;
    int stepCount() const { return int(pageIds().size()); }

    // Finish checks the whole connector (an error on another page shows the review instead); Cancel
    // with changes asks before discarding them.
    void done(int result) override;

private:
    void showStep(int id);
    void goToStep(int id);

    debezium::ConnectorAnswers m_answers;
    debezium::ConnectorAnswers m_initial;
    WizardContext m_context;
    QList<AnswersPage *> m_pages;
    QStringList m_titles;
    QListWidget *m_steps;
    QPointer<QMessageBox> m_discardQuestion;
    bool m_discardConfirmed = false;
};

class ReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ReviewPage(ConnectorWizard *wizard);

    void initializePage() override;
    void refresh();
    bool isComplete() const override;

    const std::vector<validation::ProjectDiagnostic> &diagnostics() const { return m_diagnostics; }
    // Applies the fix of diagnostic `index`, or every migration of renamed settings.
    void applyFix(int index);
    void migrateAll();
    bool saveExport(WizardExport format, const QString &path);

private:
    void exportWithDialog(WizardExport format);

    ConnectorWizard *m_wizard;
    QPlainTextEdit *m_json;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QLabel *m_detail;
    QPushButton *m_fix;
    QPushButton *m_migrate;
    QWidget *m_problems;
    std::vector<validation::ProjectDiagnostic> m_diagnostics;
};

} // namespace cdc::ui
