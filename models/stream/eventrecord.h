// SPDX-License-Identifier: GPL-3.0-or-later
// One stored event in its compact form (what the table shows, ~90 bytes), the pages that hold the raw
// bytes of many events, and the batches that carry events from the consumer thread to the store.
#pragma once

#include "stream/bytepage.h"
#include "stream/eventdecoder.h"

#include <QtGlobal>

#include <cstddef>
#include <memory>
#include <vector>

namespace cdc::stream {

enum EventFlag : quint8 {
    HasValue = 0x01,    // not a tombstone (a null value)
    Late = 0x02,        // event-time merge: arrived after the watermark had passed its source time
    AfterGap = 0x04,    // its partition's offset jumped forward before it (compaction, transactions, retention)
    Redelivered = 0x08, // an outbox event whose id (the `id` header, or a unified row's event_id) came before
};

// The bytes of an event, at `bytes`: the key, then the headers encoded as
// [u32 name length][name][u32 value length or 0xffffffff for null][value] repeated, then the value
// (last, so that the decoder can parse it in place with zero padding after it).
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
    const char *headers() const { return bytes + keyLength; }
    const char *value() const { return bytes + keyLength + headersLength; }
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
