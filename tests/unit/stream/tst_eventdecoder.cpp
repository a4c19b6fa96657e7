// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the event decoder: every kind of Debezium message, and broken input kept and flagged.
#include "eventsamples.h"
#include "stream/eventdecoder.h"

#include <QTest>

using namespace cdc::stream;

namespace {

KafkaMessage message(const char *topic, const char *key, std::optional<QByteArray> value,
                     std::vector<std::pair<QByteArray, QByteArray>> headers = {})
{
    KafkaMessage m;
    m.topic = topic;
    m.key = key;
    m.value = std::move(value);
    m.headers = std::move(headers);
    return m;
}

} // namespace

class TstEventDecoder : public QObject
{
    Q_OBJECT

private:
    std::vector<RawHeader> m_headers;

private Q_SLOTS:
    void postgresChangeEvent()
    {
        EventDecoder decoder;
        const DecodedEvent e = decoder.decode(message("pg.public.orders", kPostgresKey, kPostgresChange));
        QCOMPARE(e.kind, EventKind::Change);
        QCOMPARE(e.op, 'c');
        QCOMPARE(e.source, SourceTag::Postgres);
        QCOMPARE(e.entityText(), QStringLiteral("public.orders"));
        QCOMPARE(e.sourceTsMs, 1764000000123);
        QVERIFY(e.summary(kPostgresChange).startsWith(QStringLiteral("{\"id\":42,\"customer\":\"ann\"")));
        // A JsonConverter key object gives its first column as the aggregate id.
        QCOMPARE(e.aggregateId(kPostgresKey), QStringLiteral("42"));
        QCOMPARE(e.compositeKey(kPostgresKey), QStringLiteral("PG-42"));
    }

    void mariadbDeleteShowsTheBeforeImage()
    {
        EventDecoder decoder;
        const DecodedEvent e = decoder.decode(message("mysql.capstone.orders", "42", kMariaDbDelete));
        QCOMPARE(e.kind, EventKind::Change);
        QCOMPARE(e.op, 'd');
        QCOMPARE(e.source, SourceTag::MySql);
        QCOMPARE(e.entityText(), QStringLiteral("capstone.orders"));
        QVERIFY(e.summary(kMariaDbDelete).contains(QStringLiteral("\"bob\"")));
        QCOMPARE(e.compositeKey("42"), QStringLiteral("MY-42"));
    }

    void schemaPayloadWrapperIsUnwrapped()
    {
        EventDecoder decoder;
        const QByteArray wrapped = kWrapperStart + kPostgresChange + "}";
        const DecodedEvent e = decoder.decode(message("pg.public.orders", kWrappedKey, wrapped));
        QCOMPARE(e.aggregateId(kWrappedKey), QStringLiteral("a-7"));
        QCOMPARE(e.kind, EventKind::Change);
        QCOMPARE(e.source, SourceTag::Postgres);
        QCOMPARE(e.sourceTsMs, 1764000000123);
    }

    void outboxEventsExpandedOrAsString()
    {
        EventDecoder decoder;
        const DecodedEvent expanded = decoder.decode(message("outbox.event.postgres.order", "42", kOutboxExpanded,
                                                             {{"id", "a1b2"}, {"eventType", "OrderCreated"}}));
        QCOMPARE(expanded.kind, EventKind::Outbox);
        QCOMPARE(expanded.source, SourceTag::Postgres);
        QCOMPARE(expanded.entityText(), QStringLiteral("order"));
        QCOMPARE(expanded.eventTypeText(), QStringLiteral("OrderCreated"));
        QCOMPARE(expanded.compositeKey("42"), QStringLiteral("PG-42"));
        QCOMPARE(expanded.summary(kOutboxExpanded), QStringLiteral("{\"orderId\":42,\"total\":10.5}"));

        const DecodedEvent asString = decoder.decode(message("outbox.event.mysql.order", "\"7\"", kOutboxAsString));
        QCOMPARE(asString.kind, EventKind::Outbox);
        QCOMPARE(asString.source, SourceTag::MySql);
        QCOMPARE(asString.compositeKey("\"7\""), QStringLiteral("MY-7")); // the JSON-quoted key is unquoted
    }

    void outboxIdsComeFromTheIdHeader()
    {
        EventDecoder decoder;
        const DecodedEvent withId = decoder.decode(
            message("outbox.event.postgres.order", "42", kOutboxExpanded, {{"id", "a1b2"}, {"eventType", "X"}}));
        QCOMPARE(QByteArray(withId.eventId.data(), qsizetype(withId.eventId.size())), QByteArray("a1b2"));
        const DecodedEvent asString =
            decoder.decode(message("outbox.event.mysql.order", "7", kOutboxAsString, {{"id", "c3"}}));
        QCOMPARE(QByteArray(asString.eventId.data(), qsizetype(asString.eventId.size())), QByteArray("c3"));
        QVERIFY(decoder.decode(message("outbox.event.postgres.order", "42", kOutboxExpanded)).eventId.empty());
        QVERIFY(
            decoder.decode(message("pg.public.orders", kPostgresKey, kPostgresChange, {{"id", "z"}})).eventId.empty());
    }

