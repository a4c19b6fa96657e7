// SPDX-License-Identifier: GPL-3.0-or-later
// The merge of all partitions and topics into one sequence: arrival order (as consumed), or event-time
// order (source.ts_ms, else the Kafka timestamp) behind a watermark: an event is released once the
// newest time seen is `watermarkMs` past it, or once it has waited `watermarkMs` of wall time.
// Events older than what was already released are released at once and flagged Late.
#pragma once

#include "stream/eventrecord.h"

#include <QtGlobal>

#include <limits>
#include <queue>
#include <vector>

namespace cdc::stream {

class EventMerger
{
public:
    enum class Order { Arrival, EventTime };

    void setOrder(Order order, qint64 watermarkMs);
    Order order() const { return m_order; }
    qint64 watermarkMs() const { return m_watermarkMs; }

    // Takes an event; appends to `out` whatever is ready, in merge order.
    void push(PendingEvent &&event, EventBatch &out);
    // Releases what has waited long enough by the wall clock `nowMs`.
    void release(qint64 nowMs, EventBatch &out);
    // Releases everything held (switching order, stopping).
    void flush(EventBatch &out);
    std::size_t held() const { return m_held.size(); }

    static qint64 eventTime(const EventRecord &r) { return r.sourceTsMs >= 0 ? r.sourceTsMs : r.kafkaTsMs; }

private:
    struct Held
    {
        qint64 time;
        quint64 order; // arrival order among equal times
        PendingEvent event;
    };
    struct Later
    {
        bool operator()(const Held &a, const Held &b) const
        {
            return a.time != b.time ? a.time > b.time : a.order > b.order;
        }
    };
    void releaseUpTo(qint64 time, EventBatch &out);

    Order m_order = Order::Arrival;
    qint64 m_watermarkMs = 2000;
    qint64 m_maxTime = -1;      // newest event time seen
    qint64 m_releasedTime = -1; // newest event time released
    quint64 m_counter = 0;
    std::priority_queue<Held, std::vector<Held>, Later> m_held;
};

} // namespace cdc::stream
