// SPDX-License-Identifier: GPL-3.0-or-later
// A source of lag samples. Each sampler does its I/O off the GUI thread (its own thread, or async
// Qt Network / librdkafka calls) and reports through queued signals.
#pragma once

#include "core/result.h"
#include "lag/lagtypes.h"

#include <QObject>

namespace cdc::lag {

class LagSampler : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~LagSampler() override = default;

    virtual QString name() const = 0; // "PostgreSQL slots at 127.0.0.1:15432"
    virtual void start(int intervalMs) = 0;
    virtual void stop() = 0;

Q_SIGNALS:
    void sampled(const cdc::lag::SeriesKey &key, qint64 timeMs, double value);
    void failed(const QString &sampler, const QString &message); // reported once per change of message
    void recovered(const QString &sampler);
};

} // namespace cdc::lag
