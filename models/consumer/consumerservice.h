// The open project's unified consumer: Run and Stop for its consumer node, the state and the rows the
// sink produced, for the window and its panels to show. One run at a time; each run is a ConsumerRunner,
// or, while a simulation is set (the sandbox's), the simulated consumer.
#pragma once

#include "consumer/consumerrunner.h"
#include "consumer/unifiedrows.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

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

    // Runs the job generated for `project` (its consumer node `nodeId`), keeping its files in `workDir`.
    // When PyFlink or the connector jar is missing, the state is Failed with the reason and its fix.
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
};

} // namespace cdc::consumer
