// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: replotting the Lag panel with a full day of samples. Six series (two PostgreSQL slots in
// bytes, two MySQL connectors in ms, two consumer groups in messages) get 24 h of 1 s samples each
// (86,400 a series), appended through LagMonitor into their TimeSeries. The real LagPanel (offscreen,
// 1200x700) then shows 24 h, 1 h and 5 min; each replot does what the panel's timer does — read the
// visible range of every series (TimeSeries::range picks the tier), load it into the charts, draw —
// and is timed with the drawing done synchronously (rpImmediateRefresh). As a reference in the same
// process: the same charts drawing all 86,400 raw samples of each series. Prints figures; asserts
// nothing about speed. The bar: a replot under 10 ms.
#include "lag/lagchart.h"
#include "lag/lagmonitor.h"
#include "lag/lagpanel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalBlocker>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace cdc;

namespace {

constexpr qint64 kSecond = 1000;
constexpr int kDaySeconds = 86'400;
constexpr int kReplots = 50;
constexpr int kWarmup = 5;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Percentiles
{
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> v)
{
    Percentiles p;
    if (v.empty())
        return p;
    std::sort(v.begin(), v.end());
    p.p50 = v[(v.size() - 1) / 2];
    p.p99 = v[std::size_t(double(v.size() - 1) * 0.99)];
    p.max = v.back();
    return p;
}

const lag::SeriesKey kSeries[] = {
    {QStringLiteral("pg-slot:outbox_postgres"),
     QStringLiteral("outbox_postgres"),
     lag::LagUnit::Bytes,
     QStringLiteral("postgres"),
     {}},
    {QStringLiteral("pg-slot:audit"), QStringLiteral("audit"), lag::LagUnit::Bytes, QStringLiteral("postgres"), {}},
    {QStringLiteral("mysql-ms:mysql-outbox"),
     QStringLiteral("mysql-outbox"),
     lag::LagUnit::Milliseconds,
     QStringLiteral("mysql"),
     {}},
    {QStringLiteral("mysql-ms:mariadb-orders"),
     QStringLiteral("mariadb-orders"),
     lag::LagUnit::Milliseconds,
     QStringLiteral("mysql"),
     {}},
    {QStringLiteral("group:unified-orders"), QStringLiteral("unified-orders"), lag::LagUnit::Messages, QString(), {}},
    {QStringLiteral("group:audit-sink"), QStringLiteral("audit-sink"), lag::LagUnit::Messages, QString(), {}},
};

// A day of lag that looks like lag: a noisy base, slow waves, and a few incidents over the thresholds.
double valueAt(int series, int second, std::mt19937 &random)
{
    std::normal_distribution<double> noise(0, 1);
    const double wave = 1 + 0.5 * std::sin(second / (900.0 + 300 * series));
    const bool incident = (second + series * 7000) % 21'600 < 600; // ten minutes every six hours
    switch (series / 2) {
    case 0: return std::max(0.0, (incident ? 1.3e9 : 40e6) * wave + 4e6 * noise(random));
    case 1: return std::max(0.0, (incident ? 75'000 : 1200) * wave + 200 * noise(random));
    default: return std::max(0.0, (incident ? 40'000 : 3000) * wave + 300 * noise(random));
    }
}

} // namespace

class BenchLagReplot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replotADayOfSamples()
    {
        lag::LagMonitor monitor;
        const qint64 end = QDateTime(QDate(2026, 11, 25), QTime(13, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 start = end - qint64(kDaySeconds - 1) * kSecond;

        // 24 h of 1 s samples a series, appended as a sampler would (through the monitor, in time order).
        std::mt19937 random(8);
        const qint64 appendStart = nowNs();
        for (int s = 0; s < kDaySeconds; ++s) {
            for (int k = 0; k < int(std::size(kSeries)); ++k)
                monitor.addSample(kSeries[k], start + s * kSecond, valueAt(k, s, random));
        }
        const double appendMs = double(nowNs() - appendStart) / 1e6;
        std::size_t memory = 0;
        for (const lag::SeriesKey &key : kSeries)
            memory += monitor.seriesData(key.id)->memoryBytes();

        ui::LagPanel panel(&monitor);
        panel.setClock([end] { return end; });
        panel.resize(1200, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.replotNow();
        QTest::qWait(200);
        const QList<ui::LagChart *> charts = panel.charts();
        QCOMPARE(charts.size(), 3);

        std::printf("data: %zu series x %d samples (1 s, 24 h) appended through LagMonitor/TimeSeries in %.0f ms "
                    "(%.2f us a sample); the series hold %.1f KiB\n",
                    std::size(kSeries), kDaySeconds, appendMs,
                    appendMs * 1000 / (double(std::size(kSeries)) * kDaySeconds), double(memory) / 1024);
        std::printf("panel: LagPanel 1200x700 offscreen, %lld charts of %dx%d, QCustomPlot %s, no OpenGL, pens of "
                    "width 1, no antialiasing\n",
                    static_cast<long long>(charts.size()), charts.front()->width(), charts.front()->height(),
                    QCUSTOMPLOT_VERSION_STR);

        struct Range
        {
            const char *name;
            qint64 spanMs;
        };
        const Range ranges[] = {
            {"24h", ui::LagPanel::kOneDayMs}, {"1h", ui::LagPanel::kOneHourMs}, {"5min", ui::LagPanel::kFiveMinutesMs}};
        QStringList summary;
        for (const Range &range : ranges) {
            panel.showLast(range.spanMs);
            QTest::qWait(50);
            std::vector<double> totalMs, readMs, drawMs;
            qsizetype points = 0;
            for (int i = 0; i < kWarmup + kReplots; ++i) {
                // What the panel's timer does in replotNow(), with the drawing made synchronous.
                const qint64 to = end - (i % 2) * kSecond; // a live window moving on
                const qint64 t0 = nowNs();
                for (ui::LagChart *chart : charts)
                    chart->load(monitor, to - range.spanMs, to);
                const qint64 t1 = nowNs();
                for (ui::LagChart *chart : charts)
                    chart->replot(QCustomPlot::rpImmediateRefresh);
                const qint64 t2 = nowNs();
                if (i < kWarmup)
                    continue;
                readMs.push_back(double(t1 - t0) / 1e6);
                drawMs.push_back(double(t2 - t1) / 1e6);
                totalMs.push_back(double(t2 - t0) / 1e6);
                points = 0;
                for (ui::LagChart *chart : charts)
                    points += chart->loadedPoints();
            }
            const Percentiles total = percentiles(totalMs);
            const Percentiles read = percentiles(readMs);
            const Percentiles draw = percentiles(drawMs);
            std::printf("range %-4s: %lld points on screen (all series); range()+load p50=%.2f p99=%.2f ms, draw "
                        "p50=%.2f p99=%.2f ms, replot p50=%.2f p99=%.2f max=%.2f ms (n=%d)\n",
                        range.name, static_cast<long long>(points), read.p50, read.p99, draw.p50, draw.p99, total.p50,
                        total.p99, total.max, kReplots);
            summary << QStringLiteral("replot_ms_p50=%1 replot_ms_p99=%2 range=%3 series=%4")
                           .arg(total.p50, 0, 'f', 2)
                           .arg(total.p99, 0, 'f', 2)
                           .arg(QLatin1String(range.name))
                           .arg(std::size(kSeries));
            QVERIFY(points > 0);
        }

        // Reference: the same three charts showing the whole day from every raw sample (86,400 points a
        // line), as a chart without tiers would.
        panel.setPaused(true);
        std::mt19937 again(8);
        std::vector<QVector<double>> values(std::size(kSeries));
        QVector<double> keys;
        for (int s = 0; s < kDaySeconds; ++s) {
            keys << ui::LagChart::keyFor(start + s * kSecond);
            for (int k = 0; k < int(std::size(kSeries)); ++k)
                values[std::size_t(k)] << valueAt(k, s, again);
        }
        for (int k = 0; k < int(std::size(kSeries)); ++k) {
            QCPGraph *graph = panel.chart(kSeries[k].unit)->graphFor(kSeries[k].id);
            graph->data()->clear();
            graph->addData(keys, values[std::size_t(k)], true);
        }
        for (ui::LagChart *chart : charts) {
            const QSignalBlocker blocker(chart->xAxis); // the whole day, as a setting of ours, not a user's zoom
            chart->xAxis->setRange(ui::LagChart::keyFor(start), ui::LagChart::keyFor(end));
        }
        std::vector<double> rawMs;
        for (int i = 0; i < kWarmup + 20; ++i) {
            const qint64 t0 = nowNs();
            for (ui::LagChart *chart : charts)
                chart->replot(QCustomPlot::rpImmediateRefresh);
            if (i >= kWarmup)
                rawMs.push_back(double(nowNs() - t0) / 1e6);
        }
        const Percentiles raw = percentiles(rawMs);
        std::printf("reference: the same charts with every raw sample (%d points a line, adaptive sampling on): draw "
                    "p50=%.2f p99=%.2f ms (n=20)\n",
                    kDaySeconds, raw.p50, raw.p99);
        QFile loadavg(QStringLiteral("/proc/loadavg"));
        std::printf("load average (1 min) at the end: %s\n",
                    loadavg.open(QIODevice::ReadOnly) ? loadavg.readAll().split(' ').value(0).constData() : "?");
        for (const QString &line : std::as_const(summary))
            std::printf("%s\n", qPrintable(line));
        std::fflush(stdout);
    }
};

QTEST_MAIN(BenchLagReplot)
#include "bench_lagreplot.moc"
