// SPDX-License-Identifier: GPL-3.0-or-later
// Connector wizards wired to the project document.
#include "connectoractions.h"

#include "debezium/connectorwizard.h"
#include "topology/projectdocument.h"
#include "topology/topologycommands.h"
#include "validation/projectvalidator.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMessageBox>
#include <QUndoStack>

namespace cdc::ui {

ConnectorActions::ConnectorActions(topology::ProjectDocument *document, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_window(window)
    , m_newPostgres(new QAction(tr("New &PostgreSQL Connector…"), this))
    , m_newMySql(new QAction(tr("New &MySQL/MariaDB Connector…"), this))
    , m_import(new QAction(tr("&Import Connector Config…"), this))
    , m_paste(new QAction(tr("Paste Connector &Config"), this))
{
    m_paste->setStatusTip(tr("Check, migrate and add the connector JSON on the clipboard"));
    connect(m_paste, &QAction::triggered, this,
            [this] { startImportText(QGuiApplication::clipboard()->text().toUtf8(), tr("the clipboard")); });
    m_newPostgres->setStatusTip(tr("Answer a few questions and get a PostgreSQL connector config Debezium accepts"));
    m_newMySql->setStatusTip(tr("Answer a few questions and get a MySQL or MariaDB connector config Debezium accepts"));
    m_import->setStatusTip(
        tr("Open a connector JSON (also Debezium 1.x), check it, migrate it and add it to the project"));
    connect(m_newPostgres, &QAction::triggered, this, [this] { startNew(debezium::Flavour::PostgreSQL); });
    connect(m_newMySql, &QAction::triggered, this, [this] { startNew(debezium::Flavour::MariaDB); });
    connect(m_import, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Import Connector Config"), {},
                                                          tr("Connector configs (*.json);;All files (*)"));
        if (!path.isEmpty())
            startImport(path);
    });
}

std::vector<debezium::ConnectorConfig> ConnectorActions::otherConnectors(const QString &exceptNodeId) const
{
    std::vector<debezium::ConnectorConfig> out;
    for (debezium::ConnectorConfig &c : debezium::connectorsOf(m_document->snapshot())) {
        if (c.nodeId != exceptNodeId)
            out.push_back(std::move(c));
    }
    return out;
}

ConnectorWizard *ConnectorActions::start(const debezium::ConnectorAnswers &answers, const QString &editNodeId)
{
    WizardContext context;
    context.others = otherConnectors(editNodeId);
    context.project = m_document->snapshot();
    context.editNodeId = editNodeId;
    context.editing = !editNodeId.isEmpty();
    if (m_simulated)
        context.simulatedDatabases = m_simulated();
    auto *wizard = new ConnectorWizard(answers, std::move(context), m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QWizard::accepted, this, [this, wizard, editNodeId] { apply(wizard->config(), editNodeId); });
    wizard->open();
    return wizard;
}

ConnectorWizard *ConnectorActions::startNew(debezium::Flavour flavour)
{
    debezium::ConnectorAnswers answers = debezium::defaultAnswers(flavour, otherConnectors({}));
    // Where the databases are: the sandbox's simulated ones while it runs, else the project's nodes.
    std::vector<debezium::DatabaseTarget> simulated =
        m_simulated ? m_simulated() : std::vector<debezium::DatabaseTarget>{};
    debezium::applyDatabaseDefaults(answers,
                                    simulated.empty() ? debezium::databaseTargets(m_document->snapshot()) : simulated);
    return start(answers, {});
}

ConnectorWizard *ConnectorActions::startEdit(const QString &nodeId)
{
    const topology::Node *node = m_document->topology()->node(nodeId);
    if (!node || node->kind != topology::NodeKind::Connector)
        return nullptr;
    debezium::ConnectorConfig config;
    config.name = node->name;
    config.config = node->properties;
    return start(debezium::answersFromConfig(config), nodeId);
}

ConnectorWizard *ConnectorActions::startImport(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(m_window, tr("Cannot import"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return nullptr;
    }
    return startImportText(file.readAll(), path);
}

ConnectorWizard *ConnectorActions::startImportText(const QByteArray &json, const QString &sourceName)
{
    const auto imported = debezium::importConnectorJson(json, sourceName);
    if (!imported || imported.value().connectors.empty()) {
        QMessageBox::warning(m_window, tr("Cannot import"),
                             imported ? tr("%1 holds no connector.").arg(sourceName) : imported.error().toString());
        return nullptr;
    }
    return start(debezium::answersFromConfig(imported.value().connectors.front()), {});
}

void ConnectorActions::apply(const debezium::ConnectorConfig &config, const QString &editNodeId)
{
    topology::TopologyModel *model = m_document->topology();
    if (!editNodeId.isEmpty()) {
        m_document->undoStack()->push(new topology::EditNodeCommand(model, editNodeId, config.name, config.config));
        return;
    }
    // The node as the wizard's review saw it: fed by its database, run by the Connect cluster, writing
    // the topic nodes its routing matches.
    const validation::ProjectWithConnector with =
        validation::projectWithConnector(m_document->snapshot(), config, editNodeId);
    topology::Node node;
    for (const topology::Node &n : with.project.nodes) {
        if (n.id == with.nodeId)
            node = n;
    }
    m_document->undoStack()->push(
        new topology::AddNodesCommand(model, {node}, with.addedEdges, tr("Add connector %1").arg(config.name)));
}

} // namespace cdc::ui
