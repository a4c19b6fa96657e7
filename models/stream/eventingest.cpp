// SPDX-License-Identifier: GPL-3.0-or-later
// Message -> page bytes -> decoded, tagged, interned record -> merger -> queue.
#include "eventingest.h"

#include "stream/eventview.h"

#include <QDateTime>
#include <QMutexLocker>

#include <chrono>
#include <cstring>

namespace cdc::stream {

namespace {
// Batches (of up to 4,000 messages) copied and waiting for the decode thread before deliver() waits.
constexpr std::size_t kBatchesInFlight = 8;
// How often the decode thread releases held events when nothing arrives (event-time order).
constexpr auto kIdleRelease = std::chrono::milliseconds(100);
} // namespace

EventIngest::EventIngest(SourceRouting routing, std::shared_ptr<StringTable> strings, std::shared_ptr<PagePool> pages)
    : m_routing(std::move(routing))
    , m_strings(std::move(strings))
    , m_pages(pages ? std::move(pages) : PagePool::create())
{}

EventIngest::~EventIngest()
{
    finishDecoding();
}

quint32 EventIngest::intern(std::string_view utf8)
{
    if (utf8.empty())
        return 0;
    const auto it = m_internCache.find(utf8);
    if (it != m_internCache.end())
        return it->second;
    const quint32 id = m_strings->intern(QByteArrayView(utf8.data(), qsizetype(utf8.size())));
    m_internCache.emplace(std::string(utf8), id);
    return id;
}

const EventIngest::TopicInfo &EventIngest::topicInfo(std::string_view topic)
{
    if (m_lastTopic && m_lastTopic->name == topic)
        return *m_lastTopic;
    auto it = m_topics.find(topic);
    if (it == m_topics.end()) {
        TopicInfo info;
        info.name = std::string(topic);
        info.id = m_strings->intern(QByteArrayView(topic.data(), qsizetype(topic.size())));
        info.routed = m_routing.routeOf(QByteArrayView(topic.data(), qsizetype(topic.size())));
        it = m_topics.emplace(info.name, std::move(info)).first;
    }
    m_lastTopic = &it->second;
    return it->second;
}

// Key, headers, value, then zero padding so the decoder parses the value where it lies. The padding
// stays reserved: the decoder may run after the next event's bytes are written.
PendingEvent EventIngest::place(const RawMessage &m, qint64 arrivalMs)
{
    auto headerName = [](const RawHeader &h) { return QByteArrayView(h.name.data(), qsizetype(h.name.size())); };
    auto headerValue = [](const RawHeader &h) {
        return h.value ? std::optional<QByteArrayView>(QByteArrayView(h.value, qsizetype(h.valueLength)))
                       : std::nullopt;
    };
    std::size_t headerBytes = 0;
    for (const RawHeader &h : m.headers)
        headerBytes += encodedHeaderSize(headerName(h), headerValue(h));
    const std::size_t total = m.key.size() + headerBytes + m.valueLength;

    const std::size_t reserved = total + kValuePadding;
    char *at = m_page ? m_page->reserve(reserved) : nullptr;
    if (!at) {
        // A fresh page; a message bigger than a page gets one of its own size.
        m_page = reserved <= BytePage::kDefaultSize ? m_pages->take() : std::make_shared<BytePage>(reserved);
        at = m_page->reserve(reserved);
    }
    PendingEvent out;
    out.page = m_page;
    EventRecord &r = out.record;
    r.bytes = at;
    if (!m.key.empty())
        std::memcpy(at, m.key.data(), m.key.size());
    char *h = at + m.key.size();
    for (const RawHeader &header : m.headers)
        h = writeEncodedHeader(h, headerName(header), headerValue(header));
    if (m.valueLength)
        std::memcpy(h, m.value, m.valueLength);
    std::memset(h + m.valueLength, 0, kValuePadding);
    r.keyLength = quint32(m.key.size());
    r.valueLength = quint32(m.valueLength);
    r.headersLength = quint32(headerBytes);
    r.arrivalMs = arrivalMs;
    r.kafkaTsMs = m.timestampMs;
    r.offset = m.offset;
    r.partition = m.partition;
    r.topic = topicInfo(m.topic).id;
    if (m.value)
        r.flags |= HasValue;
    if (m.afterGap)
        r.flags |= AfterGap;
    return out;
}

// The project's routing decides the source; the decoder falls back to what the event says
// (source.connector), then to the topic's name.
void EventIngest::decodePlaced(PendingEvent &event, const TopicInfo &topic)
{
    EventRecord &r = event.record;
    m_headerViews.clear();
    readEncodedHeaders(r.headers(), r.headersLength, m_headerViews);
    RawMessage m;
    m.topic = topic.name;
    m.partition = r.partition;
    m.offset = r.offset;
    m.timestampMs = r.kafkaTsMs;
    m.key = std::string_view(r.key(), r.keyLength);
    m.headers = m_headerViews;
    if (r.hasValue()) {
        m.value = r.value();
        m.valueLength = r.valueLength;
        m.valuePadded = true;
    }
    const DecodedEvent e = m_decoder.decode(m, topic.routed);
    r.kind = e.kind;
    r.op = e.op;
    r.source = e.source;
    r.sourceTsMs = e.sourceTsMs;
    r.entity = intern(e.entity);
    r.eventType = intern(e.eventType);
    r.problem = e.problem.isEmpty() ? 0 : m_strings->intern(e.problem);
    r.summaryOffset = e.summaryOffset;
    r.summaryLength = quint16(qMin<quint32>(e.summaryLength, 0xffff));
    r.idOffset = e.idOffset;
    r.idLength = quint16(qMin<quint32>(e.idLength, 0xffff));
    if (!e.eventId.empty() && m_redeliveries.seenBefore(e.source, topic.id, e.eventId))
        r.flags |= Redelivered;
}

PendingEvent EventIngest::ingest(const RawMessage &m, qint64 arrivalMs)
{
    PendingEvent event = place(m, arrivalMs);
    decodePlaced(event, topicInfo(m.topic));
    return event;
}

void EventIngest::deliver(std::span<const RawMessage> batch)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    PlacedBatch work;
    work.events.reserve(batch.size());
    work.topics.reserve(batch.size());
    for (const RawMessage &m : batch) {
        work.events.push_back(place(m, now));
        work.topics.push_back(m_lastTopic); // place() looked the topic up last
    }
    if (!m_decodeThread.joinable()) {
        decodeBatch(work);
        return;
    }
    std::unique_lock lock(m_stageMutex);
    m_stageChanged.wait(lock, [this] { return m_stage.size() < kBatchesInFlight; });
    m_stage.push_back(std::move(work));
    lock.unlock();
    m_stageChanged.notify_all();
}

