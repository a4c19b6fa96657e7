// SPDX-License-Identifier: GPL-3.0-or-later
// Remembers which outbox event ids each source has delivered, so that an event whose id came before
// (Debezium delivers at least once: after a crash it sends again what it had not committed) is marked
// redelivered. Bounded memory; runs where events are decoded, never on the GUI thread.
#pragma once

#include "stream/eventdecoder.h"

#include <QtGlobal>

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace cdc::stream {

// Per source it keeps the last `capacityPerSource` distinct ids (the oldest are forgotten first: a
// redelivery of an event older than that goes unmarked). An id is kept as a 64-bit hash of (topic, id)
// in a ring, in insertion order, and in an open-addressing table at most half full: 24 bytes an id,
// allocated on a source's first id. With the default 262,144 ids that is 6 MiB a source, 18 MiB at most
// for all three; Kafka Connect commits source offsets every minute by default, so a redelivery replays
// at most about a minute of events, which this covers up to ~4,000 events a second per source. Two
// different ids collide with a probability of about n²/2⁶⁵ (2·10⁻⁹ for a full table).
// Not thread-safe: one tracker per decoding thread.
class RedeliveryTracker
{
public:
    static constexpr std::size_t kDefaultCapacity = std::size_t(1) << 18;

    explicit RedeliveryTracker(std::size_t capacityPerSource = kDefaultCapacity);

    // True when `id` was seen before on `topic` (a string id) for `source` and is still remembered;
    // remembers it either way. An empty id is never a redelivery and is not remembered.
    bool seenBefore(SourceTag source, quint32 topic, std::string_view id);

    std::size_t capacityPerSource() const { return m_capacity; }
    std::size_t remembered(SourceTag source) const { return m_tables[std::size_t(source)].count; }
    // The bytes held for `source` (zero until its first id).
    std::size_t bytes(SourceTag source) const;
    void clear();

private:
    struct Table
    {
        std::vector<quint64> slots; // 0: empty
        std::vector<quint64> ring;  // insertion order; the oldest at `next` once full
        std::size_t next = 0;
        std::size_t count = 0;
    };
    bool find(const Table &t, quint64 hash, std::size_t &slot) const;
    void erase(Table &t, std::size_t slot);

    std::size_t m_capacity;
    std::size_t m_mask; // table size - 1 (a power of two, at least twice the capacity)
    std::array<Table, 3> m_tables;
};

} // namespace cdc::stream
