// SPDX-License-Identifier: GPL-3.0-or-later
// The store's segments: appended at the back, dropped whole from the front.
#include "eventstore.h"

namespace cdc::stream {

EventView EventSnapshot::at(qsizetype row) const
{
    const quint64 sequence = m_firstSequence + quint64(row);
    const quint64 index = sequence - m_segmentBase;
    const EventSegment &segment = *m_segments[std::size_t(index / m_segmentSize)];
    return {&segment.records[std::size_t(index % m_segmentSize)], m_strings.get(), sequence};
}

EventStore::EventStore(qsizetype capacity, std::shared_ptr<StringTable> strings, std::size_t segmentSize)
    : m_strings(std::move(strings))
    , m_capacity(capacity)
    , m_segmentSize(qMax<std::size_t>(segmentSize, 1))
{
    setCapacity(capacity);
}

qsizetype EventStore::rowsToDropFor(qsizetype incoming) const
{
    incoming = qMin(incoming, m_capacity);
    const qsizetype excess = m_size + incoming - m_capacity;
    if (excess <= 0)
        return 0;
    // Every segment but the last is full, so dropping k segments from the front removes k * size rows.
    const auto segment = qsizetype(m_segmentSize);
    return qMin(m_size, (excess + segment - 1) / segment * segment);
}

EventStore::Appended EventStore::append(EventBatch &&batch)
{
    Appended result;
    if (qsizetype(batch.size()) > m_capacity) // the batch's own oldest never become rows
        batch.erase(batch.begin(), batch.begin() + (qsizetype(batch.size()) - m_capacity));
    const qsizetype drop = rowsToDropFor(qsizetype(batch.size()));
    dropOldestRows(drop);
    result.dropped = drop;
    for (PendingEvent &event : batch) {
        if (m_segments.empty() || m_segments.back()->records.size() == m_segmentSize)
            m_segments.push_back(std::make_shared<EventSegment>(m_segmentSize));
        EventSegment &segment = *m_segments.back();
        segment.records.push_back(event.record);
        // Consecutive events mostly share a page: keep one reference per page and segment.
        if (event.page && (segment.pages.empty() || segment.pages.back() != event.page))
            segment.pages.push_back(std::move(event.page));
        m_rawBytes += qint64(event.record.totalBytes());
        ++m_size;
    }
    result.added = qsizetype(batch.size());
    batch.clear();
    return result;
}

void EventStore::dropOldestRows(qsizetype rows)
{
    const qsizetype target = qMax<qsizetype>(0, m_size - rows);
    while (m_size > target && !m_segments.empty())
        dropOldestSegment();
}

void EventStore::dropOldestSegment()
{
    const EventSegment &oldest = *m_segments.front();
    for (const EventRecord &r : oldest.records)
        m_rawBytes -= qint64(r.totalBytes());
    m_size -= qsizetype(oldest.records.size());
    m_firstSequence += oldest.records.size();
    m_segments.pop_front();
}

void EventStore::clear()
{
    m_firstSequence += quint64(m_size);
    // A new stream starts a fresh segment, so row 0 is always the first record of the front segment.
    m_segments.clear();
    m_size = 0;
    m_rawBytes = 0;
}

std::shared_ptr<PagePool> EventStore::sharedPages()
{
    if (!m_pages)
        m_pages = PagePool::create();
    return m_pages;
}

EventView EventStore::at(qsizetype row) const
{
    const std::size_t segment = std::size_t(row) / m_segmentSize;
    return {&m_segments[segment]->records[std::size_t(row) % m_segmentSize], m_strings.get(),
            m_firstSequence + quint64(row)};
}

EventView EventStore::bySequence(quint64 sequence) const
{
    if (sequence < m_firstSequence || sequence >= endSequence())
        return {};
    return at(qsizetype(sequence - m_firstSequence));
}

EventSnapshot EventStore::snapshot() const
{
    EventSnapshot s;
    s.m_segments.assign(m_segments.begin(), m_segments.end());
    s.m_strings = m_strings;
    s.m_firstSequence = m_firstSequence;
    s.m_segmentBase = m_firstSequence;
    s.m_size = m_size;
    s.m_segmentSize = m_segmentSize;
    return s;
}

} // namespace cdc::stream
