// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's unified consumer: what the generated PyFlink job does, in-process and simulated, for
// workshops with no Java or Python. It consumes the outbox topics of both databases from the mock broker
// (UNION ALL), adds source_database and the composite key (PG-n / MY-n), drops repeated outbox event ids
// per database, and writes each row as the job's Kafka sink would (JSON keyed by the composite key) to the
// sink node's topic on the same broker. Consuming, deduplication and producing run on the consumer's
// thread; the rows reach the owner's thread through takeRows().
#pragma once

#include "consumer/simulatedconsumer.h"

#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

namespace cdc::stream {
class StreamConsumer;
}

namespace cdc::sandbox {

class MockKafka;

class SandboxConsumer final : public consumer::SimulatedConsumer
{
    Q_OBJECT
public:
    explicit SandboxConsumer(QObject *parent = nullptr);
    ~SandboxConsumer() override;

    // The broker it reads and writes (it creates the sink topic there). A new broker forgets where the
    // last run stopped and the event ids it saw; nullptr stops it.
    void setBroker(MockKafka *broker);

    struct Counters
    {
        qint64 consumed = 0;          // outbox records read
        qint64 duplicatesDropped = 0; // records with an event id already seen from their database
        qint64 written = 0;           // unified records delivered to the sink topic
        qint64 rowsDropped = 0;       // rows nobody took before the queue's cap (the oldest go)
    };
    Counters counters() const;

    // How many event ids per database it remembers (the job remembers them for an hour).
    static constexpr int kRememberedIds = 200'000;
    // Rows waiting for takeRows() beyond this drop the oldest: a window shows the newest anyway.
    static constexpr int kMaxQueuedRows = 20'000;

    // consumer::SimulatedConsumer
    Result<void> start(const topology::Project &project, const QString &nodeId) override;
    void stop() override;
    consumer::JobState state() const override { return m_state; }
    QString nodeId() const override { return m_nodeId; }
    QString failureReason() const override { return m_failure; }
    QString sinkTopic() const override { return m_sinkTopic; }
    qint64 recordsWritten() const override;
    void setRowsWanted(bool wanted) override;
    QList<consumer::UnifiedRow> takeRows() override;

private:
    struct Pipeline;
    void setState(consumer::JobState state);
    void notifyRows();

    MockKafka *m_broker = nullptr;
    std::unique_ptr<Pipeline> m_pipeline;
    std::unique_ptr<stream::StreamConsumer> m_stream;
    QTimer m_drain; // after Stop: serves the producer's delivery reports until nothing is left to send
    consumer::JobState m_state = consumer::JobState::Stopped;
    QString m_nodeId;
    QString m_failure;
    QString m_sinkTopic;
    bool m_hasRun = false;                 // later runs go on where the last one stopped
    std::atomic<bool> m_rowsWanted{false}; // read on the consumer thread
};

} // namespace cdc::sandbox
