// Message -> page bytes -> decoded, tagged, interned record -> merger -> queue.
#include "eventingest.h"

#include "stream/eventview.h"

#include <QDateTime>
#include <QMutexLocker>

#include <cstring>

namespace cdc::stream {

EventIngest::EventIngest(SourceRouting routing, std::shared_ptr<StringTable> strings)
    : m_routing(std::move(routing))
    , m_strings(std::move(strings))
    , m_pages(PagePool::create())
{}

EventIngest::~EventIngest() = default;

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

quint32 EventIngest::internTopic(std::string_view topic)
{
    const QByteArrayView view(topic.data(), qsizetype(topic.size()));
    if (!m_lastTopic.isNull() && m_lastTopic == view)
        return m_lastTopicId;
    m_lastTopic = view.toByteArray();
    m_lastTopicId = intern(topic);
    return m_lastTopicId;
}

PendingEvent EventIngest::ingest(const RawMessage &m, qint64 arrivalMs)
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

    // Key, headers, value, then zero padding so the decoder parses the value where it lies; the
    // padding is given back once decoded (the next event's bytes may overwrite it).
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
    r.topic = internTopic(m.topic);
    if (m.value)
        r.flags |= HasValue;
    if (m.afterGap)
        r.flags |= AfterGap;

    // The project's routing decides the source; the decoder falls back to what the event says
    // (source.connector), then to the topic's name.
    RawMessage inPlace = m;
    if (m.value) {
        inPlace.value = h;
        inPlace.valuePadded = true;
    }
    const SourceTag routed = m_routing.route(QByteArrayView(m.topic.data(), qsizetype(m.topic.size())));
    const DecodedEvent e = m_decoder.decode(inPlace, routed);
    m_page->unreserve(kValuePadding);
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
    return out;
}

void EventIngest::deliver(std::span<const RawMessage> batch)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    applyPendingOrder();
    for (const RawMessage &m : batch) {
        PendingEvent event = ingest(m, now);
        const EventKind kind = event.record.kind;
        if ((kind == EventKind::Heartbeat || kind == EventKind::SchemaChange) && !m_showHousekeeping)
            continue;
        m_counts[std::size_t(event.record.source)].fetch_add(1, std::memory_order_relaxed);
        m_merger.push(std::move(event), m_released);
    }
    m_merger.release(now, m_released);
    enqueue(m_released);
}

void EventIngest::idle()
{
    applyPendingOrder();
    if (m_merger.held() > 0)
        m_merger.release(QDateTime::currentMSecsSinceEpoch(), m_released);
    enqueue(m_released);
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
