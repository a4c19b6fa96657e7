// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the sandbox's event generator: its messages are what Debezium and the Outbox Event Router emit,
// our decoder reads them as such, order ids overlap across the databases, and positions move like real ones.
#include "capturespecs.h"
#include "sandbox/eventgenerator.h"
#include "stream/eventdecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <map>

using namespace cdc::sandbox;
using cdc::stream::EventDecoder;
using cdc::stream::EventKind;
using cdc::stream::KafkaMessage;
using cdc::stream::SourceTag;

using namespace cdc::sandbox::testing;

namespace {

constexpr qint64 kNow = 1'764'000'000'000; // 2025-11-24T16:00:00Z

KafkaMessage asKafka(const GeneratedMessage &m)
{
    KafkaMessage k;
    k.topic = m.topic.toUtf8();
    k.timestampMs = m.timestampMs;
    k.key = m.key;
    if (!m.value.isNull())
        k.value = m.value;
    for (const auto &[name, value] : m.headers)
        k.headers.emplace_back(name, value);
    return k;
}

QByteArray header(const GeneratedMessage &m, const char *name)
{
    for (const auto &[key, value] : m.headers) {
        if (key == name)
            return value;
    }
    return {};
}

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning("not a JSON object (%s): %s", qPrintable(error.errorString()), json.constData());
    return doc.object();
}

// The payload of an outbox event, whether the router expanded it or left it a JSON string.
QJsonObject outboxPayload(const GeneratedMessage &m)
{
    if (m.value.startsWith('"')) {
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + m.value + "]");
        return object(wrapped.array().first().toString().toUtf8());
    }
    return object(m.value);
}

qint64 cents(const QJsonValue &money)
{
    const QStringList parts = money.toString().split(u'.');
    return parts.size() == 2 ? parts[0].toLongLong() * 100 + parts[1].toLongLong() : -1;
}

} // namespace

class TstEventGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topicForReplacesTheRoutedValue()
    {
        QCOMPARE(topicFor(postgresSpec(), QStringLiteral("order")), QStringLiteral("outbox.event.postgres.order"));
        CaptureSpec plain;
        QCOMPARE(topicFor(plain, QStringLiteral("order")), QStringLiteral("outbox.event.order"));
    }

    void outboxEventsAreWhatTheRouterEmits_data()
    {
        QTest::addColumn<bool>("expand");
        QTest::newRow("expanded payload") << true;
        QTest::newRow("payload as a JSON string") << false;
    }
    void outboxEventsAreWhatTheRouterEmits()
    {
        QFETCH(bool, expand);
        CaptureSpec spec = postgresSpec();
        spec.expandJsonPayload = expand;
        spec.otherTables.clear();
        EventGenerator generator(spec, 7);
        EventDecoder decoder;
        const QSet<QString> types{QStringLiteral("OrderCreated"), QStringLiteral("OrderPaid"),
                                  QStringLiteral("OrderShipped"), QStringLiteral("OrderCancelled")};
        QSet<QString> seenTypes;
        QSet<QByteArray> ids;
        for (int i = 0; i < 500; ++i) {
            const QList<GeneratedMessage> messages = generator.next(kNow + i * 10);
            QCOMPARE(messages.size(), 1);
            const GeneratedMessage &m = messages.first();
            QCOMPARE(m.topic, QStringLiteral("outbox.event.postgres.order"));
            QCOMPARE(m.value.startsWith('"'), !expand);
            QCOMPARE(m.timestampMs, kNow + i * 10);
            // Headers: the outbox row's id (a version 4 UUID, never repeated) and its type.
            QCOMPARE(m.headers.size(), 2);
            const QByteArray id = header(m, "id");
            const QUuid uuid = QUuid::fromString(QLatin1String(id));
            QVERIFY2(!uuid.isNull() && uuid.version() == QUuid::Random, id.constData());
            QVERIFY(!ids.contains(id));
            ids.insert(id);
            const QString type = QString::fromLatin1(header(m, "eventType"));
            QVERIFY2(types.contains(type), qPrintable(type));
            seenTypes.insert(type);

            // The key is the aggregate id as a JSON string; the payload an order of a realistic size.
            const QJsonObject payload = outboxPayload(m);
            const qint64 orderId = payload.value(QLatin1String("orderId")).toInteger(-1);
            QVERIFY(orderId >= 1000);
            QCOMPARE(m.key, QByteArray('"' + QByteArray::number(orderId) + '"'));
            const QByteArray body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
            QVERIFY2(body.size() >= 400 && body.size() <= 900, body.constData());
            for (const char *field : {"status", "customer", "items", "total", "currency", "createdAt", "updatedAt"})
                QVERIFY2(payload.contains(QLatin1String(field)), field);
            qint64 sum = 0;
            for (const QJsonValue &item : payload.value(QLatin1String("items")).toArray()) {
                const QJsonObject line = item.toObject();
                sum += cents(line.value(QLatin1String("unitPrice"))) * line.value(QLatin1String("quantity")).toInt();
            }
            QCOMPARE(cents(payload.value(QLatin1String("total"))), sum);

            const auto decoded = decoder.decode(asKafka(m));
            QCOMPARE(decoded.kind, EventKind::Outbox);
            QCOMPARE(decoded.source, SourceTag::Postgres);
            QCOMPARE(decoded.entityText(), QStringLiteral("order"));
            QCOMPARE(decoded.eventTypeText(), type);
            QCOMPARE(decoded.aggregateId(m.key), QString::number(orderId));
            QCOMPARE(decoded.compositeKey(m.key), QStringLiteral("PG-%1").arg(orderId));
        }
        QCOMPARE(seenTypes, types);
    }

    void ordersMoveThroughTheirLifeInOrder()
    {
        EventGenerator generator(mysqlSpec(), 11);
        std::map<qint64, QStringList> lives;
        for (int i = 0; i < 3000; ++i) {
            const GeneratedMessage m = generator.next(kNow + i).last();
            lives[outboxPayload(m).value(QLatin1String("orderId")).toInteger()].append(
                QString::fromLatin1(header(m, "eventType")));
        }
        int shipped = 0;
        for (const auto &[id, life] : lives) {
            const QString text = life.join(u',');
            QCOMPARE(life.first(), QStringLiteral("OrderCreated"));
            QVERIFY2(text == QLatin1String("OrderCreated") || text == QLatin1String("OrderCreated,OrderPaid") ||
                         text == QLatin1String("OrderCreated,OrderPaid,OrderShipped") ||
                         text == QLatin1String("OrderCreated,OrderCancelled") ||
                         text == QLatin1String("OrderCreated,OrderPaid,OrderCancelled"),
                     qPrintable(QStringLiteral("%1: %2").arg(id).arg(text)));
            shipped += text.endsWith(QLatin1String("OrderShipped"));
        }
        QVERIFY(shipped > int(lives.size()) / 2);
    }

    void postgresChangeEventsCarryTheDebeziumSource()
    {
        EventGenerator generator(postgresSpec(), 3);
        EventDecoder decoder;
        qint64 lastPosition = generator.position().lsn;
        qint64 lastLsn = 0;
        qint64 lastTxId = generator.position().txId;
        bool sawUpdate = false;
        for (int i = 0; i < 400; ++i) {
            const qint64 written = kNow + i * 7;
            const QList<GeneratedMessage> messages = generator.next(written, -1, written + 25);
            QCOMPARE(messages.size(), 2); // the orders row first, then the outbox event
            const GeneratedMessage &change = messages.first();
            QCOMPARE(change.topic, QStringLiteral("pg.public.orders"));
            const QJsonObject envelope = object(change.value);
            const QJsonObject source = envelope.value(QLatin1String("source")).toObject();
            const QJsonObject after = envelope.value(QLatin1String("after")).toObject();
            const QString op = envelope.value(QLatin1String("op")).toString();
            QCOMPARE(change.key, "{\"id\":" + QByteArray::number(after.value(QLatin1String("id")).toInteger()) + "}");
            QVERIFY(envelope.contains(QLatin1String("transaction")) &&
                    envelope.value(QLatin1String("transaction")).isNull());
            QCOMPARE(envelope.value(QLatin1String("ts_ms")).toInteger(), written + 25);
            QCOMPARE(source.value(QLatin1String("version")).toString(), QStringLiteral("3.5.0.Final"));
            QCOMPARE(source.value(QLatin1String("connector")).toString(), QStringLiteral("postgresql"));
            QCOMPARE(source.value(QLatin1String("name")).toString(), QStringLiteral("pg"));
            QCOMPARE(source.value(QLatin1String("ts_ms")).toInteger(), written);
            QCOMPARE(source.value(QLatin1String("snapshot")).toString(), QStringLiteral("false"));
            QCOMPARE(source.value(QLatin1String("db")).toString(), QStringLiteral("capstone"));
            QCOMPARE(source.value(QLatin1String("schema")).toString(), QStringLiteral("public"));
            QCOMPARE(source.value(QLatin1String("table")).toString(), QStringLiteral("orders"));
            QVERIFY(source.contains(QLatin1String("xmin")) && source.value(QLatin1String("xmin")).isNull());
            const qint64 lsn = source.value(QLatin1String("lsn")).toInteger();
            const qint64 txId = source.value(QLatin1String("txId")).toInteger();
            QVERIFY2(lsn > lastLsn && lsn >= lastPosition,
                     qPrintable(QStringLiteral("%1 after %2").arg(lsn).arg(lastLsn)));
            QVERIFY(txId > lastTxId);
            const QJsonArray sequence =
                QJsonDocument::fromJson(source.value(QLatin1String("sequence")).toString().toUtf8()).array();
            QCOMPARE(sequence.size(), 2);
            QVERIFY(sequence[0].toString().toLongLong() < lsn);
            QCOMPARE(sequence[1].toString().toLongLong(), lsn);
            QVERIFY(generator.position().lsn > lsn); // after the change's commit
            lastPosition = generator.position().lsn;
            lastLsn = lsn;
            lastTxId = txId;

            if (op == QLatin1String("u")) {
                sawUpdate = true;
                const QJsonObject before = envelope.value(QLatin1String("before")).toObject();
                QCOMPARE(before.value(QLatin1String("id")), after.value(QLatin1String("id")));
                QVERIFY(before.value(QLatin1String("status")) != after.value(QLatin1String("status")));
            } else {
                QCOMPARE(op, QStringLiteral("c"));
                QVERIFY(envelope.value(QLatin1String("before")).isNull());
                QCOMPARE(after.value(QLatin1String("status")).toString(), QStringLiteral("NEW"));
            }

            const auto decoded = decoder.decode(asKafka(change));
            QCOMPARE(decoded.kind, EventKind::Change);
            QCOMPARE(decoded.op, op.at(0).toLatin1());
            QCOMPARE(decoded.source, SourceTag::Postgres);
            QCOMPARE(decoded.entityText(), QStringLiteral("public.orders"));
            QCOMPARE(decoded.sourceTsMs, written);
            QCOMPARE(decoded.aggregateId(change.key), QString::number(after.value(QLatin1String("id")).toInteger()));
            // The outbox event of the same change names the same order.
            QCOMPARE(messages.last().key, '"' + QByteArray::number(after.value(QLatin1String("id")).toInteger()) + '"');
        }
        QVERIFY(sawUpdate);
    }

    void mysqlChangeEventsCarryTheBinlogPosition_data()
    {
        QTest::addColumn<QString>("connectorClass");
        QTest::addColumn<QString>("connector");
        QTest::newRow("MariaDB") << QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector")
                                 << QStringLiteral("mariadb");
        QTest::newRow("MySQL") << QStringLiteral("io.debezium.connector.mysql.MySqlConnector")
                               << QStringLiteral("mysql");
    }
    void mysqlChangeEventsCarryTheBinlogPosition()
    {
        QFETCH(QString, connectorClass);
        QFETCH(QString, connector);
        EventGenerator generator(mysqlSpec(connectorClass), 5);
        EventDecoder decoder;
        QCOMPARE(generator.position().binlogFile, QStringLiteral("mysql-bin.000003"));
        qint64 lastPosition = 0;
        for (int i = 0; i < 300; ++i) {
            const QList<GeneratedMessage> messages = generator.next(kNow + i);
            QCOMPARE(messages.size(), 2);
            const GeneratedMessage &change = messages.first();
            QCOMPARE(change.topic, QStringLiteral("mysql.capstone.orders"));
            const QJsonObject envelope = object(change.value);
            const QJsonObject source = envelope.value(QLatin1String("source")).toObject();
            QCOMPARE(source.value(QLatin1String("connector")).toString(), connector);
            QCOMPARE(source.value(QLatin1String("name")).toString(), QStringLiteral("mysql"));
            QCOMPARE(source.value(QLatin1String("db")).toString(), QStringLiteral("capstone"));
            QCOMPARE(source.value(QLatin1String("table")).toString(), QStringLiteral("orders"));
            QCOMPARE(source.value(QLatin1String("server_id")).toInteger(), 1);
            QVERIFY(source.value(QLatin1String("gtid")).isNull());
            QVERIFY(source.value(QLatin1String("query")).isNull());
            QCOMPARE(source.value(QLatin1String("file")).toString(), QStringLiteral("mysql-bin.000003"));
            QCOMPARE(source.value(QLatin1String("row")).toInteger(), 0);
            QVERIFY(source.value(QLatin1String("thread")).toInteger() > 0);
            const qint64 position = source.value(QLatin1String("pos")).toInteger();
            QVERIFY(position >= 157 && position > lastPosition);
            QVERIFY(generator.position().binlogPosition > position);
            lastPosition = position;

            const auto decoded = decoder.decode(asKafka(change));
            QCOMPARE(decoded.kind, EventKind::Change);
            QCOMPARE(decoded.source, SourceTag::MySql);
            QCOMPARE(decoded.entityText(), QStringLiteral("capstone.orders"));
            QCOMPARE(decoded.op, envelope.value(QLatin1String("op")).toString().at(0).toLatin1());
            const auto outbox = decoder.decode(asKafka(messages.last()));
            QCOMPARE(outbox.kind, EventKind::Outbox);
            QCOMPARE(outbox.source, SourceTag::MySql);
            QCOMPARE(outbox.entityText(), QStringLiteral("order"));
            QCOMPARE(outbox.eventTypeText(), QString::fromLatin1(header(messages.last(), "eventType")));
            QCOMPARE(outbox.compositeKey(messages.last().key),
                     QStringLiteral("MY-") + QString::fromLatin1(messages.last().key.mid(1).chopped(1)));
        }
    }

    void theBinlogRollsOverAtOneGibibyte()
    {
        EventGenerator generator(mysqlSpec(), 5);
        generator.skip((1024LL * 1024 * 1024 - 157) / EventGenerator::averageBinlogBytesPerChange - 20);
        QCOMPARE(generator.position().binlogFile, QStringLiteral("mysql-bin.000003"));
        QVERIFY(generator.position().binlogPosition > 1'000'000'000);
        std::pair<QString, qint64> last{generator.position().binlogFile, generator.position().binlogPosition};
        for (int i = 0; i < 60; ++i) {
            generator.next(kNow + i);
            const std::pair<QString, qint64> now{generator.position().binlogFile, generator.position().binlogPosition};
            QVERIFY(now > last);
            QVERIFY(now.second < 1024LL * 1024 * 1024);
            last = now;
        }
        QCOMPARE(last.first, QStringLiteral("mysql-bin.000004"));
        QVERIFY(last.second < 100'000);
        const QJsonObject source =
            object(generator.next(kNow + 100).first().value).value(QLatin1String("source")).toObject();
        QCOMPARE(source.value(QLatin1String("file")).toString(), QStringLiteral("mysql-bin.000004"));
    }

    void positionsGrowByRealisticSizes()
    {
        EventGenerator postgres(postgresSpec(), 1);
        EventGenerator mysql(mysqlSpec(), 1);
        const qint64 lsn = postgres.position().lsn, binlog = mysql.position().binlogPosition;
        const int changes = 5000;
        for (int i = 0; i < changes; ++i) {
            postgres.next(kNow + i);
            mysql.next(kNow + i);
        }
        const double walPerChange = double(postgres.position().lsn - lsn) / changes;
        const double binlogPerChange = double(mysql.position().binlogPosition - binlog) / changes;
        QVERIFY2(std::abs(walPerChange / EventGenerator::averageWalBytesPerChange - 1) < 0.05,
                 qPrintable(QString::number(walPerChange)));
        QVERIFY2(std::abs(binlogPerChange / EventGenerator::averageBinlogBytesPerChange - 1) < 0.05,
                 qPrintable(QString::number(binlogPerChange)));

        // Changes nobody captured move the positions on by the same sizes.
        const SourcePosition before = postgres.position();
        postgres.skip(1000);
        QCOMPARE(postgres.position().lsn, before.lsn + 1000 * EventGenerator::averageWalBytesPerChange);
        QVERIFY(postgres.position().txId >= before.txId + 1000);
        const qint64 next = object(postgres.next(kNow + changes).first().value)
                                .value(QLatin1String("source"))
                                .toObject()
                                .value(QLatin1String("lsn"))
                                .toInteger();
        QVERIFY(next > before.lsn + 1000 * EventGenerator::averageWalBytesPerChange);
    }

    void orderIdsOverlapAcrossTheDatabases()
    {
        EventGenerator postgres(postgresSpec(), 21);
        EventGenerator mysql(mysqlSpec(), 22);
        QSet<qint64> postgresIds, mysqlIds;
        for (int i = 0; i < 600; ++i) {
            postgresIds.insert(
                outboxPayload(postgres.next(kNow + i).last()).value(QLatin1String("orderId")).toInteger());
            mysqlIds.insert(outboxPayload(mysql.next(kNow + i).last()).value(QLatin1String("orderId")).toInteger());
        }
        QCOMPARE(*std::min_element(postgresIds.cbegin(), postgresIds.cend()), 1000);
        QCOMPARE(*std::min_element(mysqlIds.cbegin(), mysqlIds.cend()), 1000);
        const QSet<qint64> both = QSet<qint64>(postgresIds).intersect(mysqlIds);
        QVERIFY2(both.size() > postgresIds.size() * 3 / 4,
                 qPrintable(QStringLiteral("%1 of %2").arg(both.size()).arg(postgresIds.size())));
    }

    void aGivenOrderIdIsUsed()
    {
        EventGenerator postgres(postgresSpec(), 2);
        EventGenerator mysql(mysqlSpec(), 2);
        const QList<GeneratedMessage> first = postgres.next(kNow, 4242);
        QCOMPARE(first.last().key, QByteArray("\"4242\""));
        QCOMPARE(first.first().key, QByteArray("{\"id\":4242}"));
        QCOMPARE(header(first.last(), "eventType"), QByteArray("OrderCreated"));
        const QList<GeneratedMessage> second = postgres.next(kNow + 1, 4242);
        QCOMPARE(second.last().key, QByteArray("\"4242\""));
        QCOMPARE(header(second.last(), "eventType") == "OrderPaid" ||
                     header(second.last(), "eventType") == "OrderCancelled",
                 true);
        QCOMPARE(object(second.first().value).value(QLatin1String("op")).toString(), QStringLiteral("u"));
        QCOMPARE(mysql.next(kNow, 4242).last().key, QByteArray("\"4242\""));
    }

    void theSameSeedGivesTheSameEvents()
    {
        EventGenerator a(postgresSpec(), 99), b(postgresSpec(), 99), c(postgresSpec(), 100);
        bool differs = false;
        for (int i = 0; i < 50; ++i) {
            const QList<GeneratedMessage> ma = a.next(kNow + i), mb = b.next(kNow + i), mc = c.next(kNow + i);
            QCOMPARE(ma.last().value, mb.last().value);
            QCOMPARE(ma.first().value, mb.first().value);
            QCOMPARE(ma.last().headers, mb.last().headers);
            differs = differs || ma.last().value != mc.last().value;
        }
        QVERIFY(differs);
    }

    void aNewSpecKeepsThePositions()
    {
        EventGenerator generator(postgresSpec(), 4);
        for (int i = 0; i < 10; ++i)
            generator.next(kNow + i);
        const SourcePosition before = generator.position();
        CaptureSpec spec = postgresSpec();
        spec.routeTopicReplacement = QStringLiteral("orders.${routedByValue}.events");
        spec.otherTables.clear();
        generator.setSpec(spec);
        const QList<GeneratedMessage> messages = generator.next(kNow + 20);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().topic, QStringLiteral("orders.order.events"));
        QVERIFY(generator.position().lsn > before.lsn);
    }
};

QTEST_GUILESS_MAIN(TstEventGenerator)
#include "tst_eventgenerator.moc"
