// One stored event in its compact form (what the table shows, ~90 bytes), the pages that hold the raw
// bytes of many events, and the batches that carry events from the consumer thread to the store.
#pragma once

#include "stream/eventdecoder.h"

#include <QtGlobal>

#include <cstddef>
#include <memory>
#include <vector>

namespace cdc::stream {

// Raw message bytes of many events, appended by the consumer thread and read-only once an event that
// points into it has been handed on. Events keep their page alive through `std::shared_ptr`.
class BytePage
{
public:
    static constexpr std::size_t kDefaultSize = 256 * 1024;

    explicit BytePage(std::size_t capacity) : m_bytes(new char[capacity]), m_capacity(capacity) {}

    char *reserve(std::size_t n) // nullptr when it does not fit
    {
        if (m_used + n > m_capacity)
            return nullptr;
        char *at = m_bytes.get() + m_used;
        m_used += n;
        return at;
    }
    std::size_t used() const { return m_used; }
    std::size_t capacity() const { return m_capacity; }
    const char *data() const { return m_bytes.get(); }

private:
    std::unique_ptr<char[]> m_bytes;
    std::size_t m_capacity;
    std::size_t m_used = 0;
};

enum EventFlag : quint8 {
    HasValue = 0x01, // not a tombstone (a null value)
    Late = 0x02,     // event-time merge: arrived after the watermark had passed its source time
    AfterGap = 0x04, // its partition's offset jumped forward before it (compaction, transactions, retention)
};

// The bytes of an event, at `bytes`: the key, then the value, then the headers encoded as
// [u32 name length][name][u32 value length or 0xffffffff for null][value] repeated.
struct EventRecord
{
    const char *bytes = nullptr;
    qint64 arrivalMs = 0;   // wall clock when the consumer received it (ms since the epoch)
    qint64 sourceTsMs = -1; // source.ts_ms, or -1
    qint64 kafkaTsMs = -1;  // the Kafka message timestamp, or -1
    qint64 offset = 0;
    qint32 partition = 0;
    quint32 topic = 0; // ids in the store's StringTable; 0 is the empty string
    quint32 entity = 0;
    quint32 eventType = 0;
    quint32 problem = 0;
    quint32 keyLength = 0;
    quint32 valueLength = 0;
    quint32 headersLength = 0;
    quint32 summaryOffset = 0; // the part of the value the table's summary shows
    quint32 idOffset = 0;      // the aggregate id inside the key
    quint16 summaryLength = 0;
    quint16 idLength = 0;
    EventKind kind = EventKind::Undecodable;
    char op = 0;
    SourceTag source = SourceTag::Unknown;
    quint8 flags = 0;

    const char *key() const { return bytes; }
    const char *value() const { return bytes + keyLength; }
    const char *headers() const { return bytes + keyLength + valueLength; }
    bool hasValue() const { return flags & HasValue; }
    std::size_t totalBytes() const { return std::size_t(keyLength) + valueLength + headersLength; }
};

// An event on its way to the store: the record and the page its bytes live in.
struct PendingEvent
{
    EventRecord record;
    std::shared_ptr<const BytePage> page;
};

using EventBatch = std::vector<PendingEvent>;

} // namespace cdc::stream
