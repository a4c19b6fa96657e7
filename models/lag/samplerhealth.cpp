// SPDX-License-Identifier: GPL-3.0-or-later
// Turns the problems of a sampler's parts into its failed() and recovered() signals.
#include "samplerhealth.h"

#include "lag/lagsampler.h"

#include <QStringList>

namespace cdc::lag {

void SamplerHealth::report(const QString &part, const QString &message)
{
    const bool wasFailing = failing();
    if (message.isEmpty())
        m_problems.remove(part);
    else
        m_problems.insert(part, message);
    const QString now = this->message();
    if (now.isEmpty()) {
        m_reported.clear();
        if (wasFailing)
            Q_EMIT m_sampler->recovered(m_sampler->name());
        return;
    }
    if (now != m_reported) {
        m_reported = now;
        Q_EMIT m_sampler->failed(m_sampler->name(), now);
    }
}

void SamplerHealth::reset()
{
    m_problems.clear();
    m_reported.clear();
}

QString SamplerHealth::message() const
{
    QStringList parts;
    for (const QString &m : m_problems)
        parts << m;
    return parts.join(QStringLiteral(" "));
}

} // namespace cdc::lag
