// SPDX-License-Identifier: GPL-3.0-or-later
// The whole product with no infrastructure: a mock Kafka broker, a simulated Kafka Connect, databases
// that write orders, and the incidents of the troubleshooting guide. The GUI's Sandbox menu,
// `cdc-studio --demo` and `cdcctl demo` all run this. Lives on the thread that created it.
#pragma once

#include "lag/lagsampler.h"
#include "sandbox/sandboxengine.h"
#include "sandbox/sandboxtypes.h"
#include "topology/projectfile.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

namespace cdc::sandbox {

// The PostgreSQL WAL thresholds a sandbox project gets unless it has its own: 4 MiB and 16 MiB.
inline constexpr qint64 kSandboxWalWarningBytes = 4 * 1024 * 1024;
inline constexpr qint64 kSandboxWalCriticalBytes = 16 * 1024 * 1024;

class MockKafka;
class SandboxConsumer;
class SimulatedConnect;

class Sandbox : public QObject, public SandboxControl
{
    Q_OBJECT

public:
    struct Options
    {
        int rate = 200;          // events per second, both databases together
        quint16 connectPort = 0; // 0: a free port
    };

    explicit Sandbox(QObject *parent = nullptr);
    ~Sandbox() override;

    Result<void> start(const Options &options);
    Result<void> start() { return start(Options{}); }
    void stop();
    bool isRunning() const;

    QString bootstrap() const; // "127.0.0.1:PORT" of the mock broker
    QUrl connectUrl() const;   // http://127.0.0.1:PORT of the simulated Connect
    int rate() const;

    SandboxEngine *engine() const;
    SimulatedConnect *connect() const;
    // The simulated unified consumer (no Flink in the sandbox): it runs from a deploy of a project with a
    // consumer node until the sandbox stops, and writes the sink node's topic on the sandbox's broker.
    // Lives as long as the Sandbox.
    SandboxConsumer *unifiedConsumer() const;
    QList<Incident> activeIncidents() const;

    // The project with its Connect cluster, Connect node and Kafka addresses pointed at this sandbox, and
    // PostgreSQL WAL thresholds for the sandbox's rates when it has none of its own.
    topology::Project sandboxProject(topology::Project project) const;
    // Deploys the project's connectors to this sandbox's Connect through the real REST client (plan,
    // validate, apply), as Pipeline ▸ Deploy would, without asking; then runs the project's first consumer
    // node on the simulated unified consumer (a failure there is its own state, not the deploy's). `done`
    // runs on this thread.
    void deployProject(const topology::Project &project, std::function<void(Result<void>)> done);
    // Lag samplers for the project's connectors, fed by the engine (not started).
    std::vector<std::unique_ptr<lag::LagSampler>> lagSamplers(const topology::Project &project) const;

    // SandboxControl
    QJsonObject describe() const override;
    Result<void> setRate(int eventsPerSecond) override;
    Result<void> trigger(Incident incident) override;
    Result<void> recover(Incident incident) override;

Q_SIGNALS:
    void rateChanged(int eventsPerSecond);
    void incidentsChanged();
    void burstSent(qint64 orderId, int perDatabase); // the same-id burst: which order id
    void stateChanged(bool running);

private:
    void runUnifiedConsumer(const topology::Project &project);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace cdc::sandbox
