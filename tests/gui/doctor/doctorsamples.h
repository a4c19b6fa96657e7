// SPDX-License-Identifier: GPL-3.0-or-later
// Findings as a run on a half-broken pipeline produces them, for the Doctor dock's GUI tests.
#pragma once

#include "doctor/finding.h"

namespace cdc::guitest {

inline doctor::Finding sampleFinding(const char *check, doctor::Area area, doctor::Severity severity,
                                     const char *subject, const char *kind, const char *title,
                                     const char *evidence = "", const char *fix = "", const char *guide = "")
{
    doctor::Finding f;
    f.check = QString::fromUtf8(check);
    f.area = area;
    f.severity = severity;
    f.subject = QString::fromUtf8(subject);
    f.databaseKind = QString::fromUtf8(kind);
    f.title = QString::fromUtf8(title);
    f.evidence = QString::fromUtf8(evidence);
    f.fix = QString::fromUtf8(fix);
    f.guide = QString::fromUtf8(guide);
    return f;
}

inline doctor::Findings sampleFindings()
{
    using doctor::Area;
    using doctor::Severity;
    const char *pg = "PostgreSQL 127.0.0.1:15432/capstone";
    const char *my = "MySQL/MariaDB 127.0.0.1:13306";
    doctor::Findings f{
        sampleFinding("project.lint", Area::Project, Severity::Ok, "Two-database outbox capstone", "",
                      "The connector configs and the pipeline graph pass every rule."),
        sampleFinding("connect.plugins", Area::KafkaConnect, Severity::Ok, "Kafka Connect http://127.0.0.1:18083",
                      "postgres", "PostgresConnector 3.5.0.Final is installed on the worker."),
        sampleFinding("connect.connector-state", Area::KafkaConnect, Severity::Error, "mysql-outbox", "mysql",
                      "Task 0 is FAILED: database.server.id must be unique among every replication client of the "
                      "server, and differ from the server's own server_id.",
                      "GET http://127.0.0.1:18083/connectors/mysql-outbox/status\n→ connector RUNNING\n→ task 0 FAILED "
                      "on 127.0.0.1:18083\n→ trace: Caused by: io.debezium.DebeziumException: A slave with the same "
                      "server_uuid/server_id as this slave has connected to the master",
                      "Give each connector a database.server.id of its own and restart it.\nThen restart the failed "
                      "tasks.",
                      "duplicate-server-id"),
        sampleFinding("pg.connect", Area::PostgreSQL, Severity::Ok, pg, "postgres",
                      "Connected as debezium to PostgreSQL 15.18.", "SHOW server_version\n→ 15.18"),
        sampleFinding(
            "pg.wal-level", Area::PostgreSQL, Severity::Error, pg, "postgres",
            "wal_level is replica; Debezium needs logical.", "SHOW wal_level\n→ replica",
            "ALTER SYSTEM SET wal_level = logical;\n-- then restart PostgreSQL: wal_level only changes at start",
            "wal-level"),
        sampleFinding(
            "pg.publication", Area::PostgreSQL, Severity::Info, "postgres-outbox @ PostgreSQL 127.0.0.1:15432/capstone",
            "postgres",
            "Publication outbox_postgres_pub does not exist yet; Debezium creates it at start for the "
            "captured tables.",
            "SELECT p.puballtables FROM pg_publication p WHERE p.pubname = 'outbox_postgres_pub'\n→ (no rows)",
            "CREATE PUBLICATION \"outbox_postgres_pub\" FOR TABLE \"public\".\"outbox\";"),
        sampleFinding("my.connect", Area::MySQL, Severity::Ok, my, "mysql",
                      "Connected as debezium to 10.11.19-MariaDB."),
        sampleFinding("my.binlog-format", Area::MySQL, Severity::Ok, my, "mysql", "binlog_format is ROW."),
        sampleFinding("my.grants", Area::MySQL, Severity::Warning, my, "mysql",
                      "debezium@% lacks RELOAD: the connector cannot read the binlog or take its snapshot.",
                      "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES …\n→ SELECT\n→ REPLICATION SLAVE",
                      "GRANT RELOAD ON *.* TO 'debezium'@'%';", "missing-privileges"),
        sampleFinding("kafka.history-topic", Area::Kafka, Severity::Info, "mysql-outbox", "mysql",
                      "The schema history topic schema-changes.mysql-outbox does not exist yet; Debezium creates it "
                      "at the first start."),
    };
    // The publication's creation is safe to apply from the dock.
    f[5].apply.kind = doctor::ApplyAction::Kind::Sql;
    f[5].apply.endpoint = {true, QStringLiteral("127.0.0.1"), 15432, QStringLiteral("capstone"),
                           QStringLiteral("debezium")};
    f[5].apply.passwordReference = QStringLiteral("${env:CDC_DOCTOR_SAMPLE_PASSWORD}");
    f[5].apply.statement = f[5].fix;
    return f;
}

} // namespace cdc::guitest
