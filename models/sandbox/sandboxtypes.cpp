// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandboxtypes.h"

#include <QCoreApplication>

namespace cdc::sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cdc::sandbox", text);
}

QStringList listValue(const QMap<QString, QString> &config, const QString &key)
{
    QStringList values;
    for (const QString &part : config.value(key).split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            values << trimmed;
    }
    return values;
}

// The alias of the Outbox Event Router in `transforms`, or empty.
QString routerAlias(const QMap<QString, QString> &config)
{
    for (const QString &alias : listValue(config, QStringLiteral("transforms"))) {
        if (config.value(QStringLiteral("transforms.%1.type").arg(alias)) ==
            QLatin1String("io.debezium.transforms.outbox.EventRouter"))
            return alias;
    }
    return {};
}

} // namespace

QString sourceKindName(SourceKind kind)
{
    return kind == SourceKind::Postgres ? QStringLiteral("postgres") : QStringLiteral("mysql");
}

const std::vector<debezium::DatabaseTarget> &simulatedDatabases()
{
    static const std::vector<debezium::DatabaseTarget> databases = [] {
        debezium::DatabaseTarget postgres;
        postgres.kind = QStringLiteral("postgres");
        postgres.host = QStringLiteral("127.0.0.1");
        postgres.port = 15432;
        postgres.database = QStringLiteral("capstone");
        postgres.user = QStringLiteral("debezium");
        postgres.outboxTable = QStringLiteral("public.outbox");
        postgres.tables = {QStringLiteral("public.outbox"), QStringLiteral("public.orders")};
        debezium::DatabaseTarget mariadb;
        mariadb.kind = QStringLiteral("mysql");
        mariadb.mariadb = true;
        mariadb.host = QStringLiteral("127.0.0.1");
        mariadb.port = 13306;
        mariadb.database = QStringLiteral("capstone");
        mariadb.user = QStringLiteral("debezium");
        mariadb.outboxTable = QStringLiteral("capstone.outbox");
        mariadb.tables = {QStringLiteral("capstone.outbox"), QStringLiteral("capstone.orders")};
        return std::vector<debezium::DatabaseTarget>{postgres, mariadb};
    }();
    return databases;
}

