// SPDX-License-Identifier: GPL-3.0-or-later
// Kafka Connect 4.1 answers for the Connectors panel tests, as a worker running the capstone
// pipeline answers them: PostgreSQL running (on an older config than the project's), MariaDB with
// its task FAILED on a duplicate server id, and a paused JDBC sink the project does not have.
// Raw strings live here, not in the test file, so moc sees the test class (CODING_GUIDELINES.md).
#pragma once

#include <QByteArray>
#include <QString>

namespace connectsamples {

inline QString connectorsPath()
{
    return QStringLiteral("/connectors?expand=status&expand=info");
}

inline QByteArray serverInfo()
{
    return QByteArrayLiteral(R"json({
 "version": "4.1.0",
 "commit": "8d6ab7e2b8f2c1a4",
 "kafka_cluster_id": "q1Sh-9_ISia_zwGINzRvyQ"
})json");
}

inline QByteArray connectorsOverview()
{
    return QByteArrayLiteral(R"json({
 "postgres-outbox": {
  "info": {
   "name": "postgres-outbox",
   "config": {
    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
    "tasks.max": "1",
    "database.hostname": "127.0.0.1",
    "database.port": "15432",
    "database.user": "debezium",
    "database.password": "${file:/etc/cdc-studio/secrets.properties:pg.password}",
    "database.dbname": "capstone",
    "topic.prefix": "pg",
    "plugin.name": "pgoutput",
    "slot.name": "outbox_pg",
    "publication.name": "outbox_postgres_pub",
    "publication.autocreate.mode": "filtered",
    "table.include.list": "public.outbox",
    "tombstones.on.delete": "false",
    "transforms": "outbox",
    "transforms.outbox.type": "io.debezium.transforms.outbox.EventRouter",
    "transforms.outbox.predicate": "isOutboxTable",
    "transforms.outbox.route.topic.replacement": "outbox.event.postgres.${routedByValue}",
    "transforms.outbox.table.expand.json.payload": "true",
    "transforms.outbox.table.fields.additional.placement": "type:header:eventType",
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter.schemas.enable": "false",
    "predicates": "isOutboxTable",
    "predicates.isOutboxTable.type": "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
    "predicates.isOutboxTable.pattern": "pg\\.public\\.outbox",
    "snapshot.mode": "never",
    "name": "postgres-outbox"
   },
   "tasks": [
    {
     "connector": "postgres-outbox",
     "task": 0
    }
   ],
   "type": "source"
  },
  "status": {
   "name": "postgres-outbox",
   "connector": {
    "state": "RUNNING",
    "worker_id": "10.89.0.7:8083"
   },
   "tasks": [
    {
     "id": 0,
     "state": "RUNNING",
     "worker_id": "10.89.0.7:8083"
    }
   ],
   "type": "source"
  }
 },
 "mysql-outbox": {
  "info": {
   "name": "mysql-outbox",
   "config": {
    "connector.class": "io.debezium.connector.mariadb.MariaDbConnector",
    "tasks.max": "1",
    "database.hostname": "127.0.0.1",
    "database.port": "13306",
    "database.user": "debezium",
    "database.password": "${file:/etc/cdc-studio/secrets.properties:mysql.password}",
    "database.server.id": "184054",
    "database.include.list": "capstone",
    "table.include.list": "capstone.outbox",
    "topic.prefix": "mysql",
    "schema.history.internal.kafka.bootstrap.servers": "127.0.0.1:19092",
    "schema.history.internal.kafka.topic": "schema-changes.mysql-outbox",
    "tombstones.on.delete": "false",
    "include.schema.changes": "false",
    "transforms": "outbox",
    "transforms.outbox.type": "io.debezium.transforms.outbox.EventRouter",
    "transforms.outbox.predicate": "isOutboxTable",
    "transforms.outbox.route.topic.replacement": "outbox.event.mysql.${routedByValue}",
    "transforms.outbox.table.expand.json.payload": "true",
    "transforms.outbox.table.fields.additional.placement": "type:header:eventType",
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter.schemas.enable": "false",
    "predicates": "isOutboxTable",
    "predicates.isOutboxTable.type": "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
    "predicates.isOutboxTable.pattern": "mysql\\.capstone\\.outbox",
    "name": "mysql-outbox"
   },
   "tasks": [
    {
     "connector": "mysql-outbox",
     "task": 0
    }
   ],
   "type": "source"
  },
  "status": {
   "name": "mysql-outbox",
   "connector": {
    "state": "RUNNING",
    "worker_id": "10.89.0.7:8083"
   },
   "tasks": [
    {
     "id": 0,
     "state": "FAILED",
     "worker_id": "10.89.0.7:8083",
     "trace": "org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.\n\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)\n\tat io.debezium.connector.binlog.BinlogStreamingChangeEventSource$ReaderThreadLifecycleListener.onCommunicationFailure(BinlogStreamingChangeEventSource.java:1299)\n\tat com.github.shyiko.mysql.binlog.BinaryLogClient.listenForEventPackets(BinaryLogClient.java:1175)\n\tat com.github.shyiko.mysql.binlog.BinaryLogClient.connect(BinaryLogClient.java:657)\n\tat com.github.shyiko.mysql.binlog.BinaryLogClient$7.run(BinaryLogClient.java:959)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)\nCaused by: io.debezium.DebeziumException: A slave with the same server_uuid/server_id as this slave has connected to the master; the first event 'mysql-bin.000003' at 1187, the last event read from 'mysql-bin.000003' at 2241, the last byte read from 'mysql-bin.000003' at 2241. Error code: 1236; SQLSTATE: HY000.\n\tat io.debezium.connector.binlog.BinlogStreamingChangeEventSource.wrap(BinlogStreamingChangeEventSource.java:1240)\n\t... 5 more\nCaused by: com.github.shyiko.mysql.binlog.network.ServerException: A slave with the same server_uuid/server_id as this slave has connected to the master; the first event 'mysql-bin.000003' at 1187, the last event read from 'mysql-bin.000003' at 2241, the last byte read from 'mysql-bin.000003' at 2241.\n\tat com.github.shyiko.mysql.binlog.BinaryLogClient.listenForEventPackets(BinaryLogClient.java:1130)\n\t... 3 more\n"
    }
   ],
   "type": "source"
  }
 },
 "reporting-sink": {
  "info": {
   "name": "reporting-sink",
   "config": {
    "connector.class": "io.debezium.connector.jdbc.JdbcSinkConnector",
    "tasks.max": "1",
    "connection.url": "jdbc:postgresql://127.0.0.1:15432/reporting",
    "connection.username": "reporting",
    "connection.password": "${file:/etc/cdc-studio/secrets.properties:reporting.password}",
    "topics.regex": "outbox\\.event\\..*",
    "insert.mode": "upsert",
    "primary.key.mode": "record_key",
    "name": "reporting-sink"
   },
   "tasks": [
    {
     "connector": "reporting-sink",
     "task": 0
    }
   ],
   "type": "sink"
  },
  "status": {
   "name": "reporting-sink",
   "connector": {
    "state": "PAUSED",
    "worker_id": "10.89.0.7:8083"
   },
   "tasks": [
    {
     "id": 0,
     "state": "PAUSED",
     "worker_id": "10.89.0.7:8083"
    }
   ],
   "type": "sink"
  }
 }
})json");
}

