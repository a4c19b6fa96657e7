// SPDX-License-Identifier: GPL-3.0-or-later
// The bounded event store: every event the viewer holds, in arrival (or merge) order, capped at a
// number of events (one million by default) and trimmed from the front a whole segment at a time.
// One writer (the thread that owns it, the GUI's); readers on other threads take a snapshot.
#pragma once

#include "stream/eventrecord.h"
#include "stream/eventview.h"
#include "stream/stringtable.h"

#include <QtGlobal>

#include <deque>
#include <memory>
#include <vector>

namespace cdc::stream {

// Up to kSegmentSize records and the pages their bytes live in. Records never move once written.
struct EventSegment
{
    explicit EventSegment(std::size_t capacity) { records.reserve(capacity); }
    std::vector<EventRecord> records;
    std::vector<std::shared_ptr<const BytePage>> pages;
};

// What a reader on another thread sees: the events that existed when it was taken, kept alive
// (also when the store drops them meanwhile), with their own copy of the string table.
class EventSnapshot
{
public:
    EventSnapshot() = default;
    qsizetype size() const { return m_size; }
    quint64 firstSequence() const { return m_firstSequence; }
    EventView at(qsizetype row) const;
    const StringTable &strings() const { return *m_strings; }

private:
    friend class EventStore;
    std::vector<std::shared_ptr<const EventSegment>> m_segments;
    std::shared_ptr<const StringTable> m_strings;
    quint64 m_firstSequence = 0; // sequence of row 0
    quint64 m_segmentBase = 0;   // sequence of m_segments[0]->records[0]
    qsizetype m_size = 0;
    std::size_t m_segmentSize = 0;
};

class EventStore
{
public:
    static constexpr qsizetype kDefaultCapacity = 1'000'000;
    static constexpr std::size_t kDefaultSegmentSize = 8192;

    explicit EventStore(qsizetype capacity = kDefaultCapacity,
                        std::shared_ptr<StringTable> strings = std::make_shared<StringTable>(),
                        std::size_t segmentSize = kDefaultSegmentSize);

    struct Appended
    {
        qsizetype dropped = 0; // oldest events removed (rows 0 .. dropped-1 before the append)
        qsizetype added = 0;   // appended at the end (after the drop)
    };
    // Appends the batch in its order. When it would not fit, drops the oldest whole segments first
    // (and, when the batch alone exceeds the capacity, its own oldest events).
    Appended append(EventBatch &&batch);
    // How many of the oldest rows append() will drop to make room for `incoming` events.
    qsizetype rowsToDropFor(qsizetype incoming) const;
    // Drops whole segments from the front until at least `rows` rows are gone (a model announces the
    // removal, drops, then appends).
    void dropOldestRows(qsizetype rows);
    void clear();

    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }
    // Takes effect at the next append (which then drops what no longer fits).
    void setCapacity(qsizetype capacity) { m_capacity = qMax<qsizetype>(capacity, qsizetype(m_segmentSize)); }
    quint64 firstSequence() const { return m_firstSequence; }
    quint64 endSequence() const { return m_firstSequence + quint64(m_size); }
    qint64 rawBytes() const { return m_rawBytes; } // key + value + header bytes held

    EventView at(qsizetype row) const;
    // The event with this sequence number, or an invalid view when it was dropped or is not there yet.
    EventView bySequence(quint64 sequence) const;
    EventSnapshot snapshot() const;

    StringTable &strings() { return *m_strings; }
    const StringTable &strings() const { return *m_strings; }
    std::shared_ptr<StringTable> sharedStrings() const { return m_strings; }
    // The pool a pipeline filling this store takes its byte pages from (made on first use): pages the
    // store drops or clears go back to it and are written again, not mapped and zeroed afresh.
    std::shared_ptr<PagePool> sharedPages();

private:
    void dropOldestSegment();

    std::deque<std::shared_ptr<EventSegment>> m_segments;
    std::shared_ptr<StringTable> m_strings;
    std::shared_ptr<PagePool> m_pages;
    qsizetype m_capacity;
    std::size_t m_segmentSize;
    quint64 m_firstSequence = 0; // sequence of row 0 (always the first record of m_segments.front())
    qsizetype m_size = 0;
    qint64 m_rawBytes = 0;
};

} // namespace cdc::stream
