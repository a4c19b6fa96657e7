// SPDX-License-Identifier: GPL-3.0-or-later
// The connector node's operations, borrowed from the Connectors panel.
#include "connectornodemenu.h"

#include "connect/connectclient.h"
#include "connect/connectorsmodel.h"
#include "connect/connectorspanel.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>

namespace cdc::ui {

void addConnectorOperations(QMenu *menu, ConnectorsPanel *panel, const QString &name)
{
    const ConnectorsPanel::Actions &actions = panel->actions();
    const QList<QAction *> operations = {actions.pause, actions.resume, actions.restart, actions.restartFailedTasks};
    if (panel->client() && panel->model()->connector(name) && panel->selectConnector(name)) {
        menu->addActions(operations);
        return;
    }
    auto tr = [](const char *text) { return QCoreApplication::translate("ConnectorNodeMenu", text); };
    const QString reason =
        !panel->client() ? tr("Not connected to Kafka Connect: choose or add a cluster in the Connectors panel.")
                         : tr("%1 does not run on %2: deploy it first.").arg(name, panel->client()->settings().name);
    for (const QAction *operation : operations) {
        QAction *placeholder = menu->addAction(operation->icon(), operation->text());
        placeholder->setObjectName(operation->objectName());
        placeholder->setEnabled(false);
        placeholder->setToolTip(reason);
        placeholder->setStatusTip(reason);
    }
}

} // namespace cdc::ui
