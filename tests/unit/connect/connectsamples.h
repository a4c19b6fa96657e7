// SPDX-License-Identifier: GPL-3.0-or-later
// Kafka Connect 4.1 REST answers with Debezium 3.5 connectors, as the worker sends them, for the parser and
// client tests (kept out of the .cpp files: Qt 6.4's moc misses a test class after raw string literals).
#pragma once

#include <QByteArray>

namespace cdc::connectsamples {

inline const QByteArray serverInfo =
    R"({"version":"4.1.0","commit":"13f70256db3c994c","kafka_cluster_id":"5L6g3nShT-eMCtK--X86sw"})";

inline const QByteArray plugins = R"([
  {"class":"io.debezium.connector.mysql.MySqlConnector","type":"source","version":"3.5.0.Final"},
  {"class":"io.debezium.connector.postgresql.PostgresConnector","type":"source","version":"3.5.0.Final"},
  {"class":"org.apache.kafka.connect.mirror.MirrorCheckpointConnector","type":"source","version":"4.1.0"},
  {"class":"org.apache.kafka.connect.mirror.MirrorHeartbeatConnector","type":"source","version":"4.1.0"},
  {"class":"org.apache.kafka.connect.mirror.MirrorSourceConnector","type":"source","version":"4.1.0"}
])";

inline const QByteArray failedTrace =
    "org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This "
    "connector will be stopped.\n"
    "\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)\n"
    "\tat "
    "io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.execute(PostgresStreamingChangeEventSource."
    "java:182)\n"
    "\tat io.debezium.pipeline.ChangeEventSourceCoordinator.streamEvents(ChangeEventSourceCoordinator.java:324)\n"
    "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)\n"
    "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"
    "Caused by: io.debezium.DebeziumException: Failed to start replication stream\n"
    "\tat io.debezium.connector.postgresql.connection.PostgresReplicationConnection.startStreaming("
    "PostgresReplicationConnection.java:421)\n"
    "\t... 9 more\n"
    "Caused by: org.postgresql.util.PSQLException: ERROR: replication slot \"debezium_inventory\" does not exist\n"
    "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)\n"
    "\tat org.postgresql.core.v3.QueryExecutorImpl.processCopyResults(QueryExecutorImpl.java:1432)\n"
    "\t... 12 more\n";

// A task that failed: the trace is JSON-escaped as Connect sends it.
inline const QByteArray statusFailed = R"({
  "name":"inventory-pg",
  "connector":{"state":"RUNNING","worker_id":"172.18.0.6:8083"},
  "tasks":[
    {"id":1,"state":"RUNNING","worker_id":"172.18.0.7:8083"},
    {"id":0,"state":"FAILED","worker_id":"172.18.0.6:8083","trace":"org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.\n\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)\nCaused by: org.postgresql.util.PSQLException: ERROR: replication slot \"debezium_inventory\" does not exist\n\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)\n\t... 12 more\n"}
  ],
  "type":"source"
})";

inline const QByteArray info = R"({
  "name":"inventory-pg",
  "config":{
    "connector.class":"io.debezium.connector.postgresql.PostgresConnector",
    "database.hostname":"postgres",
    "database.port":"5432",
    "database.user":"debezium",
    "database.password":"${file:/secrets/postgres.properties:password}",
    "database.dbname":"inventory",
    "topic.prefix":"inventory",
    "plugin.name":"pgoutput",
    "slot.name":"debezium_inventory",
    "tasks.max":"1",
    "name":"inventory-pg"
  },
  "tasks":[{"connector":"inventory-pg","task":0}],
  "type":"source"
})";

inline const QByteArray config = R"({
  "connector.class":"io.debezium.connector.mysql.MySqlConnector",
  "database.hostname":"mysql",
  "database.port":"3306",
  "database.server.id":"184054",
  "tasks.max":"1",
  "name":"inventory-mysql"
})";

