// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the live path's core: ingest (bytes, tags, ids), the bounded store, snapshots, the merge
// orders and source routing from the project's topology.
#include "support/samplemessages.h"

#include "stream/eventingest.h"
#include "stream/eventmerger.h"
#include "stream/eventstore.h"
#include "stream/sourcerouting.h"
#include "topology/templates.h"
#include "topology/topologymodel.h"

#include <QTest>

using namespace cdc;
using namespace cdc::stream;
using cdc::testsupport::sampleMessage;
using cdc::testsupport::sampleMessages;

namespace {

PendingEvent timed(EventIngest &ingest, qint64 sourceTs, qint64 arrival, int tag)
{
    KafkaMessage m = sampleMessage(tag);
    m.key = QByteArray::number(tag);
    std::vector<RawHeader> headers;
    PendingEvent e = ingest.ingest(rawView(m, headers), arrival);
    e.record.sourceTsMs = sourceTs;
    return e;
}

QList<QByteArray> keys(const EventBatch &batch)
{
    QList<QByteArray> out;
    for (const PendingEvent &e : batch)
        out << QByteArray(e.record.key(), e.record.keyLength);
    return out;
}

} // namespace

class TstEventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ingestKeepsBytesAndDecodes()
    {
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        KafkaMessage m = sampleMessage(1); // MySQL outbox
        m.headers.push_back({"nullable", QByteArray()});
        std::vector<RawHeader> headers;
        RawMessage raw = rawView(m, headers);
        headers.back().value = nullptr; // a null header value
        const PendingEvent e = ingest.ingest(raw, 1234);
        const EventView v(&e.record, strings.get(), 0);
        QCOMPARE(v.key(), QByteArrayView(m.key));
        QCOMPARE(v.value(), QByteArrayView(*m.value));
        QCOMPARE(v.topic(), QStringLiteral("outbox.event.mysql.order"));
        QCOMPARE(v.entity(), QStringLiteral("order"));
        QCOMPARE(v.eventType(), QStringLiteral("OrderCreated"));
        QCOMPARE(v.compositeKey(), QStringLiteral("MY-0"));
        QCOMPARE(e.record.source, SourceTag::MySql);
        QCOMPARE(e.record.arrivalMs, 1234);
        QVERIFY(v.summary().startsWith(QStringLiteral("{\"orderId\":0,\"customer\":\"customer-1\"")));
        const auto hs = v.headers();
        QCOMPARE(hs.size(), std::size_t(3));
        QCOMPARE(hs[1].first, QByteArray("eventType"));
        QCOMPARE(hs[1].second, std::optional<QByteArray>("OrderCreated"));
        QCOMPARE(hs[2].second, std::optional<QByteArray>());
        QCOMPARE(v.header("id"), std::optional<QByteArray>("1"));
        QCOMPARE(v.header("missing"), std::optional<QByteArray>());
    }

    void changeEventKeysGiveTheRowId()
    {
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        const EventBatch batch = ingestMessages(ingest, {sampleMessage(2), sampleMessage(7)});
        const EventView pg(&batch[0].record, strings.get(), 0);
        const EventView my(&batch[1].record, strings.get(), 1);
        QCOMPARE(pg.record().kind, EventKind::Change);
        QCOMPARE(pg.record().op, 'u');
        QCOMPARE(pg.compositeKey(), QStringLiteral("PG-1"));
        QCOMPARE(pg.entity(), QStringLiteral("public.orders"));
        QCOMPARE(my.compositeKey(), QStringLiteral("MY-3"));
        QCOMPARE(my.entity(), QStringLiteral("capstone.orders"));
        QCOMPARE(my.record().sourceTsMs, 1764000000007);
    }

    void routingOverridesTheEventsOwnSource()
    {
        auto strings = std::make_shared<StringTable>();
        SourceRouting routing;
        routing.addRoute(QStringLiteral("^mysql\\.capstone\\..*"), SourceTag::Postgres); // deliberately odd
        EventIngest ingest(routing, strings);
        const EventBatch batch = ingestMessages(ingest, {sampleMessage(7), sampleMessage(5)});
        QCOMPARE(batch[0].record.source, SourceTag::Postgres); // routed
        QCOMPARE(batch[1].record.source, SourceTag::MySql);    // outbox topic, not routed: its name
    }

    void aRoutedTopicOfAnyNameCarriesOutboxEvents()
    {
        // Regression: outbox events were told apart by the outbox.event. prefix alone, so a routed
        // topic with another name showed them as undecodable.
        auto strings = std::make_shared<StringTable>();
        SourceRouting routing;
        routing.addRoute(QStringLiteral("^orders\\.events$"), SourceTag::MySql);
        EventIngest ingest(routing, strings);
        KafkaMessage m = sampleMessage(0);
        m.topic = "orders.events";
        const EventBatch batch = ingestMessages(ingest, {m});
        const EventView v(&batch[0].record, strings.get(), 0);
        QCOMPARE(v.record().kind, EventKind::Outbox);
        QCOMPARE(v.record().source, SourceTag::MySql);
        QCOMPARE(v.compositeKey(), QStringLiteral("MY-0"));
        QCOMPARE(v.eventType(), QStringLiteral("OrderPaid"));
    }

    void routingFromTheCapstoneTopology()
    {
        topology::TopologyModel model;
        const auto project = topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        QVERIFY(model.reset(project.value().nodes, project.value().edges).ok());
        SourceRouting routing = SourceRouting::fromTopology(model);
        QVERIFY(!routing.isEmpty());
        QCOMPARE(routing.route("outbox.event.postgres.order"), SourceTag::Postgres);
        QCOMPARE(routing.route("outbox.event.mysql.invoice"), SourceTag::MySql);
        QCOMPARE(routing.route("other.topic"), SourceTag::Unknown);
        QCOMPARE(routing.route("outbox.event.postgres.order"), SourceTag::Postgres); // cached
    }

    void redeliveredOutboxEventsAreMarked()
    {
        // Debezium delivers at least once: after a broker crash it sends outbox rows again, with the
        // same `id` header. Only a repeat of an id from the same source is a redelivery.
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        auto outbox = [](const char *topic, const QByteArray &id, int order) {
            KafkaMessage m;
            m.topic = topic;
            m.key = QByteArray::number(order);
            m.value = "{\"orderId\":" + m.key + "}";
            m.headers = {{"id", id}, {"eventType", "OrderCreated"}};
            return m;
        };
        const EventBatch batch = ingestMessages(
            ingest, {outbox("outbox.event.postgres.order", "e-1", 1), outbox("outbox.event.postgres.order", "e-2", 2),
                     outbox("outbox.event.mysql.order", "e-1", 1), outbox("outbox.event.postgres.order", "e-1", 1),
                     outbox("outbox.event.mysql.order", "e-1", 1), sampleMessage(2)});
        QList<bool> marked;
        for (const PendingEvent &e : batch)
            marked << bool(e.record.flags & Redelivered);
        QCOMPARE(marked, (QList<bool>{false, false, false, true, true, false}));
        QCOMPARE(batch[3].record.kind, EventKind::Outbox); // otherwise decoded as before
        QCOMPARE(batch[3].record.source, SourceTag::Postgres);
    }

    void unifiedTopicRowsAreTaggedByTheirSourceDatabase()
    {
        // The generated job's Kafka sink: JSON rows keyed by the composite key, the source in the row.
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        auto row = [](const char *topic, const char *database, const char *prefix, const char *eventId) {
            KafkaMessage m;
            m.topic = topic;
            m.key = QByteArray(prefix) + "7";
            m.value = "{\"composite_key\":\"" + m.key +
                      "\",\"aggregate_id\":\"7\",\"aggregate_type\":\"order\",\"source_database\":\"" + database +
                      "\",\"event_type\":\"OrderCreated\",\"event_id\":\"" + eventId +
                      "\",\"event_time\":\"2026-12-07 18:00:00.000Z\",\"payload\":\"{\\\"orderId\\\":7}\"}";
            return m;
        };
        const EventBatch batch = ingestMessages(ingest, {row("unified.order", "postgres", "PG-", "e-1"),
                                                         row("unified.order", "mysql", "MY-", "e-1"),
                                                         row("unified.order", "postgres", "PG-", "e-1")});
        const EventView pg(&batch[0].record, strings.get(), 0);
        const EventView my(&batch[1].record, strings.get(), 1);
        QCOMPARE(pg.record().kind, EventKind::Outbox);
        QCOMPARE(pg.record().source, SourceTag::Postgres);
        QCOMPARE(my.record().source, SourceTag::MySql);
        QCOMPARE(pg.compositeKey(), QStringLiteral("PG-7")); // not PG-PG-7
        QCOMPARE(my.compositeKey(), QStringLiteral("MY-7"));
        QCOMPARE(pg.aggregateId(), QStringLiteral("7"));
        QCOMPARE(pg.entity(), QStringLiteral("order"));
        QCOMPARE(pg.eventType(), QStringLiteral("OrderCreated"));
        QCOMPARE(pg.summary(), QStringLiteral("{\\\"orderId\\\":7}"));
        QVERIFY(!(pg.record().flags & Redelivered));
        QVERIFY(!(my.record().flags & Redelivered)); // same id, the other database
        QVERIFY(batch[2].record.flags & Redelivered);

        // A topic the project routes to one database still takes each row's own source when it is the
        // unified topic; and a unified row without source_database stays unknown there, not undecodable.
        SourceRouting routing;
        routing.addRoute(QStringLiteral("^unified\\..*"), SourceTag::Postgres);
        routing.addUnifiedTopic(QStringLiteral("^unified\\.orders$"));
        QCOMPARE(routing.routeOf("unified.orders").unified, true);
        QCOMPARE(routing.routeOf("unified.other").unified, false);
        EventIngest routed(routing, strings);
        KafkaMessage bare;
        bare.topic = "unified.orders";
        bare.key = "X-1";
        bare.value = "{\"event_id\":\"e-9\"}";
        const EventBatch unified = ingestMessages(
            routed, {row("unified.orders", "mysql", "MY-", "e-2"), bare, row("unified.other", "mysql", "MY-", "e-3")});
        QCOMPARE(unified[0].record.source, SourceTag::MySql);
        QCOMPARE(unified[1].record.kind, EventKind::Outbox);
        QCOMPARE(unified[1].record.source, SourceTag::Unknown);
        QCOMPARE(unified[2].record.source, SourceTag::Postgres); // routed, not unified: the route wins
    }

    void routingMarksAKafkaSinksTopicUnified()
    {
        topology::TopologyModel model;
        auto project = topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        auto nodes = project.value().nodes;
        int sinks = 0;
        for (topology::Node &node : nodes) {
            if (node.kind == topology::NodeKind::Sink) {
                node.properties.insert(QStringLiteral("type"), QStringLiteral("kafka"));
                node.properties.insert(QStringLiteral("topic"), QStringLiteral("unified.orders"));
                ++sinks;
            }
        }
        QCOMPARE(sinks, 1);
        QVERIFY(model.reset(nodes, project.value().edges).ok());
        SourceRouting routing = SourceRouting::fromTopology(model);
        QCOMPARE(routing.routeOf("unified.orders").unified, true);
        QCOMPARE(routing.routeOf("unified.orders").source, SourceTag::Unknown);
        QCOMPARE(routing.routeOf("outbox.event.postgres.order").unified, false);
        QCOMPARE(routing.route("outbox.event.postgres.order"), SourceTag::Postgres);
    }

    void undecodableIsKeptWithItsProblem()
    {
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        KafkaMessage m = sampleMessage(0);
        m.value = QByteArray("{\"orderId\": 4");
        const EventBatch batch = ingestMessages(ingest, {m});
        const EventView v(&batch[0].record, strings.get(), 0);
        QCOMPARE(v.record().kind, EventKind::Undecodable);
        QVERIFY2(!v.problem().isEmpty(), qPrintable(v.problem()));
        QCOMPARE(v.value(), QByteArrayView("{\"orderId\": 4"));
        QCOMPARE(v.compositeKey(), QStringLiteral("PG-0"));
    }

    void storeDropsOldestSegmentsAtTheCap()
    {
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        EventStore store(100, strings, 16); // cap 100, segments of 16
        QCOMPARE(store.rowsToDropFor(100), 0);
        auto r = store.append(ingestMessages(ingest, sampleMessages(90, 200)));
        QCOMPARE(r.added, 90);
        QCOMPARE(r.dropped, 0);
        QCOMPARE(store.rowsToDropFor(20), 16); // 110 > 100: one whole segment
        r = store.append(ingestMessages(ingest, sampleMessages(20, 200, 90)));
        QCOMPARE(r.dropped, 16);
        QCOMPARE(store.size(), 94);
        QCOMPARE(store.firstSequence(), quint64(16));
        QCOMPARE(store.at(0).record().offset, 8); // message 16 has offset 8
        QCOMPARE(store.at(0).sequence(), quint64(16));
        QCOMPARE(store.bySequence(15).isValid(), false);
        QCOMPARE(store.bySequence(109).record().offset, 54);
        QCOMPARE(store.bySequence(110).isValid(), false);
        qint64 bytes = 0;
        for (qsizetype i = 0; i < store.size(); ++i)
            bytes += qint64(store.at(i).record().totalBytes());
        QCOMPARE(store.rawBytes(), bytes);

        // A batch larger than the whole cap keeps its newest events only.
        r = store.append(ingestMessages(ingest, sampleMessages(130, 100, 1000)));
        QCOMPARE(store.size(), 100);
        QCOMPARE(r.added, 100);
        QCOMPARE(store.at(99).record().offset, (1000 + 129) / 2);
        QCOMPARE(store.at(0).record().offset, (1000 + 30) / 2);
    }

    void snapshotOutlivesDrops()
    {
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        EventStore store(32, strings, 16);
        store.append(ingestMessages(ingest, sampleMessages(32, 100)));
        const EventSnapshot snap = store.snapshot();
        store.append(ingestMessages(ingest, sampleMessages(32, 100, 32))); // drops everything snap saw
        QCOMPARE(store.firstSequence(), quint64(32));
        QCOMPARE(snap.size(), 32);
        QCOMPARE(snap.at(5).sequence(), quint64(5));
        QCOMPARE(snap.at(5).compositeKey(), QStringLiteral("MY-2"));
        QCOMPARE(snap.at(31).topic(), QStringLiteral("mysql.capstone.orders"));
    }

    void clearKeepsSequencesGoing()
    {
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        EventStore store(100, strings, 16);
        store.append(ingestMessages(ingest, sampleMessages(20, 100)));
        store.clear();
        QCOMPARE(store.size(), 0);
        QCOMPARE(store.rawBytes(), 0);
        store.append(ingestMessages(ingest, sampleMessages(3, 100)));
        QCOMPARE(store.firstSequence(), quint64(20));
        QCOMPARE(store.at(2).sequence(), quint64(22));
    }

    void arrivalOrderPassesThrough()
    {
        EventIngest ingest(SourceRouting{}, std::make_shared<StringTable>());
        EventMerger merger;
        EventBatch out;
        merger.push(timed(ingest, 300, 0, 1), out);
        merger.push(timed(ingest, 100, 0, 2), out);
        QCOMPARE(keys(out), (QList<QByteArray>{"1", "2"}));
    }

    void eventTimeOrderBehindTheWatermark()
    {
        EventIngest ingest(SourceRouting{}, std::make_shared<StringTable>());
        EventMerger merger;
        merger.setOrder(EventMerger::Order::EventTime, 100);
        EventBatch out;
        merger.push(timed(ingest, 1000, 0, 1), out);
        merger.push(timed(ingest, 950, 0, 2), out);
        merger.push(timed(ingest, 1020, 0, 3), out);
        QVERIFY(out.empty());                        // newest 1020: nothing is 100 ms behind it yet
        merger.push(timed(ingest, 1120, 0, 4), out); // watermark 1020: releases 950, 1000, 1020
        QCOMPARE(keys(out), (QList<QByteArray>{"2", "1", "3"}));
        out.clear();
        merger.push(timed(ingest, 990, 0, 5), out); // older than what was released: late, at once
        QCOMPARE(keys(out), (QList<QByteArray>{"5"}));
        QVERIFY(out[0].record.flags & Late);
        QCOMPARE(merger.held(), std::size_t(1));
        out.clear();
        merger.release(50, out); // event 4 arrived at 0; by wall time 50 it has not waited 100 ms
        QVERIFY(out.empty());
        merger.release(100, out);
        QCOMPARE(keys(out), (QList<QByteArray>{"4"}));
        QVERIFY(!(out[0].record.flags & Late));
    }

    void switchingOrderFlushesWhatIsHeld()
    {
        auto strings = std::make_shared<StringTable>();
        EventIngest ingest(SourceRouting{}, strings);
        ingest.setMergeOrder(EventMerger::Order::EventTime, 60000);
        std::vector<KafkaMessage> messages = sampleMessages(4, 200);
        std::vector<RawHeader> headers[4];
        std::vector<RawMessage> raw;
        for (int i = 0; i < 4; ++i)
            raw.push_back(rawView(messages[std::size_t(i)], headers[i]));
        int notified = 0;
        ingest.setNotifier([&] { ++notified; });
        ingest.deliver(raw);
        QCOMPARE(ingest.take().size(), std::size_t(0)); // all held behind a minute's watermark
        ingest.setMergeOrder(EventMerger::Order::Arrival, 0);
        ingest.idle();
        const EventBatch released = ingest.take();
        QCOMPARE(released.size(), std::size_t(4));
        QCOMPARE(notified, 1);
        QCOMPARE(ingest.countsBySource()[std::size_t(SourceTag::Postgres)], 2);
        QCOMPARE(ingest.countsBySource()[std::size_t(SourceTag::MySql)], 2);
    }

    // The pipeline's shape: deliver() only copies on the consumer thread, a decode thread does the
    // rest. What take() returns after finishDecoding() equals the one-thread path, event by event.
    void decodeThreadMatchesTheSynchronousPath()
    {
        const std::vector<KafkaMessage> messages = sampleMessages(9000, 1000);
        std::vector<std::vector<RawHeader>> headers(messages.size());
        std::vector<RawMessage> raw;
        for (std::size_t i = 0; i < messages.size(); ++i)
            raw.push_back(rawView(messages[i], headers[i]));

        auto syncStrings = std::make_shared<StringTable>();
        EventIngest sync(SourceRouting{}, syncStrings);
        for (std::size_t at = 0; at < raw.size(); at += 1000)
            sync.deliver(std::span(raw).subspan(at, std::min<std::size_t>(1000, raw.size() - at)));
        const EventBatch expected = sync.take();

        auto strings = std::make_shared<StringTable>();
        EventIngest threaded(SourceRouting{}, strings);
        int notified = 0;
        threaded.setNotifier([&] { ++notified; });
        threaded.startDecodeThread();
        for (std::size_t at = 0; at < raw.size(); at += 1000) // more batches than may wait at once
            threaded.deliver(std::span(raw).subspan(at, std::min<std::size_t>(1000, raw.size() - at)));
        threaded.finishDecoding();
        EventBatch got;
        for (EventBatch more = threaded.take(); !more.empty(); more = threaded.take())
            got.insert(got.end(), more.begin(), more.end());

        QCOMPARE(got.size(), expected.size());
        QCOMPARE(got.size(), std::size_t(9000));
        QVERIFY(notified >= 1);
        for (std::size_t i = 0; i < got.size(); ++i) {
            const EventView a(&got[i].record, strings.get(), 0);
            const EventView b(&expected[i].record, syncStrings.get(), 0);
            QCOMPARE(a.record().offset, b.record().offset);
            QCOMPARE(a.key(), b.key());
            QCOMPARE(a.value(), b.value());
            QCOMPARE(a.headers(), b.headers());
            QCOMPARE(a.record().kind, b.record().kind);
            QCOMPARE(a.record().source, b.record().source);
            QCOMPARE(a.compositeKey(), b.compositeKey());
            QCOMPARE(a.summary(), b.summary());
            QCOMPARE(a.entity(), b.entity());
            QCOMPARE(a.eventType(), b.eventType());
            QCOMPARE(a.problem(), b.problem());
        }
        QCOMPARE(threaded.countsBySource(), sync.countsBySource());
    }

    // Held events are released by the decode thread's own clock, with no deliver() or idle() call.
    void decodeThreadReleasesHeldEventsOnItsOwnClock()
    {
        EventIngest ingest(SourceRouting{}, std::make_shared<StringTable>());
        ingest.setMergeOrder(EventMerger::Order::EventTime, 300);
        ingest.startDecodeThread();
        std::vector<KafkaMessage> messages = sampleMessages(4, 200);
        std::vector<RawHeader> headers[4];
        std::vector<RawMessage> raw;
        for (int i = 0; i < 4; ++i)
            raw.push_back(rawView(messages[std::size_t(i)], headers[i]));
        ingest.deliver(raw);
        QTRY_COMPARE_WITH_TIMEOUT(ingest.countsBySource()[std::size_t(SourceTag::Postgres)], qint64(2), 5000);
        EventBatch released;
        const auto takeMore = [&] {
            EventBatch more = ingest.take();
            released.insert(released.end(), more.begin(), more.end());
            return released.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(takeMore(), std::size_t(4), 5000);
        ingest.finishDecoding();
    }

    void heartbeatsAreHiddenUnlessAskedFor()
    {
        EventIngest ingest(SourceRouting{}, std::make_shared<StringTable>());
        KafkaMessage beat;
        beat.topic = "__debezium-heartbeat.pg";
        beat.value = QByteArray("{\"ts_ms\":1}");
        std::vector<RawHeader> headers;
        const RawMessage raw = rawView(beat, headers);
        ingest.deliver(std::span(&raw, 1));
        QCOMPARE(ingest.take().size(), std::size_t(0));
        ingest.setShowHeartbeatsAndSchemaChanges(true);
        ingest.deliver(std::span(&raw, 1));
        const EventBatch shown = ingest.take();
        QCOMPARE(shown.size(), std::size_t(1));
        QCOMPARE(shown[0].record.kind, EventKind::Heartbeat);
    }
};

QTEST_GUILESS_MAIN(TstEventStore)
#include "tst_eventstore.moc"
