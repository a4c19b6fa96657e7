// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the linter's rules on transforms, predicates, converters and stray names (issue 21): each
// rule fires on a config of ours that has the fault, and stays quiet on the same config without it.
#include "debezium/connectorlinter.h"
#include "debezium/transformlint.h"

#include <QTest>

using namespace cdc::debezium;

namespace {

const PropertyCatalog &catalog()
{
    return PropertyCatalog::bundled();
}

ConnectorConfig postgres()
{
    ConnectorConfig c;
    c.name = QStringLiteral("inventory");
    c.config = {
        {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector")},
        {QStringLiteral("database.hostname"), QStringLiteral("pg.internal")},
        {QStringLiteral("database.user"), QStringLiteral("cdc")},
        {QStringLiteral("database.password"), QStringLiteral("${env:PG_PASSWORD}")},
        {QStringLiteral("database.dbname"), QStringLiteral("inventory")},
        {QStringLiteral("topic.prefix"), QStringLiteral("inv")},
        {QStringLiteral("plugin.name"), QStringLiteral("pgoutput")},
        {QStringLiteral("table.include.list"), QStringLiteral("public.outbox")}};
    return c;
}

ConnectorConfig mysql()
{
    ConnectorConfig c;
    c.name = QStringLiteral("shop");
    c.config = {{QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.mysql.MySqlConnector")},
                {QStringLiteral("database.hostname"), QStringLiteral("mysql.internal")},
                {QStringLiteral("database.user"), QStringLiteral("cdc")},
                {QStringLiteral("database.password"), QStringLiteral("${env:MYSQL_PASSWORD}")},
                {QStringLiteral("database.server.id"), QStringLiteral("4401")},
                {QStringLiteral("topic.prefix"), QStringLiteral("shop")},
                {QStringLiteral("include.schema.changes"), QStringLiteral("false")},
                {QStringLiteral("schema.history.internal.kafka.topic"), QStringLiteral("history.shop")},
                {QStringLiteral("schema.history.internal.kafka.bootstrap.servers"), QStringLiteral("kafka:9092")}};
    return c;
}

void addRouter(ConnectorConfig &c, const QString &alias = QStringLiteral("outbox"))
{
    c.config.insert(QStringLiteral("transforms"), alias);
    c.config.insert(QStringLiteral("transforms.%1.type").arg(alias),
                    QStringLiteral("io.debezium.transforms.outbox.EventRouter"));
}

void addUnwrap(ConnectorConfig &c)
{
    c.config.insert(QStringLiteral("transforms"), QStringLiteral("unwrap"));
    c.config.insert(QStringLiteral("transforms.unwrap.type"),
                    QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));
}

QStringList lint(const ConnectorConfig &c)
{
    QStringList out;
    for (const Diagnostic &d : lintConnector(c, catalog()))
        out << d.rule + u'@' + d.property;
    return out;
}

const Diagnostic *find(const std::vector<Diagnostic> &all, const QString &rule)
{
    for (const Diagnostic &d : all) {
        if (d.rule == rule)
            return &d;
    }
    return nullptr;
}

} // namespace

class TstTransformLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baseConfigsAreClean()
    {
        QCOMPARE(lint(postgres()), QStringList());
        QCOMPARE(lint(mysql()), QStringList());
        ConnectorConfig c = postgres();
        addRouter(c);
        c.config.insert(QStringLiteral("transforms.outbox.table.field.event.timestamp"), QStringLiteral("created_at"));
        QCOMPARE(lint(c), QStringList());
    }