inline const QByteArray overviews = R"({
  "inventory-pg":{
    "status":{"name":"inventory-pg","connector":{"state":"RUNNING","worker_id":"172.18.0.6:8083"},
              "tasks":[{"id":0,"state":"RUNNING","worker_id":"172.18.0.6:8083"}],"type":"source"},
    "info":{"name":"inventory-pg","config":{"connector.class":"io.debezium.connector.postgresql.PostgresConnector",
            "tasks.max":"1","name":"inventory-pg"},"tasks":[{"connector":"inventory-pg","task":0}],"type":"source"}
  },
  "inventory-mysql":{
    "status":{"name":"inventory-mysql","connector":{"state":"STOPPED","worker_id":"172.18.0.7:8083"},
              "tasks":[],"type":"source"},
    "info":{"name":"inventory-mysql","config":{"connector.class":"io.debezium.connector.mysql.MySqlConnector",
            "tasks.max":"1","name":"inventory-mysql"},"tasks":[],"type":"source"}
  }
})";

// Debezium's validate() connects to the database: the failure is attached to database.hostname.
inline const QByteArray validation = R"({
  "name":"io.debezium.connector.postgresql.PostgresConnector",
  "error_count":1,
  "groups":["Common","Transforms","Predicates","Error Handling","Topic Creation","Exactly Once Support",
            "offsets.topic","Postgres"],
  "configs":[
    {"definition":{"name":"name","type":"STRING","required":true,"default_value":null,"importance":"HIGH",
                   "documentation":"Globally unique name to use for this connector.","group":"Common",
                   "width":"MEDIUM","display_name":"Connector name","dependents":[],"order":1},
     "value":{"name":"name","value":"inventory-pg","recommended_values":[],"errors":[],"visible":true}},
    {"definition":{"name":"database.hostname","type":"STRING","required":false,"default_value":null,
                   "importance":"HIGH","documentation":"Resolvable hostname or IP address of the database server.",
                   "group":"Postgres","width":"MEDIUM","display_name":"Hostname","dependents":[],"order":2},
     "value":{"name":"database.hostname","value":"postgres","recommended_values":[],
              "errors":["Unable to connect: Connection to postgres:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections."],
              "visible":true}},
    {"definition":{"name":"database.port","type":"INT","required":false,"default_value":"5432","importance":"HIGH",
                   "documentation":"Port of the database server.","group":"Postgres","width":"SHORT",
                   "display_name":"Port","dependents":[],"order":3},
     "value":{"name":"database.port","value":"5432","recommended_values":[],"errors":[],"visible":true}},
    {"definition":{"name":"database.password","type":"PASSWORD","required":false,"default_value":null,
                   "importance":"HIGH","documentation":"Password of the database user.","group":"Postgres",
                   "width":"SHORT","display_name":"Password","dependents":[],"order":4},
     "value":{"name":"database.password","value":"[hidden]","recommended_values":[],"errors":[],"visible":true}},
    {"definition":{"name":"snapshot.mode","type":"STRING","required":false,"default_value":"initial",
                   "importance":"LOW","documentation":"The criteria for running a snapshot.","group":"Postgres",
                   "width":"SHORT","display_name":"Snapshot mode","dependents":[],"order":5},
     "value":{"name":"snapshot.mode","value":null,"recommended_values":["always","initial","no_data"],
              "errors":[],"visible":true}}
  ]
})";

inline const QByteArray offsetsPostgres = R"({"offsets":[
  {"partition":{"server":"inventory"},
   "offset":{"lsn_proc":24158400,"messageType":"INSERT","lsn_commit":24158216,"lsn":24158400,"txId":771,
             "ts_usec":1764000000123456}}
]})";

inline const QByteArray offsetsMySql = R"({"offsets":[
  {"partition":{"server":"inventory-mysql"},
   "offset":{"file":"mysql-bin.000003","pos":1234,"gtids":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42",
             "row":1,"event":2,"ts_sec":1764000000}}
]})";

inline const QByteArray topics =
    R"({"inventory-pg":{"topics":["inventory.public.orders","inventory.public.customers"]}})";

inline const QByteArray conflict = R"({"error_code":409,"message":"Connector inventory-pg already exists"})";
inline const QByteArray notFound = R"({"error_code":404,"message":"Connector inventory-pg not found"})";
inline const QByteArray serverError =
    R"({"error_code":500,"message":"Request timed out. The worker is currently ensuring membership in the cluster"})";
inline const QByteArray rebalancing =
    R"json({"error_code":503,"message":"Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)"})json";

} // namespace cdc::connectsamples
