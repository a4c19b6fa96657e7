// SPDX-License-Identifier: GPL-3.0-or-later
// The capstone's two connectors as the wizards make them, pointed at the stack and started afresh,
// and outbox rows written into both databases. Shared by the e2e tests that need events flowing.
#pragma once

#include "stackclient.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace cdc::e2e {

struct ConnectorUnderTest
{
    QString name;
    QString database; // "postgres" or "mysql"
    QJsonObject config;

    QJsonObject withName() const;
};

class CapstoneConnectors
{
public:
    explicit CapstoneConnectors(StackEnvironment env);

    // The PostgreSQL and MariaDB connectors from the wizards' default answers, pointed at the stack.
    const QList<ConnectorUnderTest> &connectors() const { return m_connectors; }
    QString postgresSlot() const { return m_slot; }

    // Deletes an earlier connector of the same name, creates it STOPPED, deletes its offsets (and the
    // PostgreSQL slot), then resumes it: it starts from nothing even on a reused stack.
    bool startAfresh(const ConnectorUnderTest &c);
    // RUNNING with every task RUNNING within two minutes; false at the first FAILED task.
    bool waitUntilRunning(const QString &name);
    // Both connectors stream: a marker row written to each database arrives on its topic. Tests write
    // their rows after this, so none of them races a connector that is still starting.
    bool waitUntilStreaming();
    // After an outage (a broker killed and restarted): both connectors and their tasks RUNNING again
    // within `timeoutMs`, restarting a FAILED connector or task up to three times each; false
    // (lastStatus() says why) otherwise. `restarts` counts the restarts it asked for.
    bool waitUntilRecovered(int timeoutMs, int *restarts = nullptr);
    // Both connectors afresh, RUNNING and streaming; false (lastStatus() says why) otherwise.
    bool startStreaming();
    QString lastStatus() const { return m_lastStatus; }
    void removeAll();

    // Inserts outbox rows for orders first..last in one transaction; the payload carries `run`,
    // `database` and `orderId`.
    bool insertOutboxRows(bool postgres, int first, int last, const QString &run,
                          const QString &aggregateType = QStringLiteral("order"));

private:
    bool dropSlot(const QString &slot);

    StackEnvironment m_env;
    QString m_connect;
    QList<ConnectorUnderTest> m_connectors;
    QString m_slot;
    QString m_lastStatus;
};

} // namespace cdc::e2e
