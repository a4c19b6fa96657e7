// SPDX-License-Identifier: GPL-3.0-or-later
// The pages of the connector wizards. Each page edits part of one shared ConnectorAnswers: load()
// fills its fields from the answers, store() writes them back as they are edited, and the checks'
// findings on the page's settings show in red under their fields, with the linter's fix.
#pragma once

#include "debezium/connectioncheck.h"
#include "debezium/connectoranswers.h"
#include "validation/projectvalidator.h"

#include <QHash>
#include <QWizardPage>

#include <functional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace cdc::ui {

class AnswersPage : public QWizardPage
{
    Q_OBJECT

public:
    using Findings = std::vector<validation::ProjectDiagnostic>;

    AnswersPage(debezium::ConnectorAnswers *answers, const QString &title, const QString &subtitle);

    virtual void load() = 0;
    virtual void store() = 0;

    // Where the findings on the answers as they are come from (the wizard's checks).
    void setFindingsSource(std::function<Findings()> source) { m_findingsSource = std::move(source); }
    // Fills the fields again from the answers (without counting as an edit) and shows the findings.
    void reload();
    // Shows the findings on this page's settings under their fields: errors in red with the field
    // framed in red, warnings in amber; a fix button where the linter has a fix.
    void refreshFindings();
    // The finding shown under the field of `property`, if any (for tests).
    QString shownFinding(const QString &property) const;
    QWidget *fieldOf(const QString &property) const;

    void initializePage() override { reload(); }
    bool isComplete() const override { return m_errorsShown == 0; }
    bool validatePage() override
    {
        store();
        return true;
    }
    void cleanupPage() override { store(); } // going Back keeps what was typed

Q_SIGNALS:
    void edited();
    void fixRequested(const debezium::ConfigFix &fix);

protected:
    // A row whose label and field carry the catalog's explanation of `property` on hover, with a
    // "?" button that shows the whole catalog entry, and a line under it for the findings on it.
    void addRow(const QString &label, QWidget *field, const QString &property);
    QString propertyHelp(const QString &property) const;
    // Stores the answers and refreshes the findings whenever `field` changes.
    void watch(QWidget *field);
    // The page's own checks, for answers the linter cannot see (an empty connector name, ...).
    virtual Findings ownFindings() const { return {}; }

    debezium::ConnectorAnswers *m_answers;
    QFormLayout *m_form;

private:
    struct FieldRow
    {
        QWidget *field = nullptr;
        QWidget *line = nullptr;
        QLabel *message = nullptr;
        QPushButton *fix = nullptr;
        std::optional<debezium::ConfigFix> pendingFix;
    };
    QHash<QString, FieldRow> m_fields;
    std::function<Findings()> m_findingsSource;
    bool m_loading = false;
    int m_errorsShown = 0;
};

class ConnectionPage : public AnswersPage
{
    Q_OBJECT

public:
    // `simulated`: the sandbox's databases while it runs; Test Connection then checks against them.
    ConnectionPage(debezium::ConnectorAnswers *answers, bool chooseFlavour,
                   std::vector<debezium::DatabaseTarget> simulated = {});
    void load() override;
    void store() override;

protected:
    Findings ownFindings() const override;

private:
    void testConnection();
    void showPasswordNote();

    QComboBox *m_flavour = nullptr;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_passwordReference;
    QLabel *m_passwordNote;
    QLineEdit *m_database;
    QLineEdit *m_testPassword;
    QPushButton *m_test;
    QLabel *m_testResult;
    std::vector<debezium::DatabaseTarget> m_simulated;
};

class CapturePage : public AnswersPage
{
    Q_OBJECT

public:
    explicit CapturePage(debezium::ConnectorAnswers *answers);
    void load() override;
    void store() override;

private:
    QRadioButton *m_outboxOnly;
    QRadioButton *m_someTables;
    QLineEdit *m_outboxTable;
    QLineEdit *m_tables;
    QComboBox *m_snapshotMode;
    QLineEdit *m_topicPrefix;
};

class PostgresReplicationPage : public AnswersPage
{
    Q_OBJECT

public:
    explicit PostgresReplicationPage(debezium::ConnectorAnswers *answers);
    void load() override;
    void store() override;

protected:
    Findings ownFindings() const override;

private:
    QComboBox *m_plugin;
    QLineEdit *m_slot;
    QLineEdit *m_publication;
    QComboBox *m_autocreate;
};

class MySqlReplicationPage : public AnswersPage
{
    Q_OBJECT

public:
    MySqlReplicationPage(debezium::ConnectorAnswers *answers, std::vector<debezium::ConnectorConfig> others);
    void load() override;
    void store() override;

private:
    QSpinBox *m_serverId;
    QLineEdit *m_historyTopic;
    QLineEdit *m_bootstrap;
    std::vector<debezium::ConnectorConfig> m_others;
};

class OutboxPage : public AnswersPage
{
    Q_OBJECT

public:
    explicit OutboxPage(debezium::ConnectorAnswers *answers);
    void load() override;
    void store() override;

private:
    QCheckBox *m_enabled;
    QLineEdit *m_routeBy;
    QLineEdit *m_replacement;
    QLineEdit *m_keyField;
    QCheckBox *m_expand;
    QLineEdit *m_additional;
};

class ConvertersPage : public AnswersPage
{
    Q_OBJECT

public:
    explicit ConvertersPage(debezium::ConnectorAnswers *answers);
    void load() override;
    void store() override;

private:
    QComboBox *m_key;
    QComboBox *m_value;
    QCheckBox *m_schemas;
};

} // namespace cdc::ui
