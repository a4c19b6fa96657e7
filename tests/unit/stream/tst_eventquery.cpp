// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the event query language: parsing (and its errors, with columns), every field, negation, OR,
// globs, JSON paths on outbox and change events (with and without the schema/payload wrapper), the
// prefix path scanner on its own and against simdjson, free text, matching on several threads, and
// completion.
#include "querysamples.h"
#include "stream/eventingest.h"
#include "stream/eventquery.h"
#include "stream/eventstore.h"
#include "stream/jsonpathscan.h"
#include "support/samplemessages.h" // tst_eventquery has no include path to tests/

#include <QTest>

using namespace cdc::stream;

namespace {

using Sequences = QList<quint64>;

KafkaMessage message(const char *topic, const QByteArray &key, std::optional<QByteArray> value, qint32 partition,
                     qint64 offset, std::vector<std::pair<QByteArray, QByteArray>> headers = {})
{
    KafkaMessage m;
    m.topic = topic;
    m.key = key;
    m.value = std::move(value);
    m.partition = partition;
    m.offset = offset;
    m.headers = std::move(headers);
    return m;
}

// Sequences 0..6: outbox PG, outbox MySQL, PG create, MariaDB delete, wrapped PG update, wrapped MySQL
// outbox, tombstone.
std::vector<KafkaMessage> samples()
{
    return {
        message("outbox.event.postgres.order", "42", kOutboxPostgres, 0, 10,
                {{"eventType", "OrderCreated"}, {"traceId", "abc-1"}}),
        message("outbox.event.mysql.order", "42", kOutboxMySql, 1, 11, {{"eventType", "OrderShipped"}}),
        message("pg.public.orders", kChangeKey7, kPostgresCreate, 0, 12),
        message("mysql.capstone.orders", "8", kMariaDbDelete, 2, 13),
        message("pg.public.orders", kChangeKey9, kWrappedUpdate, 0, 14),
        message("outbox.event.mysql.order", "5", kWrappedOutbox, 1, 15, {{"eventType", "OrderCreated"}}),
        message("pg.public.orders", kChangeKey7, std::nullopt, 0, 16),
    };
}

struct Events
{
    explicit Events(const std::vector<KafkaMessage> &messages, qsizetype capacity = EventStore::kDefaultCapacity)
        : store(capacity)
        , ingest(SourceRouting{}, store.sharedStrings())
    {
        store.append(ingestMessages(ingest, messages));
    }
    EventStore store;
    EventIngest ingest;
};

Sequences toList(const std::vector<quint64> &v)
{
    return Sequences(v.begin(), v.end());
}

// A record over hand-made bytes, for what the ingest cannot produce (flags) and for byte-level searches.
struct HandMade
{
    HandMade(const QByteArray &key, const QByteArray &value) : bytes(key + value)
    {
        record.bytes = bytes.constData();
        record.keyLength = quint32(key.size());
        record.valueLength = quint32(value.size());
        record.flags = HasValue;
    }
    bool matches(const QString &query)
    {
        const auto parsed = EventQuery::parse(query);
        return parsed.ok() && EventQuery::Matcher(parsed.value(), strings).matches(EventView(&record, &strings, 0));
    }
    QByteArray bytes;
    EventRecord record;
    StringTable strings;
};

// JSON written with ' for " (so that samples stay readable without raw strings, which moc misreads).
QByteArray json(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

// {"a":[[[…{"total":1}…]]]} with `depth` arrays around the object, then "total":7 at the root.
QByteArray nested(int depth)
{
    return "{\"a\":" + QByteArray(depth, '[') + "{\"total\":1}" + QByteArray(depth, ']') + ",\"total\":7}";
}

// Steps as the parser makes them: a step that is a whole number also indexes arrays.
std::vector<JsonStep> steps(const QString &path)
{
    std::vector<JsonStep> out;
    for (const QString &part : path.isEmpty() ? QStringList() : path.split(u'.')) {
        bool number = false;
        const qint64 index = part.toLongLong(&number);
        out.push_back(JsonStep{part.toStdString(), number ? std::optional<qint64>(index) : std::nullopt});
    }
    return out;
}

// The scan of `path` in `value` with a test that passes the value written as `want`.
JsonScan scan(const QByteArray &value, const QString &path, const QByteArray &want, bool whole = false)
{
    const std::vector<JsonStep> walk = steps(path);
    return scanJsonPath(std::string_view(value.constData(), std::size_t(value.size())), walk, whole,
                        [&](const JsonValue &v) { return v.text == std::string_view(want.constData(), want.size()); });
}

// Values for comparing the scan with simdjson: the samples, generated messages, and tricky ones.
std::vector<QByteArray> differentialValues()
{
    std::vector<QByteArray> values = {kOutboxPostgres, kOutboxMySql,   kPostgresCreate,
                                      kMariaDbDelete,  kWrappedUpdate, kWrappedOutbox};
    for (int i = 0; i < 8; ++i) {
        values.push_back(*cdc::testsupport::sampleMessage(i, 300).value);
        values.push_back(*cdc::testsupport::sampleMessage(i * 7 + 1, 1000).value);
    }
    for (const char *text :
         {"{'note':'\\'total\\':5, {[','total':7,'id':1}",             // the key inside a string first
          "{'a':{'total':5,'id':2},'total':150,'id':3}",               // inside a nested object first
          "{'total':1,'total':200,'customer':'x','customer':'ann'}",   // duplicate keys: the first counts
          "{'to\\'tal':500,'total':1,'k\\'x':2,'a\\\\b':3}",           // escaped quotes and backslashes in keys
          "{'t\\u006ftal':500,'total':'9\\u0039','customer':'a\\'b'}", // escapes: keys compare as written
          " \t\n{ \r\n'lines' : [ { 'sku' : 'B-7' , 'qty' : 3 } ] ,\n 'total'\t:\t101 , 'paid' : true }\n ",
          "{'lines':[],'tags':[[],['gift',['urgent']]],'total':[1,200],'coupon':null,'paid':false}",
          "{'lines':[1,'A-1',{'sku':null},{'sku':'B-7','qty':1e3}],'total':-0.5E+2,'orderId':0}",
          "{'lines':{'0':{'sku':'B-7'}},'total':{},'customer':[],'note':'tab\\t\\u00e9 caf\xc3\xa9'}",
          "{'schema':{'total':5,'payload':{'total':6}},'payload':{'total':101,'id':4}}", // wrapper
          "{'schema':{},'payload':null,'total':999}",                                    // a wrapper without object
          "{'schema':{}}",
          "{'payload':{'total':101},'schema':{}}",
          "{}",
          "{'total':1e999,'id':99999999999999999999}",
          "{'total':'10.50 ','customer':'','orderId':' 42','id':'7'}",
          "{'after':{'id':5,'total':300},'before':{'id':6,'total':50},'op':'u','source':{'connector':'mysql'}}",
          "{'before':null,'after':null,'op':'d','source':{'connector':'postgresql'}}",
          "{'a':tru,'total':1}",
          "{'a':[1,2},'total':1}",
          "{'total':01}",
          "{'a':'x\ty','total':1}",
          "{'total':1} x",
          "{'total':1",
          "{'total':1,'note':'unclosed",
          "['total']",
          "'total'",
          "{'total':150,'x':\xff}",
          "{'total':150,'note':'\xc3('}"}) {
        values.push_back(json(text));
    }
    values.push_back(nested(30));
    values.push_back(nested(80));
    for (int cut : {1, 10, 20, 40, 60, 100})
        values.push_back(kOutboxPostgres.left(cut));
    return values;
}

} // namespace

class TstEventQuery : public QObject
{
    Q_OBJECT

