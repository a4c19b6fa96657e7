// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the property catalog: the bundled data is complete and consistent, and the comparison
// with a worker's validate answer finds every kind of disagreement.
#include "debezium/propertycatalog.h"

#include <QTest>

using namespace cdc::debezium;

namespace {

QByteArray validateAnswer(const QByteArray &configs)
{
    return R"({"name":"x","error_count":0,"groups":[],"configs":[)" + configs + "]}";
}

QByteArray definition(const char *name, const char *type, const char *defaultValue, const char *doc = "worker doc")
{
    const QByteArray value = defaultValue ? QByteArray("\"") + defaultValue + '"' : QByteArray("null");
    return QByteArray(R"({"definition":{"name":")") + name + R"(","type":")" + type + R"(","default_value":)" + value +
           R"(,"documentation":")" + doc + R"("},"value":{"name":")" + name + R"(","errors":[]}})";
}

} // namespace

class TstPropertyCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledCatalogCoversThreeConnectorsAndTheRouter()
    {
        const PropertyCatalog &catalog = PropertyCatalog::bundled();
        QCOMPARE(catalog.connectors().size(), 3u);
        QCOMPARE(catalog.connectorForClass(QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector"))->maxTasks,
                 1);
        QCOMPARE(catalog.connectorById(QStringLiteral("mysql"))->database, QStringLiteral("mysql"));
        for (const ConnectorSpec &c : catalog.connectors())
            QVERIFY2(catalog.properties(c.id).size() >= 40, qPrintable(c.id));
        QCOMPARE(catalog.outboxClass(), QStringLiteral("io.debezium.transforms.outbox.EventRouter"));
        QCOMPARE(catalog.outboxProperty(QStringLiteral("route.topic.replacement"))->defaultValue.value(),
                 QStringLiteral("outbox.event.${routedByValue}"));
        // Per-connector facts: each connector sees its own port default.
        QCOMPARE(catalog.property(QStringLiteral("postgres"), QStringLiteral("database.port"))->defaultValue.value(),
                 QStringLiteral("5432"));
        QCOMPARE(catalog.property(QStringLiteral("mariadb"), QStringLiteral("database.port"))->defaultValue.value(),
                 QStringLiteral("3306"));
        QVERIFY(!catalog.property(QStringLiteral("postgres"), QStringLiteral("database.server.id")));
    }

    void everyEntryIsComplete()
    {
        const PropertyCatalog &catalog = PropertyCatalog::bundled();
        const QStringList types{QStringLiteral("BOOLEAN"),  QStringLiteral("CLASS"), QStringLiteral("DOUBLE"),
                                QStringLiteral("INT"),      QStringLiteral("LIST"),  QStringLiteral("LONG"),
                                QStringLiteral("PASSWORD"), QStringLiteral("SHORT"), QStringLiteral("STRING")};
        auto check = [&](const PropertySpec &p) {
            QVERIFY2(types.contains(p.type), qPrintable(p.name + u' ' + p.type));
            QVERIFY2(p.doc.length() > 20, qPrintable(p.name));
            QVERIFY2(!p.group.isEmpty(), qPrintable(p.name));
            QVERIFY2(catalog.sources().contains(p.source), qPrintable(p.name + u' ' + p.source));
            if (!p.values.isEmpty() && p.defaultValue)
                QVERIFY2(p.values.contains(*p.defaultValue), qPrintable(p.name));
        };
        for (const ConnectorSpec &c : catalog.connectors()) {
            for (const PropertySpec *p : catalog.properties(c.id))
                check(*p);
        }
        for (const PropertySpec &p : catalog.outboxProperties())
            check(p);
        // The renames of Debezium 2.0 that DEBEZIUM.md lists are all there.
        QStringList renamed;
        for (const RenameRule &r : catalog.renames())
            renamed << (r.from.isEmpty() ? r.fromPrefix : r.from);
        for (const char *old : {"database.server.name", "database.history.", "database.whitelist", "table.whitelist",
                                "table.blacklist", "event.deserialization.failure.handling.mode", "database.jdbc."})
            QVERIFY2(renamed.contains(QLatin1String(old)), old);
    }

