// SPDX-License-Identifier: GPL-3.0-or-later
// Tiered sample storage: raw points, then min/max/mean buckets, trimmed by age; range queries and CSV.
#include "lag/timeseries.h"

#include <QByteArray>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <algorithm>
#include <cmath>

namespace cdc::lag {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;

// The start of the bucket `timeMs` falls into, also before the epoch.
qint64 bucketStart(qint64 timeMs, qint64 bucketMs)
{
    qint64 q = timeMs / bucketMs;
    if (timeMs % bucketMs != 0 && timeMs < 0)
        --q;
    return q * bucketMs;
}

// The standard library's deque allocates fixed blocks (libstdc++: 512 bytes; libc++: 4096) and a map of
// block pointers; malloc adds a header to each allocation.
#if defined(__GLIBCXX__)
constexpr std::size_t kDequeBlockBytes = 512;
#else
constexpr std::size_t kDequeBlockBytes = 4096;
#endif
constexpr std::size_t kMallocOverhead = 16;

template<typename T>
std::size_t dequeHeapBytes(std::size_t size)
{
    const std::size_t perBlock = std::max<std::size_t>(1, kDequeBlockBytes / sizeof(T));
    const std::size_t blockBytes = std::max(kDequeBlockBytes, sizeof(T));
    // One block is always allocated, often part-filled; the map of blocks grows ahead of use.
    const std::size_t blocks = size / perBlock + 1;
    const std::size_t mapSlots = std::max<std::size_t>(8, 2 * blocks + 2);
    return blocks * (blockBytes + kMallocOverhead) + mapSlots * sizeof(void *) + kMallocOverhead;
}

QByteArray csvNumber(double value)
{
    return QString::number(value, 'f', QLocale::FloatingPointShortest).toLatin1();
}

} // namespace

std::vector<TimeSeries::Tier> TimeSeries::defaultTiers()
{
    return {{0, 15 * kMinute}, {10 * kSecond, 6 * kHour}, {kMinute, 24 * kHour}};
}

TimeSeries::TimeSeries(std::vector<Tier> tiers)
{
    std::stable_sort(tiers.begin(), tiers.end(), [](const Tier &a, const Tier &b) { return a.bucketMs < b.bucketMs; });
    m_levels.reserve(tiers.size());
    for (const Tier &tier : tiers) {
        Level level;
        level.tier = tier;
        m_levels.push_back(std::move(level));
    }
}

void TimeSeries::append(qint64 timeMs, double value)
{
    if (!std::isfinite(value))
        return;
    if (m_last && timeMs < m_last->timeMs) {
        ++m_ignored;
        return;
    }
    for (Level &level : m_levels)
        add(level, timeMs, value, value, value);
    m_last = Point{timeMs, value, value, value};
    trim(timeMs);
}

void TimeSeries::add(Level &level, qint64 timeMs, double value, double min, double max)
{
    if (level.tier.bucketMs <= 0) {
        level.points.push_back(Point{timeMs, min, max, value});
        return;
    }
    const qint64 start = bucketStart(timeMs, level.tier.bucketMs);
    if (level.open && level.open->timeMs == start) {
        Point &bucket = *level.open;
        bucket.min = std::min(bucket.min, min);
        bucket.max = std::max(bucket.max, max);
        ++level.openCount;
        bucket.mean += (value - bucket.mean) / double(level.openCount);
        return;
    }
    if (level.open)
        level.points.push_back(*level.open);
    level.open = Point{start, min, max, value};
    level.openCount = 1;
}

void TimeSeries::trim(qint64 nowMs)
{
    for (Level &level : m_levels) {
        const qint64 cutoff = nowMs - level.tier.spanMs;
        const qint64 width = std::max<qint64>(level.tier.bucketMs, 0);
        // A raw point at the cutoff is gone (15 min of 1 s samples are 900 points); a bucket goes once
        // all of it is older than the span.
        while (!level.points.empty() && level.points.front().timeMs + width <= cutoff) {
            level.droppedUntil = level.points.front().timeMs + std::max<qint64>(width, 1);
            level.points.pop_front();
        }
    }
}

const TimeSeries::Level *TimeSeries::levelFor(qint64 fromMs) const
{
    if (m_levels.empty())
        return nullptr;
    // Covering means nothing at or after `fromMs` was trimmed: with samples every second the same as
    // "its oldest point is not after `fromMs`", and right for sparse samples and young series too.
    for (const Level &level : m_levels) {
        if (level.droppedUntil <= fromMs)
            return &level;
    }
    return &m_levels.back();
}

std::vector<TimeSeries::Point> TimeSeries::range(qint64 fromMs, qint64 toMs) const
{
    std::vector<Point> out;
    const Level *level = levelFor(fromMs);
    if (!level || fromMs > toMs)
        return out;
    const auto byTime = [](const Point &p, qint64 t) { return p.timeMs < t; };
    auto it = std::lower_bound(level->points.begin(), level->points.end(), fromMs, byTime);
    for (; it != level->points.end() && it->timeMs <= toMs; ++it)
        out.push_back(*it);
    if (level->open && level->open->timeMs >= fromMs && level->open->timeMs <= toMs)
        out.push_back(*level->open);
    return out;
}

std::optional<TimeSeries::Point> TimeSeries::last() const
{
    return m_last;
}

bool TimeSeries::isEmpty() const
{
    return !m_last.has_value();
}

qsizetype TimeSeries::pointCount() const
{
    qsizetype count = 0;
    for (const Level &level : m_levels)
        count += qsizetype(level.points.size()) + (level.open ? 1 : 0);
    return count;
}

std::size_t TimeSeries::memoryBytes() const
{
    std::size_t bytes = sizeof(TimeSeries);
    if (m_levels.capacity() > 0)
        bytes += m_levels.capacity() * sizeof(Level) + kMallocOverhead;
    for (const Level &level : m_levels)
        bytes += dequeHeapBytes<Point>(level.points.size());
    return bytes;
}

bool TimeSeries::writeCsv(QIODevice *out, qint64 fromMs, qint64 toMs) const
{
    if (!out || !out->isWritable())
        return false;
    const std::vector<Point> points = range(fromMs, toMs);
    QByteArray csv;
    csv.reserve(qsizetype(points.size() + 1) * 80);
    csv += "time_iso,time_ms,min,max,mean\n";
    for (const Point &p : points) {
        csv += QDateTime::fromMSecsSinceEpoch(p.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        csv += ',' + QByteArray::number(p.timeMs) + ',' + csvNumber(p.min) + ',' + csvNumber(p.max) + ',' +
               csvNumber(p.mean) + '\n';
    }
    return out->write(csv) == csv.size();
}

} // namespace cdc::lag
