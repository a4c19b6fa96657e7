// SPDX-License-Identifier: GPL-3.0-or-later
// What "Deploy" will do: for each connector of the project, create it, update it (with the config
// diff) or leave it unchanged; and what the cluster runs that the project does not have (drift).
#pragma once

#include "connect/connecttypes.h"
#include "debezium/connectorconfig.h"

#include <QList>
#include <QMap>
#include <QString>

#include <vector>

namespace cdc::connect {

struct ConfigChange
{
    QString key;
    QString before; // empty when added; masked when the key holds a secret
    QString after;  // empty when removed; masked when the key holds a secret
    bool added = false;
    bool removed = false;
};

struct PlannedConnector
{
    enum class Action { Create, Update, Unchanged };
    Action action = Action::Create;
    QString name;
    QString nodeId;                // the connector's node in the project
    QMap<QString, QString> config; // what will be sent
    QList<ConfigChange> changes;   // for Update: project vs cluster
};

struct DeployPlan
{
    QList<PlannedConnector> connectors;
    QStringList onlyOnCluster; // running on the cluster, not in the project

    int count(PlannedConnector::Action action) const;
    bool nothingToDo() const { return count(PlannedConnector::Action::Unchanged) == connectors.size(); }
};

// Differences between two configs, sorted by key. `name` is ignored (Connect adds it).
QList<ConfigChange> diffConfigs(const QMap<QString, QString> &live, const QMap<QString, QString> &project);

// The plan for the given project connectors (all, or those whose node id is in `onlyNodeIds`).
DeployPlan planDeploy(const std::vector<debezium::ConnectorConfig> &project, const QList<ConnectorOverview> &live,
                      const QStringList &onlyNodeIds = {});

// A plan as text for the CLI and the confirmation dialog: one line per connector, then its changes.
QString describePlan(const DeployPlan &plan);
QString actionName(PlannedConnector::Action action);

} // namespace cdc::connect
