// SPDX-License-Identifier: GPL-3.0-or-later
// Recomputes the live issues whenever the connectors, a lag sample or the graph change, and tells
// only what changed.
#include "health/pipelinehealth.h"

#include "connect/connectorsmodel.h"
#include "consumer/consumerservice.h"
#include "lag/lagmonitor.h"
#include "topology/projectdocument.h"

#include <QSet>
#include <QTimer>

#include <algorithm>

namespace cdc::health {

PipelineHealth::PipelineHealth(topology::ProjectDocument *document, const connect::ConnectorsModel *connectors,
                               const lag::LagMonitor *lagMonitor, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_connectors(connectors)
    , m_lag(lagMonitor)
    , m_pending(new QTimer(this))
{
    // Edits come in bursts (a wizard's Finish adds a node and edges): check once after them.
    m_pending->setSingleShot(true);
    m_pending->setInterval(120);
    connect(m_pending, &QTimer::timeout, this, &PipelineHealth::revalidate);
    const topology::TopologyModel *model = document->topology();
    // Names and ids tie connectors and series to nodes: the live issues follow the graph at once.
    auto edited = [this] {
        m_pending->start();
        update();
    };
    connect(model, &topology::TopologyModel::modelReset, this, edited);
    connect(model, &topology::TopologyModel::nodeAdded, this, edited);
    connect(model, &topology::TopologyModel::nodeRemoved, this, edited);
    connect(model, &topology::TopologyModel::nodeChanged, this, edited);
    connect(model, &topology::TopologyModel::edgeAdded, this, edited);
    connect(model, &topology::TopologyModel::edgeRemoved, this, edited);
    // Another project (or the sandbox's): what the Doctor found was about the one before.
    connect(document, &topology::ProjectDocument::loaded, this, [this] {
        if (!m_doctor.empty())
            setDoctorFindings({});
    });
    auto live = [this] { update(); };
    connect(connectors, &connect::ConnectorsModel::connectorsUpdated, this, live);
    // Every sample: the value shown is the value of now, wherever it is shown.
    connect(lagMonitor, &lag::LagMonitor::sampleAdded, this, live);
    connect(lagMonitor, &lag::LagMonitor::alert, this, live); // also when the thresholds change
    revalidate();
}

PipelineHealth::~PipelineHealth() = default;

void PipelineHealth::setConsumer(const consumer::ConsumerService *consumer)
{
    if (m_consumer)
        disconnect(m_consumer, nullptr, this, nullptr);
    m_consumer = consumer;
    if (m_consumer)
        connect(m_consumer, &consumer::ConsumerService::changed, this, [this] { update(); });
    update();
}

void PipelineHealth::setDoctorFindings(const doctor::Findings &findings)
{
    m_doctor = findings;
    update();
}

void PipelineHealth::revalidate()
{
    m_pending->stop();
    m_diagnostics = validation::validateProject(m_document->snapshot());
    update(true);
}

QHash<QString, QString> PipelineHealth::connectorNodes() const
{
    QHash<QString, QString> out;
    for (const topology::Node &node : m_document->topology()->nodes()) {
        if (node.kind != topology::NodeKind::Connector)
            continue;
        if (!out.contains(node.name))
            out.insert(node.name, node.id);
    }
    // A node whose connector runs under another name than the node's (its "name" property).
    for (const topology::Node &node : m_document->topology()->nodes()) {
        const QString name = node.properties.value(QStringLiteral("name"));
        if (node.kind == topology::NodeKind::Connector && !name.isEmpty() && !out.contains(name))
            out.insert(name, node.id);
    }
    return out;
}

// `checked`: the project's checks just ran.
void PipelineHealth::update(bool checked)
{
    const QHash<QString, QString> connectorNode = connectorNodes();
    const QList<connect::ConnectorOverview> connectors = m_connectors->connectors();
    QList<LiveIssue> issues = connectorIssues(connectors, connectorNode);

    bool haveSeries = false;
    for (const lag::SeriesKey &key : m_lag->series()) {
        const lag::TimeSeries *series = m_lag->seriesData(key.id);
        const auto last = series ? series->last() : std::nullopt;
        if (!last)
            continue;
        haveSeries = true;
        // The monitor's rule on the newest value; its level catches up when it emits alert() just after.
        const lag::LagThreshold &threshold = m_lag->thresholds().forSeries(key);
        const lag::LagLevel level = threshold.levelFor(last->max);
        if (level == lag::LagLevel::Ok)
            continue;
        const topology::Node *node = m_document->topology()->node(key.nodeId);
        issues << lagIssue(key, level, last->max, threshold, node ? node->name : QString());
    }
    QString consumerNode;
    QString consumerState;
    if (m_consumer && !m_consumer->nodeId().isEmpty() && m_consumer->state() != consumer::JobState::Stopped) {
        consumerNode = m_consumer->nodeId();
        consumerState = consumer::jobStateName(m_consumer->state()).toUpper();
        const topology::Node *node = m_document->topology()->node(consumerNode);
        if (m_consumer->state() == consumer::JobState::Failed ||
            m_consumer->state() == consumer::JobState::StoppedUnexpectedly)
            issues << consumerIssue(consumerNode, node ? node->name : consumerNode, consumerState,
                                    m_consumer->failureReason(), m_consumer->hint());
        if (m_consumer->isActive()) {
            const QStringList waiting = m_consumer->topicWarnings();
            for (int i = 0; i < waiting.size(); ++i)
                issues << consumerWaitingIssue(consumerNode, node ? node->name : consumerNode, waiting.at(i), i);
        }
    }
    if (!m_doctor.empty()) {
        QHash<QString, QList<QString>> ofKind;
        for (const topology::Node &node : m_document->topology()->nodes()) {
            if (node.kind == topology::NodeKind::PostgresDatabase)
                ofKind[QStringLiteral("postgres")] << node.id;
            else if (node.kind == topology::NodeKind::MySqlDatabase)
                ofKind[QStringLiteral("mysql")] << node.id;
            else if (node.kind == topology::NodeKind::ConnectCluster)
                ofKind[QStringLiteral("connect")] << node.id;
        }
        QHash<QString, QString> nodeOfArea;
        for (auto it = ofKind.cbegin(); it != ofKind.cend(); ++it) {
            if (it.value().size() == 1)
                nodeOfArea.insert(it.key(), it.value().first());
        }
        issues << doctorIssues(m_doctor, connectorNode, nodeOfArea);
    }
    sortIssues(issues);

    QHash<QString, NodeHealth> nodes;
    if (!consumerNode.isEmpty() && m_document->topology()->node(consumerNode)) {
        nodes[consumerNode].state = consumerState;
        nodes[consumerNode].stateDetail = m_consumer->eventRateText();
    }
    for (const connect::ConnectorOverview &c : connectors) {
        const QString id = connectorNode.value(c.status.name.isEmpty() ? c.info.name : c.status.name);
        if (!id.isEmpty() && !nodes.contains(id))
            nodes[id].state = connect::worstState(c.status);
    }
    for (const LiveIssue &issue : std::as_const(issues)) {
        if (issue.nodeId.isEmpty() || !m_document->topology()->node(issue.nodeId))
            continue;
        NodeHealth &h = nodes[issue.nodeId];
        h.severity = std::max(h.severity, issue.severity);
        if (!h.summary.isEmpty())
            h.summary += u'\n';
        h.summary += issue.title + QStringLiteral(": ") + issue.detail;
    }

    int errors = 0;
    int warnings = 0;
    for (const validation::ProjectDiagnostic &d : m_diagnostics) {
        errors += d.severity == debezium::Severity::Error;
        warnings += d.severity == debezium::Severity::Warning;
    }
    const HealthSummary summary = summarize(errors, warnings, issues, haveSeries);

    QSet<QString> touched;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        if (m_nodes.value(it.key()) != it.value())
            touched.insert(it.key());
    }
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        if (!nodes.contains(it.key()))
            touched.insert(it.key());
    }
    const bool changedAny = checked || issues != m_issues || summary != m_summary;
    m_issues = std::move(issues);
    m_nodes = std::move(nodes);
    m_summary = summary;
    if (checked)
        Q_EMIT projectDiagnosticsChanged();
    for (const QString &id : std::as_const(touched))
        Q_EMIT nodeChanged(id);
    if (changedAny)
        Q_EMIT changed();
}

} // namespace cdc::health
