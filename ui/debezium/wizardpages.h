// The pages of the connector wizards. Each page edits part of one shared ConnectorAnswers: load()
// fills its fields from the answers, store() writes them back.
#pragma once

#include "debezium/connectoranswers.h"

#include <QWizardPage>

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
    AnswersPage(debezium::ConnectorAnswers *answers, const QString &title, const QString &subtitle);

    virtual void load() = 0;
    virtual void store() = 0;

    void initializePage() override { load(); }
    bool validatePage() override
    {
        store();
        return true;
    }
    void cleanupPage() override { store(); } // going Back keeps what was typed

protected:
    // A row whose label and field carry the catalog's explanation of `property` on hover, with a
    // "?" button that shows the whole catalog entry.
    void addRow(const QString &label, QWidget *field, const QString &property);
    QString propertyHelp(const QString &property) const;

    debezium::ConnectorAnswers *m_answers;
    QFormLayout *m_form;
};

class ConnectionPage : public AnswersPage
{
    Q_OBJECT

public:
    ConnectionPage(debezium::ConnectorAnswers *answers, bool chooseFlavour);
    void load() override;
    void store() override;
    bool isComplete() const override;

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
    bool isComplete() const override;

private:
    QComboBox *m_plugin;
    QLineEdit *m_slot;
    QLabel *m_slotNote;
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
