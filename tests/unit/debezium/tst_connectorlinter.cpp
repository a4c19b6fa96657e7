// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the connector linter: every rule fires where it should and stays quiet where it should not.
#include "debezium/connectorlinter.h"
#include "topology/templates.h"

#include <QTest>

using namespace cdc::debezium;

namespace {

const PropertyCatalog &catalog()
{
    return PropertyCatalog::bundled();
}

ConnectorConfig postgres(const QString &name = QStringLiteral("pg"))
{
    ConnectorConfig c;
    c.name = name;
    c.config = {
        {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector")},
        {QStringLiteral("database.hostname"), QStringLiteral("db1")},
        {QStringLiteral("database.port"), QStringLiteral("5432")},
        {QStringLiteral("database.user"), QStringLiteral("debezium")},
        {QStringLiteral("database.password"), QStringLiteral("${env:PG_PASSWORD}")},
        {QStringLiteral("database.dbname"), QStringLiteral("shop")},
        {QStringLiteral("topic.prefix"), name},
        {QStringLiteral("plugin.name"), QStringLiteral("pgoutput")},
        {QStringLiteral("slot.name"), name + QStringLiteral("_slot")},
        {QStringLiteral("publication.name"), name + QStringLiteral("_pub")}};
    return c;
}

ConnectorConfig mariadb(const QString &name = QStringLiteral("my"), const QString &serverId = QStringLiteral("5401"))
{
    ConnectorConfig c;
    c.name = name;
    c.config = {{QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector")},
                {QStringLiteral("database.hostname"), QStringLiteral("db2")},
                {QStringLiteral("database.user"), QStringLiteral("debezium")},
                {QStringLiteral("database.password"), QStringLiteral("${file:/s.properties:my}")},
                {QStringLiteral("database.server.id"), serverId},
                {QStringLiteral("topic.prefix"), name},
                {QStringLiteral("schema.history.internal.kafka.topic"), QStringLiteral("history.") + name},
                {QStringLiteral("schema.history.internal.kafka.bootstrap.servers"), QStringLiteral("kafka:9092")}};
    return c;
}

void addOutbox(ConnectorConfig &c, const QString &replacement)
{
    c.config.insert(QStringLiteral("transforms"), QStringLiteral("outbox"));
    c.config.insert(QStringLiteral("transforms.outbox.type"),
                    QStringLiteral("io.debezium.transforms.outbox.EventRouter"));
    c.config.insert(QStringLiteral("transforms.outbox.route.topic.replacement"), replacement);
    c.config.insert(QStringLiteral("include.schema.changes"), QStringLiteral("false"));
}

QStringList rules(const std::vector<Diagnostic> &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out << d.rule + u'@' + d.property;
    return out;
}

QStringList lint(const ConnectorConfig &c)
{
    return rules(lintConnector(c, catalog()));
}

} // namespace

class TstConnectorLinter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanConfigsHaveNoDiagnostics()
    {
        QCOMPARE(lint(postgres()), QStringList());
        QCOMPARE(lint(mariadb()), QStringList());
        const auto project = cdc::topology::loadTemplate(*cdc::topology::findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        QCOMPARE(rules(lintConnectors(connectorsOf(project.value()), catalog())), QStringList());
    }

    void unknownClass()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("connector.class")] = QStringLiteral("com.example.Oracle");
        QCOMPARE(lint(c), QStringList{QStringLiteral("connector-class@connector.class")});
    }

    void requiredValues()
    {
        ConnectorConfig c = mariadb();
        c.config.remove(QStringLiteral("database.server.id"));
        c.config.remove(QStringLiteral("schema.history.internal.kafka.topic"));
        QCOMPARE(lint(c), (QStringList{QStringLiteral("required@database.server.id"),
                                       QStringLiteral("required@schema.history.internal.kafka.topic")}));
    }

