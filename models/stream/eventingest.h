// The consumer thread's half of the live path: each Kafka message is copied into a byte page,
// decoded, tagged with its source, and merged; released events queue up for the owner's thread.
#pragma once

#include "stream/eventdecoder.h"
#include "stream/eventmerger.h"
#include "stream/eventrecord.h"
#include "stream/rawmessage.h"
#include "stream/sourcerouting.h"
#include "stream/stringtable.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cdc::stream {

class EventIngest : public MessageSink
{
public:
    EventIngest(SourceRouting routing, std::shared_ptr<StringTable> strings);
    ~EventIngest() override;

    // Decodes and tags one message into a record whose bytes live in the current page; no merge.
    // For the consumer thread, tests and benchmarks. `arrivalMs` is the wall clock at receipt.
    PendingEvent ingest(const RawMessage &message, qint64 arrivalMs);

    // MessageSink (consumer thread): ingest, filter out heartbeats/schema changes unless shown, merge,
    // queue; calls the notifier when the queue turns non-empty.
    void deliver(std::span<const RawMessage> batch) override;
    void idle() override;

    // Any thread.
    void setMergeOrder(EventMerger::Order order, qint64 watermarkMs);
    void setShowHeartbeatsAndSchemaChanges(bool show) { m_showHousekeeping = show; }
    void setNotifier(std::function<void()> notify) { m_notify = std::move(notify); }
    EventBatch take();
    std::array<qint64, 3> countsBySource() const;

private:
    quint32 intern(std::string_view utf8);
    quint32 internTopic(std::string_view topic);
    void applyPendingOrder();
    void enqueue(EventBatch &released);

    SourceRouting m_routing;
    std::shared_ptr<StringTable> m_strings;
    // Strings seen by this thread, looked up without building a QString (C++20 heterogeneous lookup).
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, quint32, Hash, std::equal_to<>> m_internCache;
    QByteArray m_lastTopic;
    quint32 m_lastTopicId = 0;
    EventDecoder m_decoder;
    EventMerger m_merger;
    std::shared_ptr<PagePool> m_pages;
    std::shared_ptr<BytePage> m_page;
    EventBatch m_released;

    mutable QMutex m_mutex; // guards m_queue and the pending merge order
    EventBatch m_queue;
    bool m_orderChanged = false;
    EventMerger::Order m_nextOrder = EventMerger::Order::Arrival;
    qint64 m_nextWatermarkMs = 2000;

    std::atomic<bool> m_showHousekeeping{false};
    std::array<std::atomic<qint64>, 3> m_counts{};
    std::function<void()> m_notify;
};

// For tests and benchmarks: messages as the consumer would hand them on, ingested in order.
EventBatch ingestMessages(EventIngest &ingest, const std::vector<KafkaMessage> &messages, qint64 arrivalMs = 0);

} // namespace cdc::stream
