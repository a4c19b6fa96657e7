// The connector wizards for PostgreSQL and for MySQL/MariaDB: a few answers in, a connector config
// that Debezium accepts out, with the linter's findings shown on the last page before Finish.
#pragma once

#include "debezium/connectoranswers.h"
#include "debezium/connectorlinter.h"

#include <QWizard>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace cdc::ui {

class AnswersPage;

// What the review page can write out.
enum class WizardExport { PostJson, PutJson, Curl, Properties, Strimzi, Ddl, PyFlink };

class ConnectorWizard : public QWizard
{
    Q_OBJECT

public:
    // `others` are the project's other connectors: the wizard keeps ids unique among them.
    ConnectorWizard(const debezium::ConnectorAnswers &initial, std::vector<debezium::ConnectorConfig> others,
                    QWidget *parent = nullptr);

    const debezium::ConnectorAnswers &answers() const { return m_answers; }
    debezium::ConnectorConfig config() const { return debezium::buildConnectorConfig(m_answers); }
    const std::vector<debezium::ConnectorConfig> &others() const { return m_others; }

    // The answers changed underneath the pages (a fix was applied): show them again.
    void setAnswers(const debezium::ConnectorAnswers &answers);
    QString exportText(WizardExport format) const;

private:
    debezium::ConnectorAnswers m_answers;
    std::vector<debezium::ConnectorConfig> m_others;
    QList<AnswersPage *> m_pages;
};

class ReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ReviewPage(ConnectorWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

    const std::vector<debezium::Diagnostic> &diagnostics() const { return m_diagnostics; }
    // Applies the fix of diagnostic `index`, or every migration of renamed settings.
    void applyFix(int index);
    void migrateAll();
    bool saveExport(WizardExport format, const QString &path);

private:
    void refresh();
    void exportWithDialog(WizardExport format);

    ConnectorWizard *m_wizard;
    QPlainTextEdit *m_json;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QLabel *m_detail;
    QPushButton *m_fix;
    QPushButton *m_migrate;
    std::vector<debezium::Diagnostic> m_diagnostics;
};

} // namespace cdc::ui
