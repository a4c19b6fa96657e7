// SPDX-License-Identifier: GPL-3.0-or-later
// Samples in, series and levels kept, alerts out when a series crosses a threshold either way.
#include "lag/lagmonitor.h"

#include <algorithm>
#include <cmath>

namespace cdc::lag {

namespace {

// The bound an alert names: the lower bound of the level reached, or when back to Ok the lowest
// bound that is on.
double crossedBound(const LagThreshold &threshold, LagLevel to)
{
    switch (to) {
    case LagLevel::Critical: return threshold.critical;
    case LagLevel::Warning: return threshold.warning;
    case LagLevel::Ok: return threshold.warning > 0 ? threshold.warning : threshold.critical;
    }
    return 0;
}

} // namespace

LagMonitor::LagMonitor(QObject *parent) : QObject(parent)
{
    // Samplers deliver from other threads: their signals' arguments must be known to the meta-type system.
    qRegisterMetaType<cdc::lag::SeriesKey>();
    qRegisterMetaType<cdc::lag::LagAlert>();
}

LagMonitor::~LagMonitor()
{
    clearSamplers();
}

void LagMonitor::addSampler(std::unique_ptr<LagSampler> sampler)
{
    if (!sampler)
        return;
    LagSampler *s = sampler.get();
    // Queued by Qt when the sampler emits from another thread.
    connect(s, &LagSampler::sampled, this, &LagMonitor::addSample);
    connect(s, &LagSampler::failed, this, &LagMonitor::samplerFailed);
    connect(s, &LagSampler::recovered, this, &LagMonitor::samplerRecovered);
    m_samplers.push_back(std::move(sampler));
    if (m_running)
        s->start(m_intervalMs);
}

void LagMonitor::clearSamplers()
{
    for (const auto &sampler : m_samplers) {
        if (m_running)
            sampler->stop();
        sampler->disconnect(this);
    }
    m_samplers.clear();
}

void LagMonitor::start(int intervalMs)
{
    if (m_running) {
        if (intervalMs == m_intervalMs)
            return;
        stop();
    }
    m_intervalMs = intervalMs;
    m_running = true;
    for (const auto &sampler : m_samplers)
        sampler->start(m_intervalMs);
}

void LagMonitor::stop()
{
    if (!m_running)
        return;
    m_running = false;
    for (const auto &sampler : m_samplers)
        sampler->stop();
}

void LagMonitor::setThresholds(const LagThresholds &thresholds)
{
    m_thresholds = thresholds;
    const QList<SeriesKey> keys = m_keys; // a slot of alert() may add series
    for (const SeriesKey &key : keys) {
        const auto series = m_series.constFind(key.id);
        if (series == m_series.cend())
            continue;
        const auto last = series->last();
        if (!last)
            continue;
        const LagThreshold &threshold = m_thresholds.forSeries(key);
        const LagLevel to = threshold.levelFor(last->mean);
        const LagLevel from = m_levels.value(key.id, LagLevel::Ok);
        if (to == from)
            continue;
        m_levels.insert(key.id, to);
        Q_EMIT alert(LagAlert{key, from, to, last->mean, last->timeMs, crossedBound(threshold, to)});
    }
}

QList<SeriesKey> LagMonitor::series() const
{
    return m_keys;
}

const TimeSeries *LagMonitor::seriesData(const QString &id) const
{
    const auto it = m_series.constFind(id);
    return it == m_series.cend() ? nullptr : &it.value();
}

LagLevel LagMonitor::level(const QString &id) const
{
    return m_levels.value(id, LagLevel::Ok);
}

LagLevel LagMonitor::worstLevel() const
{
    LagLevel worst = LagLevel::Ok;
    for (auto it = m_levels.cbegin(); it != m_levels.cend(); ++it)
        worst = std::max(worst, it.value());
    return worst;
}

void LagMonitor::addSample(const SeriesKey &key, qint64 timeMs, double value)
{
    if (!std::isfinite(value))
        return; // a sampler's bad arithmetic: no series gets a point it cannot draw
    if (!m_series.contains(key.id)) {
        m_keys.append(key);
        m_levels.insert(key.id, LagLevel::Ok);
        m_series.insert(key.id, TimeSeries());
        Q_EMIT seriesAdded(key);
    }
    // Looked up after seriesAdded: its slots may have added series and moved the hash's entries.
    TimeSeries &series = m_series[key.id];
    const qsizetype ignored = series.ignoredOutOfOrder();
    series.append(timeMs, value);
    if (series.ignoredOutOfOrder() != ignored)
        return; // older than the last sample: not kept, nothing to tell
    Q_EMIT sampleAdded(key, timeMs, value);

    const LagThreshold &threshold = m_thresholds.forSeries(key);
    const LagLevel to = threshold.levelFor(value);
    const LagLevel from = m_levels.value(key.id, LagLevel::Ok);
    if (to == from)
        return;
    m_levels.insert(key.id, to);
    Q_EMIT alert(LagAlert{key, from, to, value, timeMs, crossedBound(threshold, to)});
}

} // namespace cdc::lag
