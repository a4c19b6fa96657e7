// SPDX-License-Identifier: GPL-3.0-or-later
// The Pipeline menu's connector actions: new PostgreSQL or MySQL/MariaDB connector, import a connector
// config, edit a connector node. Each finished wizard becomes one undoable step in the document.
#pragma once

#include "debezium/connectioncheck.h"
#include "debezium/connectoranswers.h"

#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace cdc::topology {
class ProjectDocument;
}

namespace cdc::ui {

class ConnectorWizard;

class ConnectorActions : public QObject
{
    Q_OBJECT

public:
    ConnectorActions(topology::ProjectDocument *document, QWidget *window);

    // The databases the sandbox simulates while it runs (empty otherwise): the wizards take their
    // defaults from them and test connections against them. Asked each time a wizard opens.
    using SimulatedDatabases = std::function<std::vector<debezium::DatabaseTarget>()>;
    void setSimulatedDatabases(SimulatedDatabases source) { m_simulated = std::move(source); }

    QAction *newPostgres() const { return m_newPostgres; }
    QAction *newMySql() const { return m_newMySql; }
    QAction *importConfig() const { return m_import; }
    QAction *pasteConfig() const { return m_paste; }

    // Opens the wizard (window-modal, not blocking) and returns it, for callers and tests.
    ConnectorWizard *startNew(debezium::Flavour flavour);
    ConnectorWizard *startEdit(const QString &nodeId);
    // Reads a connector JSON file and opens the wizard on it; false (with a message) if unreadable.
    ConnectorWizard *startImport(const QString &path);
    // The same for JSON text, e.g. pasted from the clipboard.
    ConnectorWizard *startImportText(const QByteArray &json, const QString &sourceName);

private:
    ConnectorWizard *start(const debezium::ConnectorAnswers &answers, const QString &editNodeId);
    std::vector<debezium::ConnectorConfig> otherConnectors(const QString &exceptNodeId) const;
    void apply(const debezium::ConnectorConfig &config, const QString &editNodeId);

    topology::ProjectDocument *m_document;
    QWidget *m_window;
    QAction *m_newPostgres;
    QAction *m_newMySql;
    QAction *m_import;
    QAction *m_paste;
    SimulatedDatabases m_simulated;
};

} // namespace cdc::ui
