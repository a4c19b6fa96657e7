// SPDX-License-Identifier: GPL-3.0-or-later
// "Deploy…": reads what the cluster runs, shows the plan (create, update with the config diff,
// unchanged, and connectors only on the cluster as drift) and, on Apply, carries it out with a
// progress bar, then shows each connector's outcome with the properties the worker refused.
#pragma once

#include "connect/deployer.h"
#include "connect/deployplan.h"
#include "debezium/connectorconfig.h"

#include <QDialog>

#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace cdc::connect {
class ConnectClient;
}

namespace cdc::ui {

class DeployDialog : public QDialog
{
    Q_OBJECT

public:
    // Deploys `project`'s connectors, or only those whose node id is in `onlyNodeIds`, to `client`'s cluster.
    DeployDialog(connect::ConnectClient *client, std::vector<debezium::ConnectorConfig> project,
                 QStringList onlyNodeIds, QWidget *parent = nullptr);

    // Reads the live connectors and computes the plan; called once by the constructor.
    void fetchPlan();
    // Carries the plan out (the Apply button).
    void apply();

    bool hasPlan() const { return m_hasPlan; }
    const connect::DeployPlan &plan() const { return m_plan; }
    QTreeWidget *planView() const { return m_tree; }
    QPushButton *applyButton() const { return m_apply; }
    QString summaryText() const;

Q_SIGNALS:
    void planReady();
    // The deploy ended; `ok` when everything was validated and applied.
    void deployed(bool ok);

private:
    void showPlan();
    void showOutcomes(bool ok);
    void setSummary(const QString &text, bool error);
    QTreeWidgetItem *connectorItem(const QString &name) const;

    connect::ConnectClient *m_client;
    std::vector<debezium::ConnectorConfig> m_project;
    QStringList m_onlyNodeIds;
    connect::DeployPlan m_plan;
    bool m_hasPlan = false;
    connect::Deployer *m_deployer = nullptr;

    QLabel *m_summary;
    QTreeWidget *m_tree;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_apply;
};

} // namespace cdc::ui
