// SPDX-License-Identifier: GPL-3.0-or-later
// Outbox table DDL and the unified PyFlink consumer.
#include "outboxartifacts.h"

#include <QRegularExpression>

namespace cdc::debezium {

namespace {

QString pythonString(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    escaped.replace(u'\n', QStringLiteral("\\n")).replace(u'\r', QStringLiteral("\\r"));
    return u'"' + escaped + u'"';
}

} // namespace

QString outboxTableDdl(SqlFlavour flavour, const QString &table)
{
    switch (flavour) {
    case SqlFlavour::PostgreSQL:
        return QStringLiteral("-- Outbox table for Debezium's Outbox Event Router (PostgreSQL 13+).\n"
                              "CREATE TABLE IF NOT EXISTS %1 (\n"
                              "    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n"
                              "    aggregatetype varchar(255) NOT NULL,\n"
                              "    aggregateid   varchar(255) NOT NULL,\n"
                              "    type          varchar(255) NOT NULL,\n"
                              "    payload       jsonb,\n"
                              "    created_at    timestamptz NOT NULL DEFAULT now()\n"
                              ");\n")
            .arg(table);
    case SqlFlavour::MySQL:
    case SqlFlavour::MariaDB:
        // MySQL 8.0.13+ wants an expression default in parentheses; MariaDB takes UUID() as it is.
        // JSON rather than JSONB; no REPLICA IDENTITY: the binlog in ROW/FULL mode has whole rows.
        return QStringLiteral("-- Outbox table for Debezium's Outbox Event Router (%1).\n"
                              "CREATE TABLE IF NOT EXISTS %2 (\n"
                              "    id            CHAR(36) NOT NULL DEFAULT %3 PRIMARY KEY,\n"
                              "    aggregatetype VARCHAR(255) NOT NULL,\n"
                              "    aggregateid   VARCHAR(255) NOT NULL,\n"
                              "    type          VARCHAR(255) NOT NULL,\n"
                              "    payload       JSON,\n"
                              "    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)\n"
                              ");\n")
            .arg(flavour == SqlFlavour::MySQL ? QStringLiteral("MySQL 8.0.13+") : QStringLiteral("MariaDB 10.3+"),
                 table, flavour == SqlFlavour::MySQL ? QStringLiteral("(UUID())") : QStringLiteral("UUID()"));
    }
    return {};
}

QString consumerGroupOf(const topology::Node &consumer)
{
    const QString group = consumer.properties.value(QStringLiteral("group.id")).trimmed();
    return group.isEmpty() ? PyFlinkJobOptions{}.groupId : group;
}

bool isPyFlinkConsumer(const topology::Node &node)
{
    return node.kind == topology::NodeKind::Consumer &&
           node.properties.value(QStringLiteral("type"), QStringLiteral("pyflink")) == QLatin1String("pyflink");
}

PyFlinkJobOptions pyFlinkOptionsFor(const topology::Project &project)
{
    PyFlinkJobOptions options;
    QString nodeBootstrap; // a node's own bootstrap.servers wins over the connectors' history brokers
    static const QRegularExpression topicName(QStringLiteral("^[A-Za-z0-9._-]{1,249}$"));
    for (const topology::Node &node : project.nodes) {
        const auto &p = node.properties;
        if ((node.kind == topology::NodeKind::Consumer || node.kind == topology::NodeKind::Topic ||
             node.kind == topology::NodeKind::ConnectCluster) &&
            nodeBootstrap.isEmpty())
            nodeBootstrap = p.value(QStringLiteral("bootstrap.servers")).trimmed();
        if (node.kind == topology::NodeKind::Consumer) {
            options.groupId = consumerGroupOf(node);
            const QString mode = p.value(QStringLiteral("startup.mode"));
            if (mode == QLatin1String("group-offsets") || mode == QLatin1String("earliest-offset") ||
                mode == QLatin1String("latest-offset"))
                options.startupMode = mode;
            else if (!mode.isEmpty())
                options.problems << QStringLiteral("%1: startup.mode \"%2\" is not group-offsets, earliest-offset or "
                                                   "latest-offset; using group-offsets.")
                                        .arg(node.name, mode);
            const QString parallelism = p.value(QStringLiteral("parallelism"));
            bool ok = false;
            const int n = parallelism.toInt(&ok);
            if (ok && n >= 1 && n <= 1024)
                options.parallelism = n;
            else if (!parallelism.isEmpty())
                options.problems << QStringLiteral("%1: parallelism \"%2\" is not a number from 1 to 1024; using 1.")
                                        .arg(node.name, parallelism);
        }
        if (node.kind == topology::NodeKind::Sink) {
            const QString type = p.value(QStringLiteral("type"), QStringLiteral("print"));
            if (type == QLatin1String("kafka"))
                options.sink = PyFlinkJobOptions::Sink::Kafka;
            else if (type != QLatin1String("print"))
                options.problems
                    << QStringLiteral("%1: sink type \"%2\" is not print or kafka; using print.").arg(node.name, type);
            const QString topic = p.value(QStringLiteral("topic"));
            if (topicName.match(topic).hasMatch())
                options.sinkTopic = topic;
            else if (!topic.isEmpty())
                options.problems << QStringLiteral("%1: \"%2\" is not a Kafka topic name; using %3.")
                                        .arg(node.name, topic, options.sinkTopic);
        }
        if (node.kind == topology::NodeKind::Connector &&
            p.contains(QStringLiteral("schema.history.internal.kafka.bootstrap.servers")))
            options.bootstrapServers = p.value(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"));
        if (node.kind == topology::NodeKind::Topic && p.contains(QStringLiteral("pattern"))) {
            // Flink's topic-pattern is a Java regex matched against the whole name: drop anchors.
            QString pattern = p.value(QStringLiteral("pattern"));
            if (pattern.startsWith(u'^'))
                pattern.remove(0, 1);
            if (pattern.endsWith(u'$'))
                pattern.chop(1);
            if (p.value(QStringLiteral("source")) == QLatin1String("postgres"))
                options.postgresTopicPattern = pattern;
            else if (p.value(QStringLiteral("source")) == QLatin1String("mysql"))
                options.mysqlTopicPattern = pattern;
        }
    }
    if (!nodeBootstrap.isEmpty())
        options.bootstrapServers = nodeBootstrap;
    return options;
}

QString pyFlinkUnionJob(const PyFlinkJobOptions &o)
{
    QString job = QStringLiteral(R"PY("""Unified outbox consumer, generated by CDC Studio.

Reads the outbox events of both databases (topics from Debezium's Outbox Event Router), unions them
with UNION ALL, adds source_database ('postgres' / 'mysql') and a composite key (PG-<id> / MY-<id>),
because the same aggregate id can come from both databases.

Debezium delivers at least once: after a crash it may send an event again. Each outbox row has its own
id (the `id` header), so the job keeps the first event of each id and drops the repeats; it remembers
ids for DEDUPLICATION_TTL. Offsets are committed at each checkpoint, so a new run goes on where the
last one stopped.

Run:  pip install apache-flink==2.2.0
      FLINK_KAFKA_JAR=/path/to/flink-sql-connector-kafka-5.0.0-2.2.jar python3 unified_outbox.py
Settings read when it starts: FLINK_KAFKA_JAR, the connector jar; CDC_FLINK_REST_PORT, the port of the
local Flink's REST API (default: a free one); CDC_FLINK_STATE_DIR, where checkpoints are kept;
CDC_FLINK_RESTORE, a savepoint or checkpoint to resume from; CDC_FLINK_JOBMANAGER=host:port, submit
to that Flink cluster instead of running here.
"""
import os

from pyflink.table import EnvironmentSettings, TableEnvironment

BOOTSTRAP_SERVERS = @BOOTSTRAP@
GROUP_ID = @GROUP@
STARTUP_MODE = @STARTUP@  # group-offsets: where this group stopped, else from the start
PARALLELISM = @PARALLELISM@
CHECKPOINT_INTERVAL = "@CHECKPOINT@ s"
DEDUPLICATION_TTL = "@TTL@ min"
SINK = @SINK@  # print | kafka
SINK_TOPIC = @SINK_TOPIC@
SOURCES = {
    # table name: (topic pattern, source_database, key prefix)
    "postgres_outbox": (@PG_PATTERN@, "postgres", "PG-"),
    "mysql_outbox": (@MY_PATTERN@, "mysql", "MY-"),
}


def quote(text):
    """A Flink SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def source_table_ddl(table, topic_pattern):
    # The record key is the aggregate id (StringConverter); the value is the event payload; the
    # outbox row's id and type come as headers.
    return f"""
        CREATE TABLE {table} (
            aggregate_id STRING,
            payload STRING,
            headers MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL,
            topic STRING METADATA FROM 'topic' VIRTUAL,
            `partition` INT METADATA FROM 'partition' VIRTUAL,
            `offset` BIGINT METADATA FROM 'offset' VIRTUAL,
            event_time TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
            proc_time AS PROCTIME()
        ) WITH (
            'connector' = 'kafka',
            'topic-pattern' = {quote(topic_pattern)},
            'scan.topic-partition-discovery.interval' = '10 s',
            'properties.bootstrap.servers' = {quote(BOOTSTRAP_SERVERS)},
            'properties.group.id' = {quote(GROUP_ID)},
            'properties.auto.offset.reset' = 'earliest',
            'scan.startup.mode' = {quote(STARTUP_MODE)},
            'key.format' = 'raw',
            'key.fields' = 'aggregate_id',
            'value.format' = 'raw',
            'value.fields-include' = 'EXCEPT_KEY'
        )"""


def select_source(table, database, prefix):
    return f"""
        SELECT CONCAT({quote(prefix)}, aggregate_id) AS composite_key,
               aggregate_id,
               REGEXP_EXTRACT(topic, '([^.]+)$', 1) AS aggregate_type,
               {quote(database)} AS source_database,
               COALESCE(CAST(headers['eventType'] AS STRING), CAST(headers['type'] AS STRING)) AS event_type,
               -- without an id header, the record's own position identifies it
               COALESCE(CAST(headers['id'] AS STRING),
                        CONCAT(topic, '/', CAST(`partition` AS STRING), '/', CAST(`offset` AS STRING))) AS event_id,
               event_time,
               payload,
               proc_time
        FROM {table}"""


SINK_COLUMNS = """
    composite_key STRING,
    aggregate_id STRING,
    aggregate_type STRING,
    source_database STRING,
    event_type STRING,
    event_id STRING,
    event_time TIMESTAMP_LTZ(3),
    payload STRING"""


def sink_table_ddl():
    if SINK == "kafka":
        # JSON values keyed by the composite key, so that other tools can read the unified stream.
        return f"""
            CREATE TABLE unified_sink ({SINK_COLUMNS}) WITH (
                'connector' = 'kafka',
                'topic' = {quote(SINK_TOPIC)},
                'properties.bootstrap.servers' = {quote(BOOTSTRAP_SERVERS)},
                'key.format' = 'raw',
                'key.fields' = 'composite_key',
                'value.format' = 'json',
                'value.fields-include' = 'ALL',
                'sink.delivery-guarantee' = 'at-least-once'
            )"""
    return f"CREATE TABLE unified_sink ({SINK_COLUMNS}) WITH ('connector' = 'print')"


def main():
    env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    config = env.get_config()
    jar = os.environ.get("FLINK_KAFKA_JAR")
    if jar:
        config.set("pipeline.jars", "file://" + os.path.abspath(jar))
    config.set("parallelism.default", str(PARALLELISM))
    config.set("execution.checkpointing.interval", CHECKPOINT_INTERVAL)
    config.set("table.exec.state.ttl", DEDUPLICATION_TTL)
    config.set("pipeline.name", f"CDC Studio unified consumer ({GROUP_ID})")
    state_dir = os.environ.get("CDC_FLINK_STATE_DIR")
    if state_dir:
        # Keep the last checkpoint when the job ends, so that a new run can resume from it.
        config.set("execution.checkpointing.dir", "file://" + os.path.abspath(state_dir))
        config.set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
    restore = os.environ.get("CDC_FLINK_RESTORE")
    if restore:
        # Resume from a savepoint or checkpoint of this same job: its offsets and remembered event ids.
        config.set("execution.state-recovery.path", restore)
    cluster = os.environ.get("CDC_FLINK_JOBMANAGER")
    if cluster:
        host, _, port = cluster.rpartition(":")
        config.set("execution.target", "remote")
        config.set("rest.address", host)
        config.set("rest.port", port)
    else:
        config.set("rest.port", os.environ.get("CDC_FLINK_REST_PORT", "0"))

    for table, (pattern, _, _) in SOURCES.items():
        env.execute_sql(source_table_ddl(table, pattern))
    union = "\nUNION ALL\n".join(
        select_source(table, database, prefix) for table, (_, database, prefix) in SOURCES.items())
    env.execute_sql(f"CREATE TEMPORARY VIEW unified_events AS {union}")

    # Flink's deduplication: the first row of each (source_database, event_id), in arrival order.
    env.execute_sql("""
        CREATE TEMPORARY VIEW unique_events AS
        SELECT composite_key, aggregate_id, aggregate_type, source_database, event_type, event_id,
               event_time, payload
        FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY source_database, event_id
                                           ORDER BY proc_time ASC) AS row_num
              FROM unified_events)
        WHERE row_num = 1""")

    env.execute_sql(sink_table_ddl())
    result = env.execute_sql("INSERT INTO unified_sink SELECT * FROM unique_events")
    print("CDC-STUDIO job", result.get_job_client().get_job_id(), flush=True)
    if not cluster:
        result.wait()


if __name__ == "__main__":
    main()
)PY");
    job.replace(QStringLiteral("@BOOTSTRAP@"), pythonString(o.bootstrapServers));
    job.replace(QStringLiteral("@GROUP@"), pythonString(o.groupId));
    job.replace(QStringLiteral("@STARTUP@"), pythonString(o.startupMode));
    job.replace(QStringLiteral("@PARALLELISM@"), QString::number(qMax(1, o.parallelism)));
    job.replace(QStringLiteral("@CHECKPOINT@"), QString::number(qMax(1, o.checkpointSeconds)));
    job.replace(QStringLiteral("@TTL@"), QString::number(qMax(1, o.deduplicationMinutes)));
    job.replace(
        QStringLiteral("@SINK@"),
        pythonString(o.sink == PyFlinkJobOptions::Sink::Kafka ? QStringLiteral("kafka") : QStringLiteral("print")));
    job.replace(QStringLiteral("@SINK_TOPIC@"), pythonString(o.sinkTopic));
    job.replace(QStringLiteral("@PG_PATTERN@"), pythonString(o.postgresTopicPattern));
    job.replace(QStringLiteral("@MY_PATTERN@"), pythonString(o.mysqlTopicPattern));
    return job;
}

} // namespace cdc::debezium
