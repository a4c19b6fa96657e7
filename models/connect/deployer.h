// SPDX-License-Identifier: GPL-3.0-or-later
// Carries out a deploy plan against one cluster: validates every connector that will change on the
// worker first (nothing is applied when any is refused), then creates or updates them in order.
#pragma once

#include "connect/connectclient.h"
#include "connect/deployplan.h"

#include <QObject>

namespace cdc::connect {

class Deployer : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        QString name;
        PlannedConnector::Action action = PlannedConnector::Action::Unchanged;
        bool ok = true;
        QString message;                   // the error, or what was done
        QList<PropertyValidation> refused; // properties the worker's validation refused
    };

    Deployer(ConnectClient *client, DeployPlan plan, QObject *parent = nullptr);

    // Starts at once and returns; progress and finished follow on this object's thread.
    void start();
    bool isRunning() const { return m_running; }
    const QList<Outcome> &outcomes() const { return m_outcomes; }

Q_SIGNALS:
    void progress(int done, int total, const QString &what);
    void finished(bool ok); // ok: everything validated and was applied

private:
    void validateNext(int index);
    void applyNext(int index);
    void finish(bool ok);

    ConnectClient *m_client;
    DeployPlan m_plan;
    QList<Outcome> m_outcomes;
    bool m_running = false;
};

} // namespace cdc::connect
