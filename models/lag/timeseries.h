// SPDX-License-Identifier: GPL-3.0-or-later
// One series' samples in memory: raw for the last minutes, then coarser tiers (min/max/mean per
// bucket), so 24 hours of 1 s samples cost a small, fixed amount of memory. Export to CSV.
#pragma once

#include <QIODevice>
#include <QString>

#include <deque>
#include <limits>
#include <optional>
#include <vector>

namespace cdc::lag {

class TimeSeries
{
public:
    struct Tier
    {
        qint64 bucketMs; // 0 for raw samples
        qint64 spanMs;   // how far back this tier keeps
    };
    // raw for 15 min, 10 s buckets for 6 h, 60 s buckets for 24 h
    static std::vector<Tier> defaultTiers();

    struct Point
    {
        qint64 timeMs = 0; // a raw sample's time, or a bucket's start
        double min = 0;
        double max = 0;
        double mean = 0;
    };

    explicit TimeSeries(std::vector<Tier> tiers = defaultTiers());

    // Samples arrive in time order; an older one than the last is ignored (and counted). NaN and
    // infinite values are dropped.
    void append(qint64 timeMs, double value);
    // Points between the two times from the finest tier that still covers `fromMs` (it dropped nothing
    // from `fromMs` on, e.g. its oldest point is not after it), else the coarsest; includes the open bucket.
    std::vector<Point> range(qint64 fromMs, qint64 toMs) const;
    std::optional<Point> last() const;
    bool isEmpty() const;
    qsizetype ignoredOutOfOrder() const { return m_ignored; }
    std::size_t memoryBytes() const; // an estimate of the heap and object bytes, allocator overhead included
    qsizetype pointCount() const;    // over all tiers, open buckets included

    // "time_iso,time_ms,min,max,mean" rows for [fromMs, toMs] at the finest tier available.
    bool writeCsv(QIODevice *out, qint64 fromMs, qint64 toMs) const;

private:
    struct Level
    {
        Tier tier;
        std::deque<Point> points;
        std::optional<Point> open; // the bucket being filled
        qsizetype openCount = 0;
        qint64 droppedUntil = std::numeric_limits<qint64>::min(); // trimmed: it holds everything from here on
    };
    void add(Level &level, qint64 timeMs, double value, double min, double max);
    void trim(qint64 nowMs);

    const Level *levelFor(qint64 fromMs) const;

    std::vector<Level> m_levels; // finest first
    std::optional<Point> m_last; // the newest sample
    qsizetype m_ignored = 0;
};

} // namespace cdc::lag