    Sequences matching(const QString &query, int threads = 1)
    {
        const auto parsed = EventQuery::parse(query);
        if (!parsed.ok()) {
            qWarning("%s", qPrintable(parsed.error().toString()));
            return {~quint64(0)};
        }
        const EventSnapshot snapshot = m_events->store.snapshot();
        return toList(matchingSequences(snapshot, parsed.value(), 0, snapshot.size(), threads));
    }

    std::unique_ptr<Events> m_events;

private Q_SLOTS:
    void initTestCase()
    {
        m_events = std::make_unique<Events>(samples());
        QCOMPARE(m_events->store.size(), 7);
        const EventSnapshot s = m_events->store.snapshot();
        // What the decoder made of the samples, which the expectations below rely on.
        QCOMPARE(s.at(5).record().kind, EventKind::Outbox);
        QCOMPARE(s.at(4).record().op, 'u');
        QCOMPARE(s.at(6).record().source, SourceTag::Unknown);
        QCOMPARE(s.at(3).compositeKey(), QStringLiteral("MY-8"));
    }

    void emptyQueryMatchesEverything()
    {
        QVERIFY(EventQuery().isEmpty());
        const auto blank = EventQuery::parse(QStringLiteral("   "));
        QVERIFY(blank.ok());
        QVERIFY(blank.value().isEmpty());
        QCOMPARE(matching(QString()), (Sequences{0, 1, 2, 3, 4, 5, 6}));
        const auto full = EventQuery::parse(
            QStringLiteral("source:mysql op:u type:Order* key:PG-42 payload.total>100 \"free text\""));
        QVERIFY(full.ok());
        QCOMPARE(full.value().text(),
                 QStringLiteral("source:mysql op:u type:Order* key:PG-42 payload.total>100 \"free text\""));
        QVERIFY(!full.value().isEmpty());
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        auto row = [](const char *query, const char *where, const char *what) {
            QTest::newRow(query) << QString::fromUtf8(query) << QString::fromUtf8(where) << QString::fromUtf8(what);
        };
        row("type:Order* \"unclosed", "column 13", "The quote is not closed.");
        row("op:c foo:bar", "column 6", "Unknown field 'foo'.");
        row("payload.total>abc", "column 15", "Expected a number after '>', not 'abc'.");
        row("offset>=x1", "column 9", "Expected a whole number after '>=', not 'x1'.");
        row("source:oracle", "column 8", "Unknown value 'oracle' for source.");
        row("op:c,x", "column 4", "Unknown value 'x' for op.");
        row("op>c", "column 3", "'>' does not apply to op.");
        row("OR op:c", "column 1", "OR needs a term on each side.");
        row("op:c OR", "column 6", "OR needs a term on each side.");
        row("op:c OR OR op:u", "column 9", "OR needs a term on each side.");
        row("- op:c", "column 1", "Nothing follows '-'.");
        row("kind:change type:", "column 18", "Nothing follows 'type:'.");
        row("\"abc\"def", "column 6", "A space must follow the closing quote.");
        row(":x", "column 1", "A field name is missing before ':'.");
        row("partition:1.5", "column 11", "Expected a whole number after ':', not '1.5'.");
        row("payload..x:1", "column 1", "'payload..x' has an empty step.");
        row("type:a\"b\"", "column 7", "A quote inside a value.");
        row("ab\"c\"", "column 3", "A quote inside a word.");
    }