void EventIngest::decodeBatch(PlacedBatch &work)
{
    applyPendingOrder();
    for (std::size_t i = 0; i < work.events.size(); ++i) {
        PendingEvent &event = work.events[i];
        decodePlaced(event, *work.topics[i]);
        const EventKind kind = event.record.kind;
        if ((kind == EventKind::Heartbeat || kind == EventKind::SchemaChange) && !m_showHousekeeping)
            continue;
        m_counts[std::size_t(event.record.source)].fetch_add(1, std::memory_order_relaxed);
        m_merger.push(std::move(event), m_released);
    }
    m_merger.release(QDateTime::currentMSecsSinceEpoch(), m_released);
    enqueue(m_released);
}

void EventIngest::idle()
{
    if (!m_decodeThread.joinable()) // the decode thread releases on its own clock
        releaseByTime();
}

void EventIngest::releaseByTime()
{
    applyPendingOrder();
    if (m_merger.held() > 0)
        m_merger.release(QDateTime::currentMSecsSinceEpoch(), m_released);
    enqueue(m_released);
}

void EventIngest::startDecodeThread()
{
    if (m_decodeThread.joinable())
        return;
    m_stageClosed = false;
    m_decodeThread = std::thread([this] { decodeLoop(); });
}

void EventIngest::finishDecoding()
{
    if (!m_decodeThread.joinable())
        return;
    {
        std::lock_guard lock(m_stageMutex);
        m_stageClosed = true;
    }
    m_stageChanged.notify_all();
    m_decodeThread.join();
}

void EventIngest::decodeLoop()
{
    std::unique_lock lock(m_stageMutex);
    for (;;) {
        if (!m_stageChanged.wait_for(lock, kIdleRelease, [this] { return !m_stage.empty() || m_stageClosed; })) {
            lock.unlock();
            releaseByTime();
            lock.lock();
            continue;
        }
        if (m_stage.empty()) // closed, and everything delivered is decoded
            return;
        PlacedBatch work = std::move(m_stage.front());
        m_stage.pop_front();
        lock.unlock();
        m_stageChanged.notify_all(); // room for the consumer thread
        decodeBatch(work);
        lock.lock();
    }
}

void EventIngest::applyPendingOrder()
{
    EventMerger::Order order;
    qint64 watermark;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_orderChanged)
            return;
        m_orderChanged = false;
        order = m_nextOrder;
        watermark = m_nextWatermarkMs;
    }
    m_merger.flush(m_released);
    m_merger.setOrder(order, watermark);
}

void EventIngest::setMergeOrder(EventMerger::Order order, qint64 watermarkMs)
{
    QMutexLocker lock(&m_mutex);
    m_nextOrder = order;
    m_nextWatermarkMs = watermarkMs;
    m_orderChanged = true;
}

void EventIngest::enqueue(EventBatch &released)
{
    if (released.empty())
        return;
    bool wasEmpty;
    {
        QMutexLocker lock(&m_mutex);
        wasEmpty = m_queue.empty();
        if (wasEmpty) {
            m_queue.swap(released);
        } else {
            m_queue.insert(m_queue.end(), std::make_move_iterator(released.begin()),
                           std::make_move_iterator(released.end()));
            released.clear();
        }
    }
    if (wasEmpty && m_notify)
        m_notify();
}

EventBatch EventIngest::take()
{
    EventBatch out;
    QMutexLocker lock(&m_mutex);
    out.swap(m_queue);
    return out;
}

std::array<qint64, 3> EventIngest::countsBySource() const
{
    return {m_counts[0].load(std::memory_order_relaxed), m_counts[1].load(std::memory_order_relaxed),
            m_counts[2].load(std::memory_order_relaxed)};
}

EventBatch ingestMessages(EventIngest &ingest, const std::vector<KafkaMessage> &messages, qint64 arrivalMs)
{
    EventBatch out;
    out.reserve(messages.size());
    std::vector<RawHeader> headers;
    for (const KafkaMessage &m : messages)
        out.push_back(ingest.ingest(rawView(m, headers), arrivalMs));
    return out;
}

} // namespace cdc::stream
