// SPDX-License-Identifier: GPL-3.0-or-later
// Lag of the sandbox's connectors through the same sampler interface as the real ones, with the same
// series ids ("pg-slot:SLOT" in bytes, "mysql-ms:CONNECTOR" in ms), so the Lag panel, thresholds and
// alerts work unchanged. Reads the engine's counters (no I/O) on a timer.
#pragma once

#include "lag/lagsampler.h"

#include <QMap>
#include <QTimer>

namespace cdc::sandbox {

class SandboxEngine;

class SandboxLagSampler : public lag::LagSampler
{
    Q_OBJECT

public:
    // `nodeIds`: connector name → the topology node an alert colours.
    SandboxLagSampler(const SandboxEngine *engine, QMap<QString, QString> nodeIds, QObject *parent = nullptr);

    QString name() const override;
    void start(int intervalMs) override;
    void stop() override;

private:
    void sample();

    const SandboxEngine *m_engine;
    QMap<QString, QString> m_nodeIds;
    QTimer m_timer;
};

} // namespace cdc::sandbox
