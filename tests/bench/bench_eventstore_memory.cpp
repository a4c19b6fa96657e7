// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: the event store's memory for a million ~1 KB events (ingested as the consumer thread
// ingests them) measured as resident memory against the raw bytes it must hold, then a second million
// to show the bounded store stays flat. Prints the figures; asserts only that the store holds what it should.
#include "support/samplemessages.h"

#include "stream/eventingest.h"
#include "stream/eventstore.h"
#include "stream/sourcerouting.h"

#include <QFile>
#include <QTest>

#include <malloc.h>
#include <unistd.h>

#include <cstdio>

using namespace cdc::stream;

namespace {

constexpr qsizetype kEvents = 1'000'000;
constexpr int kBatch = 10'000;

// Resident memory in bytes, after giving freed heap back to the system (so that freed generator
// memory does not count against the store).
qint64 residentBytes()
{
    malloc_trim(0);
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

// Appends `count` events starting at message `first`, generated and ingested a batch at a time.
void fill(EventIngest &ingest, EventStore &store, int first, qsizetype count)
{
    for (qsizetype done = 0; done < count; done += kBatch) {
        const auto messages = cdc::testsupport::sampleMessages(kBatch, 1000, first + int(done));
        store.append(ingestMessages(ingest, messages, 1764000000000 + done));
    }
}

double megabytes(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

} // namespace

class BenchEventStoreMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void millionEventsThenAnother()
    {
        EventStore store(EventStore::kDefaultCapacity);
        EventIngest ingest(SourceRouting{}, store.sharedStrings());
        // Warm the allocator and the decoder with a batch that is then dropped.
        fill(ingest, store, 0, kBatch);
        store.clear();
        const qint64 before = residentBytes();

        fill(ingest, store, 0, kEvents);
        const qint64 after = residentBytes();
        QCOMPARE(store.size(), kEvents);
        const qint64 raw = store.rawBytes();
        QVERIFY(raw > kEvents * 900);
        const double overhead = double((after - before) - raw) / double(kEvents);
        std::printf("RSS measured from /proc/self/statm after malloc_trim(0)\n");
        std::printf("events=%lld raw_bytes_MB=%.1f rss_growth_MB=%.1f rss_over_raw=%.3f\n",
                    static_cast<long long>(store.size()), megabytes(raw), megabytes(after - before),
                    double(after - before) / double(raw));
        std::printf("overhead_bytes_per_event=%.1f (bar: <= 200; the record itself is %zu bytes)\n", overhead,
                    sizeof(EventRecord));

        fill(ingest, store, int(kEvents), kEvents);
        const qint64 second = residentBytes();
        // Bounded: whole segments are dropped from the front, so it holds at most the capacity.
        QVERIFY(store.size() <= kEvents && store.size() > kEvents - 2 * qsizetype(EventStore::kDefaultSegmentSize));
        QCOMPARE(store.endSequence(), quint64(kBatch + 2 * kEvents));
        std::printf("after the second million: rss_MB=%.1f (was %.1f) store_events=%lld\n", megabytes(second),
                    megabytes(after), static_cast<long long>(store.size()));
        std::printf("rss_growth_after_second_million_MB=%.1f\n", megabytes(second - after));
        std::fflush(stdout);
    }
};

QTEST_GUILESS_MAIN(BenchEventStoreMemory)
#include "bench_eventstore_memory.moc"
