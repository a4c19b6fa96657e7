// SPDX-License-Identifier: GPL-3.0-or-later
// A Kafka Connect REST endpoint on loopback (Qt HttpServer) that answers the subset of the API CDC
// Studio uses, in Kafka Connect's own response shapes: GET /, /connector-plugins, /connectors (with
// ?expand=status&expand=info), config, status, tasks, offsets, topics; POST /connectors, restart;
// PUT config, pause, resume, stop, validate; DELETE connector and offsets; PATCH offsets. The app's
// real ConnectClient, the connectors panel and exported curl commands all work against it. Connectors
// drive the CaptureBackend: RUNNING streams, PAUSED/STOPPED/FAILED do not. /sandbox routes go to a
// SandboxControl. Lives on the thread that created it (an event loop is needed).
#pragma once

#include "core/result.h"
#include "sandbox/sandboxtypes.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace cdc::sandbox {

class SimulatedConnect : public QObject
{
    Q_OBJECT

public:
    explicit SimulatedConnect(CaptureBackend *backend, QObject *parent = nullptr);
    ~SimulatedConnect() override;

    Result<void> listen(quint16 port = 0);    // 127.0.0.1; 0 picks a free port
    QUrl url() const;                         // http://127.0.0.1:PORT
    void setControl(SandboxControl *control); // may be null: /sandbox answers 404

    // Incidents. A task FAILS with `trace`; while `stillFailing(config)` returns a trace, restarting the
    // task (or connector with tasks) fails it again with that trace; once it returns nullopt a restart
    // brings it back to RUNNING. Unknown connector: an error.
    using RestartCheck = std::function<std::optional<QString>(const QMap<QString, QString> &config)>;
    Result<void> failTask(const QString &connector, int task, const QString &trace, RestartCheck stillFailing);
    // Lets a failed task's next restart succeed (the presenter recovered the incident).
    void clearFailure(const QString &connector);
    // What POST /connectors/{name}/tasks/{task}/restart does, for the Sandbox's "recover" (no HTTP).
    Result<void> restartTask(const QString &connector, int task = 0);

    // For the UI and tests: names, "RUNNING"/"PAUSED"/"STOPPED"/"FAILED"/"UNASSIGNED", and configs.
    QStringList connectorNames() const;
    QString connectorState(const QString &connector) const;
    QString taskState(const QString &connector, int task = 0) const;
    std::optional<QMap<QString, QString>> config(const QString &connector) const;

Q_SIGNALS:
    void connectorsChanged(); // created, deleted, a state change

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace cdc::sandbox