Result<CaptureSpec> captureSpecFromConfig(const QString &name, const QMap<QString, QString> &config)
{
    static const QStringList postgresClasses{QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"),
                                             QStringLiteral("PostgresConnector")};
    static const QStringList mysqlClasses{
        QStringLiteral("io.debezium.connector.mysql.MySqlConnector"), QStringLiteral("MySqlConnector"),
        QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector"), QStringLiteral("MariaDbConnector")};

    CaptureSpec spec;
    spec.connector = name;
    spec.connectorClass = config.value(QStringLiteral("connector.class"));
    if (postgresClasses.contains(spec.connectorClass)) {
        spec.kind = SourceKind::Postgres;
    } else if (mysqlClasses.contains(spec.connectorClass)) {
        spec.kind = SourceKind::MySql;
    } else {
        // Kafka Connect's own sentence for a class no worker has.
        return Error{QStringLiteral("Failed to find any class that implements Connector and which name matches %1, "
                                    "available connectors are: io.debezium.connector.postgresql.PostgresConnector, "
                                    "io.debezium.connector.mysql.MySqlConnector, "
                                    "io.debezium.connector.mariadb.MariaDbConnector")
                         .arg(spec.connectorClass.isEmpty() ? QStringLiteral("null") : spec.connectorClass),
                     name, tr("The sandbox simulates Debezium's PostgreSQL, MySQL and MariaDB connectors.")};
    }
    spec.topicPrefix = config.value(QStringLiteral("topic.prefix")).trimmed();
    if (spec.topicPrefix.isEmpty())
        return Error{QStringLiteral("Missing required configuration \"topic.prefix\" which has no default value."),
                     name, tr("Set topic.prefix, e.g. \"pg\" or \"mysql\".")};

    if (spec.kind == SourceKind::Postgres) {
        spec.database = config.value(QStringLiteral("database.dbname"));
        spec.slotName = config.value(QStringLiteral("slot.name"), QStringLiteral("debezium"));
    } else {
        spec.database = listValue(config, QStringLiteral("database.include.list")).value(0);
        spec.serverId = config.value(QStringLiteral("database.server.id")).toLongLong();
    }

    const QString alias = routerAlias(config);
    QStringList tables = listValue(config, QStringLiteral("table.include.list"));
    if (tables.isEmpty()) {
        const QString schema = spec.kind == SourceKind::Postgres
                                   ? QStringLiteral("public")
                                   : (spec.database.isEmpty() ? QStringLiteral("inventory") : spec.database);
        tables << schema + QStringLiteral(".outbox");
    }
    for (const QString &table : tables) {
        const QString tableName = table.section(u'.', -1);
        if (!alias.isEmpty() && spec.outboxTable.isEmpty() &&
            tableName.contains(QLatin1String("outbox"), Qt::CaseInsensitive))
            spec.outboxTable = table;
        else
            spec.otherTables << table;
    }
    if (!alias.isEmpty()) {
        const QString prefix = QStringLiteral("transforms.%1.").arg(alias);
        spec.routeTopicReplacement = config.value(prefix + QStringLiteral("route.topic.replacement"),
                                                  QStringLiteral("outbox.event.${routedByValue}"));
        spec.expandJsonPayload = config.value(prefix + QStringLiteral("table.expand.json.payload"))
                                     .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    }
    return spec;
}

const std::vector<IncidentInfo> &incidents()
{
    static const std::vector<IncidentInfo> all{
        {Incident::LagSpike, QStringLiteral("lag-spike"), tr("Lag spike"),
         tr("The connectors fall behind the databases: PostgreSQL retains WAL (bytes) and MySQL falls behind the "
            "binlog (milliseconds). Two units, two thresholds, never one axis."),
         tr("Recover the incident: the connectors catch up and the lag drains."), true},
        {Incident::TaskFailed, QStringLiteral("task-failed"), tr("PostgreSQL task failed"),
         tr("The PostgreSQL connector's task FAILS when its replication connection is reset. Connect does not "
            "restart failed tasks by itself; the slot keeps the WAL meanwhile."),
         tr("Restart the failed task (Connectors ▸ Restart Failed Tasks)."), true},
        {Incident::DuplicateServerId, QStringLiteral("duplicate-server-id"), tr("Duplicate server.id"),
         tr("Another replica connected with the MySQL connector's database.server.id; MySQL disconnects one of "
            "them (error 1236). Every binlog client needs a server id of its own."),
         tr("Give the connector a unique database.server.id (Edit Config), then restart its task."), true},
        {Incident::SlotDropped, QStringLiteral("slot-dropped"), tr("Replication slot dropped"),
         tr("The PostgreSQL replication slot was dropped: the task FAILS and the WAL it held is gone. A restart "
            "creates a new slot at the current position, so the changes in between are lost."),
         tr("Restart the task; re-snapshot (or backfill) to recover the changes lost in the gap."), true},
        {Incident::HistoryTopicMissing, QStringLiteral("history-topic-missing"), tr("Schema history topic missing"),
         tr("The MySQL connector's schema history topic is gone (deleted, or retention ran): the task FAILS on "
            "start. History topics need infinite retention and one partition."),
         tr("Set snapshot.mode=recovery (Edit Config) and restart; then set it back."), true},
        {Incident::SameIdBurst, QStringLiteral("same-id-burst"), tr("Same order id from both databases"),
         tr("A burst of events for order %1 arrives from PostgreSQL and MySQL at once. Without the source in "
            "the key (PG-%1, MY-%1) a consumer merges two different orders.")
             .arg(burstOrderId),
         tr("Nothing to recover: watch the Events panel tell PG- and MY- keys apart."), false},
    };
    return all;
}

QString burstOrderQuery(qint64 orderId)
{
    return QStringLiteral("key:%1").arg(orderId);
}

const IncidentInfo &incidentInfo(Incident incident)
{
    for (const IncidentInfo &info : incidents()) {
        if (info.incident == incident)
            return info;
    }
    return incidents().front();
}

std::optional<Incident> incidentFromKey(const QString &key)
{
    for (const IncidentInfo &info : incidents()) {
        if (info.key == key)
            return info.incident;
    }
    return std::nullopt;
}

} // namespace cdc::sandbox
