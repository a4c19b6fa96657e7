// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of wizard answers → connector config: clean configs for new connectors beside existing
// ones, and a round trip that keeps what the wizard does not ask about.
#include "debezium/connectioncheck.h"
#include "debezium/connectoranswers.h"
#include "debezium/connectorlinter.h"
#include "topology/templates.h"

#include <QTest>

using namespace cdc::debezium;

namespace {
std::vector<ConnectorConfig> capstone()
{
    const auto project = cdc::topology::loadTemplate(*cdc::topology::findTemplate(QStringLiteral("capstone")));
    return connectorsOf(project.value());
}
} // namespace

class TstConnectorAnswers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // PostgreSQL's answers to a test slot made with a plugin it cannot use, as two servers gave them, and
    // answers that say nothing about the plugin.
    void aMissingDecodingPluginIsToldFromTheServersAnswer()
    {
        using cdc::debezium::isMissingDecodingPlugin;
        QVERIFY(isMissingDecodingPlugin(QStringLiteral("58P01"),
                                        QStringLiteral("ERROR:  could not access file \"decoderbufs\": No such file")));
        QVERIFY(isMissingDecodingPlugin(QStringLiteral("58P01"),
                                        QStringLiteral("FEHLER:  konnte nicht auf Datei zugreifen")));
        QVERIFY(isMissingDecodingPlugin(
            QStringLiteral("XX000"),
            QStringLiteral("ERROR:  library \"decoderbufs\" may not be used as an output plugin")));
        QVERIFY(!isMissingDecodingPlugin(QStringLiteral("53400"),
                                         QStringLiteral("ERROR:  all replication slots are in use")));
        QVERIFY(!isMissingDecodingPlugin(QStringLiteral("57014"),
                                         QStringLiteral("ERROR:  canceling statement due to statement timeout")));
        QVERIFY(!isMissingDecodingPlugin(QString(), QString()));
    }

    void defaultsMakeCleanConfigs_data()
    {
        QTest::addColumn<Flavour>("flavour");
        QTest::newRow("postgres") << Flavour::PostgreSQL;
        QTest::newRow("mysql") << Flavour::MySQL;
        QTest::newRow("mariadb") << Flavour::MariaDB;
    }

    void defaultsMakeCleanConfigs()
    {
        QFETCH(Flavour, flavour);
        const ConnectorConfig alone = buildConnectorConfig(defaultAnswers(flavour, {}));
        QCOMPARE(lintConnector(alone, PropertyCatalog::bundled()).size(), 0u);
        QCOMPARE(alone.value(QStringLiteral("connector.class")), flavourConnectorClass(flavour));
        QCOMPARE(alone.value(QStringLiteral("transforms.outbox.route.topic.replacement")),
                 QStringLiteral("outbox.event.%1.${routedByValue}").arg(flavourDatabaseKind(flavour)));

        // Beside the capstone's two connectors, a new one gets ids of its own: the project stays clean.
        std::vector<ConnectorConfig> project = capstone();
        project.push_back(buildConnectorConfig(defaultAnswers(flavour, project)));
        project.push_back(buildConnectorConfig(defaultAnswers(flavour, project)));
        const auto diagnostics = lintConnectors(project, PropertyCatalog::bundled());
        QStringList messages;
        for (const Diagnostic &d : diagnostics)
            messages << d.connector + u' ' + d.message;
        QVERIFY2(diagnostics.empty(), qPrintable(messages.join(u'\n')));
        QVERIFY(project[2].name != project[3].name);
    }

    void serverIdSuggestionIsUnused()
    {
        QCOMPARE(suggestServerId({}), 184054);
        const auto project = capstone(); // uses 184054
        QCOMPARE(suggestServerId(project), 184055);
    }

    void predicateLimitsTheRouterToTheOutboxTopic()
    {
        ConnectorAnswers a = defaultAnswers(Flavour::PostgreSQL, {});
        a.topicPrefix = QStringLiteral("shop-pg");
        const ConnectorConfig c = buildConnectorConfig(a);
        QCOMPARE(c.value(QStringLiteral("predicates.isOutboxTable.pattern")),
                 QStringLiteral("shop\\-pg\\.public\\.outbox"));
        QCOMPARE(c.value(QStringLiteral("transforms.outbox.predicate")), QStringLiteral("isOutboxTable"));
        a.outboxRouter = false;
        QVERIFY(!buildConnectorConfig(a).config.contains(QStringLiteral("transforms")));
    }

    void roundTripKeepsAnswersAndExtras()
    {
        ConnectorAnswers a = defaultAnswers(Flavour::MariaDB, {});
        a.host = QStringLiteral("db.example");
        a.port = 3307;
        a.serverId = 4242;
        a.expandPayload = false;
        a.additionalPlacement = {QStringLiteral("type:header:eventType"), QStringLiteral("tenant:envelope:tenant")};
        a.extra.insert(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("10000"));
        const ConnectorConfig c = buildConnectorConfig(a);
        const ConnectorAnswers back = answersFromConfig(c);
        QCOMPARE(back.flavour, Flavour::MariaDB);
        QCOMPARE(back.host, a.host);
        QCOMPARE(back.port, 3307);
        QCOMPARE(back.serverId, 4242);
        QCOMPARE(back.expandPayload, false);
        QCOMPARE(back.additionalPlacement, a.additionalPlacement);
        QCOMPARE(back.extra, a.extra);
        QCOMPARE(buildConnectorConfig(back).config, c.config);
    }

    void importedLegacyConfigKeepsItsOldNamesAsExtras()
    {
        ConnectorConfig legacy;
        legacy.name = QStringLiteral("old");
        legacy.config = {
            {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.mysql.MySqlConnector")},
            {QStringLiteral("database.server.name"), QStringLiteral("shop")},
            {QStringLiteral("database.history.kafka.topic"), QStringLiteral("history")}};
        const ConnectorAnswers a = answersFromConfig(legacy);
        QCOMPARE(a.flavour, Flavour::MySQL);
        QCOMPARE(a.extra.value(QStringLiteral("database.server.name")), QStringLiteral("shop"));
        // Migrating the built config moves the old names to the new ones.
        ConnectorConfig built = buildConnectorConfig(a);
        built.config.remove(QStringLiteral("topic.prefix"));
        built.config.remove(QStringLiteral("schema.history.internal.kafka.topic"));
        const auto migrated = migrate(built, PropertyCatalog::bundled());
        QCOMPARE(migrated.value(QStringLiteral("topic.prefix")), QStringLiteral("shop"));
        QCOMPARE(migrated.value(QStringLiteral("schema.history.internal.kafka.topic")), QStringLiteral("history"));
    }
};

QTEST_GUILESS_MAIN(TstConnectorAnswers)
#include "tst_connectoranswers.moc"
