// SPDX-License-Identifier: GPL-3.0-or-later
// The consumer's half of the live path: each Kafka message is copied into a byte page, decoded, tagged
// with its source, and merged; released events queue up for the owner's thread. With a decode thread,
// the consumer thread only copies and the decode thread does the rest, so the two overlap.
#pragma once

#include "stream/eventdecoder.h"
#include "stream/eventmerger.h"
#include "stream/eventrecord.h"
#include "stream/rawmessage.h"
#include "stream/redeliverytracker.h"
#include "stream/sourcerouting.h"
#include "stream/stringtable.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace cdc::stream {

class EventIngest : public MessageSink
{
public:
    // `strings` and `pages` are the store's (EventStore::sharedStrings(), sharedPages()); without
    // `pages` the ingest has a pool of its own.
    EventIngest(SourceRouting routing, std::shared_ptr<StringTable> strings, std::shared_ptr<PagePool> pages = {});
    ~EventIngest() override;

    // Decodes and tags one message into a record whose bytes live in the current page; no merge. An
    // outbox event whose id its source delivered before is flagged Redelivered (see RedeliveryTracker).
    // For tests and benchmarks, on one thread (not while a decode thread runs). `arrivalMs` is the
    // wall clock at receipt.
    PendingEvent ingest(const RawMessage &message, qint64 arrivalMs);

    // From now on deliver() only copies messages into pages and hands them to a decode thread, which
    // decodes, tags, merges and queues them. finishDecoding() decodes what was delivered before it
    // and ends the thread; call it after the last deliver() (the consumer has stopped).
    void startDecodeThread();
    void finishDecoding();

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
    // A topic as the consumer thread first met it; entries never move (nodes of an unordered_map).
    struct TopicInfo
    {
        std::string name;
        quint32 id = 0;
        TopicRoute routed;
    };
    // Events copied into pages and not yet decoded, with the topic of each.
    struct PlacedBatch
    {
        EventBatch events;
        std::vector<const TopicInfo *> topics;
    };
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    // Copying stage (the consumer thread).
    const TopicInfo &topicInfo(std::string_view topic);
    PendingEvent place(const RawMessage &message, qint64 arrivalMs);
    // Decoding stage (the consumer thread, or the decode thread when it runs).
    void decodePlaced(PendingEvent &event, const TopicInfo &topic);
    void decodeBatch(PlacedBatch &work);
    void releaseByTime();
    void decodeLoop();
    quint32 intern(std::string_view utf8);
    void applyPendingOrder();
    void enqueue(EventBatch &released);

    SourceRouting m_routing;
    std::shared_ptr<StringTable> m_strings;
    std::unordered_map<std::string, TopicInfo, Hash, std::equal_to<>> m_topics;
    const TopicInfo *m_lastTopic = nullptr;
    std::shared_ptr<PagePool> m_pages;
    std::shared_ptr<BytePage> m_page;

    // Strings seen by the decoding stage, looked up without building a QString (heterogeneous lookup).
    std::unordered_map<std::string, quint32, Hash, std::equal_to<>> m_internCache;
    EventDecoder m_decoder;
    RedeliveryTracker m_redeliveries; // outbox ids seen, per source (the decoding stage's own)
    EventMerger m_merger;
    EventBatch m_released;
    std::vector<RawHeader> m_headerViews;

    // Hand-off from the consumer thread to the decode thread; deliver() waits while it is full.
    std::mutex m_stageMutex;
    std::condition_variable m_stageChanged;
    std::deque<PlacedBatch> m_stage;
    bool m_stageClosed = false;
    std::thread m_decodeThread;

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
