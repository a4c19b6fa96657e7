// SPDX-License-Identifier: GPL-3.0-or-later
// The open project's unified consumer: Run and Stop for its consumer node, the state and the rows the
// sink produced, its event rate, for the window and its panels to show. One run at a time; each run is a
// ConsumerRunner, on a local Flink or on the Flink cluster the node's flink.rest.url names, or, while a
// simulation is set (the sandbox's), the simulated consumer. Each run of the job first lists the brokers'
// topics on the thread pool: a source pattern with no topic yet is a warning.
#pragma once

#include "consumer/consumerrunner.h"
#include "consumer/eventrate.h"
#include "consumer/unifiedrows.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

namespace cdc::debezium {
struct PyFlinkJobOptions;
}
namespace cdc::topology {
struct Project;
}

namespace cdc::consumer {

class SimulatedConsumer;

class ConsumerService : public QObject
{
    Q_OBJECT
public:
    explicit ConsumerService(QObject *parent = nullptr);
    ~ConsumerService() override;

    // Runs the job generated for `project` (its consumer node `nodeId`), keeping its files in `workDir`;
    // on the Flink cluster of the node's flink.rest.url when it has one. When PyFlink or the connector jar
    // is missing, or flink.rest.url is not an address, the state is Failed with the reason and its fix.
    void run(const topology::Project &project, const QString &nodeId, const QString &workDir);
    void stop();

    // While set, Run and Stop start and stop `simulation` instead of a PyFlink job, and its state and
    // rows are shown (also a run it started on its own). nullptr: the real consumer again; the
    // simulation's rows go. It must outlive its use here (or be unset first).
    void setSimulation(SimulatedConsumer *simulation);
    bool isSimulated() const { return !m_simulation.isNull(); }

    JobState state() const { return m_state; }
    // Starting, running, restarting or stopping: Run is not offered, Stop is.
    bool isActive() const;
    QString nodeId() const { return m_nodeId; }
    QString failureReason() const { return m_failure; }
    QString hint() const { return m_hint; }
    QString logPath() const;
    QStringList lastLogLines() const;
    qint64 recordsWritten() const;
    // The rows this run's sink produced as far as is known: the print sink's rows as they come (local
    // runs), else Flink's count of records into the sink; -1 until known.
    qint64 recordsSeen() const;
    // Events per second into the sink while the job runs (nullopt until known, or when not running), and
    // the words for it ("120 ev/s"; empty then).
    std::optional<double> eventRate() const { return m_perSecond; }
    QString eventRateText() const;
    // The Flink cluster this run was submitted to; empty for a local Flink.
    QUrl clusterUrl() const { return m_clusterUrl; }
    // "No topic matches outbox.event.mysql.* on 127.0.0.1:19092 yet — the job will wait for it.": a
    // warning per source pattern with no topic (asked when the run starts, then every 15 s while one
    // stands; empty while the brokers are first asked).
    QStringList topicWarnings() const { return m_topicWarnings; }
    // How long the brokers are asked for their topics before a run (the job starts meanwhile).
    void setTopicCheckTimeout(int milliseconds) { m_topicCheckTimeoutMs = milliseconds; }
    // Properties of the consumer and sink nodes that could not be used (defaults stood in).
    QStringList warnings() const { return m_warnings; }
    // The sink: rows in the output (print) or a Kafka topic.
    bool sinkIsPrint() const { return m_sinkIsPrint; }
    QString sinkTopic() const { return m_sinkTopic; }
    UnifiedRowsModel *rows() { return &m_rows; }

Q_SIGNALS:
    // State, records written, failure or warnings changed.
    void changed();

private:
    void setState(JobState state);
    void sampleRate();
    void checkTopics(const debezium::PyFlinkJobOptions &options);
    void followSimulation();

    std::unique_ptr<ConsumerRunner> m_runner;
    QPointer<SimulatedConsumer> m_simulation;
    JobState m_state = JobState::Stopped;
    QString m_nodeId;
    QString m_failure;
    QString m_hint;
    QStringList m_warnings;
    bool m_sinkIsPrint = true;
    QString m_sinkTopic;
    UnifiedRowsModel m_rows;
    QUrl m_clusterUrl;
    EventRate m_rate;
    QTimer m_rateTimer;
    std::optional<double> m_perSecond;
    QStringList m_topicWarnings;
    QFutureWatcher<QStringList> m_topicCheck;
    QTimer m_topicRecheck; // while a pattern has no topic: asked again, so the warning goes when it appears
    std::unique_ptr<debezium::PyFlinkJobOptions> m_job;
    int m_topicCheckTimeoutMs = 5000;
    int m_run = 0; // which run a topic check belongs to
};

} // namespace cdc::consumer
