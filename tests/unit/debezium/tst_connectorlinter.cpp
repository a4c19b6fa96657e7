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

ConnectorConfig mysql(const QString &name = QStringLiteral("mysql"))
{
    ConnectorConfig c = mariadb(name, QStringLiteral("5402"));
    c.config[QStringLiteral("connector.class")] = QStringLiteral("io.debezium.connector.mysql.MySqlConnector");
    return c;
}

void addOutbox(ConnectorConfig &c, const QString &replacement)
{
    c.config.insert(QStringLiteral("transforms"), QStringLiteral("outbox"));
    c.config.insert(QStringLiteral("transforms.outbox.type"),
                    QStringLiteral("io.debezium.transforms.outbox.EventRouter"));
    c.config.insert(QStringLiteral("transforms.outbox.route.topic.replacement"), replacement);
    if (c.value(QStringLiteral("connector.class")).contains(QLatin1String("mariadb")))
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

    void oldKeyNextToItsNewKeyIsAWarningWithRemoveFix()
    {
        // Issue 21: Debezium 3 reads topic.prefix and ignores database.server.name: the connector runs.
        ConnectorConfig c = postgres();
        c.config.insert(QStringLiteral("database.server.name"), QStringLiteral("old"));
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("renamed-conflict@database.server.name")});
        QCOMPARE(diagnostics.front().severity, Severity::Warning);
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("ignores database.server.name")));
        QCOMPARE(diagnostics.front().fix->kind, ConfigFix::Kind::Remove);
        c.config = applyFix(c.config, *diagnostics.front().fix);
        QVERIFY(!c.config.contains(QStringLiteral("database.server.name")));
        QCOMPARE(c.value(QStringLiteral("topic.prefix")), QStringLiteral("pg"));
        QCOMPARE(lint(c), QStringList());
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
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("plugin-name@plugin.name")});
        // Issue 21: decoderbufs is Debezium's default and its images ship it; say exactly that.
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("Debezium's default, decoderbufs")));
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("Debezium's PostgreSQL images ship decoderbufs")));
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

    void mysqlTasksMaxAboveOneIsAnError()
    {
        // Issue 21: MySqlConnector shares the binlog connector's "Only a single connector task may be started".
        ConnectorConfig c = mysql();
        QCOMPARE(lint(c), QStringList());
        c.config[QStringLiteral("tasks.max")] = QStringLiteral("1");
        QCOMPARE(lint(c), QStringList());
        c.config[QStringLiteral("tasks.max")] = QStringLiteral("3");
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("tasks-max@tasks.max")});
        QCOMPARE(diagnostics.front().severity, Severity::Error);
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("Only a single connector task may be started")));
        QCOMPARE(applyFix(c.config, *diagnostics.front().fix).value(QStringLiteral("tasks.max")), QStringLiteral("1"));
    }

    void removedSnapshotModesAreErrors()
    {
        // The 3.5 worker refuses these values (tst_lintonworker); MySQL's never it still accepts.
        ConnectorConfig p = postgres();
        p.config[QStringLiteral("snapshot.mode")] = QStringLiteral("never");
        auto diagnostics = lintConnector(p, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("renamed-value@snapshot.mode")});
        QCOMPARE(diagnostics.front().severity, Severity::Error);
        QCOMPARE(diagnostics.front().fix->value, QStringLiteral("no_data"));
        ConnectorConfig m = mysql();
        m.config[QStringLiteral("snapshot.mode")] = QStringLiteral("schema_only_recovery");
        diagnostics = lintConnector(m, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("renamed-value@snapshot.mode")});
        QCOMPARE(diagnostics.front().severity, Severity::Error);
        QCOMPARE(diagnostics.front().fix->value, QStringLiteral("recovery"));
        m.config[QStringLiteral("snapshot.mode")] = QStringLiteral("never");
        QCOMPARE(lint(m), QStringList());
        m.config[QStringLiteral("snapshot.mode")] = QStringLiteral("no_data");
        QCOMPARE(lint(m), QStringList());
    }

    void flushLsnSourceIsDeprecatedForLsnFlushMode()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("flush.lsn.source")] = QStringLiteral("false");
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("deprecated@flush.lsn.source")});
        QCOMPARE(diagnostics.front().severity, Severity::Warning);
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("still works")));
        const auto fixed = applyFix(c.config, *diagnostics.front().fix);
        QVERIFY(!fixed.contains(QStringLiteral("flush.lsn.source")));
        QCOMPARE(fixed.value(QStringLiteral("lsn.flush.mode")), QStringLiteral("manual"));
        c.config = fixed;
        QCOMPARE(lint(c), QStringList());
        // Both set: the old one goes.
        c.config[QStringLiteral("flush.lsn.source")] = QStringLiteral("true");
        QCOMPARE(lint(c), QStringList{QStringLiteral("renamed-conflict@flush.lsn.source")});
        // database.jdbc.driver is MySQL's own property, not a JDBC pass-through to rename.
        ConnectorConfig m = mysql();
        m.config[QStringLiteral("database.jdbc.driver")] = QStringLiteral("com.mysql.cj.jdbc.Driver");
        QCOMPARE(lint(m), QStringList());
    }

    void exactlyOnceRequiredNeedsTheWorker()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("exactly.once.support")] = QStringLiteral("requested");
        QCOMPARE(lint(c), QStringList());
        c.config[QStringLiteral("exactly.once.support")] = QStringLiteral("required");
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("exactly-once@exactly.once.support")});
        QCOMPARE(diagnostics.front().severity, Severity::Warning);
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("exactly.once.source.support=enabled")));
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
        QCOMPARE(diagnostics.front().severity, Severity::Error);
        QVERIFY(!diagnostics.front().message.contains(QStringLiteral("hunter2")));
        c.config[QStringLiteral("database.password")] = QStringLiteral("${file:/etc/secrets.properties:pg}");
        QCOMPARE(lint(c), QStringList());
    }

    void referencesInsideALargerValueAreNotPlaintext()
    {
        // Issue 21: Kafka Connect resolves ${env:...} and ${file:...} anywhere in a value.
        ConnectorConfig c = postgres();
        const QString jaas = QStringLiteral("schema.history.internal.producer.sasl.jaas.config");
        c.config[jaas] = QStringLiteral("org.apache.kafka.common.security.plain.PlainLoginModule required "
                                        "username=\"cdc\" password=\"${env:KAFKA_SECRET}\";");
        c.config[QStringLiteral("value.converter.basic.auth.user.info")] = QStringLiteral("cdc:${env:REGISTRY_SECRET}");
        c.config[QStringLiteral("producer.override.ssl.truststore.password")] =
            QStringLiteral("${file:/etc/kafka/secrets.properties:truststore}");
        QCOMPARE(lint(c), QStringList());
        // A JAAS line without a password (Kerberos with a keytab) holds no secret either.
        c.config[jaas] = QStringLiteral(
            "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/etc/cdc.keytab\";");
        QCOMPARE(lint(c), QStringList());
    }

    void literalSecretsInOtherKeysArePlaintext()
    {
        ConnectorConfig c = postgres();
        c.config[QStringLiteral("producer.override.sasl.jaas.config")] = QStringLiteral(
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"cdc\" password='s3cret';");
        c.config[QStringLiteral("key.converter.basic.auth.user.info")] = QStringLiteral("cdc:s3cret");
        c.config[QStringLiteral("producer.override.ssl.keystore.password")] = QStringLiteral("s3cret");
        const auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics),
                 (QStringList{QStringLiteral("plaintext-password@key.converter.basic.auth.user.info"),
                              QStringLiteral("plaintext-password@producer.override.sasl.jaas.config"),
                              QStringLiteral("plaintext-password@producer.override.ssl.keystore.password")}));
        for (const Diagnostic &d : diagnostics) {
            QCOMPARE(d.severity, Severity::Error);
            QVERIFY(!d.message.contains(QStringLiteral("s3cret")));
        }
    }

    void routingIsTheProjectsRuleNotTheConfigs()
    {
        // Issue 21: a config validated alone has no pipeline, so no routing is wrong, not even Debezium's
        // default (the project's routing-mismatch rule compares with its topic nodes).
        for (const QString &replacement :
             {QStringLiteral("outbox.event.${routedByValue}"), QStringLiteral("outbox.event.postgres.${routedByValue}"),
              QStringLiteral("orders.${routedByValue}")}) {
            ConnectorConfig c = postgres();
            addOutbox(c, replacement);
            c.config.insert(QStringLiteral("table.include.list"), QStringLiteral("public.outbox"));
            QCOMPARE(lint(c), QStringList());
        }
    }

    void outboxExpandNeedsJsonConverter()
    {
        ConnectorConfig c = postgres();
        addOutbox(c, QStringLiteral("outbox.event.postgres.${routedByValue}"));
        c.config.insert(QStringLiteral("table.include.list"), QStringLiteral("public.outbox"));
        c.config.insert(QStringLiteral("transforms.outbox.table.expand.json.payload"), QStringLiteral("true"));
        c.config.insert(QStringLiteral("value.converter"), QStringLiteral("io.confluent.connect.avro.AvroConverter"));
        QCOMPARE(lint(c),
                 QStringList{QStringLiteral("outbox-expand-converter@transforms.outbox.table.expand.json.payload")});
        c.config.insert(QStringLiteral("value.converter"),
                        QStringLiteral("org.apache.kafka.connect.json.JsonConverter"));
        QCOMPARE(lint(c), QStringList());
    }

    void outboxRouterWithoutPredicateSaysWhatHappens()
    {
        // The 3.5 router returns records that are not change events unchanged and reads every change
        // event as an outbox row: only other tables' rows break it.
        ConnectorConfig c = postgres();
        addOutbox(c, QStringLiteral("outbox.event.postgres.${routedByValue}"));
        c.config.insert(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("10000"));
        auto diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("outbox-predicate@transforms.outbox.predicate")});
        QCOMPARE(diagnostics.front().severity, Severity::Warning);
        QVERIFY2(diagnostics.front().message.contains(QStringLiteral("fails the task")),
                 qPrintable(diagnostics.front().message));
        QVERIFY(diagnostics.front().message.contains(QStringLiteral("pass through unchanged")));

        // Only the outbox captured: heartbeats pass unchanged, which is worth knowing and nothing more.
        c.config.insert(QStringLiteral("table.include.list"), QStringLiteral("public.outbox"));
        diagnostics = lintConnector(c, catalog());
        QCOMPARE(rules(diagnostics), QStringList{QStringLiteral("outbox-predicate@transforms.outbox.predicate")});
        QCOMPARE(diagnostics.front().severity, Severity::Info);
        QVERIFY(!diagnostics.front().message.contains(QStringLiteral("expects outbox rows")));
        c.config.remove(QStringLiteral("heartbeat.interval.ms"));
        QCOMPARE(lint(c), QStringList());
        c.config.insert(QStringLiteral("table.include.list"), QStringLiteral("public.outbox,public.orders"));
        c.config.insert(QStringLiteral("transforms.outbox.predicate"), QStringLiteral("isOutbox"));
        c.config.insert(QStringLiteral("predicates"), QStringLiteral("isOutbox"));
        c.config.insert(QStringLiteral("predicates.isOutbox.type"),
                        QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatches"));
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
