// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's databases and connectors: each simulated database writes changes at its share of the
// presenter's rate; each capturing connector turns them into messages on the mock broker, as fast as its
// capacity allows while RUNNING. What the connector has not emitted yet is its lag: WAL bytes for
// PostgreSQL (backlog × bytes per change), milliseconds for MySQL (age of the oldest unemitted change).
// Generation runs on the engine's own thread; every public call is thread-safe.
#pragma once

#include "sandbox/sandboxtypes.h"

#include <QString>

#include <memory>
#include <vector>

namespace cdc::sandbox {

struct SourceStats
{
    QString connector;
    SourceKind kind = SourceKind::Postgres;
    bool streaming = false;
    double eventsPerSecond = 0; // messages emitted per second over the last second
    qint64 emitted = 0;         // messages produced since the capture began
    qint64 backlog = 0;         // changes written but not emitted
    qint64 lagBytes = 0;        // PostgreSQL: WAL the slot retains
    qint64 lagMs = 0;           // MySQL: how far behind the binlog the connector is
    SourcePosition position;
    QString slotName; // PostgreSQL: the capture's slot.name ("debezium" when unset), its lag series' id
};

class SandboxEngine final : public CaptureBackend
{
public:
    explicit SandboxEngine(QString bootstrap);
    ~SandboxEngine() override;

    Result<void> start(); // the producer and the generating thread
    void stop();

    void setRate(int eventsPerSecond); // 1 … 50,000, all databases together; each writes its share (clamped)
    int rate() const;
    static constexpr int minRate = 1;
    static constexpr int maxRate = 50'000;

    // Incidents' levers.
    void setThrottle(double factor);            // capacity × factor: 1 normal, 0.02 for the lag spike
    void dropBacklog(const QString &connector); // the slot was dropped: unemitted changes are lost, positions skip
    // The same order id from every capturing database at once: emitted now by streaming captures (ahead
    // of any backlog), queued in the backlog of the others.
    void burst(qint64 orderId, int perDatabase);

    std::vector<SourceStats> stats() const;

    // CaptureBackend
    void addCapture(const CaptureSpec &spec) override;
    void removeCapture(const QString &connector) override;
    void setStreaming(const QString &connector, bool streaming) override;
    std::optional<SourcePosition> position(const QString &connector) const override;
    void resetPosition(const QString &connector) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace cdc::sandbox
