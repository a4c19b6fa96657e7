// SPDX-License-Identifier: GPL-3.0-or-later
// The event rate between the counter's changes.
#include "eventrate.h"

#include <QCoreApplication>

namespace cdc::consumer {

EventRate::EventRate(std::chrono::milliseconds window, std::chrono::milliseconds idleAfter)
    : m_window(window)
    , m_idleAfter(idleAfter)
{}

void EventRate::add(qint64 atMs, qint64 count)
{
    if (count < 0)
        return;
    if (!m_points.empty() && count < m_points.back().count)
        m_points.clear();
    if (!m_points.empty() && count != m_points.back().count &&
        m_lastSampleMs - m_points.back().atMs >= m_idleAfter.count()) {
        // It stood still for longer than any refresh: it was at its old value until the sample before this.
        const qint64 before = m_points.back().count;
        m_points.clear();
        m_points.push_back({m_lastSampleMs, before});
    }
    m_lastSampleMs = atMs;
    if (m_points.empty() || count != m_points.back().count)
        m_points.push_back({atMs, count});
    // Keep one point at or before the window's start: the rate spans the whole window.
    while (m_points.size() > 2 && m_points[1].atMs <= atMs - m_window.count())
        m_points.pop_front();
}

void EventRate::clear()
{
    m_points.clear();
    m_lastSampleMs = 0;
}

std::optional<double> EventRate::perSecond(qint64 nowMs) const
{
    if (m_points.empty())
        return std::nullopt;
    const Point &last = m_points.back();
    if (nowMs - last.atMs >= m_idleAfter.count())
        return 0.0;
    if (m_points.size() < 2)
        return std::nullopt;
    const Point &first = m_points.front();
    if (last.atMs <= first.atMs)
        return std::nullopt;
    return double(last.count - first.count) * 1000.0 / double(last.atMs - first.atMs);
}

QString eventRateText(double perSecond)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("EventRate", text); };
    if (perSecond >= 9999.5)
        return tr("%1k ev/s").arg(perSecond / 1000.0, 0, 'f', 1);
    if (perSecond > 0 && perSecond < 9.95)
        return tr("%1 ev/s").arg(perSecond, 0, 'f', 1);
    return tr("%1 ev/s").arg(qRound64(perSecond));
}

} // namespace cdc::consumer
