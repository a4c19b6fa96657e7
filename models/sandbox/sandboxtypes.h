// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's shared vocabulary: the two simulated databases, what a deployed connector captures,
// the incidents a presenter can trigger, and the narrow interfaces between the simulated Kafka Connect,
// the event engine and the Sandbox that owns both.
#pragma once

#include "core/result.h"
#include "debezium/connectioncheck.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace cdc::sandbox {

enum class SourceKind { Postgres, MySql };
QString sourceKindName(SourceKind kind); // "postgres", "mysql"

// The databases the sandbox simulates, where the capstone's database nodes say they are (PostgreSQL
// 127.0.0.1:15432 and MariaDB 127.0.0.1:13306, database capstone), with the tables the engine writes.
// The wizards' defaults and their connection test use them while the sandbox runs.
const std::vector<debezium::DatabaseTarget> &simulatedDatabases();

// What a deployed Debezium connector captures in the sandbox, read from its config.
struct CaptureSpec
{
    QString connector; // "postgres-outbox"
    SourceKind kind = SourceKind::Postgres;
    QString connectorClass; // io.debezium.connector.postgresql.PostgresConnector, …mysql.MySqlConnector,
                            // …mariadb.MariaDbConnector
    QString topicPrefix;    // topic.prefix: "pg", "mysql"
    QString outboxTable;    // the table the Event Router applies to: "public.outbox", "capstone.outbox"
    QString routeTopicReplacement =
        QStringLiteral("outbox.event.${routedByValue}"); // transforms.<router>.route.topic.replacement
    bool expandJsonPayload = false;                      // transforms.<router>.table.expand.json.payload
    QStringList
        otherTables;  // table.include.list entries besides the outbox: raw change events to {prefix}.{schema}.{table}
    QString slotName; // PostgreSQL slot.name (default "debezium")
    qint64 serverId = 0; // MySQL database.server.id
    QString database;    // database.dbname / first of database.include.list
    bool operator==(const CaptureSpec &) const = default;
};

// A connector config (Kafka Connect's flat string map) as a capture. Fails with Kafka Connect's own
// sentence for a class the sandbox does not simulate ("Failed to find any class that implements
// Connector and which name matches …") or a missing topic.prefix.
Result<CaptureSpec> captureSpecFromConfig(const QString &name, const QMap<QString, QString> &config);

// Where a capture's source position is, for GET /connectors/{name}/offsets.
struct SourcePosition
{
    SourceKind kind = SourceKind::Postgres;
    qint64 lsn = 0; // PostgreSQL: the last LSN emitted
    qint64 txId = 0;
    QString binlogFile; // MySQL: "mysql-bin.000003"
    qint64 binlogPosition = 0;
    qint64 serverId = 0;
    qint64 tsMs = 0;
};

// The engine as the simulated Kafka Connect sees it. Implemented by SandboxEngine; tests may fake it.
// Every call is cheap and thread-safe (the engine generates on its own thread).
class CaptureBackend
{
public:
    virtual ~CaptureBackend() = default;
    // A connector was created (capturing starts at the database's current position) or its config changed
    // (capturing goes on from the connector's offset: its backlog is kept).
    virtual void addCapture(const CaptureSpec &spec) = 0;
    virtual void removeCapture(const QString &connector) = 0;
    // RUNNING tasks stream; PAUSED, STOPPED and FAILED ones do not, while the database keeps writing.
    virtual void setStreaming(const QString &connector, bool streaming) = 0;
    virtual std::optional<SourcePosition> position(const QString &connector) const = 0;
    // DELETE /connectors/{name}/offsets: the next start captures from the database's current end.
    virtual void resetPosition(const QString &connector) = 0;
};

enum class Incident {
    LagSpike,            // the connector slows to a crawl: WAL bytes and MySQL ms climb
    TaskFailed,          // the PostgreSQL task FAILS with a connection-reset trace; a restart fixes it
    DuplicateServerId,   // another replica uses the MySQL connector's server.id; FAILED until server.id changes
    SlotDropped,         // the replication slot is dropped: FAILED, retained WAL gone, a restart recreates it (a gap)
    HistoryTopicMissing, // the schema history topic is gone: FAILED until snapshot.mode=recovery (or recovery)
    SameIdBurst,         // a burst of events for one order id from both databases: why keys need the source
};

struct IncidentInfo
{
    Incident incident;
    QString key;         // "lag-spike", "task-failed", "duplicate-server-id", "slot-dropped", "history-topic-missing",
                         // "same-id-burst"
    QString title;       // menu text: "Lag spike"
    QString lesson;      // what it shows, one or two sentences from the troubleshooting guide
    QString recovery;    // what recovers it: "Restart the task (Connectors ▸ Restart)", …
    bool lasting = true; // false: a one-off (the burst) that needs no recovery
};
const std::vector<IncidentInfo> &incidents();
// The order id of the same-id burst, which the guided tour, the incident's tooltip and the Events panel's
// "Filter to these" all name: PG-42 and MY-42. Fixed, so that what the tour says is what the burst does
// (generated orders are numbered from 1000, so 42 is the burst's alone).
inline constexpr qint64 burstOrderId = 42;
// The Events panel's query for one order's events from both databases: "key:42" (the bare aggregate id
// matches PG-42 and MY-42).
QString burstOrderQuery(qint64 orderId = burstOrderId);
const IncidentInfo &incidentInfo(Incident incident);
std::optional<Incident> incidentFromKey(const QString &key);

// The sandbox's own control, served by the simulated Connect under /sandbox (so an instructor can
// script it with curl): GET /sandbox, PUT /sandbox/rate {"eventsPerSecond": N},
// POST /sandbox/incidents/{key} (trigger), DELETE /sandbox/incidents/{key} (recover).
class SandboxControl
{
public:
    virtual ~SandboxControl() = default;
    virtual QJsonObject describe()
        const = 0; // {"bootstrap":…, "connect":…, "rate":…, "incidents":[{"key","title","active"}], "sources":[…]}
    virtual Result<void> setRate(int eventsPerSecond) = 0;
    virtual Result<void> trigger(Incident incident) = 0;
    virtual Result<void> recover(Incident incident) = 0;
};

} // namespace cdc::sandbox