    void removedExtractNewRecordStateOptions()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("table.include.list")] = QStringLiteral("public.orders");
        addUnwrap(c);
        c.config.insert(QStringLiteral("transforms.unwrap.drop.tombstones"), QStringLiteral("false"));
        c.config.insert(QStringLiteral("transforms.unwrap.delete.handling.mode"), QStringLiteral("rewrite"));
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(lint(c), (QStringList{QStringLiteral("removed-option@transforms.unwrap.drop.tombstones"),
                                       QStringLiteral("removed-option@transforms.unwrap.delete.handling.mode")}));
        const Diagnostic &deletes = diagnostics.at(1);
        QCOMPARE(deletes.severity, Severity::Warning);
        QVERIFY2(deletes.message.contains(QStringLiteral("__deleted")), qPrintable(deletes.message));
        // Both old options map to one new value: rewrite keeping tombstones.
        for (const Diagnostic &d : diagnostics) {
            QCOMPARE(d.fix->newProperty, QStringLiteral("transforms.unwrap.delete.tombstone.handling.mode"));
            QCOMPARE(d.fix->value, QStringLiteral("rewrite-with-tombstone"));
        }
        c.config = migrate(c, catalog());
        QCOMPARE(c.value(QStringLiteral("transforms.unwrap.delete.tombstone.handling.mode")),
                 QStringLiteral("rewrite-with-tombstone"));
        QCOMPARE(lint(c), QStringList());

        // delete.handling.mode=rewrite alone: tombstones were dropped by default.
        ConnectorConfig d = postgres();
        addUnwrap(d);
        d.config.insert(QStringLiteral("transforms.unwrap.delete.handling.mode"), QStringLiteral("rewrite"));
        QCOMPARE(lintConnector(d, catalog()).front().fix->value, QStringLiteral("rewrite"));
    }

    void removedAndUnknownClasses()
    {
        ConnectorConfig c = postgres();
        addUnwrap(c);
        c.config[QStringLiteral("transforms.unwrap.type")] =
            QStringLiteral("io.debezium.transforms.UnwrapFromEnvelope");
        auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(lint(c), QStringList{QStringLiteral("removed-class@transforms.unwrap.type")});
        QCOMPARE(diagnostics.front().severity, Severity::Error);
        QCOMPARE(diagnostics.front().fix->value, QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));

        // A misspelt Kafka predicate and a misspelt Debezium converter: did you mean.
        ConnectorConfig m = mysql();
        m.config.insert(QStringLiteral("predicates"), QStringLiteral("isOutbox"));
        m.config.insert(QStringLiteral("predicates.isOutbox.type"),
                        QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatch"));
        m.config.insert(QStringLiteral("converters"), QStringLiteral("boolean"));
        m.config.insert(QStringLiteral("boolean.type"),
                        QStringLiteral("io.debezium.connector.binlog.converters.TinyIntOneToBooleanConvertor"));
        diagnostics = lintConnector(m, catalog());
        QCOMPARE(lint(m), (QStringList{QStringLiteral("unknown-class@boolean.type"),
                                       QStringLiteral("unknown-class@predicates.isOutbox.type")}));
        QCOMPARE(diagnostics.at(1).suggestion,
                 QStringLiteral("Did you mean org.apache.kafka.connect.transforms.predicates.TopicNameMatches?"));
        QCOMPARE(diagnostics.at(0).fix->value,
                 QStringLiteral("io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter"));

        // Classes of other vendors are the worker's to judge, and known classes are fine.
        m.config[QStringLiteral("predicates.isOutbox.type")] =
            QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        m.config[QStringLiteral("boolean.type")] =
            QStringLiteral("io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter");
        m.config.insert(QStringLiteral("value.converter"), QStringLiteral("io.confluent.connect.avro.AvroConverter"));
        QCOMPARE(lint(m), QStringList());
    }

    void connectedClassesAgainstTheWorkersPlugins()
    {
        ConnectorConfig c = mysql();
        addRouter(c);
        c.config.insert(QStringLiteral("value.converter"), QStringLiteral("io.confluent.connect.avro.AvroConverter"));
        c.config.insert(QStringLiteral("converters"), QStringLiteral("boolean"));
        c.config.insert(QStringLiteral("boolean.type"),
                        QStringLiteral("io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter"));
        const QStringList plugins{QStringLiteral("io.debezium.connector.mysql.MySqlConnector"),
                                  QStringLiteral("io.debezium.transforms.outbox.EventRouter"),
                                  QStringLiteral("org.apache.kafka.connect.json.JsonConverter")};
        const auto diagnostics = lintAgainstWorkerPlugins(c, plugins, QStringLiteral("http://connect:8083"));
        QCOMPARE(diagnostics.size(), std::size_t(1)); // Debezium's own converters are not Connect plugins
        QCOMPARE(diagnostics.front().rule, QStringLiteral("worker-missing-class"));
        QCOMPARE(diagnostics.front().property, QStringLiteral("value.converter"));
        QCOMPARE(diagnostics.front().severity, Severity::Error);
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("http://connect:8083")));
        QVERIFY(lintAgainstWorkerPlugins(
                    c, plugins + QStringList{QStringLiteral("io.confluent.connect.avro.AvroConverter")},
                    QStringLiteral("w"))
                    .empty());
    }

    void propertiesOfAnUnlistedAlias()
    {
        ConnectorConfig c = postgres();
        addRouter(c);
        c.config.insert(QStringLiteral("transforms.OutboxEventRouter.table.field.event.key"),
                        QStringLiteral("aggregate_id"));
        c.config.insert(QStringLiteral("transforms.OutboxEventRouter.route.by.field"),
                        QStringLiteral("aggregate_type"));
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(lint(c), QStringList{QStringLiteral("unlisted-alias@transforms.OutboxEventRouter.route.by.field")});
        QCOMPARE(diagnostics.front().severity, Severity::Warning);
        QVERIFY2(diagnostics.front().suggestion.contains(QStringLiteral("transforms.outbox.*")),
                 qPrintable(diagnostics.front().suggestion));
        c.config.remove(QStringLiteral("transforms.OutboxEventRouter.table.field.event.key"));
        c.config.remove(QStringLiteral("transforms.OutboxEventRouter.route.by.field"));
        c.config.insert(QStringLiteral("transforms.outbox.route.by.field"), QStringLiteral("aggregate_type"));
        QCOMPARE(lint(c), QStringList());
    }

    void misspeltRouterOptions()
    {
        ConnectorConfig c = postgres();
        addRouter(c);
        c.config.insert(QStringLiteral("transforms.outbox.table.field.timestamp"), QStringLiteral("created_at"));
        c.config.insert(QStringLiteral("transforms.outbox.route.topic.replacment"),
                        QStringLiteral("x.${routedByValue}"));
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(lint(c),
                 (QStringList{QStringLiteral("unknown-transform-option@transforms.outbox.route.topic.replacment"),
                              QStringLiteral("unknown-transform-option@transforms.outbox.table.field.timestamp")}));
        QCOMPARE(diagnostics.at(1).suggestion,
                 QStringLiteral("Did you mean transforms.outbox.table.field.event.timestamp?"));
        QCOMPARE(diagnostics.at(0).fix->newProperty, QStringLiteral("transforms.outbox.route.topic.replacement"));
        ConnectorConfig fixed = c;
        fixed.config = applyFix(applyFix(c.config, *diagnostics.at(0).fix), *diagnostics.at(1).fix);
        QCOMPARE(lint(fixed), QStringList());
    }

    void anotherConnectorsOptions()
    {
        ConnectorConfig m = mysql();
        m.config.insert(QStringLiteral("database.sslmode"), QStringLiteral("require"));
        m.config.insert(QStringLiteral("slot.name"), QStringLiteral("shop"));
        const auto diagnostics = lintConnector(m, catalog());
        QCOMPARE(lint(m), (QStringList{QStringLiteral("foreign-property@database.sslmode"),
                                       QStringLiteral("foreign-property@slot.name")}));
        QVERIFY2(diagnostics.front().message.contains(QStringLiteral("belongs to the PostgreSQL connector")),
                 qPrintable(diagnostics.front().message));
        QCOMPARE(diagnostics.front().suggestion, QStringLiteral("The MySQL connector's own is database.ssl.mode."));
        QCOMPARE(diagnostics.front().severity, Severity::Warning);

        ConnectorConfig p = postgres();
        p.config.insert(QStringLiteral("database.server.id"), QStringLiteral("1"));
        QCOMPARE(lint(p), QStringList{QStringLiteral("foreign-property@database.server.id")});
        QVERIFY(find(lintConnector(p, catalog()), QStringLiteral("foreign-property"))
                    ->message.contains(QStringLiteral("MySQL and MariaDB")));

        // Defined in Debezium's common code, read by every connector although only some list it.
        ConnectorConfig shared = mysql();
        shared.config.insert(QStringLiteral("binary.handling.mode"), QStringLiteral("base64"));
        shared.config.insert(QStringLiteral("unavailable.value.placeholder"), QStringLiteral("__none"));
        QCOMPARE(lint(shared), QStringList());

        // A near miss of one of the connector's own properties.
        ConnectorConfig t = postgres();
        t.config.insert(QStringLiteral("publication.autocreat.mode"), QStringLiteral("filtered"));
        const auto typo = lintConnector(t, catalog());
        QCOMPARE(lint(t), QStringList{QStringLiteral("unknown-property@publication.autocreat.mode")});
        QCOMPARE(typo.front().suggestion, QStringLiteral("Did you mean publication.autocreate.mode?"));
    }
};

QTEST_GUILESS_MAIN(TstTransformLint)
#include "tst_transformlint.moc"
