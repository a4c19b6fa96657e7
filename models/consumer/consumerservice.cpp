// Run and Stop for the project's consumer node.
#include "consumerservice.h"

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
    return m_runner ? m_runner->logPath() : QString();
}

QStringList ConsumerService::lastLogLines() const
{
    return m_runner ? m_runner->lastLogLines() : QStringList();
}

qint64 ConsumerService::recordsWritten() const
{
    return m_runner ? m_runner->recordsWritten() : -1;
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
    connect(m_runner.get(), &ConsumerRunner::rowsArrived, this, [this](const QList<UnifiedRow> &rows) {
        for (const UnifiedRow &row : rows)
            m_rows.append(row);
    });
    if (!m_runner->start(debezium::pyFlinkUnionJob(options))) {
        m_failure = m_runner->lastError();
        setState(JobState::Failed);
    }
    Q_EMIT changed();
}

void ConsumerService::stop()
{
    if (m_runner)
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
