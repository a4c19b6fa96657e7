// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer's event rate, from a counter sampled now and then: the rows its print sink wrote,
// or the records Flink's metrics say reached the sink. Flink refreshes those metrics in steps (every
// 10 s by default), so the rate is taken between the moments the counter changed, never between a
// stale value and now. Pure: the caller gives the times.
#pragma once

#include <QString>

#include <chrono>
#include <deque>
#include <optional>

namespace cdc::consumer {

class EventRate
{
public:
    // `window`: how far back the rate looks. `idleAfter`: a counter that has not moved for this long means
    // nothing flows (0 ev/s); longer than the counter's refresh interval.
    explicit EventRate(std::chrono::milliseconds window = std::chrono::seconds(30),
                       std::chrono::milliseconds idleAfter = std::chrono::seconds(15));

    // The counter's value at `atMs` (any clock, in ms, never going back). A value below the last one is
    // a new counter (a new run): what came before is forgotten.
    void add(qint64 atMs, qint64 count);
    void clear();

    // Events per second at `nowMs`; nullopt until it is known (one sample, younger than idleAfter).
    std::optional<double> perSecond(qint64 nowMs) const;

private:
    struct Point
    {
        qint64 atMs;
        qint64 count;
    };
    std::chrono::milliseconds m_window;
    std::chrono::milliseconds m_idleAfter;
    std::deque<Point> m_points; // the first sample, then each change of the counter
    qint64 m_lastSampleMs = 0;
};

// "0 ev/s", "3.5 ev/s", "120 ev/s", "12.3k ev/s": the words the node and the dock show.
QString eventRateText(double perSecond);

} // namespace cdc::consumer
