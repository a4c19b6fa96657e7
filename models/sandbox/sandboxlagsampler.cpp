// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's lag as the real samplers report it: a PostgreSQL slot's WAL bytes, a MySQL connector's
// milliseconds, read from the engine's counters on the timer's tick.
#include "sandbox/sandboxlagsampler.h"

#include "lag/mysqllagsampler.h"
#include "lag/postgresslotsampler.h"
#include "sandbox/sandboxengine.h"

#include <QDateTime>

#include <algorithm>

namespace cdc::sandbox {

SandboxLagSampler::SandboxLagSampler(const SandboxEngine *engine, QMap<QString, QString> nodeIds, QObject *parent)
    : lag::LagSampler(parent)
    , m_engine(engine)
    , m_nodeIds(std::move(nodeIds))
{
    connect(&m_timer, &QTimer::timeout, this, &SandboxLagSampler::sample);
}

QString SandboxLagSampler::name() const
{
    return tr("Sandbox connectors' lag");
}

void SandboxLagSampler::start(int intervalMs)
{
    m_timer.start(std::max(intervalMs, 100));
}

void SandboxLagSampler::stop()
{
    m_timer.stop();
}

void SandboxLagSampler::sample()
{
    const qint64 timeMs = QDateTime::currentMSecsSinceEpoch();
    for (const SourceStats &source : m_engine->stats()) {
        const QString nodeId = m_nodeIds.value(source.connector);
        if (source.kind == SourceKind::Postgres)
            Q_EMIT sampled(lag::PostgresSlotSampler::slotSeries(source.slotName, nodeId), timeMs,
                           double(source.lagBytes));
        else
            Q_EMIT sampled(lag::MySqlLagSampler::series(source.connector, nodeId), timeMs, double(source.lagMs));
    }
}

} // namespace cdc::sandbox
