// SPDX-License-Identifier: GPL-3.0-or-later
// Wires the consumer to the ingest sink and forwards their signals to the owner's thread.
#include "eventpipeline.h"

#include "stream/eventingest.h"

namespace cdc::stream {

EventPipeline::EventPipeline(ConsumerSettings settings, SourceRouting routing, std::shared_ptr<StringTable> strings,
                             std::shared_ptr<PagePool> pages, QObject *parent)
    : QObject(parent)
    , m_ingest(std::make_unique<EventIngest>(std::move(routing), std::move(strings), std::move(pages)))
{
    // Called on the consumer thread when the queue turns non-empty: hop to ours. The destructor stops
    // the consumer before `this` goes, and a queued call to a destroyed context is dropped.
    m_ingest->setNotifier([this] {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT eventsAvailable(); }, Qt::QueuedConnection);
    });
    m_consumer = std::make_unique<StreamConsumer>(std::move(settings), m_ingest.get());
    connect(m_consumer.get(), &StreamConsumer::stateChanged, this, &EventPipeline::stateChanged);
}

EventPipeline::~EventPipeline()
{
    stop();
}

Result<void> EventPipeline::start()
{
    // The consumer thread copies messages into pages; a thread of the ingest decodes them meanwhile.
    m_ingest->startDecodeThread();
    return m_consumer->start();
}

void EventPipeline::stop()
{
    // The consumer thread calls into the ingest: stop it first, then let the ingest decode what it
    // delivered (take() then has everything consumed).
    m_consumer->stop();
    m_ingest->finishDecoding();
}

void EventPipeline::setMergeOrder(EventMerger::Order order, qint64 watermarkMs)
{
    m_ingest->setMergeOrder(order, watermarkMs);
}

void EventPipeline::setShowHeartbeatsAndSchemaChanges(bool show)
{
    m_ingest->setShowHeartbeatsAndSchemaChanges(show);
}

EventBatch EventPipeline::take()
{
    return m_ingest->take();
}

std::array<qint64, 3> EventPipeline::countsBySource() const
{
    return m_ingest->countsBySource();
}

} // namespace cdc::stream