inline QByteArray connectorNames()
{
    return QByteArrayLiteral(R"json(["mysql-outbox", "postgres-outbox", "reporting-sink"])json");
}

inline QString mysqlTrace()
{
    return QStringLiteral(
        R"trace(org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.
	at io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)
	at io.debezium.connector.binlog.BinlogStreamingChangeEventSource$ReaderThreadLifecycleListener.onCommunicationFailure(BinlogStreamingChangeEventSource.java:1299)
	at com.github.shyiko.mysql.binlog.BinaryLogClient.listenForEventPackets(BinaryLogClient.java:1175)
	at com.github.shyiko.mysql.binlog.BinaryLogClient.connect(BinaryLogClient.java:657)
	at com.github.shyiko.mysql.binlog.BinaryLogClient$7.run(BinaryLogClient.java:959)
	at java.base/java.lang.Thread.run(Thread.java:1583)
Caused by: io.debezium.DebeziumException: A slave with the same server_uuid/server_id as this slave has connected to the master; the first event 'mysql-bin.000003' at 1187, the last event read from 'mysql-bin.000003' at 2241, the last byte read from 'mysql-bin.000003' at 2241. Error code: 1236; SQLSTATE: HY000.
	at io.debezium.connector.binlog.BinlogStreamingChangeEventSource.wrap(BinlogStreamingChangeEventSource.java:1240)
	... 5 more
Caused by: com.github.shyiko.mysql.binlog.network.ServerException: A slave with the same server_uuid/server_id as this slave has connected to the master; the first event 'mysql-bin.000003' at 1187, the last event read from 'mysql-bin.000003' at 2241, the last byte read from 'mysql-bin.000003' at 2241.
	at com.github.shyiko.mysql.binlog.BinaryLogClient.listenForEventPackets(BinaryLogClient.java:1130)
	... 3 more
)trace");
}

