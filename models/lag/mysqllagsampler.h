// SPDX-License-Identifier: GPL-3.0-or-later
// MySQL / MariaDB connector lag in milliseconds ("mysql-ms:CONNECTOR"): while events arrive on the
// connector's topics, their arrival time minus their source time; while none arrive, the time since
// the newest source time seen when the server's binlog holds a transaction the connector has not
// committed (its Kafka Connect offset), else 0 (caught up and idle). The binlog is read on a thread of
// its own through QMYSQL; the events through the stream consumer (no group, from the end).
#pragma once

#include "connect/connecttypes.h"
#include "lag/lagsampler.h"
#include "lag/samplerhealth.h"
#include "lag/samplerthread.h"
#include "stream/streamconsumer.h"

#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace cdc::connect {
class ConnectClient;
}
namespace cdc::stream {
class EventPipeline;
class StringTable;
} // namespace cdc::stream

namespace cdc::lag {

// ---- The binlog, as pure functions (tested without a server) --------------------------------------

// A connector's committed binlog offset, from GET /connectors/{name}/offsets.
struct BinlogPosition
{
    QString file;
    qint64 pos = 0;
    qint64 eventsToSkip = 0;  // "event": events of the transaction at `pos` the connector has processed
    qint64 rowsToSkip = 0;    // "row"
    qint64 sourceTimeMs = -1; // "ts_sec" × 1000: when the server wrote the event at the offset

    bool operator==(const BinlogPosition &) const = default;
};

std::optional<BinlogPosition> binlogPositionFromOffset(const QJsonObject &offset);
// "binlog.000012" → 12; -1 without a numeric suffix.
qint64 binlogFileIndex(const QString &file);
// <0, 0, >0 as (fileA, posA) is before, at or after (fileB, posB).
int compareBinlogPositions(const QString &fileA, qint64 posA, const QString &fileB, qint64 posB);

// One row of SHOW BINLOG EVENTS.
struct BinlogEvent
{
    QString type; // Event_type: "Gtid", "Query", "Table_map", "Write_rows_v1", "Xid", "Rotate", ...
    QString info;
    qint64 pos = 0;
    qint64 endPos = 0;
};

enum class BinlogBacklog { None, Pending };

// Whether binlog events hold a transaction not yet processed. `skipFirstTransaction`: the list starts
// at a transaction the connector has processed (its offset points into it). A list cut short by its
// LIMIT (`complete` false) that shows nothing pending yet counts as pending: it cannot be proven empty.
BinlogBacklog binlogBacklog(const std::vector<BinlogEvent> &events, bool skipFirstTransaction, bool complete);

// What one look at the server found.
struct BinlogCheck
{
    QString error; // empty when the server answered
    QString serverFile;
    qint64 serverPos = -1;
    std::optional<bool> caughtUp; // unknown without a committed offset (or when the binlog cannot be listed)
    qint64 bytesBehind = -1;      // server position − committed position within one file; -1 across files
};

// ---- The sampler ----------------------------------------------------------------------------------

// Where the sampler reads the binlog position; the password is a reference resolved when it connects.
struct MySqlEndpoint
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 3306;
    QString user;
    QString passwordReference;

    bool operator==(const MySqlEndpoint &) const = default;
};

struct MySqlLagSettings
{
    QString connector; // its name on Kafka Connect
    QString nodeId;    // its node in the project
    MySqlEndpoint database;
    stream::ConsumerSettings kafka; // bootstrap and security; topicRegex: the connector's topics
    connect::ClusterSettings connect;
};

// The topics a connector writes, as one regex: its outbox routing (`route.topic.replacement` with the
// routed value as `.*`) or, without the router, `<topic.prefix>.*`; and its heartbeat topic
// (`<topic.heartbeat.prefix>.<topic.prefix>`, `__debezium-heartbeat.` by default).
QString connectorTopicRegex(const QMap<QString, QString> &config);

class MySqlLagSampler : public LagSampler
{
    Q_OBJECT

public:
    static constexpr int kTimeoutSeconds = 3; // connect, read and write timeouts of the binlog queries

    explicit MySqlLagSampler(MySqlLagSettings settings, QObject *parent = nullptr);
    ~MySqlLagSampler() override;

    QString name() const override;
    void start(int intervalMs) override;
    void stop() override;

    const MySqlLagSettings &settings() const { return m_settings; }
    // The server's binlog position minus the connector's committed one, within one file; -1 unknown.
    qint64 binlogBytesBehind() const { return m_bytesBehind; }

    static SeriesKey series(const QString &connector, const QString &nodeId); // "mysql-ms:CONNECTOR"

Q_SIGNALS:
    void binlogDistance(const QString &connector, qint64 bytes);

private:
    void tick();
    bool emitFromEvents(); // true when events had arrived since the last call
    void requestOffsets();
    void requestCheck();
    void checked(const BinlogCheck &check);
    qint64 newestSourceMs() const;

    MySqlLagSettings m_settings;
    SamplerHealth m_health{this};
    QTimer m_timer;
    std::shared_ptr<stream::StringTable> m_strings;
    std::unique_ptr<stream::EventPipeline> m_pipeline;
    std::unique_ptr<connect::ConnectClient> m_client;
    SamplerWorkerHandle m_worker{this, &m_health};
    bool m_running = false;
    bool m_offsetsInFlight = false;
    bool m_checkInFlight = false;
    bool m_connectAnswered = false; // Kafka Connect gave the connector's offsets at least once
    std::optional<BinlogPosition> m_committed;
    qint64 m_newestEventSourceMs = -1;
    qint64 m_startedMs = 0;
    qint64 m_bytesBehind = -1;
};

} // namespace cdc::lag

Q_DECLARE_METATYPE(cdc::lag::BinlogCheck)
