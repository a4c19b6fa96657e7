// SPDX-License-Identifier: GPL-3.0-or-later
// Arrival order passes events straight through; event-time order holds them in a min-heap.
#include "eventmerger.h"

namespace cdc::stream {

void EventMerger::setOrder(Order order, qint64 watermarkMs)
{
    m_order = order;
    m_watermarkMs = qMax<qint64>(0, watermarkMs);
}

void EventMerger::push(PendingEvent &&event, EventBatch &out)
{
    const qint64 time = eventTime(event.record);
    if (m_order == Order::Arrival || time < 0) {
        // Events without any time cannot be ordered: they pass in arrival order.
        out.push_back(std::move(event));
        return;
    }
    if (time < m_releasedTime) {
        event.record.flags |= Late;
        out.push_back(std::move(event));
        return;
    }
    m_maxTime = qMax(m_maxTime, time);
    m_held.push({time, m_counter++, std::move(event)});
    releaseUpTo(m_maxTime - m_watermarkMs, out);
}

void EventMerger::release(qint64 nowMs, EventBatch &out)
{
    // What has waited the watermark's length of wall time goes, and everything older than it.
    qint64 limit = -1;
    while (!m_held.empty() && m_held.top().event.record.arrivalMs + m_watermarkMs <= nowMs) {
        limit = m_held.top().time;
        releaseUpTo(limit, out);
    }
}

void EventMerger::flush(EventBatch &out)
{
    releaseUpTo(std::numeric_limits<qint64>::max(), out);
}

void EventMerger::releaseUpTo(qint64 time, EventBatch &out)
{
    while (!m_held.empty() && m_held.top().time <= time) {
        // priority_queue::top() is const: the event is moved out through a const_cast before pop().
        Held &top = const_cast<Held &>(m_held.top());
        m_releasedTime = qMax(m_releasedTime, top.time);
        out.push_back(std::move(top.event));
        m_held.pop();
    }
}

} // namespace cdc::stream