inline QByteArray postgresOffsets()
{
    return QByteArrayLiteral(R"json({
 "offsets": [
  {
   "partition": {
    "server": "pg"
   },
   "offset": {
    "lsn": 38314944,
    "lsn_proc": 38314944,
    "lsn_commit": 38314944,
    "txId": 771,
    "ts_usec": 1764000001000000
   }
  }
 ]
})json");
}

inline QByteArray postgresStopped()
{
    return QByteArrayLiteral(R"json({
 "name": "postgres-outbox",
 "connector": {
  "state": "STOPPED",
  "worker_id": "10.89.0.7:8083"
 },
 "tasks": [],
 "type": "source"
})json");
}

inline QByteArray leaderUnreachable()
{
    return QByteArrayLiteral(R"json({
 "error_code": 500,
 "message": "IO Error trying to forward REST request: java.net.ConnectException: Connection refused"
})json");
}

inline QByteArray postgresValid()
{
    return QByteArrayLiteral(R"json({
 "name": "io.debezium.connector.postgresql.PostgresConnector",
 "error_count": 0,
 "groups": [
  "Common",
  "Connection"
 ],
 "configs": [
  {
   "definition": {
    "name": "database.hostname",
    "type": "STRING",
    "required": false,
    "default_value": null,
    "importance": "HIGH",
    "documentation": "",
    "group": "Connection",
    "width": "MEDIUM",
    "display_name": "database.hostname",
    "dependents": [],
    "order": 1
   },
   "value": {
    "name": "database.hostname",
    "value": "127.0.0.1",
    "recommended_values": [],
    "errors": [],
    "visible": true
   }
  },
  {
   "definition": {
    "name": "slot.name",
    "type": "STRING",
    "required": false,
    "default_value": null,
    "importance": "HIGH",
    "documentation": "",
    "group": "Connection",
    "width": "MEDIUM",
    "display_name": "slot.name",
    "dependents": [],
    "order": 1
   },
   "value": {
    "name": "slot.name",
    "value": "outbox_postgres",
    "recommended_values": [],
    "errors": [],
    "visible": true
   }
  }
 ]
})json");
}

inline QByteArray postgresRefused()
{
    return QByteArrayLiteral(R"json({
 "name": "io.debezium.connector.postgresql.PostgresConnector",
 "error_count": 1,
 "groups": [
  "Common",
  "Connection"
 ],
 "configs": [
  {
   "definition": {
    "name": "database.hostname",
    "type": "STRING",
    "required": false,
    "default_value": null,
    "importance": "HIGH",
    "documentation": "",
    "group": "Connection",
    "width": "MEDIUM",
    "display_name": "database.hostname",
    "dependents": [],
    "order": 1
   },
   "value": {
    "name": "database.hostname",
    "value": "127.0.0.1",
    "recommended_values": [],
    "errors": [],
    "visible": true
   }
  },
  {
   "definition": {
    "name": "database.password",
    "type": "STRING",
    "required": false,
    "default_value": null,
    "importance": "HIGH",
    "documentation": "",
    "group": "Connection",
    "width": "MEDIUM",
    "display_name": "database.password",
    "dependents": [],
    "order": 1
   },
   "value": {
    "name": "database.password",
    "value": "${file:/etc/cdc-studio/secrets.properties:pg.password}",
    "recommended_values": [],
    "errors": [
     "Error while validating connector config: FATAL: password authentication failed for user \"debezium\""
    ],
    "visible": true
   }
  },
  {
   "definition": {
    "name": "slot.name",
    "type": "STRING",
    "required": false,
    "default_value": null,
    "importance": "HIGH",
    "documentation": "",
    "group": "Connection",
    "width": "MEDIUM",
    "display_name": "slot.name",
    "dependents": [],
    "order": 1
   },
   "value": {
    "name": "slot.name",
    "value": "outbox_postgres",
    "recommended_values": [],
    "errors": [],
    "visible": true
   }
  }
 ]
})json");
}

} // namespace connectsamples
