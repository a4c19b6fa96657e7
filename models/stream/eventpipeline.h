// SPDX-License-Identifier: GPL-3.0-or-later
// The whole live path, headless: the consumer thread consumes, decodes, tags and merges into batches;
// the owner's thread takes them (a viewer model, `cdcctl tail`, a benchmark). `eventsAvailable` is
// emitted once when the queue turns non-empty; take() swaps the queue out under the lock.
#pragma once

#include "core/result.h"
#include "stream/eventmerger.h"
#include "stream/eventrecord.h"
#include "stream/sourcerouting.h"
#include "stream/streamconsumer.h"
#include "stream/stringtable.h"

#include <QObject>

#include <array>
#include <memory>

namespace cdc::stream {

class EventIngest; // the MessageSink that decodes, tags and merges (eventingest.h)

class EventPipeline : public QObject
{
    Q_OBJECT

public:
    // `strings` is the store's string table (ids in the records refer to it); `pages`, the store's
    // page pool (EventStore::sharedPages()), or none for a pipeline that feeds no store.
    EventPipeline(ConsumerSettings settings, SourceRouting routing, std::shared_ptr<StringTable> strings,
                  std::shared_ptr<PagePool> pages = {}, QObject *parent = nullptr);
    ~EventPipeline() override;

    Result<void> start();
    void stop();

    // Thread-safe: applies to events consumed from now on; what the merger holds is released first.
    void setMergeOrder(EventMerger::Order order, qint64 watermarkMs);
    // Heartbeats and schema changes are dropped before the queue unless shown (default: hidden).
    void setShowHeartbeatsAndSchemaChanges(bool show);

    // The events consumed since the last take(), in merge order.
    EventBatch take();

    StreamConsumer *consumer() const { return m_consumer.get(); }
    // Events consumed per source since start (thread-safe), indexed by SourceTag.
    std::array<qint64, 3> countsBySource() const;

Q_SIGNALS:
    void eventsAvailable();
    void stateChanged(cdc::stream::StreamConsumer::State state, const QString &message);

private:
    std::unique_ptr<EventIngest> m_ingest;
    std::unique_ptr<StreamConsumer> m_consumer;
};

} // namespace cdc::stream