    void parseErrors()
    {
        QFETCH(QString, query);
        QFETCH(QString, where);
        QFETCH(QString, what);
        const auto parsed = EventQuery::parse(query);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().where, where);
        QCOMPARE(parsed.error().what, what);
        QVERIFY(!parsed.error().hint.isEmpty() || what.startsWith(QStringLiteral("OR")) || what.startsWith(u'A'));
    }

    void unknownFieldListsTheKnownOnes()
    {
        const auto parsed = EventQuery::parse(QStringLiteral("colour:red"));
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().hint.startsWith(QStringLiteral("Known fields: source, op, kind, type, table")));
        QVERIFY(parsed.error().hint.contains(QStringLiteral("payload.PATH")));
        const auto badSource = EventQuery::parse(QStringLiteral("source:x"));
        QCOMPARE(badSource.error().hint,
                 QStringLiteral("Use one of: postgres, pg, postgresql, mysql, my, mariadb, unknown (several separated "
                                "by commas)."));
    }

    void fields_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<Sequences>("expected");
        auto row = [](const char *query, Sequences expected) {
            QTest::newRow(query) << QString::fromUtf8(query) << expected;
        };
        row("source:postgres", {0, 2, 4});
        row("source:PG", {0, 2, 4});
        row("source:mariadb", {1, 3, 5});
        row("source:unknown", {6});
        row("source:pg,my", {0, 1, 2, 3, 4, 5});
        row("op:c", {2});
        row("op:delete", {3});
        row("op:c,u", {2, 4});
        row("op:*", {2, 3, 4});
        row("kind:outbox", {0, 1, 5});
        row("kind:tombstone", {6});
        row("kind:change", {2, 3, 4});
        row("type:OrderCreated", {0, 5});
        row("type:order*", {0, 1, 5});
        row("type:Order?hipped", {1});
        row("type:*", {0, 1, 5});
        row("type=ordercreated", {});
        row("type=OrderCreated", {0, 5});
        row("table:public.orders", {2, 4});
        row("entity:*.ORDERS", {2, 3, 4});
        row("aggregate:order", {0, 1, 5});
        row("topic:outbox.event.*", {0, 1, 5});
        row("topic:pg.public.orders", {2, 4, 6});
        row("key:PG-42", {0});
        row("key:42", {0, 1});
        row("key:my-*", {1, 3, 5});
        row("key:pg-?", {2, 4});
        row("key:7", {2, 6}); // the change event and the tombstone after its delete ({"id":7})
        row("partition:0", {0, 2, 4, 6});
        row("partition>0", {1, 3, 5});
        row("offset>=14", {4, 5, 6});
        row("offset<11", {0});
        row("header.eventType:OrderCreated", {0, 5});
        row("header.traceId:*", {0});
        row("header.traceId:ABC-?", {0});
        row("header.eventtype:OrderCreated", {});
    }

    void fields()
    {
        QFETCH(QString, query);
        QFETCH(Sequences, expected);
        QCOMPARE(matching(query), expected);
    }

    void negationAndNotEqual()
    {
        QCOMPARE(matching(QStringLiteral("-source:mysql")), (Sequences{0, 2, 4, 6}));
        QCOMPARE(matching(QStringLiteral("-type:*")), (Sequences{2, 3, 4, 6}));
        QCOMPARE(matching(QStringLiteral("type!=OrderCreated")), (Sequences{1, 2, 3, 4, 6}));
        QCOMPARE(matching(QStringLiteral("offset!=10")), (Sequences{1, 2, 3, 4, 5, 6}));
        QCOMPARE(matching(QStringLiteral("-\"customer\"")), (Sequences{4, 5, 6}));
        QCOMPARE(matching(QStringLiteral("-payload.orderId:*")), (Sequences{2, 3, 4, 6}));
        QCOMPARE(matching(QStringLiteral("kind:change -op:d")), (Sequences{2, 4}));
    }

    void orAlternatesGroups()
    {
        QCOMPARE(matching(QStringLiteral("op:c OR op:d")), (Sequences{2, 3}));
        QCOMPARE(matching(QStringLiteral("source:mysql kind:change OR type:OrderCreated")), (Sequences{0, 3, 5}));
        QCOMPARE(matching(QStringLiteral("op:c or op:d")), Sequences{}); // lower-case "or" is free text
        QCOMPARE(matching(QStringLiteral("-OR")), Sequences{6});         // "or" as in orders, orderId: not a tombstone
    }

    void jsonPaths_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<Sequences>("expected");
        auto row = [](const char *query, Sequences expected) {
            QTest::newRow(query) << QString::fromUtf8(query) << expected;
        };
        // payload: the outbox value, a change event's after (before for deletes), through the wrapper.
        row("payload.total>100", {0, 3, 4, 5});
        row("payload.total:99", {1});
        row("payload.total=10.5", {2}); // Debezium's decimal as a string compares as a number
        row("payload.total<=99", {1, 2});
        row("payload.total>=500", {5});
        row("after.total>100", {4});
        row("before.total:100", {4});
        row("before.total>=300", {3});
        row("before:*", {3, 4});
        row("payload.customer:ann", {1});
        row("payload.customer:customer-*", {0});
        row("payload.customer=customer-42", {});
        row("payload.customer=Customer-42", {0});
        row("payload.customer:\"Customer-42\"", {0});
        row("payload.lines.sku:B-7", {0});
        row("payload.lines.1.sku:A-1", {});
        row("payload.lines.0.sku:A-1", {0});
        row("payload.lines.qty>1", {0});
        row("payload.tags:gift", {0});
        row("payload.paid:true", {0});
        row("payload.coupon:*", {});
        row("payload.coupon:null", {0});
        row("payload.lines:*", {0});
        row("payload.orderId:*", {0, 1, 5});
        row("payload.id:9", {4});
        row("payload.note:*CAFÉ", {});
        row("payload.note:*café", {1});
        row("payload:*", {0, 1, 2, 3, 4, 5});
        row("payload.schema:*", {});
        row("payload.missing>1", {});
    }

    void jsonPaths()
    {
        QFETCH(QString, query);
        QFETCH(Sequences, expected);
        QCOMPARE(matching(query), expected);
    }

    void freeTextIsCaseInsensitiveForAscii()
    {
        QCOMPARE(matching(QStringLiteral("\"customer-42\"")), Sequences{0});
        QCOMPARE(matching(QStringLiteral("CUSTOMER-42")), Sequences{0});
        QCOMPARE(matching(QStringLiteral("bob")), Sequences{2});
        QCOMPARE(matching(QStringLiteral("capstone")), (Sequences{2, 3, 4}));
        QCOMPARE(matching(QStringLiteral("\"\\\"id\\\":7\"")), (Sequences{2, 6})); // "id":7, also in the key
        QCOMPARE(matching(QStringLiteral("Café")), Sequences{1});
        QCOMPARE(matching(QStringLiteral("CAFÉ")), Sequences{}); // beyond ASCII, case matters
        QCOMPARE(matching(QStringLiteral("\"orders\" carl")), Sequences{3});
    }

    void freeTextFindsEveryPosition()
    {
        // The SIMD scan works 16 positions at a time: try every length and position around that.
        for (int length = 0; length < 50; ++length) {
            for (int at = 0; at + 6 <= length; ++at) {
                QByteArray value(length, 'n');
                value.replace(at, 6, "NeEdLe");
                HandMade event("k", value);
                QVERIFY2(event.matches(QStringLiteral("needle")), value.constData());
                QVERIFY2(!event.matches(QStringLiteral("needles")) || at + 7 <= length, value.constData());
                QVERIFY(!event.matches(QStringLiteral("needlf")));
            }
            HandMade none("k", QByteArray(length, 'n') + "needl");
            QVERIFY(!none.matches(QStringLiteral("needle")));
        }
        HandMade keyOnly("order-77", "{}");
        QVERIFY(keyOnly.matches(QStringLiteral("ORDER-77")));
        QVERIFY(!keyOnly.matches(QStringLiteral("77{"))); // never across the key/value boundary
    }

    void flags()
    {
        HandMade late("k", "{}");
        late.record.flags |= Late;
        QVERIFY(late.matches(QStringLiteral("late:true")));
        QVERIFY(!late.matches(QStringLiteral("late:false")));
        QVERIFY(!late.matches(QStringLiteral("gap:true")));
        late.record.flags = AfterGap;
        QVERIFY(late.matches(QStringLiteral("gap:yes")));
        QVERIFY(late.matches(QStringLiteral("-late:true")));
    }

    void redeliveredTerm()
    {
        // The ingest marks an outbox id seen before for the same source; the term filters on the mark.
        auto withId = [](const char *topic, const QByteArray &id, qint64 offset) {
            return message(topic, "1", QByteArray("{}"), 0, offset, {{"id", id}});
        };
        Events events({withId("outbox.event.postgres.order", "a", 0), withId("outbox.event.postgres.order", "b", 1),
                       withId("outbox.event.postgres.order", "a", 2), withId("outbox.event.mysql.order", "a", 3),
                       message("pg.public.orders", kChangeKey7, kPostgresCreate, 0, 4)});
        auto matchingIn = [&](const QString &text) {
            const auto parsed = EventQuery::parse(text);
            return parsed.ok()
                       ? toList(matchingSequences(events.store.snapshot(), parsed.value(), 0, events.store.size(), 1))
                       : Sequences{999};
        };
        QCOMPARE(matchingIn(QStringLiteral("redelivered:true")), Sequences{2});
        QCOMPARE(matchingIn(QStringLiteral("redelivered:yes source:postgres")), Sequences{2});
        QCOMPARE(matchingIn(QStringLiteral("redelivered:false")), (Sequences{0, 1, 3, 4}));
        QCOMPARE(matchingIn(QStringLiteral("-redelivered:true")), (Sequences{0, 1, 3, 4}));
        QCOMPARE(matchingIn(QStringLiteral("REDELIVERED:TRUE OR source:mysql")), (Sequences{2, 3}));
        QCOMPARE(matchingIn(QStringLiteral("redelivered:*")), (Sequences{0, 1, 2, 3, 4}));

        const auto badValue = EventQuery::parse(QStringLiteral("redelivered:maybe"));
        QVERIFY(!badValue.ok());
        QCOMPARE(badValue.error().what, QStringLiteral("Unknown value 'maybe' for redelivered."));
        QCOMPARE(badValue.error().hint,
                 QStringLiteral("Use one of: true, yes, false, no (several separated by commas)."));
        const auto ordered = EventQuery::parse(QStringLiteral("redelivered>1"));
        QVERIFY(!ordered.ok());
        QCOMPARE(ordered.error().where, QStringLiteral("column 12"));
        QVERIFY(EventQuery::parse(QStringLiteral("colour:red")).error().hint.contains(QStringLiteral("redelivered")));

        HandMade flagged("k", "{}");
        flagged.record.flags |= Redelivered;
        QVERIFY(flagged.matches(QStringLiteral("redelivered:true")));
        QVERIFY(!flagged.matches(QStringLiteral("late:true")));
        QVERIFY(!flagged.matches(QStringLiteral("gap:true")));
        flagged.record.flags = Late;
        QVERIFY(!flagged.matches(QStringLiteral("redelivered:true")));
    }

    void severalJsonTermsOnBrokenJson()
    {
        // The first term's lookup makes simdjson give up on the document; the second parses it again
        // (it used to rewind the abandoned document and crash).
        HandMade broken("k", json("{'a':'x','b' 1,'total':5}"));
        QVERIFY(!broken.matches(QStringLiteral("payload.total:5 OR payload.total:5")));
        QVERIFY(broken.matches(QStringLiteral("-payload.x:1 -payload.total:5")));
        HandMade whole("k", json("{'a':'x','total':5}"));
        QVERIFY(whole.matches(QStringLiteral("payload.x:1 OR payload.total:5")));
    }

    void threadsGiveTheSameInOrder()
    {
        std::vector<KafkaMessage> many;
        const std::vector<KafkaMessage> base = samples();
        for (int i = 0; i < 70000; ++i) {
            KafkaMessage m = base[std::size_t(i % 7)];
            m.offset = i;
            if (i % 7 < 2)
                m.key = QByteArray::number(i % 1000);
            many.push_back(std::move(m));
        }
        Events events(many);
        const EventSnapshot snapshot = events.store.snapshot();
        for (const char *text : {"payload.total>100 OR key:MY-99", "source:mysql -kind:change", "\"customer-42\"",
                                 "type:Order* key:4*", "offset>=69990 OR partition:2 offset<30"}) {
            const auto query = EventQuery::parse(QString::fromUtf8(text));
            QVERIFY(query.ok());
            std::vector<quint64> loop;
            EventQuery::Matcher matcher(query.value(), snapshot.strings());
            for (qsizetype row = 0; row < snapshot.size(); ++row) {
                if (matcher.matches(snapshot.at(row)))
                    loop.push_back(snapshot.at(row).sequence());
            }
            QVERIFY2(!loop.empty(), text);
            QCOMPARE(matchingSequences(snapshot, query.value(), 0, snapshot.size(), 1), loop);
            QCOMPARE(matchingSequences(snapshot, query.value(), 0, snapshot.size(), 3), loop);
            QCOMPARE(matchingSequences(snapshot, query.value(), 0, snapshot.size(), 0), loop);
            std::vector<quint64> middle;
            std::copy_if(loop.begin(), loop.end(), std::back_inserter(middle),
                         [](quint64 s) { return s >= 1000 && s < 60001; });
            QCOMPARE(matchingSequences(snapshot, query.value(), 1000, 60001, 2), middle);
        }
        QCOMPARE(matchingSequences(snapshot, EventQuery(), 5, 9).size(), std::size_t(4));
        QCOMPARE(matchingSequences(snapshot, EventQuery(), 5, 9).front(), quint64(5));
        QVERIFY(matchingSequences(snapshot, EventQuery(), 9, 5).empty());
    }

    void jsonPathScan_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("want");
        QTest::addColumn<bool>("whole");
        QTest::addColumn<int>("expected");
        auto row = [](const char *name, const char *value, const char *path, const char *want, JsonScan expected,
                      bool whole = false) {
            QTest::newRow(name) << json(value) << QString::fromUtf8(path) << QByteArray(want) << whole << int(expected);
        };
        const auto no = JsonScan::No, yes = JsonScan::Yes, unsure = JsonScan::Unsure;
        row("number", "{'total':1}", "total", "1", yes);
        row("number's token has its whitespace", "{'total' : 1.5e3 \n}", "total", "1.5e3 \n", yes);
        row("other number", "{'total':1}", "total", "2", no);
        row("in a string first", "{'note':'\\'total\\':5','total':7}", "total", "7", yes);
        row("not the one in the string", "{'note':'\\'total\\':5','total':7}", "total", "5", no);
        row("nested first", "{'a':{'total':5},'total':7}", "total", "5", no);
        row("the root's after a nested one", "{'a':{'total':5},'total':7}", "total", "7", yes);
        row("first duplicate", "{'total':1,'total':2}", "total", "1", yes);
        row("not the second duplicate", "{'total':1,'total':2}", "total", "2", no);
        row("escaped quote in a key", "{'to\\'tal':5,'total':7}", "total", "7", yes);
        row("a prefix before an escaped quote", "{'k\\'x':1}", "k\\", "1", unsure);
        row("keys compare as written", "{'t\\u006ftal':1}", "total", "1", no);
        row("a backslash in a key", "{'a\\\\b':1}", "a\\\\b", "1", yes);
        row("escapes skipped", "{'s':'a\\u00e9\\\\','t':'\\/\\b\\f\\n\\r\\t','total':1}", "total", "1", yes);
        row("a string with escapes", "{'total':'x\\'y'}", "total", "x'y", unsure);
        row("string", "{'customer':'ann'}", "customer", "ann", yes);
        row("utf-8", "{'note':'caf\xc3\xa9'}", "note", "caf\xc3\xa9", yes);
        row("whitespace everywhere", " \t\n{ \r\n'a' : [ 1 , { 'b' : 2 } ] ,\n 'total'\t:\ttrue }\n", "total", "true",
            yes);
        row("false", "{'paid':false}", "paid", "false", yes);
        row("null", "{'coupon':null}", "coupon", "null", yes);
        row("an object at the end", "{'a':{'b':1}}", "a", "", yes);
        row("truncated number", "{'total':1", "total", "1", unsure);
        row("truncated literal", "{'paid':true", "paid", "true", unsure);
        row("truncated before", "{'a':'x", "total", "1", unsure);
        row("unclosed array before", "{'a':[1,{'b':2}", "total", "1", unsure);
        row("brackets of the wrong kind", "{'a':[1,2},'total':1}", "total", "1", unsure);
        row("a control character in a string", "{'a':'x\ty','total':1}", "total", "1", unsure);
        row("bad escape", "{'a':'\\x','total':1}", "total", "1", unsure);
        row("bad literal", "{'a':tru,'total':1}", "total", "1", unsure);
        row("bad number", "{'total':01}", "total", "01", unsure);
        row("bad fraction", "{'a':1.,'total':1}", "total", "1", unsure);
        row("missing colon", "{'total' 1}", "total", "1", unsure);
        row("trailing comma", "{'a':1,}", "total", "1", unsure);
        row("garbage after the number", "{'total':1 2}", "total", "1 ", unsure);
        row("an array root", "['total']", "total", "1", unsure);
        row("a string root", "'total'", "total", "1", unsure);
        row("any element", "{'lines':[{'sku':'A'},{'sku':'B'}]}", "lines.sku", "B", yes);
        row("no element", "{'lines':[{'sku':'A'},{'sku':'B'}]}", "lines.sku", "C", no);
        row("index", "{'lines':[{'sku':'A'},{'sku':'B'}]}", "lines.1.sku", "B", yes);
        row("other index", "{'lines':[{'sku':'A'},{'sku':'B'}]}", "lines.0.sku", "B", no);
        row("index past the end", "{'lines':[{'sku':'A'},{'sku':'B'}]}", "lines.5.sku", "B", no);
        row("index as a key", "{'lines':{'1':{'sku':'B'}}}", "lines.1.sku", "B", yes);
        row("the whole array", "{'lines':[]}", "lines", "", yes, true);
        row("the elements of an array", "{'tags':['a','gift']}", "tags", "gift", yes);
        row("nested arrays", "{'m':[[1,2],[[3]]]}", "m", "3", yes);
        row("empty array", "{'lines':[]}", "lines.sku", "", no);
        row("a scalar on the path", "{'after':null}", "after.id", "1", no);
        row("empty object", "{}", "total", "1", no);
        row("the root", "{'a':1}", "", "", yes);
        row("wrapper", "{'schema':{'total':5},'payload':{'total':1}}", "total", "1", yes);
        row("not the schema's", "{'schema':{'total':5},'payload':{'total':1}}", "total", "5", no);
        row("wrapper without object", "{'schema':{},'payload':null}", "", "", no);
        row("wrapper without payload", "{'schema':{},'total':1}", "total", "1", no);
        row("schema not first", "{'payload':{'total':1},'schema':{}}", "payload.total", "1", yes);
    }

    void jsonPathScan()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, path);
        QFETCH(QByteArray, want);
        QFETCH(bool, whole);
        QFETCH(int, expected);
        QCOMPARE(int(scan(value, path, want, whole)), expected);
    }

    void jsonPathScanDepth()
    {
        QCOMPARE(scan(nested(30), QStringLiteral("total"), "7"), JsonScan::Yes);
        QCOMPARE(scan(nested(80), QStringLiteral("total"), "7"), JsonScan::Unsure); // simdjson decides
        QCOMPARE(scan(nested(30), QStringLiteral("a.total"), "1"), JsonScan::Yes);
        QCOMPARE(scan(nested(80), QStringLiteral("a.total"), "1"), JsonScan::Unsure);
        QByteArray deepPath = "1";
        QString path = QStringLiteral("a");
        for (int i = 0; i < 70; ++i) {
            deepPath = "{\"a\":" + deepPath + "}";
            path += QStringLiteral(".a");
        }
        QCOMPARE(scan("{\"a\":" + deepPath + "}", path, "1"), JsonScan::Unsure);
    }

    // A prefix of a value (as cut by a broken producer) never gives an answer the whole value does not.
    void jsonPathScanOfPrefixes()
    {
        const QStringList paths = {QStringLiteral("total"),     QStringLiteral("coupon"),
                                   QStringLiteral("lines.sku"), QStringLiteral("lines.1.qty"),
                                   QStringLiteral("after.id"),  QStringLiteral("note")};
        for (const QByteArray &value : differentialValues()) {
            for (const QString &path : paths) {
                const std::vector<JsonStep> walk = steps(path);
                auto odd = [](const JsonValue &v) { return v.text.size() % 2 == 1; };
                const JsonScan whole =
                    scanJsonPath(std::string_view(value.constData(), std::size_t(value.size())), walk, false, odd);
                for (qsizetype cut = 0; cut < value.size(); ++cut) {
                    const QByteArray prefix = value.left(cut); // its own allocation: reading past it would show
                    const JsonScan part =
                        scanJsonPath(std::string_view(prefix.constData(), std::size_t(cut)), walk, false, odd);
                    QVERIFY2(part == JsonScan::Unsure || part == whole,
                             qPrintable(path + u' ' + QString::fromUtf8(prefix)));
                }
            }
        }
    }

    // The scan decides most events on its own, and what it decides is simdjson's answer: every value
    // through the ingest (which flags broken ones undecodable), as an outbox event, a change event (update
    // and delete) and inside the schema/payload wrapper, against many queries, with both readings.
    void jsonPathScanAgreesWithSimdjson()
    {
        std::vector<KafkaMessage> messages;
        qint64 offset = 0;
        const QByteArray source =
            json("'source':{'connector':'postgresql','db':'capstone','schema':'public','table':'t'}");
        for (const QByteArray &v : differentialValues()) {
            const QByteArray update = "{\"before\":" + v + ",\"after\":" + v + ",\"op\":\"u\"," + source + '}';
            const QByteArray remove = "{\"before\":" + v + ",\"after\":null,\"op\":\"d\"," + source + '}';
            const QByteArray wrapped = "{\"schema\":{\"type\":\"struct\"},\"payload\":" + v + '}';
            const QByteArray wrappedUpdate = "{\"schema\":{},\"payload\":" + update + '}';
            for (const QByteArray &value : {v, update, remove, wrapped, wrappedUpdate}) {
                const bool change = value.contains("\"op\":");
                messages.push_back(message(change ? "pg.public.orders" : "outbox.event.postgres.order",
                                           change ? kChangeKey7 : "42", value, 0, offset++));
            }
        }
        Events events(messages);
        const EventSnapshot snapshot = events.store.snapshot();
        int changes = 0, outbox = 0, undecodable = 0;
        for (qsizetype row = 0; row < snapshot.size(); ++row) {
            const EventKind kind = snapshot.at(row).record().kind;
            changes += kind == EventKind::Change;
            outbox += kind == EventKind::Outbox;
            undecodable += kind == EventKind::Undecodable;
        }
        QVERIFY2(changes > 100 && outbox > 50 && undecodable > 10,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(changes).arg(outbox).arg(undecodable)));

        const char *const queries[] = {"payload.total>100",
                                       "payload.total:99",
                                       "payload.total=10.5",
                                       "payload.total<=99",
                                       "payload.total:*",
                                       "-payload.total>=500",
                                       "payload.total:1*",
                                       "payload.total=101",
                                       "payload.total:9\\u0039",
                                       "payload.customer:ann",
                                       "payload.customer:customer-*",
                                       "payload.customer=Customer-42",
                                       "payload.customer:*",
                                       "payload.customer:\"a\\\"b\"",
                                       "payload.lines.sku:B-7",
                                       "payload.lines.0.sku:A-1",
                                       "payload.lines.1.qty<2",
                                       "payload.lines.qty>1",
                                       "payload.lines:*",
                                       "payload.lines.sku:null",
                                       "payload.lines.0:*",
                                       "payload.tags:gift",
                                       "payload.tags:urgent",
                                       "payload.tags:*",
                                       "payload.paid:true",
                                       "payload.paid:false",
                                       "payload.coupon:null",
                                       "payload.coupon:*",
                                       "payload:*",
                                       "payload.orderId:*",
                                       "payload.orderId=42",
                                       "payload.orderId:0",
                                       "payload.id:9",
                                       "payload.id<5",
                                       "payload.id>1e10",
                                       "payload.note:*café",
                                       "payload.note:*",
                                       "payload.schema:*",
                                       "payload.payload.total:*",
                                       "payload.a:*",
                                       "payload.a.total:5",
                                       "payload.t\\u006ftal:*",
                                       "payload.to\\:*",
                                       "payload.k\\:*",
                                       "payload.a\\\\b:3",
                                       "after.id<100",
                                       "after.id:*",
                                       "after:*",
                                       "before:*",
                                       "before.total>=300",
                                       "before.id:6",
                                       "after.total>100",
                                       "after.after.id:5",
                                       "payload.after.id:5",
                                       "payload.op:u",
                                       "payload.status:PAID",
                                       "payload.source.connector:mysql",
                                       "payload.total:* payload.customer:*",
                                       "payload.total>100 OR payload.customer:ann"};
        int compared = 0;
        for (const char *text : queries) {
            const auto query = EventQuery::parse(QString::fromUtf8(text));
            QVERIFY2(query.ok(), text);
            EventQuery::Matcher scanning(query.value(), snapshot.strings());
            EventQuery::Matcher parsing(query.value(), snapshot.strings(), EventQuery::Matcher::JsonReading::Simdjson);
            for (qsizetype row = 0; row < snapshot.size(); ++row) {
                const EventView event = snapshot.at(row);
                const bool scanned = scanning.matches(event), parsed = parsing.matches(event);
                QVERIFY2(scanned == parsed,
                         qPrintable(QString::fromUtf8(text) + u' ' +
                                    QString::fromUtf8(event.record().value(), event.record().valueLength)));
                ++compared;
            }
        }
        QVERIFY(compared > 10000);

        // ... and most of them without simdjson: the scan is sure about every well-formed sample.
        int sure = 0, all = 0;
        for (const QByteArray &value : differentialValues()) {
            for (const QString &path : {QStringLiteral("total"), QStringLiteral("lines.sku"), QStringLiteral("id")}) {
                const JsonScan s = scan(value, path, "1");
                sure += s != JsonScan::Unsure;
                ++all;
            }
        }
        QVERIFY2(sure * 10 >= all * 7, qPrintable(QStringLiteral("%1 of %2").arg(sure).arg(all)));
        for (int i = 0; i < 40; ++i) {
            const KafkaMessage m = cdc::testsupport::sampleMessage(i);
            const QString path = i % 4 < 2 ? QStringLiteral("total") : QStringLiteral("after.total");
            QVERIFY(scan(*m.value, path, "1") != JsonScan::Unsure);
            QVERIFY(scan(*m.value, path + QStringLiteral(".x"), "1") != JsonScan::Unsure);
        }
    }

    void completion()
    {
        const StringTable &strings = m_events->store.strings();
        QueryCompletion c = completeQuery(QStringLiteral("so"), 2, strings);
        QCOMPARE(c.replaceFrom, 0);
        QCOMPARE(c.replaceTo, 2);
        QCOMPARE(c.candidates, QStringList{QStringLiteral("source:")});
        c = completeQuery(QStringLiteral("op:c source:m"), 13, strings);
        QCOMPARE(c.replaceFrom, 5);
        QCOMPARE(c.replaceTo, 13);
        QCOMPARE(c.candidates, QStringList{QStringLiteral("source:mysql")});
        c = completeQuery(QStringLiteral("source:"), 7, strings);
        QCOMPARE(c.candidates, (QStringList{QStringLiteral("source:postgres"), QStringLiteral("source:mysql"),
                                            QStringLiteral("source:unknown")}));
        c = completeQuery(QStringLiteral("-op:"), 4, strings);
        QCOMPARE(c.candidates, (QStringList{QStringLiteral("-op:c"), QStringLiteral("-op:u"), QStringLiteral("-op:d"),
                                            QStringLiteral("-op:r"), QStringLiteral("-op:t")}));
        c = completeQuery(QStringLiteral("kind:out op:c"), 7, strings);
        QCOMPARE(c.replaceFrom, 0);
        QCOMPARE(c.replaceTo, 8);
        QCOMPARE(c.candidates, QStringList{QStringLiteral("kind:outbox")});
        c = completeQuery(QStringLiteral("type:Order"), 10, strings);
        QCOMPARE(c.candidates, (QStringList{QStringLiteral("type:order"), QStringLiteral("type:OrderCreated"),
                                            QStringLiteral("type:OrderShipped")}));
        c = completeQuery(QStringLiteral("topic:pg"), 8, strings);
        QCOMPARE(c.candidates, QStringList{QStringLiteral("topic:pg.public.orders")});
        c = completeQuery(QStringLiteral("redel"), 5, strings);
        QCOMPARE(c.candidates, QStringList{QStringLiteral("redelivered:")});
        c = completeQuery(QStringLiteral("-redelivered:"), 13, strings);
        QCOMPARE(c.candidates,
                 (QStringList{QStringLiteral("-redelivered:true"), QStringLiteral("-redelivered:false")}));
        c = completeQuery(QStringLiteral("op:c "), 5, strings);
        QCOMPARE(c.replaceFrom, 5);
        QCOMPARE(c.candidates.size(), 18);
        QCOMPARE(c.candidates.front(), QStringLiteral("source:"));
        QCOMPARE(completeQuery(QStringLiteral("payload.x:"), 10, strings).candidates, QStringList{});
    }
};

QTEST_GUILESS_MAIN(TstEventQuery)
#include "tst_eventquery.moc"
