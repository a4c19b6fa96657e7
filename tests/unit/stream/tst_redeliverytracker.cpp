// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of RedeliveryTracker: an outbox id seen before for the same source and topic is a redelivery,
// and the memory stays bounded (the oldest ids are forgotten, the table never grows).
#include "stream/redeliverytracker.h"

#include <QRandomGenerator>
#include <QTest>

#include <string>
#include <vector>

using namespace cdc::stream;

class TstRedeliveryTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anIdSeenBeforeIsARedelivery()
    {
        RedeliveryTracker tracker;
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 1, "a1"));
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 1, "a2"));
        QVERIFY(tracker.seenBefore(SourceTag::Postgres, 1, "a1"));
        QVERIFY(tracker.seenBefore(SourceTag::Postgres, 1, "a1")); // and again
        QCOMPARE(tracker.remembered(SourceTag::Postgres), std::size_t(2));
    }

    void sourcesAndTopicsKeepTheirOwnIds()
    {
        RedeliveryTracker tracker;
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 1, "7"));
        QVERIFY(!tracker.seenBefore(SourceTag::MySql, 1, "7"));    // the other database's row 7
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 2, "7")); // the unified topic repeats the outbox id
        QVERIFY(tracker.seenBefore(SourceTag::MySql, 1, "7"));
        QCOMPARE(tracker.remembered(SourceTag::Postgres), std::size_t(2));
        QCOMPARE(tracker.remembered(SourceTag::MySql), std::size_t(1));
        QCOMPARE(tracker.remembered(SourceTag::Unknown), std::size_t(0));
        QCOMPARE(tracker.bytes(SourceTag::Unknown), std::size_t(0)); // nothing allocated before the first id
    }

    void anEmptyIdIsNeverARedelivery()
    {
        RedeliveryTracker tracker;
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 1, ""));
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 1, ""));
        QCOMPARE(tracker.remembered(SourceTag::Postgres), std::size_t(0));
    }

    void theOldestIdsAreForgottenFirst()
    {
        RedeliveryTracker tracker(3);
        for (const char *id : {"a", "b", "c", "d"}) // d pushes a out
            QVERIFY(!tracker.seenBefore(SourceTag::MySql, 1, id));
        QCOMPARE(tracker.remembered(SourceTag::MySql), std::size_t(3));
        QVERIFY(tracker.seenBefore(SourceTag::MySql, 1, "b"));
        QVERIFY(tracker.seenBefore(SourceTag::MySql, 1, "d"));
        QVERIFY(!tracker.seenBefore(SourceTag::MySql, 1, "a")); // forgotten; now remembered again, b goes
        QVERIFY(!tracker.seenBefore(SourceTag::MySql, 1, "b"));
        QVERIFY(tracker.seenBefore(SourceTag::MySql, 1, "a"));
        QCOMPARE(tracker.remembered(SourceTag::MySql), std::size_t(3));
    }

    void memoryStaysBoundedAndLookupsStayRight()
    {
        // Many more ids than the capacity, in a table small enough that probes wrap and entries shift
        // back on every eviction: the last `capacity` ids are all remembered, none before them is.
        constexpr std::size_t kCapacity = 1000;
        RedeliveryTracker tracker(kCapacity);
        QCOMPARE(tracker.capacityPerSource(), kCapacity);
        std::vector<std::string> ids;
        QRandomGenerator random(42);
        for (int i = 0; i < 50000; ++i)
            ids.push_back(std::to_string(random.generate64()));
        std::size_t bytesAfterFirst = 0;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 3, ids[i]));
            if (i == 0)
                bytesAfterFirst = tracker.bytes(SourceTag::Postgres);
        }
        // The bound: a ring of 1,000 hashes and a table of 2,048 slots, 8 bytes each, from the first id on.
        QCOMPARE(bytesAfterFirst, (kCapacity + 2048) * sizeof(quint64));
        QCOMPARE(tracker.bytes(SourceTag::Postgres), bytesAfterFirst);
        QCOMPARE(tracker.remembered(SourceTag::Postgres), kCapacity);
        // Probing changes nothing for the remembered ones; check them before any forgotten one is re-added.
        int remembered = 0;
        for (std::size_t i = ids.size() - kCapacity; i < ids.size(); ++i)
            remembered += tracker.seenBefore(SourceTag::Postgres, 3, ids[i]);
        QCOMPARE(remembered, int(kCapacity));
        int forgotten = 0;
        for (std::size_t i = ids.size() - 2 * kCapacity; i < ids.size() - kCapacity; ++i)
            forgotten += !tracker.seenBefore(SourceTag::Postgres, 3, ids[i]);
        QCOMPARE(forgotten, int(kCapacity));
        QCOMPARE(tracker.remembered(SourceTag::Postgres), kCapacity);
    }

    void clearForgetsEverything()
    {
        RedeliveryTracker tracker(10);
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 1, "x"));
        tracker.clear();
        QCOMPARE(tracker.bytes(SourceTag::Postgres), std::size_t(0));
        QVERIFY(!tracker.seenBefore(SourceTag::Postgres, 1, "x"));
    }
};

QTEST_GUILESS_MAIN(TstRedeliveryTracker)
#include "tst_redeliverytracker.moc"
