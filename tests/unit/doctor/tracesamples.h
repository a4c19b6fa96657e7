// SPDX-License-Identifier: GPL-3.0-or-later
// Traces of FAILED Debezium tasks as Kafka Connect reports them (trimmed to the lines that matter).
#pragma once

namespace cdc::doctor::samples {

inline constexpr char kWalLevelTrace[] =
    "org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This "
    "connector will be stopped.\n"
    "\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)\n"
    "Caused by: org.postgresql.util.PSQLException: ERROR: logical decoding requires wal_level >= logical\n"
    "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2713)\n";

inline constexpr char kDuplicateServerIdTrace[] =
    "org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This "
    "connector will be stopped.\n"
    "Caused by: io.debezium.DebeziumException: A slave with the same server_uuid/server_id as this slave has "
    "connected to the master; the first event 'binlog.000002' at 4, the last event read from "
    "'./binlog.000002' at 1234; Error code: 1236; SQLSTATE: HY000.\n"
    "\tat "
    "io.debezium.connector.binlog.BinlogStreamingChangeEventSource.wrap(BinlogStreamingChangeEventSource.java:1183)\n";

inline constexpr char kSlotMissingTrace[] =
    "io.debezium.DebeziumException: Couldn't obtain encoding for database capstone\n"
    "Caused by: org.postgresql.util.PSQLException: ERROR: replication slot \"outbox_postgres\" does not exist\n";

inline constexpr char kReplicationPrivilegeTrace[] =
    "org.apache.kafka.connect.errors.ConnectException: Unable to obtain valid replication slot. Make sure there are "
    "no long-running transactions running in parallel as they may hinder the allocation of the replication slot "
    "when starting this connector\n"
    "Caused by: org.postgresql.util.PSQLException: FATAL: must be superuser or replication role to start walsender\n";

inline constexpr char kMySqlGrantTrace[] =
    "io.debezium.DebeziumException: Failed to read next byte from position 1234\n"
    "Caused by: java.sql.SQLSyntaxErrorException: Access denied; you need (at least one of) the REPLICATION SLAVE "
    "privilege(s) for this operation\n";

inline constexpr char kHistoryTopicTrace[] =
    "io.debezium.DebeziumException: The db history topic is missing. You may attempt to recover it by reconfiguring "
    "the connector to recovery.\n"
    "\tat "
    "io.debezium.relational.HistorizedRelationalDatabaseSchema.recover(HistorizedRelationalDatabaseSchema.java:59)\n";

inline constexpr char kPublicationTrace[] =
    "io.debezium.DebeziumException: Creation of replication slot failed\n"
    "Caused by: org.postgresql.util.PSQLException: ERROR: publication \"outbox_postgres_pub\" does not exist\n";

inline constexpr char kUnknownTrace[] =
    "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null\n"
    "\tat com.example.Thing.run(Thing.java:12)\n";

// The cause is named only in a stack frame, which is not a cause.
inline constexpr char kFrameOnlyTrace[] = "java.lang.IllegalStateException: boom\n"
                                          "\tat io.debezium.Foo.checkBinlog_format(the db history topic is missing)\n";

} // namespace cdc::doctor::samples
