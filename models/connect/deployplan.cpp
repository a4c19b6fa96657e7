// SPDX-License-Identifier: GPL-3.0-or-later
// What "Deploy" will do: the project's connectors against the cluster's, with config diffs and drift.
#include "deployplan.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace cdc::connect {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DeployPlan", text);
}

const QString kNameKey = QStringLiteral("name");

QString shown(const QString &key, const QString &value)
{
    return isSecretKey(key) ? QStringLiteral("••••") : value;
}

} // namespace

int DeployPlan::count(PlannedConnector::Action action) const
{
    return int(std::count_if(connectors.cbegin(), connectors.cend(),
                             [action](const PlannedConnector &c) { return c.action == action; }));
}

QList<ConfigChange> diffConfigs(const QMap<QString, QString> &live, const QMap<QString, QString> &project)
{
    QList<ConfigChange> changes;
    auto l = live.cbegin();
    auto p = project.cbegin();
    // Both maps are sorted by key: one merge pass.
    while (l != live.cend() || p != project.cend()) {
        ConfigChange change;
        if (p == project.cend() || (l != live.cend() && l.key() < p.key())) {
            change.key = l.key();
            change.before = shown(l.key(), l.value());
            change.removed = true;
            ++l;
        } else if (l == live.cend() || p.key() < l.key()) {
            change.key = p.key();
            change.after = shown(p.key(), p.value());
            change.added = true;
            ++p;
        } else {
            const bool same = l.value() == p.value();
            change.key = p.key();
            change.before = shown(l.key(), l.value());
            change.after = shown(p.key(), p.value());
            ++l;
            ++p;
            if (same)
                continue;
        }
        if (change.key != kNameKey)
            changes.append(change);
    }
    return changes;
}

DeployPlan planDeploy(const std::vector<debezium::ConnectorConfig> &project, const QList<ConnectorOverview> &live,
                      const QStringList &onlyNodeIds)
{
    QMap<QString, const ConnectorOverview *> byName;
    for (const ConnectorOverview &o : live)
        byName.insert(o.info.name.isEmpty() ? o.status.name : o.info.name, &o);

    DeployPlan plan;
    QSet<QString> projectNames;
    for (const debezium::ConnectorConfig &c : project) {
        projectNames.insert(c.name);
        if (!onlyNodeIds.isEmpty() && !onlyNodeIds.contains(c.nodeId))
            continue;
        PlannedConnector planned;
        planned.name = c.name;
        planned.nodeId = c.nodeId;
        planned.config = c.config;
        if (const ConnectorOverview *running = byName.value(c.name)) {
            planned.changes = diffConfigs(running->info.config, c.config);
            planned.action =
                planned.changes.isEmpty() ? PlannedConnector::Action::Unchanged : PlannedConnector::Action::Update;
        } else {
            planned.action = PlannedConnector::Action::Create;
        }
        plan.connectors.append(planned);
    }
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        if (!projectNames.contains(it.key()))
            plan.onlyOnCluster.append(it.key());
    }
    return plan;
}

QString actionName(PlannedConnector::Action action)
{
    switch (action) {
    case PlannedConnector::Action::Create: return QStringLiteral("create");
    case PlannedConnector::Action::Update: return QStringLiteral("update");
    case PlannedConnector::Action::Unchanged: return QStringLiteral("unchanged");
    }
    return {};
}

QString describePlan(const DeployPlan &plan)
{
    QString text;
    if (plan.connectors.isEmpty())
        text += tr("No connectors to deploy.") + u'\n';
    for (const PlannedConnector &c : plan.connectors) {
        text += actionName(c.action) + QStringLiteral("  ") + c.name;
        if (c.action == PlannedConnector::Action::Update)
            text += c.changes.size() == 1 ? tr(" (1 change)") : tr(" (%1 changes)").arg(c.changes.size());
        text += u'\n';
        for (const ConfigChange &change : c.changes) {
            if (change.added)
                text += QStringLiteral("    + ") + change.key + QStringLiteral(": ") + change.after + u'\n';
            else if (change.removed)
                text += QStringLiteral("    - ") + change.key + u'\n';
            else
                text += QStringLiteral("    ~ ") + change.key + QStringLiteral(": ") + change.before +
                        QStringLiteral(" → ") + change.after + u'\n';
        }
    }
    for (const QString &name : plan.onlyOnCluster)
        text += tr("cluster only  %1 (runs on the cluster, not in the project; left alone)").arg(name) + u'\n';
    return text;
}

} // namespace cdc::connect
