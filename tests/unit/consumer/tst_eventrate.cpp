// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the unified consumer's event rate: an exact counter, a counter Flink's metrics refresh in steps
// of 10 s, a counter that stops, a new run, and the words the node and the dock show.
#include "consumer/eventrate.h"

#include <QTest>

using cdc::consumer::EventRate;
using cdc::consumer::eventRateText;

class TstEventRate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unknownUntilTwoValuesThenZeroWhenNothingMoves()
    {
        EventRate rate(std::chrono::seconds(10), std::chrono::seconds(3));
        QVERIFY(!rate.perSecond(0));
        rate.add(1000, 0);
        QVERIFY(!rate.perSecond(1000));
        rate.add(2000, 0);
        QVERIFY(!rate.perSecond(2000));
        rate.add(4000, 0);
        QCOMPARE(rate.perSecond(4000), std::optional<double>(0.0)); // 3 s without a change
    }

    void anExactCounterGivesItsRateOverTheWindow()
    {
        EventRate rate(std::chrono::seconds(10), std::chrono::seconds(3));
        for (int s = 0; s <= 30; ++s)
            rate.add(s * 1000, qint64(s) * 120);
        QCOMPARE(*rate.perSecond(30000), 120.0);
        // Faster for the last 10 s: the rate follows within the window, not the whole run's average.
        for (int s = 31; s <= 45; ++s)
            rate.add(s * 1000, 30 * 120 + qint64(s - 30) * 500);
        QCOMPARE(*rate.perSecond(45000), 500.0);
    }

    // Flink's read-records comes from its metric fetcher, refreshed every ~10 s: polled each second, the
    // counter stands still for 9 polls and jumps on the 10th. The rate is still exact, not 0 and not 10×.
    void aCounterRefreshedInStepsGivesTheTrueRate()
    {
        EventRate rate(std::chrono::seconds(30), std::chrono::seconds(25));
        const double truth = 80;
        std::optional<double> seen;
        for (int s = 0; s <= 60; ++s) {
            const int refreshedAt = (s / 10) * 10;
            rate.add(s * 1000, qint64(refreshedAt * truth));
            if (s >= 20) {
                seen = rate.perSecond(s * 1000);
                QVERIFY2(seen && qAbs(*seen - truth) < 0.01, qPrintable(QString::number(seen.value_or(-1))));
            }
        }
    }

    void aCounterThatStopsGoesToZeroAfterTheIdleTime()
    {
        EventRate rate(std::chrono::seconds(10), std::chrono::seconds(3));
        for (int s = 0; s <= 10; ++s)
            rate.add(s * 1000, qint64(s) * 50);
        QCOMPARE(*rate.perSecond(10000), 50.0);
        rate.add(11000, 500);
        rate.add(12000, 500);
        QCOMPARE(*rate.perSecond(12000), 50.0); // 2 s still: it may be a pause between polls
        rate.add(13000, 500);
        QCOMPARE(*rate.perSecond(13000), 0.0);
    }

    // A burst after a long quiet spell: the rate is the burst's, not averaged over the quiet time.
    void aBurstAfterAQuietSpellIsMeasuredFromWhenItStarted()
    {
        EventRate rate(std::chrono::seconds(30), std::chrono::seconds(5));
        for (int s = 0; s <= 100; ++s)
            rate.add(s * 1000, 40);
        QCOMPARE(*rate.perSecond(100000), 0.0);
        rate.add(101000, 240);
        QCOMPARE(*rate.perSecond(101000), 200.0);
        rate.add(102000, 440);
        QCOMPARE(*rate.perSecond(102000), 200.0);
    }

    void aSmallerCountIsANewRun()
    {
        EventRate rate(std::chrono::seconds(10), std::chrono::seconds(3));
        rate.add(0, 1000);
        rate.add(1000, 2000);
        QCOMPARE(*rate.perSecond(1000), 1000.0);
        rate.add(2000, 10);
        QVERIFY(!rate.perSecond(2000));
        rate.add(3000, 30);
        QCOMPARE(*rate.perSecond(3000), 20.0);
        rate.clear();
        QVERIFY(!rate.perSecond(3000));
    }

    void words()
    {
        QCOMPARE(eventRateText(0), QStringLiteral("0 ev/s"));
        QCOMPARE(eventRateText(3.46), QStringLiteral("3.5 ev/s"));
        QCOMPARE(eventRateText(120.4), QStringLiteral("120 ev/s"));
        QCOMPARE(eventRateText(9999.4), QStringLiteral("9999 ev/s"));
        QCOMPARE(eventRateText(12345), QStringLiteral("12.3k ev/s"));
    }
};

QTEST_GUILESS_MAIN(TstEventRate)
#include "tst_eventrate.moc"
