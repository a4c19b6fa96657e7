// SPDX-License-Identifier: GPL-3.0-or-later
// Run and Stop for the project's consumer node.
#include "consumerservice.h"

#include "consumer/consumernode.h"
#include "consumer/simulatedconsumer.h"
#include "consumer/topicprecheck.h"
#include "core/stackenvironment.h"
#include "debezium/outboxartifacts.h"
#include "topology/projectfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QtConcurrent/QtConcurrentRun>

namespace cdc::consumer {

ConsumerService::ConsumerService(QObject *parent) : QObject(parent)
{
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &ConsumerService::sampleRate);
    m_topicRecheck.setSingleShot(true);
    m_topicRecheck.setInterval(15000);
    connect(&m_topicRecheck, &QTimer::timeout, this, [this] {
        if (isActive() && m_job)
            checkTopics(*m_job);
    });
    connect(&m_topicCheck, &QFutureWatcher<QStringList>::finished, this, [this] {
        const QStringList warnings = m_topicCheck.result();
        if (!isActive())
            return; // a run that ended meanwhile: nothing waits for a topic now
        if (!warnings.isEmpty())
            m_topicRecheck.start();
        if (warnings == m_topicWarnings)
            return;
        m_topicWarnings = warnings;
        Q_EMIT changed();
    });
}

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

qint64 ConsumerService::recordsSeen() const
{
    // A cluster's print sink writes to its task managers' output, which this process never sees.
    if (m_sinkIsPrint && m_clusterUrl.isEmpty())
        return m_rows.total();
    return recordsWritten();
}

QString ConsumerService::eventRateText() const
{
    return m_perSecond ? consumer::eventRateText(*m_perSecond) : QString();
}

void ConsumerService::sampleRate()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_state == JobState::Running)
        m_rate.add(now, recordsSeen());
    const std::optional<double> rate = m_state == JobState::Running ? m_rate.perSecond(now) : std::nullopt;
    const bool differs = rate.has_value() != m_perSecond.has_value() ||
                         (rate && consumer::eventRateText(*rate) != consumer::eventRateText(*m_perSecond));
    m_perSecond = rate;
    if (differs)
        Q_EMIT changed();
}

void ConsumerService::checkTopics(const debezium::PyFlinkJobOptions &options)
{
    const int timeoutMs = m_topicCheckTimeoutMs; // a check still under way is left to end; its answer is dropped
    m_topicCheck.setFuture(QtConcurrent::run([options, timeoutMs] { return sourceTopicWarnings(options, timeoutMs); }));
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
    m_clusterUrl.clear();
    const JobState state = m_simulation->state();
    if (state == JobState::Running && !m_rateTimer.isActive()) {
        m_rate = EventRate(std::chrono::seconds(10), std::chrono::seconds(3)); // rows counted as they come
        m_rateTimer.start();
    }
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
    m_clusterUrl.clear();
    m_topicWarnings.clear();
    m_topicRecheck.stop();
    m_perSecond.reset();
    debezium::PyFlinkJobOptions options = debezium::pyFlinkOptionsFor(project);
    // The brokers the Lag panel and the Doctor ask too (the stack's stack.env fills what the project leaves).
    std::optional<StackEnvironment> env;
    if (const QString path = StackEnvironment::defaultPath(); !path.isEmpty())
        if (auto loaded = StackEnvironment::load(path))
            env = std::move(loaded).value();
    options.bootstrapServers = jobBootstrapFor(project, env ? &*env : nullptr);
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
    const topology::Node *node = findNode(project, nodeId);
    const Result<QUrl> cluster = node ? clusterUrlOf(*node) : Result<QUrl>(QUrl());
    if (!cluster) {
        m_failure = cluster.error().what;
        m_hint = cluster.error().hint;
        setState(JobState::Failed);
        Q_EMIT changed();
        return;
    }
    ConsumerRunner::Settings settings;
    settings.runtime = runtime.value();
    settings.workDir = workDir;
    settings.clusterUrl = cluster.value();
    m_clusterUrl = cluster.value();
    // Rows counted as they come are exact; Flink's metrics move in steps of about 10 s.
    m_rate = m_sinkIsPrint && m_clusterUrl.isEmpty() ? EventRate(std::chrono::seconds(10), std::chrono::seconds(3))
                                                     : EventRate(std::chrono::seconds(30), std::chrono::seconds(25));
    m_rateTimer.start();
    m_job = std::make_unique<debezium::PyFlinkJobOptions>(options);
    checkTopics(options);
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
    if (!isActive()) {
        m_rateTimer.stop();
        m_topicRecheck.stop();
        m_topicWarnings.clear();
    }
    if (state != JobState::Running)
        m_perSecond.reset();
    Q_EMIT changed();
}

} // namespace cdc::consumer
