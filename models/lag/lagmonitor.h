// SPDX-License-Identifier: GPL-3.0-or-later
// Owns the samplers of a project, the series they fill and the alerts their thresholds raise.
// Lives on the GUI thread; samplers deliver through queued connections; never blocks.
#pragma once

#include "lag/lagsampler.h"
#include "lag/lagtypes.h"
#include "lag/timeseries.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <memory>
#include <vector>

namespace cdc::lag {

class LagMonitor : public QObject
{
    Q_OBJECT

public:
    explicit LagMonitor(QObject *parent = nullptr);
    ~LagMonitor() override;

    void addSampler(std::unique_ptr<LagSampler> sampler); // takes ownership; started by start()
    void clearSamplers();
    void start(int intervalMs = 1000);
    void stop();
    bool isRunning() const { return m_running; }

    void setThresholds(const LagThresholds &thresholds); // re-evaluates every series' level
    const LagThresholds &thresholds() const { return m_thresholds; }

    QList<SeriesKey> series() const; // in the order they appeared
    const TimeSeries *seriesData(const QString &id) const;
    LagLevel level(const QString &id) const;
    LagLevel worstLevel() const;

    // Also the entry point for samplers that are not LagSampler objects (and for tests).
    void addSample(const SeriesKey &key, qint64 timeMs, double value);

Q_SIGNALS:
    void seriesAdded(const cdc::lag::SeriesKey &key);
    void sampleAdded(const cdc::lag::SeriesKey &key, qint64 timeMs, double value);
    void alert(const cdc::lag::LagAlert &alert); // a series changed level (either way)
    void samplerFailed(const QString &sampler, const QString &message);
    void samplerRecovered(const QString &sampler);

private:
    std::vector<std::unique_ptr<LagSampler>> m_samplers;
    QList<SeriesKey> m_keys;
    QHash<QString, TimeSeries> m_series;
    QHash<QString, LagLevel> m_levels;
    LagThresholds m_thresholds;
    bool m_running = false;
    int m_intervalMs = 1000;
};

} // namespace cdc::lag
