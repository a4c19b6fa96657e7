// SPDX-License-Identifier: GPL-3.0-or-later
// The entries of the troubleshooting guide: the lesson's common issues, plus what the checks can see.
#include "troubleshootingguide.h"

#include <QCoreApplication>

namespace cdc::doctor {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cdc::doctor::guide", text);
}

std::vector<GuideEntry> makeGuide()
{
    auto list = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out << QString::fromLatin1(i);
        return out;
    };
    return {
        {QStringLiteral("wal-level"),
         tr("The PostgreSQL connector's task fails at once: \"logical decoding requires wal_level >= logical\"."),
         tr("PostgreSQL writes only the WAL needed for physical replicas; logical decoding needs more."),
         tr("SHOW wal_level; must say logical."),
         tr("ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (a reload is not enough)."),
         list({"pg.wal-level"}),
         list({"wal_level >= logical", "wal_level\" must be set to \"logical", "logical decoding requires"})},
        {QStringLiteral("replication-slots-exhausted"),
         tr("A new PostgreSQL connector fails: \"all replication slots are in use\" or \"number of requested "
            "standby connections exceeds max_wal_senders\"."),
         tr("Every slot or WAL sender the server allows is taken, often by slots of deleted connectors."),
         tr("SELECT count(*) FROM pg_replication_slots; against SHOW max_replication_slots; (and max_wal_senders)."),
         tr("Drop slots nobody uses (SELECT pg_drop_replication_slot('name')), or raise max_replication_slots / "
            "max_wal_senders and restart PostgreSQL."),
         list({"pg.slots-free"}), list({"all replication slots are in use", "exceeds max_wal_senders"})},
        {QStringLiteral("missing-privileges"),
         tr("The task fails with \"must be superuser or replication role\", \"permission denied for table\" or "
            "MySQL's \"Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s)\"."),
         tr("The connector's database user lacks a privilege Debezium needs: REPLICATION and SELECT on the tables "
            "in PostgreSQL; SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and REPLICATION CLIENT in MySQL."),
         tr("PostgreSQL: SELECT rolreplication FROM pg_roles WHERE rolname = current_user; MySQL: SHOW GRANTS;"),
         tr("Grant what is missing (the Doctor's fix has the statement), then restart the connector."),
         list({"pg.role-replication", "pg.table-select", "my.grants"}),
         list({"superuser or replication role", "permission denied for", "access denied; you need",
               "replication slave privilege", "replication client privilege", "binlog monitor privilege"})},
        {QStringLiteral("slot-missing"),
         tr("A PostgreSQL connector that ran before restarts and events written while it was away never arrive; "
            "or the task fails with \"replication slot ... does not exist\"."),
         tr("The replication slot was dropped (by hand, by a cleanup, or by a failover to a server that did not "
            "have it). The WAL it held is gone; a new slot starts at the current position."),
         tr("SELECT slot_name, active FROM pg_replication_slots WHERE slot_name = '<slot.name>';"),
         tr("Restart the connector so Debezium creates the slot again, then close the gap: an incremental "
            "snapshot (a signal) or snapshot.mode=when_needed re-reads the tables."),
         list({"pg.slot"}), list({"replication slot&&does not exist"})},
        {QStringLiteral("slot-retains-wal"),
         tr("The PostgreSQL server's disk fills up while a connector is stopped, paused or failed."),
         tr("An inactive replication slot keeps every WAL segment since its consumer last confirmed."),
         tr("SELECT slot_name, active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) FROM "
            "pg_replication_slots;"),
         tr("Bring the connector back (Resume or Restart), or drop the slot of a connector that is gone for good. "
            "Heartbeats (heartbeat.interval.ms) keep a quiet slot advancing."),
         list({"pg.slot-retained"}),
         {}},
        {QStringLiteral("publication"),
         tr("The PostgreSQL task fails with \"publication ... does not exist\", or events of a table never come."),
         tr("publication.autocreate.mode is disabled and nobody created the publication, or it lacks a table; "
            "or Debezium could not create it (FOR ALL TABLES needs a superuser, filtered needs table ownership)."),
         tr("SELECT * FROM pg_publication_tables WHERE pubname = '<publication.name>';"),
         tr("CREATE PUBLICATION <name> FOR TABLE <tables>; or let Debezium create it (publication.autocreate.mode="
            "filtered with a role that owns the tables)."),
         list({"pg.publication"}), list({"publication&&does not exist"})},
        {QStringLiteral("binlog-format"),
         tr("The MySQL/MariaDB connector fails at start with \"The MySQL server is not configured to use a "
            "ROW binlog_format\", or updates arrive without their before image."),
         tr("Debezium reads row events: the binary log must be on, binlog_format=ROW and binlog_row_image=FULL."),
         tr("SHOW VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image');"),
         tr("Set log_bin, binlog_format=ROW and binlog_row_image=FULL in the server's configuration ([mysqld]) and "
            "restart it; SET GLOBAL binlog_format='ROW' helps only new sessions until the restart."),
         list({"my.log-bin", "my.binlog-format", "my.binlog-row-image"}),
         list({"binlog_format", "binlog_row_image", "not configured to use a row", "binary logging"})},
        {QStringLiteral("binlog-purged"),
         tr("A MySQL connector that was stopped for a while fails: \"The connector is trying to read binlog "
            "starting at ... but this is no longer available on the server\"."),
         tr("The server expired the binlog files the connector's offset points into."),
         tr("SHOW BINARY LOGS; against the connector's offset; SHOW VARIABLES LIKE 'binlog_expire_logs_seconds';"),
         tr("Keep binlogs longer than a connector can be down (binlog_expire_logs_seconds of days), and recover with "
            "snapshot.mode=when_needed or a new snapshot."),
         list({"my.binlog-retention"}), list({"no longer available on the server", "purged"})},
        {QStringLiteral("duplicate-server-id"),
         tr("Two MySQL connectors keep kicking each other off: \"A slave with the same server_uuid/server_id as "
            "this slave has connected to the master\"."),
         tr("database.server.id must be unique among every replication client of the server, and differ from the "
            "server's own server_id."),
         tr("Compare the connectors' database.server.id with each other and with SHOW VARIABLES LIKE 'server_id';"),
         tr("Give each connector a database.server.id of its own (any positive number nobody else uses) and "
            "restart it."),
         list({"my.server-id", "connect.server-id"}),
         list({"same server_uuid/server_id", "same server_id", "duplicate server"})},
        {QStringLiteral("history-topic"),
         tr("A MySQL/MariaDB connector fails after a restart: \"The db history topic is missing\" or \"The db "
            "history topic or its content is fully or partially missing\"."),
         tr("The schema history topic was deleted, compacted, trimmed by retention, or has more than one partition, "
            "so Debezium cannot rebuild the table schemas."),
         tr("kafka-topics --describe --topic <schema.history.internal.kafka.topic>: one partition, "
            "retention.ms=-1, retention.bytes=-1."),
         tr("Recreate it with one partition and infinite retention, then run snapshot.mode=recovery once (Debezium "
            "rebuilds the history from the current schema), then set the snapshot mode back."),
         list({"kafka.history-topic"}), list({"history topic", "schema history", "database history"})},
        {QStringLiteral("routed-topics"),
         tr("The connector is RUNNING, yet its task fails on the first outbox event: \"Topic outbox.event... not "
            "present in metadata\" or UNKNOWN_TOPIC_OR_PARTITION."),
         tr("The Event Router writes to a topic nobody created: the brokers do not create topics on first write "
            "(auto.create.topics.enable=false) and the connector has no topic.creation.default.* settings."),
         tr("kafka-topics --list | grep outbox.event. and the brokers' auto.create.topics.enable."),
         tr("Create the topics, or add topic.creation.default.replication.factor and "
            "topic.creation.default.partitions to the connector so Kafka Connect creates them."),
         list({"kafka.routed-topics"}), list({"not present in metadata", "unknown_topic_or_partition"})},
        {QStringLiteral("plugin-missing"),
         tr("Creating a connector fails with \"Failed to find any class that implements Connector\"."),
         tr("The worker does not have the Debezium connector's jars on its plugin.path, or has a different "
            "version than expected."),
         tr("GET /connector-plugins on the worker."),
         tr("Install the Debezium connector archive into a folder on plugin.path and restart the worker."),
         list({"connect.plugins"}), list({"failed to find any class that implements connector"})},
        {QStringLiteral("database-unreachable"),
         tr("The task fails with \"Connection refused\", \"Communications link failure\" or \"password "
            "authentication failed\"."),
         tr("The worker cannot reach or log in to the database: address, port, firewall, pg_hba.conf, the user or "
            "the password reference."),
         tr("Connect with the same host, port, user and password from the worker's machine."),
         tr("Fix the address or credentials in the connector config (keep the password a ${file:…} reference) and "
            "restart the connector."),
         list({"pg.connect", "my.connect"}),
         list({"connection refused", "communications link failure", "password authentication failed",
               "access denied for user", "unable to connect"})},
        {QStringLiteral("outbox-columns"),
         tr("Outbox events arrive with an empty key or payload, or the Event Router fails with \"... field is "
            "not a valid field name\"."),
         tr("The outbox table lacks a column the Event Router reads (id, aggregatetype, aggregateid, payload by "
            "default), or the payload is not JSON while table.expand.json.payload is on."),
         tr("Describe the outbox table and compare with the router's table.field.* settings."),
         tr("Add the missing columns (the capstone's DDL has them), or point table.field.* at the columns you have."),
         list({"pg.outbox-columns", "my.outbox-columns"}), list({"is not a valid field name", "eventrouter"})},
        {QStringLiteral("task-failed"),
         tr("A connector or task is FAILED and none of the causes above matches its trace."),
         tr("Read the first \"Caused by:\" of the trace: it names the real cause."),
         tr("GET /connectors/<name>/status, then the trace of the FAILED task."),
         tr("Fix what the trace says, then Restart (failed tasks only)."),
         list({"connect.connector-state"}),
         {}},
    };
}

} // namespace

const std::vector<GuideEntry> &troubleshootingGuide()
{
    static const std::vector<GuideEntry> guide = makeGuide();
    return guide;
}

const GuideEntry *findGuideEntry(const QString &id)
{
    for (const GuideEntry &e : troubleshootingGuide()) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

const GuideEntry *guideEntryForCheck(const QString &check)
{
    for (const GuideEntry &e : troubleshootingGuide()) {
        if (e.checks.contains(check))
            return &e;
    }
    return nullptr;
}

Finding serverFinding(Area area, const QString &check, Severity severity, const QString &server, const QString &title,
                      const QString &evidence, const QString &fix)
{
    Finding f;
    f.check = check;
    f.area = area;
    f.severity = severity;
    f.subject = server;
    f.databaseKind = area == Area::PostgreSQL ? QStringLiteral("postgres") : QStringLiteral("mysql");
    f.title = title;
    f.evidence = evidence;
    f.fix = fix;
    if (const GuideEntry *g = guideEntryForCheck(check);
        g && (severity == Severity::Warning || severity == Severity::Error))
        f.guide = g->id;
    return f;
}

} // namespace cdc::doctor
