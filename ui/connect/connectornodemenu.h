// SPDX-License-Identifier: GPL-3.0-or-later
// The operations of the Connectors panel on a connector node's context menu: Pause, Resume, Restart and
// Restart Failed Tasks, run by the panel on the live connector of the same name.
#pragma once

class QMenu;
class QString;

namespace cdc::ui {

class ConnectorsPanel;

// Adds the operations to `menu` for the connector `name`. When the cluster runs it, the panel selects it
// and its own actions go on the menu (enabled as the connector's state allows); otherwise the entries
// are there, disabled, with the reason in their tooltip.
void addConnectorOperations(QMenu *menu, ConnectorsPanel *panel, const QString &name);

} // namespace cdc::ui
