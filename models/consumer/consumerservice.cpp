// Run and Stop for the project's consumer node.
#include "consumerservice.h"

#include "consumer/simulatedconsumer.h"
#include "debezium/outboxartifacts.h"
#include "topology/projectfile.h"

#include <QCoreApplication>

namespace cdc::consumer {

ConsumerService::ConsumerService(QObject *parent) : QObject(parent) {}

ConsumerService::~ConsumerService() = default;

bool ConsumerService::isActive() const
{
    return m_state == JobState::Starting || m_state == JobState::Running || m_state == JobState::Restarting ||
           m_state == JobState::Stopping;
}

QString ConsumerService::logPath() const
{
    return m_runner && !m_simulation ? m_runner->logPath() : QString();
}

QStringList ConsumerService::lastLogLines() const
{
    return m_runner && !m_simulation ? m_runner->lastLogLines() : QStringList();
}

qint64 ConsumerService::recordsWritten() const
{
    if (m_simulation)
        return m_simulation->recordsWritten();
    return m_runner ? m_runner->recordsWritten() : -1;
}

void ConsumerService::setSimulation(SimulatedConsumer *simulation)
{
    if (m_simulation == simulation)
        return;
    if (m_simulation) {
        m_simulation->disconnect(this);
        m_simulation->setRowsWanted(false);
    }
    if (m_runner && simulation) {
        // A real job of the project that was open: the sandbox replaces that project.
        m_runner->disconnect(this);
        m_runner->stop();
    }
    m_simulation = simulation;
    m_failure.clear();
    m_hint.clear();
    m_warnings.clear();
    m_rows.clear();
    if (!m_simulation) {
        m_nodeId.clear();
        m_sinkIsPrint = true;
        m_sinkTopic.clear();
        setState(JobState::Stopped);
        Q_EMIT changed();
        return;
    }
    connect(m_simulation, &SimulatedConsumer::stateChanged, this, &ConsumerService::followSimulation);
    connect(m_simulation, &SimulatedConsumer::rowsAvailable, this, [this] {
        if (m_simulation)
            m_rows.append(m_simulation->takeRows());
    });
    m_simulation->setRowsWanted(true);
    m_rows.append(m_simulation->takeRows()); // what a run it started before this was set left queued
    followSimulation();
}

void ConsumerService::followSimulation()
{
    if (!m_simulation)
        return;
    if (!m_simulation->nodeId().isEmpty())
        m_nodeId = m_simulation->nodeId();
    // The simulation shows its rows here and writes them to its topic too.
    m_sinkIsPrint = true;
    m_sinkTopic = m_simulation->sinkTopic();
    const JobState state = m_simulation->state();
    if (state == JobState::Failed) {
        m_failure = m_simulation->failureReason();
        m_hint.clear();
    } else if (state == JobState::Starting || state == JobState::Running) {
        m_failure.clear();
        m_hint.clear();
    }
    setState(state);
    Q_EMIT changed();
}

void ConsumerService::run(const topology::Project &project, const QString &nodeId, const QString &workDir)
{
    if (isActive())
        return;
    m_nodeId = nodeId;
    m_failure.clear();
    m_hint.clear();
    m_rows.clear();
    const debezium::PyFlinkJobOptions options = debezium::pyFlinkOptionsFor(project);
    m_warnings = options.problems;
    if (m_simulation) {
        m_simulation->takeRows(); // a new run's rows only, as for a job
        if (auto started = m_simulation->start(project, nodeId); !started) {
            m_failure = started.error().what;
            m_hint = started.error().hint;
            setState(JobState::Failed);
        }
        Q_EMIT changed();
        return;
    }
    m_sinkIsPrint = options.sink == debezium::PyFlinkJobOptions::Sink::Print;
    m_sinkTopic = options.sinkTopic;
    if (m_runner) {
        m_runner->disconnect(this);
        m_runner.reset();
    }
    const Result<FlinkRuntime> runtime = FlinkRuntime::locate();
    if (!runtime) {
        m_failure = runtime.error().what;
        m_hint = runtime.error().hint;
        setState(JobState::Failed);
        Q_EMIT changed();
        return;
    }
    ConsumerRunner::Settings settings;
    settings.runtime = runtime.value();
    settings.workDir = workDir;
    m_runner = std::make_unique<ConsumerRunner>(settings);
    connect(m_runner.get(), &ConsumerRunner::stateChanged, this, [this](JobState state) {
        if (state == JobState::Failed || state == JobState::StoppedUnexpectedly) {
            m_failure = m_runner->failureReason();
            m_hint = QCoreApplication::translate("ConsumerService", "The job's whole output is in %1.")
                         .arg(m_runner->logPath());
        }
        setState(state);
    });
    connect(m_runner.get(), &ConsumerRunner::recordsWrittenChanged, this, &ConsumerService::changed);
    connect(m_runner.get(), &ConsumerRunner::logLine, this, [this](const QString &line) {
        if (auto row = parsePrintSinkLine(line))
            m_rows.append(std::move(*row));
    });
    if (!m_runner->start(debezium::pyFlinkUnionJob(options))) {
        m_failure = m_runner->lastError();
        setState(JobState::Failed);
    }
    Q_EMIT changed();
}

void ConsumerService::stop()
{
    if (m_simulation)
        m_simulation->stop();
    else if (m_runner)
        m_runner->stop();
}

void ConsumerService::setState(JobState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT changed();
}

} // namespace cdc::consumer
