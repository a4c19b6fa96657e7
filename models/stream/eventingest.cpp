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
{}

EventIngest::~EventIngest() = default;

quint32 EventIngest::intern(const QString &text)
{
    if (text.isEmpty())
        return 0;
    const auto it = m_internCache.constFind(text);
    if (it != m_internCache.cend())
        return it.value();
    const quint32 id = m_strings->intern(text);
    m_internCache.insert(text, id);
    return id;
}

quint32 EventIngest::internTopic(std::string_view topic)
{
    const QByteArrayView view(topic.data(), qsizetype(topic.size()));
    if (!m_lastTopic.isNull() && m_lastTopic == view)
        return m_lastTopicId;
    m_lastTopic = view.toByteArray();
    m_lastTopicId = intern(QString::fromUtf8(view));
    return m_lastTopicId;
}

PendingEvent EventIngest::ingest(const RawMessage &m, qint64 arrivalMs)
{
    std::size_t headerBytes = 0;
    for (const RawHeader &h : m.headers)
        headerBytes += encodedHeaderSize(
            QByteArrayView(h.name.data(), qsizetype(h.name.size())),
            h.value ? std::optional<QByteArrayView>(QByteArrayView(h.value, qsizetype(h.valueLength))) : std::nullopt);
    const std::size_t total = m.key.size() + m.valueLength + headerBytes;

    char *at = m_page ? m_page->reserve(total) : nullptr;
    if (!at) {
        // A fresh page; a message bigger than a page gets one of its own size.
        m_page = std::make_shared<BytePage>(std::max(total, BytePage::kDefaultSize));
        at = m_page->reserve(total);
    }
    PendingEvent out;
    out.page = m_page;
    EventRecord &r = out.record;
    r.bytes = at;
    if (!m.key.empty())
        std::memcpy(at, m.key.data(), m.key.size());
    if (m.valueLength)
        std::memcpy(at + m.key.size(), m.value, m.valueLength);
    char *h = at + m.key.size() + m.valueLength;
    for (const RawHeader &header : m.headers)
        h = writeEncodedHeader(
            h, QByteArrayView(header.name.data(), qsizetype(header.name.size())),
            header.value ? std::optional<QByteArrayView>(QByteArrayView(header.value, qsizetype(header.valueLength)))
                         : std::nullopt);
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

    const DecodedEvent e = m_decoder.decode(m);
    r.kind = e.kind;
    r.op = e.op;
    r.sourceTsMs = e.sourceTsMs;
    r.entity = intern(e.entity);
    r.eventType = intern(e.eventType);
    r.problem = intern(e.problem);
    r.summaryOffset = e.summaryOffset;
    r.summaryLength = quint16(qMin<quint32>(e.summaryLength, 0xffff));
    r.idOffset = e.idOffset;
    r.idLength = quint16(qMin<quint32>(e.idLength, 0xffff));
    // The project's routing decides; else what the event says (source.connector); else the topic's name.
    const SourceTag routed = m_routing.route(QByteArrayView(m.topic.data(), qsizetype(m.topic.size())));
    r.source = routed != SourceTag::Unknown ? routed : e.source;
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
