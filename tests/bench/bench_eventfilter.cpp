// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: the viewer's query language over one million ~1 KB events (outbox events from both
// databases and some change events), next to a plain memmem scan of the same bytes in the same process.
// Prints one line per query with its matches, time and the ratio to the scan; asserts nothing about speed.
#include "stream/eventingest.h"
#include "stream/eventquery.h"
#include "stream/eventstore.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <cstring>

using namespace cdc::stream;

namespace {

constexpr int kEvents = 1'000'000;
constexpr int kBatch = 10'000;

// Like bench_eventdecoder's generator: 3/4 outbox events (alternately PostgreSQL and MySQL), 1/4 change events.
std::vector<KafkaMessage> generate(int first, int count)
{
    std::vector<KafkaMessage> out;
    out.reserve(std::size_t(count));
    const QByteArray filler(700, 'x');
    for (int i = first; i < first + count; ++i) {
        const bool postgres = i % 2 == 0;
        KafkaMessage m;
        m.partition = i % 3;
        m.offset = i;
        m.key = QByteArray::number(i % 5000);
        if (i % 4 < 3) {
            m.topic = postgres ? "outbox.event.postgres.order" : "outbox.event.mysql.order";
            m.headers = {{"id", QByteArray::number(i)}, {"eventType", i % 3 ? "OrderCreated" : "PaymentReceived"}};
            m.value = "{\"orderId\":" + m.key + ",\"customer\":\"customer-" + QByteArray::number(i % 97) +
                      "\",\"total\":" + QByteArray::number(i % 1000) +
                      ".50,\"lines\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-7\",\"qty\":1}],\"note\":\"" + filler +
                      "\"}";
        } else {
            m.topic = postgres ? "pg.public.orders" : "mysql.capstone.orders";
            m.value = "{\"before\":null,\"after\":{\"id\":" + m.key +
                      ",\"customer\":\"c\",\"total\":" + QByteArray::number(i % 300) + ",\"note\":\"" + filler +
                      "\"},\"source\":{\"version\":\"3.5.0.Final\",\"connector\":\"" +
                      (postgres ? "postgresql" : "mariadb") +
                      "\",\"name\":\"x\",\"ts_ms\":1764000000000,\"db\":\"capstone\",\"schema\":\"public\",\"table\":"
                      "\"orders\"},\"op\":\"" +
                      (i % 8 == 3 ? "c" : "u") + "\",\"ts_ms\":1764000000100}";
        }
        out.push_back(std::move(m));
    }
    return out;
}

double bestMs(int runs, const std::function<void()> &work)
{
    double best = 1e18;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer clock;
        clock.start();
        work();
        best = std::min(best, double(clock.nsecsElapsed()) / 1e6);
    }
    return best;
}

} // namespace

class BenchEventFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queriesOverAMillionEvents()
    {
        EventStore store(kEvents);
        store.setCapacity(kEvents);
        EventIngest ingest(SourceRouting{}, store.sharedStrings());
        for (int first = 0; first < kEvents; first += kBatch)
            store.append(ingestMessages(ingest, generate(first, kBatch)));
        QCOMPARE(store.size(), qsizetype(kEvents));
        const EventSnapshot snapshot = store.snapshot();

        // The reference: one thread, memmem over every event's key and value for a fixed needle.
        const char needle[] = "customer-42\"";
        qsizetype referenceMatches = 0;
        const double referenceMs = bestMs(3, [&] {
            referenceMatches = 0;
            for (qsizetype row = 0; row < snapshot.size(); ++row) {
                const EventRecord &r = snapshot.at(row).record();
                referenceMatches +=
                    memmem(r.bytes, std::size_t(r.keyLength) + r.valueLength, needle, sizeof needle - 1) != nullptr;
            }
        });
        std::printf("machine: %d cores, %d events of %.0f bytes on average; reference memmem(\"%s\") matches=%lld "
                    "reference_ms=%.1f\n",
                    QThread::idealThreadCount(), kEvents, double(store.rawBytes()) / kEvents, needle,
                    qint64(referenceMatches), referenceMs);

        for (const char *text :
             {"source:mysql op:c", "type:Order* payload.total>100", "\"customer-42\"", "payload.total>100",
              "key:MY-42 OR header.id:4242", "-kind:outbox payload.customer:c after.id<100",
              "source:mysql op:u type:Order* key:PG-42 payload.total>100 \"free text\""}) {
            const auto query = EventQuery::parse(QString::fromUtf8(text));
            QVERIFY2(query.ok(), text);
            std::size_t matches = 0;
            const double ms =
                bestMs(3, [&] { matches = matchingSequences(snapshot, query.value(), 0, snapshot.size()).size(); });
            const double oneThreadMs = bestMs(1, [&] {
                QCOMPARE(matchingSequences(snapshot, query.value(), 0, snapshot.size(), 1).size(), matches);
            });
            std::printf("query=\"%s\" matches=%zu ms=%.1f one_thread_ms=%.1f reference_ms=%.1f ratio=%.2f\n", text,
                        matches, ms, oneThreadMs, referenceMs, ms / referenceMs);
            std::fflush(stdout);
        }
    }
};

QTEST_GUILESS_MAIN(BenchEventFilter)
#include "bench_eventfilter.moc"
