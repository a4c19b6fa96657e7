// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of TimeSeries: tiers, bucket aggregates, trimming by age, the tier a range reads, out-of-order
// samples, the memory 24 hours of 1 s samples cost (measured against the heap), and CSV export.
#include "lag/timeseries.h"

#include <QBuffer>
#include <QDateTime>
#include <QTest>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <new>

#if defined(__GLIBC__)
#include <malloc.h>

// Live heap bytes of this process, for checking memoryBytes() against what the allocator really holds.
namespace {
std::atomic<long long> g_heapBytes{0};
}

void *operator new(std::size_t size)
{
    void *p = std::malloc(size ? size : 1);
    if (!p)
        throw std::bad_alloc();
    g_heapBytes += static_cast<long long>(malloc_usable_size(p));
    return p;
}

void operator delete(void *p) noexcept
{
    if (!p)
        return;
    g_heapBytes -= static_cast<long long>(malloc_usable_size(p));
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    operator delete(p);
}
#endif

using namespace cdc::lag;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;

// One sample a second from `fromMs` (inclusive) to `toMs` (exclusive); the value is the second.
void fillSeconds(TimeSeries &series, qint64 fromMs, qint64 toMs)
{
    for (qint64 t = fromMs; t < toMs; t += kSecond)
        series.append(t, double(t / kSecond));
}

bool allRaw(const std::vector<TimeSeries::Point> &points)
{
    for (const auto &p : points)
        if (p.min != p.max || p.min != p.mean)
            return false;
    return true;
}

// The distance between neighbours when it is the same everywhere, else -1.
qint64 spacing(const std::vector<TimeSeries::Point> &points)
{
    if (points.size() < 2)
        return -1;
    const qint64 step = points[1].timeMs - points[0].timeMs;
    for (std::size_t i = 1; i < points.size(); ++i)
        if (points[i].timeMs - points[i - 1].timeMs != step)
            return -1;
    return step;
}

} // namespace

class TstTimeSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultTiersAreRawThenTenSecondsThenAMinute()
    {
        const auto tiers = TimeSeries::defaultTiers();
        QCOMPARE(tiers.size(), std::size_t(3));
        QCOMPARE(tiers[0].bucketMs, qint64(0));
        QCOMPARE(tiers[0].spanMs, 15 * kMinute);
        QCOMPARE(tiers[1].bucketMs, 10 * kSecond);
        QCOMPARE(tiers[1].spanMs, 6 * kHour);
        QCOMPARE(tiers[2].bucketMs, kMinute);
        QCOMPARE(tiers[2].spanMs, 24 * kHour);
    }

    void emptySeries()
    {
        TimeSeries series;
        QVERIFY(series.isEmpty());
        QVERIFY(!series.last());
        QVERIFY(series.range(0, 1'000'000).empty());
        QCOMPARE(series.pointCount(), qsizetype(0));
    }

    void rawSamplesKeepTheirValue()
    {
        TimeSeries series;
        series.append(1000, 5);
        series.append(2000, 7.5);
        series.append(2000, 6); // the same time is not older
        QVERIFY(!series.isEmpty());
        QCOMPARE(series.last()->timeMs, qint64(2000));
        QCOMPARE(series.last()->mean, 6.0);
        const auto points = series.range(0, 10'000);
        QCOMPARE(points.size(), std::size_t(3));
        QVERIFY(allRaw(points));
        QCOMPARE(points[0].timeMs, qint64(1000));
        QCOMPARE(points[0].mean, 5.0);
        QCOMPARE(points[1].max, 7.5);
        QCOMPARE(points[2].min, 6.0);
        // Every sample went into every tier: one raw point each, and one open bucket per coarser tier.
        QCOMPARE(series.pointCount(), qsizetype(3 + 1 + 1));
    }

    void bucketsAggregateMinMaxMean()
    {
        // Raw for 5 s, then 10 s buckets for an hour.
        TimeSeries series({{0, 5 * kSecond}, {10 * kSecond, kHour}});
        const double values[] = {4, 1, 9, 2, 4, 3, 8, 1, 2, 6, /* next bucket */ 10, 20, /* open */ -3};
        const qint64 times[] = {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9999, 10'000, 19'999, 20'500};
        for (std::size_t i = 0; i < std::size(values); ++i)
            series.append(times[i], values[i]);

        // The raw tier dropped what is older than 5 s, so a range from 0 reads the buckets.
        const auto points = series.range(0, 30'000);
        QCOMPARE(points.size(), std::size_t(3));
        QCOMPARE(points[0].timeMs, qint64(0));
        QCOMPARE(points[0].min, 1.0);
        QCOMPARE(points[0].max, 9.0);
        QCOMPARE(points[0].mean, 4.0);
        QCOMPARE(points[1].timeMs, qint64(10'000));
        QCOMPARE(points[1].min, 10.0);
        QCOMPARE(points[1].max, 20.0);
        QCOMPARE(points[1].mean, 15.0);
        // The open bucket is part of the range with what it holds so far.
        QCOMPARE(points[2].timeMs, qint64(20'000));
        QCOMPARE(points[2].min, -3.0);
        QCOMPARE(points[2].max, -3.0);
        QCOMPARE(points[2].mean, -3.0);

        // The last 5 s are still raw.
        const auto recent = series.range(16'000, 30'000);
        QCOMPARE(recent.size(), std::size_t(2));
        QVERIFY(allRaw(recent));
        QCOMPARE(recent[0].timeMs, qint64(19'999));
        QCOMPARE(recent[1].timeMs, qint64(20'500));
    }

    void trimsByAgeOfTheNewestSample()
    {
        TimeSeries series({{0, 10 * kSecond}, {10 * kSecond, 30 * kSecond}});
        fillSeconds(series, 0, 60 * kSecond); // 0 .. 59 s
        // Raw: newer than 59 s - 10 s, i.e. 50..59 s. Buckets: the ones ending after 29 s: 20, 30, 40, open 50.
        QCOMPARE(series.pointCount(), qsizetype(10 + 4));
        const auto raw = series.range(50 * kSecond, 60 * kSecond);
        QCOMPARE(raw.size(), std::size_t(10));
        QVERIFY(allRaw(raw));
        const auto buckets = series.range(0, 60 * kSecond);
        QCOMPARE(buckets.size(), std::size_t(4));
        QCOMPARE(buckets.front().timeMs, 20 * kSecond);
        QCOMPARE(buckets.back().timeMs, 50 * kSecond);
        QCOMPARE(buckets.front().mean, 24.5);

        // A gap: the next sample an hour later leaves one point per tier.
        series.append(kHour, 1);
        QCOMPARE(series.pointCount(), qsizetype(2));
        QCOMPARE(series.range(0, 2 * kHour).size(), std::size_t(1));
    }

    void rangePicksTheFinestTierThatCovers()
    {
        TimeSeries series;
        fillSeconds(series, 0, 7 * kHour);
        const qint64 now = series.last()->timeMs;

        // Ten minutes: raw, one point a second, both ends included.
        const auto tenMinutes = series.range(now - 10 * kMinute, now);
        QCOMPARE(tenMinutes.size(), std::size_t(601));
        QVERIFY(allRaw(tenMinutes));
        QCOMPARE(spacing(tenMinutes), kSecond);

        // An hour: the raw tier no longer reaches back that far; 10 s buckets do.
        const auto hour = series.range(now - kHour, now);
        QCOMPARE(spacing(hour), 10 * kSecond);
        QVERIFY(!allRaw(hour));
        QCOMPARE(hour.size(), std::size_t(360));

        // Six and a half hours: past the 10 s tier's span, so minutes.
        const auto long_ = series.range(now - 6 * kHour - 30 * kMinute, now);
        QCOMPARE(spacing(long_), kMinute);
        QCOMPARE(long_.back().timeMs, now / kMinute * kMinute); // the open bucket

        // Before anything was kept: the coarsest tier, with what it has.
        const auto everything = series.range(-kHour, now);
        QCOMPARE(spacing(everything), kMinute);
        QCOMPARE(everything.front().timeMs, qint64(0));
        QCOMPARE(everything.size(), std::size_t(7 * 60));

        // A young series holds everything in every tier: the raw tier answers even from before it began.
        TimeSeries young;
        fillSeconds(young, kHour, kHour + 5 * kMinute);
        const auto all = young.range(0, 2 * kHour);
        QCOMPARE(all.size(), std::size_t(300));
        QVERIFY(allRaw(all));

        QVERIFY(series.range(now, now - 1).empty());
    }

    void ignoresOutOfOrderSamples()
    {
        TimeSeries series;
        series.append(10'000, 1);
        series.append(11'000, 2);
        series.append(10'500, 100);
        series.append(9'000, 100);
        QCOMPARE(series.ignoredOutOfOrder(), qsizetype(2));
        QCOMPARE(series.last()->timeMs, qint64(11'000));
        QCOMPARE(series.last()->mean, 2.0);
        const auto points = series.range(0, 20'000);
        QCOMPARE(points.size(), std::size_t(2));
        QCOMPARE(points[1].max, 2.0);
        // Not a number is no sample.
        series.append(12'000, std::nan(""));
        QCOMPARE(series.last()->timeMs, qint64(11'000));
    }

    void dayOfSecondsStaysSmall()
    {
        const long long heapBefore = heapBytes();
        auto series = std::make_unique<TimeSeries>();
        fillSeconds(*series, 0, 26 * kHour);
        const long long heapUsed = heapBytes() - heapBefore; // the object itself included

        // 900 raw points, 2160 of 10 s and 1440 of a minute, plus two open buckets.
        QVERIFY2(series->pointCount() >= 900 + 2160 + 1440 && series->pointCount() <= 900 + 2161 + 1441,
                 qPrintable(QString::number(series->pointCount())));
        // 4.5k points of 32 bytes in deque blocks: about 155 KB, far below 1 MB.
        const std::size_t bytes = series->memoryBytes();
        QVERIFY2(bytes < 256 * 1024, qPrintable(QString::number(bytes)));
        QVERIFY2(bytes >= std::size_t(series->pointCount()) * sizeof(TimeSeries::Point),
                 qPrintable(QString::number(bytes)));

        // Another day costs nothing more.
        fillSeconds(*series, 26 * kHour, 50 * kHour);
        QVERIFY(series->memoryBytes() <= bytes + 4096);

        qInfo("24 h of 1 s samples: %lld points, %zu bytes estimated, %lld bytes on the heap",
              static_cast<long long>(series->pointCount()), bytes, heapUsed);
#if defined(__GLIBC__)
        // The estimate is within 15 % of what the heap holds.
        const double ratio = double(bytes) / double(heapUsed);
        QVERIFY2(ratio > 0.85 && ratio < 1.15,
                 qPrintable(QStringLiteral("estimate %1, heap %2").arg(bytes).arg(heapUsed)));
#else
        Q_UNUSED(heapUsed);
#endif
    }

    void writesCsv()
    {
        const qint64 start = QDateTime(QDate(2026, 11, 25), QTime(13, 0), Qt::UTC).toMSecsSinceEpoch();
        TimeSeries series({{0, kHour}, {10 * kSecond, kHour}});
        series.append(start, 1024);
        series.append(start + 1500, 0.1);
        series.append(start + 2 * kSecond, 12.5);

        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(series.writeCsv(&buffer, start, start + kMinute));
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.size(), qsizetype(5)); // header, three rows, and the empty rest after the last newline
        QCOMPARE(lines[0], QByteArray("time_iso,time_ms,min,max,mean"));
        const QByteArray t = QByteArray::number(start);
        const QByteArray row1 = "2026-11-25T13:00:00.000Z," + t + ",1024,1024,1024";
        const QByteArray row2 = "2026-11-25T13:00:01.500Z," + QByteArray::number(start + 1500) + ",0.1,0.1,0.1";
        const QByteArray row3 = "2026-11-25T13:00:02.000Z," + QByteArray::number(start + 2000) + ",12.5,12.5,12.5";
        QCOMPARE(lines[1], row1);
        QCOMPARE(lines[2], row2);
        QCOMPARE(lines[3], row3);
        QCOMPARE(lines[4], QByteArray());

        // Only the bucket tier reaches back before the raw samples: its aggregate.
        TimeSeries buckets({{0, kSecond}, {10 * kSecond, kHour}});
        buckets.append(start, 1);
        buckets.append(start + 5 * kSecond, 2);
        buckets.append(start + 9 * kSecond, 6);
        QBuffer coarse;
        QVERIFY(coarse.open(QIODevice::WriteOnly));
        QVERIFY(buckets.writeCsv(&coarse, start - kMinute, start + kMinute));
        const QByteArray aggregate = "time_iso,time_ms,min,max,mean\n2026-11-25T13:00:00.000Z," + t + ",1,6,3\n";
        QCOMPARE(coarse.data(), aggregate);

        // Empty: the header alone. Closed device: false.
        QBuffer empty;
        QVERIFY(empty.open(QIODevice::WriteOnly));
        QVERIFY(TimeSeries().writeCsv(&empty, 0, start));
        QCOMPARE(empty.data(), QByteArray("time_iso,time_ms,min,max,mean\n"));
        QBuffer closed;
        QVERIFY(!series.writeCsv(&closed, start, start + kMinute));
        QVERIFY(!series.writeCsv(nullptr, start, start + kMinute));
    }

private:
    static long long heapBytes()
    {
#if defined(__GLIBC__)
        return g_heapBytes.load();
#else
        return 0;
#endif
    }
};

QTEST_GUILESS_MAIN(TstTimeSeries)
#include "tst_timeseries.moc"
