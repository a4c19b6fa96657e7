// Decodes Kafka messages from Debezium into compact rows for the event viewer: change events with
// before/after/source/op (with or without the JsonConverter's schema/payload wrapper), outbox events
// after the Event Router, tombstones, heartbeats and schema changes. Whatever cannot be decoded is kept
// and flagged with the reason, never dropped. Uses simdjson; runs on the consumer thread, not the GUI's.
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace cdc::stream {

enum class SourceTag : quint8 { Unknown, Postgres, MySql };
enum class EventKind : quint8 { Change, Outbox, Tombstone, Heartbeat, SchemaChange, Undecodable };

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

struct DecodedEvent
{
    EventKind kind = EventKind::Undecodable;
    char op = 0; // 'c', 'u', 'd', 'r', 't' for change events; 0 otherwise
    SourceTag source = SourceTag::Unknown;
    QString entity;         // table (schema.table / db.table) or aggregate type
    QString aggregateId;    // outbox: the record key; change events: the key as text
    QString eventType;      // outbox: the type header or field
    qint64 sourceTsMs = -1; // source.ts_ms when the event carries it
    QString summary;        // the first characters of after/before or the payload, for the table
    QString problem;        // why it is Undecodable (with the byte where parsing stopped)

    // "PG-42", "MY-42": the id that stays unique when both databases use 42.
    QString compositeKey() const;
};

class EventDecoder
{
public:
    EventDecoder();
    ~EventDecoder();
    EventDecoder(const EventDecoder &) = delete;
    EventDecoder &operator=(const EventDecoder &) = delete;

    DecodedEvent decode(const KafkaMessage &message);

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
};

} // namespace cdc::stream