    void unifiedRowsNameTheirSource()
    {
        // The generated job's Kafka sink writes JSON rows keyed PG-n / MY-n with source_database.
        EventDecoder decoder;
        const QByteArray row = "{\"composite_key\":\"MY-7\",\"aggregate_id\":\"7\",\"aggregate_type\":"
                               "\"invoice\",\"source_database\":\"mysql\",\"event_type\":\"InvoiceSent\","
                               "\"event_id\":\"e-7\",\"payload\":\"{\\\"n\\\":1}\"}";
        const DecodedEvent e = decoder.decode(message("unified.order", "MY-7", row));
        QCOMPARE(e.kind, EventKind::Outbox);
        QCOMPARE(e.source, SourceTag::MySql);
        QCOMPARE(e.entityText(), QStringLiteral("invoice"));
        QCOMPARE(e.eventTypeText(), QStringLiteral("InvoiceSent"));
        QCOMPARE(QByteArray(e.eventId.data(), qsizetype(e.eventId.size())), QByteArray("e-7"));
        QCOMPARE(e.aggregateId("MY-7"), QStringLiteral("7"));
        QCOMPARE(e.compositeKey("MY-7"), QStringLiteral("MY-7"));
        QCOMPARE(e.summary(row), QStringLiteral("{\\\"n\\\":1}"));

        // Routed as unified, the row's source wins over the route; an outbox topic's payload that
        // happens to have the same fields is still an outbox payload, tagged by its topic.
        QCOMPARE(
            decoder
                .decode(rawView(message("orders.all", "MY-7", row), m_headers), TopicRoute{SourceTag::Postgres, true})
                .source,
            SourceTag::MySql);
        const DecodedEvent onOutbox =
            decoder.decode(message("outbox.event.postgres.order", "MY-7", row, {{"id", "o-1"}}));
        QCOMPARE(onOutbox.source, SourceTag::Postgres);
        QCOMPARE(QByteArray(onOutbox.eventId.data(), qsizetype(onOutbox.eventId.size())), QByteArray("o-1"));
        QCOMPARE(onOutbox.compositeKey("MY-7"), QStringLiteral("PG-MY-7"));
        // Without event_id, an unrouted topic's JSON is not taken for a unified row.
        const QByteArray noId = "{\"source_database\":\"mysql\",\"payload\":\"x\"}";
        QCOMPARE(decoder.decode(message("some.topic", "k", noId)).kind, EventKind::Undecodable);
    }

    void tombstonesHeartbeatsAndSchemaChanges()
    {
        EventDecoder decoder;
        QCOMPARE(decoder.decode(message("outbox.event.postgres.order", "42", std::nullopt)).kind, EventKind::Tombstone);
        QCOMPARE(decoder.decode(message("__debezium-heartbeat.pg", "", kHeartbeat)).kind, EventKind::Heartbeat);
        const DecodedEvent ddl = decoder.decode(message("mysql", "", kSchemaChange));
        QCOMPARE(ddl.kind, EventKind::SchemaChange);
        QCOMPARE(ddl.summary(kSchemaChange), QStringLiteral("CREATE TABLE t (id INT)"));
    }

    void brokenInputIsKeptAndFlagged_data()
    {
        QTest::addColumn<QByteArray>("topic");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("truncated") << QByteArray("pg.public.orders") << kPostgresChange.left(60)
                                   << QStringLiteral("JSON");
        QTest::newRow("garbage") << QByteArray("pg.public.orders") << QByteArray("\x00\x01\xff\xfe binary", 12)
                                 << QStringLiteral("not JSON");
        QTest::newRow("empty") << QByteArray("pg.public.orders") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("array elsewhere") << QByteArray("some.topic") << QByteArray("[1,2,3]")
                                         << QStringLiteral("not a JSON object");
        QTest::newRow("outbox truncated")
            << QByteArray("outbox.event.postgres.order") << kOutboxExpanded.left(14) << QStringLiteral("broken JSON");
        QTest::newRow("outbox trailing") << QByteArray("outbox.event.mysql.order") << kOutboxExpanded + " tail"
                                         << QStringLiteral("broken JSON");
        QTest::newRow("op not text") << QByteArray("some.topic") << kOpNotText << QStringLiteral("neither");
    }

    void brokenInputIsKeptAndFlagged()
    {
        QFETCH(QByteArray, topic);
        QFETCH(QByteArray, value);
        QFETCH(QString, reason);
        EventDecoder decoder;
        KafkaMessage m = message("", "k", value);
        m.topic = topic;
        const DecodedEvent e = decoder.decode(m);
        QCOMPARE(e.kind, EventKind::Undecodable);
        QVERIFY2(e.problem.contains(reason, Qt::CaseInsensitive), qPrintable(e.problem));
        QCOMPARE(e.aggregateId("k"), QStringLiteral("k"));
        QVERIFY(e.summaryOffset + e.summaryLength <= quint32(value.size()));
        // The decoder is still good for the next message.
        QCOMPARE(decoder.decode(message("pg.public.orders", "", kPostgresChange)).kind, EventKind::Change);
    }
};

QTEST_GUILESS_MAIN(TstEventDecoder)
#include "tst_eventdecoder.moc"
