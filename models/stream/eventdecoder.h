// SPDX-License-Identifier: GPL-3.0-or-later
// Decodes Kafka messages from Debezium into compact rows for the event viewer: change events with
// before/after/source/op (with or without the JsonConverter's schema/payload wrapper), outbox events
// after the Event Router, tombstones, heartbeats and schema changes. Whatever cannot be decoded is kept
// and flagged with the reason, never dropped. Uses simdjson; runs on the consumer thread, not the GUI's.
#pragma once

#include "stream/rawmessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdc::stream {

enum class SourceTag : quint8 { Unknown, Postgres, MySql };
enum class EventKind : quint8 { Change, Outbox, Tombstone, Heartbeat, SchemaChange, Undecodable };

// What the project's routing says about a topic: its source, and whether it is a unified topic (the
// unified consumer's output: JSON rows that name their own source in `source_database`).
struct TopicRoute
{
    SourceTag source = SourceTag::Unknown;
    bool unified = false;
};

QString sourceTagName(SourceTag tag); // "postgres", "mysql", "unknown"
QString eventKindName(EventKind kind);

struct KafkaMessage
{
    QByteArray topic;
    qint32 partition = 0;
    qint64 offset = 0;
    qint64 timestampMs = 0;
    QByteArray key;
    std::optional<QByteArray> value; // nullopt: a tombstone
    std::vector<std::pair<QByteArray, QByteArray>> headers;
};

// A view of `message` as the consumer hands messages on; `headers` holds the header views.
RawMessage rawView(const KafkaMessage &message, std::vector<RawHeader> &headers);

// What the decoder found. Text that lives in the message (summary, aggregate id) is given as byte
// ranges into the value and the key, so the store keeps the raw bytes once and nothing else.
struct DecodedEvent
{
    EventKind kind = EventKind::Undecodable;
    char op = 0; // 'c', 'u', 'd', 'r', 't' for change events; 0 otherwise
    // The project's routing, else source.connector, else the outbox.event.{postgres|mysql}. topic name.
    SourceTag source = SourceTag::Unknown;
    // Valid until the next decode(): they point into the message or the decoder's buffers.
    std::string_view entity;    // table (schema.table / db.table) or aggregate type
    std::string_view eventType; // outbox: the eventType header or the payload's "type" field
    std::string_view eventId;   // outbox: the `id` header (the outbox row's id); a unified row's event_id
    qint64 sourceTsMs = -1;     // source.ts_ms when the event carries it
    quint32 summaryOffset = 0;  // within the value: after/before, the payload or the DDL, for the table
    quint32 summaryLength = 0;  // at most kSummaryBytes
    quint32 idOffset = 0;       // within the key: the aggregate id (unquoted; a change event's first key field)
    quint32 idLength = 0;
    QString problem; // why it is Undecodable (with what simdjson said)

    static constexpr quint32 kSummaryBytes = 240;

    QString entityText() const { return QString::fromUtf8(entity.data(), qsizetype(entity.size())); }
    QString eventTypeText() const { return QString::fromUtf8(eventType.data(), qsizetype(eventType.size())); }
    QString summary(QByteArrayView value) const;
    QString aggregateId(QByteArrayView key) const;
    // "PG-42", "MY-42": the id that stays unique when both databases use 42.
    QString compositeKey(QByteArrayView key) const;
};

class EventDecoder
{
public:
    EventDecoder();
    ~EventDecoder();
    EventDecoder(const EventDecoder &) = delete;
    EventDecoder &operator=(const EventDecoder &) = delete;

    // `routed`: the source the project's routing gives the topic (Unknown when it gives none). A routed
    // topic is taken as an outbox topic whatever its name.
    DecodedEvent decode(const RawMessage &message, SourceTag routed = SourceTag::Unknown);
    // On a unified topic (routed so, or any topic the routing does not name whose JSON rows carry
    // `source_database` and `event_id`), the source is the row's `source_database`, not the topic's.
    DecodedEvent decode(const RawMessage &message, TopicRoute route);
    DecodedEvent decode(const KafkaMessage &message); // the same, for tests and tools

private:
    void decodeKeyId(std::string_view key, DecodedEvent &e);

    struct Parser;
    std::unique_ptr<Parser> m_parser;
};

} // namespace cdc::stream
