// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a sampler works, from the problems its parts report (database, Kafka, Kafka Connect):
// failed() once per change of the combined message, recovered() when the last problem clears.
#pragma once

#include <QMap>
#include <QString>

namespace cdc::lag {

class LagSampler;

class SamplerHealth
{
public:
    explicit SamplerHealth(LagSampler *sampler) : m_sampler(sampler) {}

    // `part` names where the problem is ("database", "kafka", "connect"); an empty message clears it.
    void report(const QString &part, const QString &message);
    void clear(const QString &part) { report(part, {}); }
    void reset(); // forgets every problem without signalling (a sampler that stops)

    bool failing() const { return !m_problems.isEmpty(); }
    QString message() const; // the problems joined, "" when none

private:
    LagSampler *m_sampler;
    QMap<QString, QString> m_problems;
    QString m_reported; // what failed() said last
};

} // namespace cdc::lag
