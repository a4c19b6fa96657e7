// SPDX-License-Identifier: GPL-3.0-or-later
// The answers a connector wizard asks for, and the Kafka Connect config they make. Pure data and
// functions, so the same answers produce the same config in the GUI, in cdcctl and in tests.
#pragma once

#include "debezium/connectorconfig.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace cdc::debezium {

enum class Flavour { PostgreSQL, MySQL, MariaDB };

QString flavourConnectorClass(Flavour flavour);
QString flavourDatabaseKind(Flavour flavour); // "postgres" or "mysql"

struct ConnectorAnswers
{
    Flavour flavour = Flavour::PostgreSQL;
    QString name;

    // Connection
    QString host = QStringLiteral("127.0.0.1");
    int port = 5432;
    QString user = QStringLiteral("debezium");
    QString passwordReference; // ${file:...} or ${env:...}; never the password itself
    QString database;          // PostgreSQL: the database; MySQL: the database to include

    // Capture
    bool outboxOnly = true;
    QString outboxTable; // PostgreSQL schema.table, MySQL database.table
    QStringList tables;  // when not outboxOnly; empty: every table
    QString snapshotMode = QStringLiteral("initial");
    QString topicPrefix;

    // PostgreSQL replication
    QString pluginName = QStringLiteral("pgoutput");
    QString slotName;
    QString publicationName;
    QString publicationAutocreate = QStringLiteral("filtered");

    // MySQL / MariaDB
    qint64 serverId = 0;
    QString historyTopic;
    QString historyBootstrap = QStringLiteral("127.0.0.1:19092");

    // Outbox Event Router
    bool outboxRouter = true;
    QString routeByField = QStringLiteral("aggregatetype");
    QString topicReplacement; // empty: outbox.event.<database kind>.${routedByValue}
    QString eventKeyField = QStringLiteral("aggregateid");
    bool expandPayload = true;
    QStringList additionalPlacement{QStringLiteral("type:header:eventType")};

    // Converters
    QString keyConverter = QStringLiteral("org.apache.kafka.connect.storage.StringConverter");
    QString valueConverter = QStringLiteral("org.apache.kafka.connect.json.JsonConverter");
    bool valueSchemas = false;

    // Settings the wizard does not ask about, kept as they came (an imported config's extras).
    QMap<QString, QString> extra;

    QString effectiveTopicReplacement() const;
};

// Answers for a new connector that do not clash with the connectors the project already has:
// a fresh slot and publication, a server id nobody uses, its own topic prefix and history topic.
ConnectorAnswers defaultAnswers(Flavour flavour, const std::vector<ConnectorConfig> &existing);

ConnectorConfig buildConnectorConfig(const ConnectorAnswers &answers);
// The reverse, for editing a live or imported config; what the wizard does not ask about goes to `extra`.
ConnectorAnswers answersFromConfig(const ConnectorConfig &config);

qint64 suggestServerId(const std::vector<ConnectorConfig> &existing);

} // namespace cdc::debezium
