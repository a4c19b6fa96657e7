// SPDX-License-Identifier: GPL-3.0-or-later
// Realistic Debezium messages for the sandbox: outbox events as the Outbox Event Router emits them
// (key = aggregate id, value = the payload, expanded or as a JSON string; headers id and type) and raw
// change events with before/after/source (PostgreSQL LSN and txId; MySQL binlog file/position, server
// id; ts_ms). Order ids overlap across the two databases on purpose. No I/O; deterministic per seed.
#pragma once

#include "sandbox/sandboxtypes.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <algorithm>
#include <random>
#include <vector>

namespace cdc::sandbox {

struct GeneratedMessage
{
    QString topic;
    QByteArray key;   // null for none
    QByteArray value; // null for a tombstone
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 timestampMs = 0;
};

class EventGenerator
{
public:
    EventGenerator(const CaptureSpec &spec, quint64 seed);

    // The next change in the source database: one order created, paid, shipped or cancelled, as the
    // messages the connector emits for it (the outbox event, and a raw change event per other table).
    // `orderId` < 0 picks one; the burst incident passes the same id to both databases. `nowMs` is when
    // the database wrote it (source.ts_ms); `emittedMs` when the connector emits it (the envelope's ts_ms
    // and the Kafka timestamp; < 0: `nowMs`), later than `nowMs` while the connector lags.
    QList<GeneratedMessage> next(qint64 nowMs, qint64 orderId = -1, qint64 emittedMs = -1);

    SourcePosition position() const;                     // after the last change: LSN, binlog file/position, ts_ms
    qint64 nextOrderId() const { return m_nextOrderId; } // the id its next new order gets
    // New orders get ids above `orderId` (a burst's, still to come out of a backlog).
    void reserveOrderId(qint64 orderId) { m_nextOrderId = std::max(m_nextOrderId, orderId + 1); }
    void skip(qint64 changes); // changes written while nothing captured them (slot dropped): positions move on
    // The connector's config changed (routing, tables): the same database, so positions and orders go on.
    void setSpec(const CaptureSpec &spec);
    const CaptureSpec &spec() const { return m_spec; }
    static constexpr int averageWalBytesPerChange = 1180; // what one outbox insert costs in WAL (measured on the stack)
    static constexpr int averageBinlogBytesPerChange = 1050; // the same change as MySQL row events (GTID … Xid)

private:
    struct Order
    {
        qint64 id = 0;
        int customer = 0; // index into the .cpp's customers
        QByteArray items; // the payload's "items" array, rendered once
        qint64 totalCents = 0;
        const char *currency = "EUR";
        int status = 0; // the .cpp's Status
        qint64 createdMs = 0;
        QByteArray tracking; // once shipped
        QByteArray reason;   // once cancelled
    };
    Order createOrder(qint64 id, qint64 nowMs);
    QByteArray payload(const Order &order, qint64 nowMs) const;
    QByteArray tableRow(const Order &order) const;
    QByteArray source(const QString &table, qint64 nowMs, qint64 rowLsn, int row) const;
    QByteArray uuid();
    void advancePosition(int payloadBytes, int rows, qint64 nowMs);

    CaptureSpec m_spec;
    std::mt19937_64 m_random;
    SourcePosition m_position;
    qint64 m_nextOrderId = 1000;
    std::vector<Order> m_open; // orders not shipped or cancelled yet
    // PostgreSQL: the previous change's commit LSN (source.sequence), this one's, and its rows' LSNs.
    qint64 m_lastCommitLsn = 0;
    qint64 m_commitLsn = 0;
    std::vector<qint64> m_rowLsns;
    // MySQL: the binlog file's number and where this change's transaction begins (source.pos).
    int m_binlogIndex = 3;
    int m_transactionBinlogIndex = 3;
    qint64 m_transactionPosition = 0;
    int m_thread = 0;
};

// route.topic.replacement with ${routedByValue} replaced: "outbox.event.postgres.order".
QString topicFor(const CaptureSpec &spec, const QString &aggregateType);

} // namespace cdc::sandbox
