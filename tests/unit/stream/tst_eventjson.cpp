// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the JSON Lines form of events: every field of outbox events, change events, tombstones,
// undecodable values and null headers; values embedded verbatim and kept on one line.
#include "support/samplemessages.h"

#include "stream/eventingest.h"
#include "stream/eventjson.h"
#include "stream/eventview.h"
#include "stream/sourcerouting.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace cdc::stream;
using cdc::testsupport::sampleMessage;
using Json = nlohmann::ordered_json;

namespace {

constexpr qint64 kArrival = 1764000000500;

// Ingests `m` (headers after the first `nullHeadersFrom` get null values) and writes it as JSON.
struct Written
{
    QByteArray line;
    Json json;
};

Written write(const KafkaMessage &m, bool late = false, std::size_t nullHeadersFrom = SIZE_MAX, quint8 flags = 0)
{
    auto strings = std::make_shared<StringTable>();
    EventIngest ingest(SourceRouting{}, strings);
    std::vector<RawHeader> headers;
    RawMessage raw = rawView(m, headers);
    for (std::size_t i = nullHeadersFrom; i < headers.size(); ++i) {
        headers[i].value = nullptr;
        headers[i].valueLength = 0;
    }
    PendingEvent e = ingest.ingest(raw, kArrival);
    if (late)
        e.record.flags |= Late;
    e.record.flags |= flags;
    const QByteArray line = eventToJsonLine(EventView(&e.record, strings.get(), 0));
    Json json;
    try {
        json = Json::parse(line.toStdString());
    } catch (const Json::exception &error) {
        qWarning("not JSON: %s (%s)", error.what(), line.constData());
    }
    return {line, json};
}

QByteArray dump(const Json &json)
{
    return QByteArray::fromStdString(json.dump());
}

std::string str(const QByteArray &bytes)
{
    return bytes.toStdString();
}

} // namespace

class TstEventJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outboxEventHasEveryField()
    {
        const KafkaMessage m = sampleMessage(0, 1000, true); // PostgreSQL outbox, order 0
        const Written w = write(m);
        const Json expected = {{"source", "postgres"},
                               {"compositeKey", "PG-0"},
                               {"topic", "outbox.event.postgres.order"},
                               {"partition", 0},
                               {"offset", 0},
                               {"arrivalMs", kArrival},
                               {"sourceTsMs", nullptr},
                               {"kafkaTsMs", 1764000000000},
                               {"op", nullptr},
                               {"kind", "outbox"},
                               {"entity", "order"},
                               {"eventType", "OrderPaid"},
                               {"key", "0"},
                               {"headers", {{"id", "0"}, {"eventType", "OrderPaid"}}},
                               {"late", false},
                               {"redelivered", false},
                               {"value", Json::parse(str(*m.value))}};
        QCOMPARE(dump(w.json), dump(expected));
        // The value's own bytes, not a re-serialisation; one line.
        QVERIFY(w.line.endsWith(QByteArray(",\"value\":" + *m.value + "}")));
        QVERIFY(!w.line.contains('\n'));
    }

    void changeEventHasOpSourceTimeAndTable()
    {
        const KafkaMessage m = sampleMessage(3); // MariaDB change event of order 1
        const Written w = write(m, true);
        const Json expected = {{"source", "mysql"},
                               {"compositeKey", "MY-1"},
                               {"topic", "mysql.capstone.orders"},
                               {"partition", 0},
                               {"offset", 1},
                               {"arrivalMs", kArrival},
                               {"sourceTsMs", 1764000000003},
                               {"kafkaTsMs", 1764000000003},
                               {"op", "u"},
                               {"kind", "change"},
                               {"entity", "capstone.orders"},
                               {"eventType", nullptr},
                               {"key", "{\"id\":1}"},
                               {"headers", Json::object()},
                               {"late", true},
                               {"redelivered", false},
                               {"value", Json::parse(str(*m.value))}};
        QCOMPARE(dump(w.json), dump(expected));
        QVERIFY(w.line.contains(*m.value));
    }

    void tombstoneHasNullValue()
    {
        KafkaMessage m;
        m.topic = "outbox.event.postgres.order";
        m.partition = 2;
        m.offset = 41;
        m.timestampMs = 1764000000007;
        m.key = "7";
        const Written w = write(m);
        const Json expected = {{"source", "postgres"},
                               {"compositeKey", "PG-7"},
                               {"topic", "outbox.event.postgres.order"},
                               {"partition", 2},
                               {"offset", 41},
                               {"arrivalMs", kArrival},
                               {"sourceTsMs", nullptr},
                               {"kafkaTsMs", 1764000000007},
                               {"op", nullptr},
                               {"kind", "tombstone"},
                               {"entity", nullptr},
                               {"eventType", nullptr},
                               {"key", "7"},
                               {"headers", Json::object()},
                               {"late", false},
                               {"redelivered", false},
                               {"value", nullptr}};
        QCOMPARE(dump(w.json), dump(expected));
    }

    void undecodableValueIsAStringWithTheProblem()
    {
        KafkaMessage m;
        m.topic = "outbox.event.mysql.order";
        m.offset = 5;
        m.timestampMs = -1;
        m.key = QByteArray("a\"b\\c\x01", 6);
        m.value = QByteArray("{\"broken\": \xff\tline\nend");
        const Written w = write(m);
        QVERIFY2(!w.json.is_null(), w.line.constData());
        QVERIFY(!w.line.contains('\n'));
        QCOMPARE(dump(w.json.at("kind")), dump(Json("undecodable")));
        QCOMPARE(dump(w.json.at("source")), dump(Json("mysql")));
        QCOMPARE(dump(w.json.at("kafkaTsMs")), dump(Json(nullptr)));
        QCOMPARE(dump(w.json.at("key")), dump(Json("a\"b\\c\x01")));
        // Not JSON: a string, with the byte that is not UTF-8 replaced.
        QCOMPARE(dump(w.json.at("value")), dump(Json("{\"broken\": \xef\xbf\xbd\tline\nend")));
        QVERIFY(w.json.at("problem").is_string());
        QVERIFY2(QByteArray::fromStdString(w.json.at("problem").get<std::string>()).startsWith("not JSON"),
                 w.line.constData());
        std::vector<std::string> keys;
        for (const auto &[name, value] : w.json.items())
            keys.push_back(name);
        const std::vector<std::string> order{"source",    "compositeKey", "topic",     "partition", "offset",
                                             "arrivalMs", "sourceTsMs",   "kafkaTsMs", "op",        "kind",
                                             "entity",    "eventType",    "key",       "headers",   "problem",
                                             "late",      "redelivered",  "value"};
        QVERIFY(keys == order);
    }

    void aRedeliveredEventSaysSo()
    {
        const Written w = write(sampleMessage(1), false, SIZE_MAX, Redelivered);
        QCOMPARE(dump(w.json.at("redelivered")), dump(Json(true)));
        QCOMPARE(dump(w.json.at("late")), dump(Json(false)));
    }

    void nullHeadersAndPrettyValuesStayOnOneLine()
    {
        KafkaMessage m = sampleMessage(1, 200, true); // MariaDB outbox
        m.headers.push_back({"traceparent", "x"});
        m.headers.push_back({"nullable", "y"});
        m.value = QByteArray("{\n  \"orderId\": 0,\r\n  \"note\": \"a\\nb\"\n}\n");
        const Written w = write(m, false, 3);
        QVERIFY(!w.line.contains('\n') && !w.line.contains('\r'));
        const Json headers = {{"id", "1"}, {"eventType", "OrderCreated"}, {"traceparent", "x"}, {"nullable", nullptr}};
        QCOMPARE(dump(w.json.at("headers")), dump(headers));
        QCOMPARE(dump(w.json.at("value")), QByteArray("{\"orderId\":0,\"note\":\"a\\nb\"}"));
        QVERIFY(w.line.endsWith("\"value\":{   \"orderId\": 0,    \"note\": \"a\\nb\" }}"));
    }

    void scalarAndEmptyValues()
    {
        KafkaMessage m = sampleMessage(0, 200, true);
        m.value = QByteArray("\"just a string\"");
        QCOMPARE(dump(write(m).json.at("value")), dump(Json("just a string")));
        m.value = QByteArray("42");
        QCOMPARE(dump(write(m).json.at("value")), dump(Json(42)));
        m.value = QByteArray();
        const Written empty = write(m);
        QCOMPARE(dump(empty.json.at("value")), dump(Json("")));
        QCOMPARE(dump(empty.json.at("kind")), dump(Json("undecodable")));
    }
};

QTEST_GUILESS_MAIN(TstEventJson)
#include "tst_eventjson.moc"