    void transformsClassesAndWorkerNames()
    {
        // Issue 21: the data behind the plugin and stray-name rules.
        const PropertyCatalog &catalog = PropertyCatalog::bundled();
        const TransformSpec *unwrap =
            catalog.transformForClass(QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));
        QVERIFY(unwrap);
        QVERIFY(unwrap->options.contains(QStringLiteral("delete.tombstone.handling.mode")));
        QCOMPARE(unwrap->removedOptions.size(), std::size_t(2));
        QCOMPARE(unwrap->removedOptions.front().replacement, QStringLiteral("delete.tombstone.handling.mode"));
        const TransformSpec *router = catalog.transformForClass(catalog.outboxClass());
        QVERIFY(router);
        QVERIFY(router->options.contains(QStringLiteral("table.field.event.timestamp")));
        QVERIFY(router->options.contains(QStringLiteral("negate")));
        QVERIFY(!router->options.contains(QStringLiteral("type")));
        QVERIFY(
            catalog.isKnownClass(QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatches")));
        QVERIFY(!catalog.isKnownClass(QStringLiteral("io.debezium.transforms.UnwrapFromEnvelope")));
        QCOMPARE(catalog.removedClass(QStringLiteral("io.debezium.transforms.UnwrapFromEnvelope"))->replacement,
                 QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));
        QVERIFY(!catalog.removedClass(QStringLiteral("io.debezium.transforms.ExtractNewRecordState")));
        QVERIFY(catalog.workerProperties(QStringLiteral("postgres")).contains(QStringLiteral("database.sslmode")));
        QVERIFY(!catalog.workerProperties(QStringLiteral("mysql")).contains(QStringLiteral("database.sslmode")));
        QVERIFY(catalog.workerProperties(QStringLiteral("oracle")).isEmpty());
        QCOMPARE(catalog.connectorById(QStringLiteral("mysql"))->maxTasks, 1);

        const RenameRule *flush = nullptr;
        const RenameRule *jdbc = nullptr;
        for (const RenameRule &r : catalog.renames()) {
            if (r.from == QLatin1String("flush.lsn.source"))
                flush = &r;
            if (r.fromPrefix == QLatin1String("database.jdbc."))
                jdbc = &r;
        }
        QVERIFY(flush && jdbc);
        QVERIFY(flush->stillRead);
        QCOMPARE(flush->values.value(QStringLiteral("false")), QStringLiteral("manual"));
        QCOMPARE(jdbc->rename(QStringLiteral("database.jdbc.driver")), QString());
        QCOMPARE(jdbc->rename(QStringLiteral("database.jdbc.sslMode")), QStringLiteral("driver.sslMode"));
    }

    void renameRules()
    {
        const RenameRule exact{
            QStringLiteral("database.server.name"), QStringLiteral("topic.prefix"), {}, {}, {}, {}, {}};
        QCOMPARE(exact.rename(QStringLiteral("database.server.name")), QStringLiteral("topic.prefix"));
        QCOMPARE(exact.rename(QStringLiteral("database.server.id")), QString());
        const RenameRule prefix{{},
                                {},
                                QStringLiteral("database.history."),
                                QStringLiteral("schema.history.internal."),
                                {},
                                {},
                                {QStringLiteral("mysql")}};
        QCOMPARE(prefix.rename(QStringLiteral("database.history.kafka.topic")),
                 QStringLiteral("schema.history.internal.kafka.topic"));
        QVERIFY(prefix.appliesTo(QStringLiteral("mysql")));
        QVERIFY(!prefix.appliesTo(QStringLiteral("postgres")));
    }

    void comparisonWithAWorkerFindsEachDisagreement()
    {
        const QByteArray json =
            R"({"format":1,"sources":{"s":"x"},"connectors":[{"id":"pg","class":"C","database":"postgres"}],
            "properties":[
              {"name":"same","type":"INT","default":"1","group":"g","doc":"d","source":"s"},
              {"name":"typed","type":"INT","default":"1","group":"g","doc":"d","source":"s"},
              {"name":"defaulted","type":"STRING","default":"a","group":"g","doc":"d","source":"s"},
              {"name":"absent","type":"STRING","group":"g","doc":"d","source":"s"},
              {"name":"unreported","type":"STRING","group":"g","doc":"d","source":"s","workerReports":false}],
            "transforms":[{"id":"outbox","class":"R","properties":[{"name":"route.by.field","type":"STRING","default":"aggregatetype","group":"g","doc":"d","source":"s"}]}],
            "renames":[]})";
        const auto catalog = PropertyCatalog::parse(json, QStringLiteral("test"));
        QVERIFY(catalog.ok());
        const QByteArray answer =
            validateAnswer(definition("same", "INT", "1") + ',' + definition("typed", "LONG", "1") + ',' +
                           definition("defaulted", "STRING", "b") + ',' +
                           definition("transforms.o.route.by.field", "STRING", "aggregatetype", "Route by"));
        const auto diffs = catalog.value().compareWithWorker(QStringLiteral("pg"), answer, QStringLiteral("o"));
        QStringList found;
        for (const CatalogDisagreement &d : diffs)
            found << d.property + u':' + d.field + u':' + d.ours + u'/' + d.worker;
        QCOMPARE(found, (QStringList{QStringLiteral("typed:type:INT/LONG"), QStringLiteral("defaulted:default:a/b"),
                                     QStringLiteral("absent:missing:STRING/(not listed)")}));
        QCOMPARE(PropertyCatalog::workerDocumentation(answer).value(QStringLiteral("transforms.o.route.by.field")),
                 QStringLiteral("Route by"));
    }

    void brokenCatalogIsAnError()
    {
        const auto catalog = PropertyCatalog::parse(R"({"format":1,"connectors":5})", QStringLiteral("bad.json"));
        QVERIFY(!catalog.ok());
        QCOMPARE(catalog.error().where, QStringLiteral("bad.json"));
    }
};

QTEST_GUILESS_MAIN(TstPropertyCatalog)
#include "tst_propertycatalog.moc"
