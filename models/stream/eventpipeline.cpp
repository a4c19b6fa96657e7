// Wires the consumer to the ingest sink and forwards their signals to the owner's thread.
#include "eventpipeline.h"

#include "stream/eventingest.h"

namespace cdc::stream {

EventPipeline::EventPipeline(ConsumerSettings settings, SourceRouting routing, std::shared_ptr<StringTable> strings,
                             QObject *parent)
    : QObject(parent)
    , m_ingest(std::make_unique<EventIngest>(std::move(routing), std::move(strings)))
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
    // The consumer thread calls into the ingest: stop it first.
    m_consumer->stop();
}

Result<void> EventPipeline::start()
{
    return m_consumer->start();
}

void EventPipeline::stop()
{
    m_consumer->stop();
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