    void typesAndValues()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("database.port")] = QStringLiteral("fifty");
        c.config[QStringLiteral("tombstones.on.delete")] = QStringLiteral("yes");
        c.config[QStringLiteral("snapshot.mode")] = QStringLiteral("sometimes");
        c.config[QStringLiteral("heartbeat.interval.ms")] = QStringLiteral("${env:HEARTBEAT}"); // resolved later: fine
        QCOMPARE(lint(c), (QStringList{QStringLiteral("type@database.port"), QStringLiteral("value@snapshot.mode"),
                                       QStringLiteral("type@tombstones.on.delete")}));
        c.config[QStringLiteral("snapshot.mode")] = QStringLiteral("NO_DATA"); // Debezium compares case-insensitively
        QVERIFY(!lint(c).contains(QStringLiteral("value@snapshot.mode")));
    }

    void renamedPropertiesMigrateInOneStep()
    {
        ConnectorConfig c = mariadb();
        const QString prefix = c.config.take(QStringLiteral("topic.prefix"));
        c.config.insert(QStringLiteral("database.server.name"), prefix);
        const QString topic = c.config.take(QStringLiteral("schema.history.internal.kafka.topic"));
        c.config.insert(QStringLiteral("database.history.kafka.topic"), topic);
        c.config.insert(QStringLiteral("table.whitelist"), QStringLiteral("shop.outbox"));
        c.config.insert(QStringLiteral("snapshot.mode"), QStringLiteral("schema_only"));
        const QStringList found = lint(c);
        QVERIFY(found.contains(QStringLiteral("renamed@database.server.name")));
        QVERIFY(found.contains(QStringLiteral("renamed@database.history.kafka.topic")));
        QVERIFY(found.contains(QStringLiteral("renamed@table.whitelist")));
        QVERIFY(found.contains(QStringLiteral("renamed-value@snapshot.mode")));

        ConnectorConfig migrated = c;
        migrated.config = migrate(c, catalog());
        QCOMPARE(migrated.value(QStringLiteral("topic.prefix")), prefix);
        QCOMPARE(migrated.value(QStringLiteral("schema.history.internal.kafka.topic")), topic);
        QCOMPARE(migrated.value(QStringLiteral("table.include.list")), QStringLiteral("shop.outbox"));
        QCOMPARE(migrated.value(QStringLiteral("snapshot.mode")), QStringLiteral("no_data"));
        QVERIFY(!migrated.config.contains(QStringLiteral("database.server.name")));
        QCOMPARE(lint(migrated), QStringList());
    }

    void renamedAndNewBothSetIsAConflict()
    {
        ConnectorConfig c = postgres();
        c.config.insert(QStringLiteral("database.server.name"), QStringLiteral("old"));
        QCOMPARE(lint(c), QStringList{QStringLiteral("renamed-conflict@database.server.name")});
    }

    void slotNamesPostgresRefuses()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("slot.name")] = QStringLiteral("Orders-Slot");
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("slot-name@slot.name")});
        QCOMPARE(diagnostics.front().fix->value, QStringLiteral("orders_slot"));
        c.config[QStringLiteral("slot.name")] = QString(64, u'a');
        QCOMPARE(lint(c), QStringList{QStringLiteral("slot-name@slot.name")});
        c.config[QStringLiteral("slot.name")] = QString(63, u'a');
        QCOMPARE(lint(c), QStringList());
    }

    void pluginName()
    {
        ConnectorConfig c = postgres();
        c.config.remove(QStringLiteral("plugin.name"));
        QCOMPARE(lint(c), QStringList{QStringLiteral("plugin-name@plugin.name")});
        c.config[QStringLiteral("plugin.name")] = QStringLiteral("decoderbufs");
        QCOMPARE(lint(c), QStringList{QStringLiteral("plugin-name@plugin.name")});
    }

    void tasksMax()
    {
        ConnectorConfig c = mariadb();
        c.config[QStringLiteral("tasks.max")] = QStringLiteral("2");
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("tasks-max@tasks.max")});
        QCOMPARE(diagnostics.front().severity, Severity::Error);
        ConnectorConfig p = postgres();
        p.config[QStringLiteral("tasks.max")] = QStringLiteral("2");
        QCOMPARE(lintConnector(p, catalog()).front().severity, Severity::Info);
    }

    void serverIdAndTopicPrefix()
    {
        QCOMPARE(lint(mariadb(QStringLiteral("my"), QStringLiteral("-3"))),
                 QStringList{QStringLiteral("server-id@database.server.id")});
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("topic.prefix")] = QStringLiteral("my prefix!");
        QCOMPARE(lint(c), QStringList{QStringLiteral("topic-prefix@topic.prefix")});
    }

    void plaintextPasswords()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("database.password")] = QStringLiteral("hunter2");
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("plaintext-password@database.password")});
        QVERIFY(!diagnostics.front().message.contains(QStringLiteral("hunter2")));
        c.config[QStringLiteral("database.password")] = QStringLiteral("${file:/etc/secrets.properties:pg}");
        QCOMPARE(lint(c), QStringList());
    }

    void outboxRouting()
    {
        ConnectorConfig c = postgres();
        addOutbox(c, QStringLiteral("outbox.event.${routedByValue}"));
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics),
                 QStringList{QStringLiteral("outbox-routing@transforms.outbox.route.topic.replacement")});
        QCOMPARE(diagnostics.front().fix->value, QStringLiteral("outbox.event.postgres.${routedByValue}"));
        c.config = applyFix(c.config, *diagnostics.front().fix);
        QCOMPARE(lint(c), QStringList());

        ConnectorConfig m = mariadb();
        addOutbox(m, QStringLiteral("outbox.event.postgres.${routedByValue}"));
        QCOMPARE(lint(m), QStringList{QStringLiteral("outbox-routing@transforms.outbox.route.topic.replacement")});
        m.config[QStringLiteral("transforms.outbox.route.topic.replacement")] =
            QStringLiteral("outbox.event.mysql.${routedByValue}");
        QCOMPARE(lint(m), QStringList());
    }

    void outboxExpandNeedsJsonAndPredicateForHeartbeats()
    {
        ConnectorConfig c = postgres();
        addOutbox(c, QStringLiteral("outbox.event.postgres.${routedByValue}"));
        c.config.insert(QStringLiteral("transforms.outbox.table.expand.json.payload"), QStringLiteral("true"));
        c.config.insert(QStringLiteral("value.converter"), QStringLiteral("io.confluent.connect.avro.AvroConverter"));
        c.config.insert(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("10000"));
        QCOMPARE(lint(c),
                 (QStringList{QStringLiteral("outbox-expand-converter@transforms.outbox.table.expand.json.payload"),
                              QStringLiteral("outbox-predicate@transforms.outbox.predicate")}));
        c.config.insert(QStringLiteral("value.converter"),
                        QStringLiteral("org.apache.kafka.connect.json.JsonConverter"));
        c.config.insert(QStringLiteral("transforms.outbox.predicate"), QStringLiteral("isOutbox"));
        QCOMPARE(lint(c), QStringList());
    }

    void rulesAcrossConnectors()
    {
        // Two PostgreSQL connectors on one server with the same slot and publication, two MariaDB
        // connectors with the same server id and history topic, and a repeated topic prefix.
        ConnectorConfig a = postgres(QStringLiteral("a"));
        ConnectorConfig b = postgres(QStringLiteral("b"));
        b.config[QStringLiteral("slot.name")] = a.value(QStringLiteral("slot.name"));
        b.config[QStringLiteral("publication.name")] = a.value(QStringLiteral("publication.name"));
        ConnectorConfig c = mariadb(QStringLiteral("c"), QStringLiteral("7"));
        ConnectorConfig d = mariadb(QStringLiteral("d"), QStringLiteral("7"));
        d.config[QStringLiteral("schema.history.internal.kafka.topic")] =
            c.value(QStringLiteral("schema.history.internal.kafka.topic"));
        d.config[QStringLiteral("topic.prefix")] = QStringLiteral("a");
        const auto diagnostics = lintConnectors({a, b, c, d}, catalog());
        QCOMPARE(rules(diagnostics),
                 (QStringList{QStringLiteral("duplicate-slot@slot.name"),
                              QStringLiteral("duplicate-publication@publication.name"),
                              QStringLiteral("duplicate-server-id@database.server.id"),
                              QStringLiteral("duplicate-topic-prefix@topic.prefix"),
                              QStringLiteral("shared-schema-history@schema.history.internal.kafka.topic")}));
        QCOMPARE(diagnostics.front().connector, QStringLiteral("b"));
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("connector a")));

        // The same slot name on another PostgreSQL server is fine.
        b.config[QStringLiteral("database.hostname")] = QStringLiteral("db9");
        QCOMPARE(rules(lintConnectors({a, b}, catalog())), QStringList());
    }
};

QTEST_GUILESS_MAIN(TstConnectorLinter)
#include "tst_connectorlinter.moc"
