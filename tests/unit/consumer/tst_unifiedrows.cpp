// SPDX-License-Identifier: GPL-3.0-or-later
// The print sink's rows: parsed from the lines a real run wrote (tests/e2e ran the job; these lines are
// copied from its log), and kept in a bounded model that inserts in batches. The Kafka sink's JSON, as
// the sandbox's simulated consumer writes it.
#include "consumer/unifiedrows.h"
#include "consumer/unifiedsinkjson.h"

#include <QSignalSpy>
#include <QTest>

using namespace cdc::consumer;

class TstUnifiedRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAPrintSinkLine()
    {
        const auto row = parsePrintSinkLine(QStringLiteral(
            "+I[MY-7, 7, order, mysql, OrderCreated, 6fd199d5-f249-11f1-b190-02fc00000001, 2026-12-07T14:21:04.784Z, "
            "{\"database\":\"mysql\",\"orderId\":7, \"note\":\"a, b\"}]"));
        QVERIFY(row);
        QCOMPARE(row->compositeKey, QStringLiteral("MY-7"));
        QCOMPARE(row->aggregateId, QStringLiteral("7"));
        QCOMPARE(row->aggregateType, QStringLiteral("order"));
        QCOMPARE(row->sourceDatabase, QStringLiteral("mysql"));
        QCOMPARE(row->eventType, QStringLiteral("OrderCreated"));
        QCOMPARE(row->eventId, QStringLiteral("6fd199d5-f249-11f1-b190-02fc00000001"));
        QCOMPARE(row->eventTime, QStringLiteral("2026-12-07T14:21:04.784Z"));
        // The payload keeps its own ", ".
        QCOMPARE(row->payload, QStringLiteral("{\"database\":\"mysql\",\"orderId\":7, \"note\":\"a, b\"}"));
        // With parallelism above one, Flink puts the subtask first.
        const auto second = parsePrintSinkLine(
            QStringLiteral("2> +I[PG-1, 1, order, postgres, OrderCreated, x, 2026-12-07T14:21:04.784Z, {}]"));
        QVERIFY(second);
        QCOMPARE(second->sourceDatabase, QStringLiteral("postgres"));
    }

    void ignoresEverythingElse()
    {
        QVERIFY(!parsePrintSinkLine(QStringLiteral("CDC-STUDIO job 0123456789abcdef0123456789abcdef")));
        QVERIFY(!parsePrintSinkLine(QStringLiteral("+I[too, few]")));
        QVERIFY(!parsePrintSinkLine(QStringLiteral("+I[XX-1, 1, order, x, T, id, time, {}]"))); // not a composite key
        QVERIFY(!parsePrintSinkLine(QStringLiteral("-D[PG-1, 1, order, postgres, T, id, time, {}]")));
        QVERIFY(!parsePrintSinkLine(QString()));
    }

    void saysWhenOneIdCameFromBothDatabases()
    {
        UnifiedRowsModel model;
        QSignalSpy both(&model, &UnifiedRowsModel::bothSourcesSeen);
        model.append(
            UnifiedRow{QStringLiteral("PG-1"), QStringLiteral("1"), {}, QStringLiteral("postgres"), {}, {}, {}, {}});
        model.append(
            UnifiedRow{QStringLiteral("PG-2"), QStringLiteral("2"), {}, QStringLiteral("postgres"), {}, {}, {}, {}});
        model.append(
            UnifiedRow{QStringLiteral("MY-3"), QStringLiteral("3"), {}, QStringLiteral("mysql"), {}, {}, {}, {}});
        QCOMPARE(both.count(), 0);
        model.append(
            UnifiedRow{QStringLiteral("MY-2"), QStringLiteral("2"), {}, QStringLiteral("mysql"), {}, {}, {}, {}});
        QCOMPARE(both.count(), 1);
        QCOMPARE(both.at(0).at(0).toString(), QStringLiteral("2"));
        QCOMPARE(model.sharedAggregateId(), QStringLiteral("2"));
        model.append(
            UnifiedRow{QStringLiteral("MY-1"), QStringLiteral("1"), {}, QStringLiteral("mysql"), {}, {}, {}, {}});
        QCOMPARE(both.count(), 1); // once
        model.clear();
        QVERIFY(model.sharedAggregateId().isEmpty());
    }

    void insertsInBatchesAndKeepsTheNewest()
    {
        UnifiedRowsModel model(3);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 1; i <= 5; ++i)
            model.append(UnifiedRow{QStringLiteral("PG-%1").arg(i),
                                    QString::number(i),
                                    QStringLiteral("order"),
                                    QStringLiteral("postgres"),
                                    {},
                                    {},
                                    {},
                                    {}});
        QCOMPARE(model.rowCount(), 0); // not yet: one batch, later
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.total(), 5);
        QCOMPARE(model.index(0, UnifiedRowsModel::CompositeKey).data().toString(), QStringLiteral("PG-3"));
        QCOMPARE(model.index(2, UnifiedRowsModel::SourceDatabase).data().toString(), QStringLiteral("postgres"));
        model.append(
            UnifiedRow{QStringLiteral("MY-9"), QStringLiteral("9"), {}, QStringLiteral("mysql"), {}, {}, {}, {}});
        model.flush();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, UnifiedRowsModel::CompositeKey).data().toString(), QStringLiteral("MY-9"));
        QCOMPARE(model.index(0, UnifiedRowsModel::CompositeKey).data().toString(), QStringLiteral("PG-4"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.total(), 0);
    }

    void aBatchIsOneInsertion()
    {
        UnifiedRowsModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy both(&model, &UnifiedRowsModel::bothSourcesSeen);
        model.append(QList<UnifiedRow>{
            UnifiedRow{QStringLiteral("PG-7"), QStringLiteral("7"), {}, QStringLiteral("postgres"), {}, {}, {}, {}},
            UnifiedRow{QStringLiteral("MY-8"), QStringLiteral("8"), {}, QStringLiteral("mysql"), {}, {}, {}, {}},
            UnifiedRow{QStringLiteral("MY-7"), QStringLiteral("7"), {}, QStringLiteral("mysql"), {}, {}, {}, {}}});
        QCOMPARE(both.count(), 1);
        QCOMPARE(both.at(0).at(0).toString(), QStringLiteral("7"));
        QCOMPARE(model.total(), 3);
        model.append(QList<UnifiedRow>{});
        QCOMPARE(model.total(), 3);
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.index(2, UnifiedRowsModel::CompositeKey).data().toString(), QStringLiteral("MY-7"));
    }

    void writesTheKafkaSinksJson()
    {
        const UnifiedRow row{QStringLiteral("MY-7"),
                             QStringLiteral("7"),
                             QStringLiteral("order"),
                             QStringLiteral("mysql"),
                             QStringLiteral("OrderCreated"),
                             QStringLiteral("6fd199d5-f249-11f1-b190-02fc00000001"),
                             {},
                             QStringLiteral("{\"orderId\":7,\"city\":\"Z\u00fcrich\"}")};
        const qint64 at = 1796653264784; // 2026-12-07T14:21:04.784Z
        // Flink's JSON format: the sink table's columns in order, TIMESTAMP_LTZ in its SQL form.
        QCOMPARE(unifiedSinkJson(row, at),
                 QByteArray("{\"composite_key\":\"MY-7\",\"aggregate_id\":\"7\",\"aggregate_type\":\"order\","
                            "\"source_database\":\"mysql\",\"event_type\":\"OrderCreated\","
                            "\"event_id\":\"6fd199d5-f249-11f1-b190-02fc00000001\","
                            "\"event_time\":\"2026-12-07 14:21:04.784Z\","
                            "\"payload\":\"{\\\"orderId\\\":7,\\\"city\\\":\\\"Z\xc3\xbcrich\\\"}\"}"));
        const QByteArray tombstone = unifiedSinkJson(UnifiedRow{QStringLiteral("PG-1"),
                                                                QStringLiteral("1"),
                                                                QStringLiteral("order"),
                                                                QStringLiteral("postgres"),
                                                                {},
                                                                QStringLiteral("x"),
                                                                {},
                                                                {}},
                                                     at, true);
        QVERIFY2(tombstone.endsWith("\"event_time\":\"2026-12-07 14:21:04.784Z\",\"payload\":null}"),
                 tombstone.constData());
        QVERIFY2(tombstone.contains("\"event_type\":null"), tombstone.constData()); // no type header

        // Flink drops the fraction's trailing zeros; java.time.Instant keeps milliseconds whole.
        QCOMPARE(flinkJsonTimestamp(1796653264780), QStringLiteral("2026-12-07 14:21:04.78Z"));
        QCOMPARE(flinkJsonTimestamp(1796653264000), QStringLiteral("2026-12-07 14:21:04Z"));
        QCOMPARE(flinkJsonTimestamp(1796653264005), QStringLiteral("2026-12-07 14:21:04.005Z"));
        QCOMPARE(instantText(1796653264784), QStringLiteral("2026-12-07T14:21:04.784Z"));
        QCOMPARE(instantText(1796653264780), QStringLiteral("2026-12-07T14:21:04.780Z"));
        QCOMPARE(instantText(1796653264000), QStringLiteral("2026-12-07T14:21:04Z"));
    }
};

QTEST_GUILESS_MAIN(TstUnifiedRows)
#include "tst_unifiedrows.moc"
