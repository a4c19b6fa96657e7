// The Diagnostics dock.
#include "diagnosticspanel.h"

#include "topology/projectdocument.h"

#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace cdc::ui {

DiagnosticsPanel::DiagnosticsPanel(topology::ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_list(new QListWidget(this))
    , m_summary(new QLabel(this))
    , m_pending(new QTimer(this))
{
    setObjectName(QStringLiteral("diagnosticsPanel"));
    m_list->setObjectName(QStringLiteral("diagnosticsList"));
    // Messages are sentences: wrap them to the panel's width rather than cut them.
    m_list->setWordWrap(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(false);
    m_list->setSpacing(2);
    m_summary->setObjectName(QStringLiteral("diagnosticsSummary"));
    m_summary->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);

    // Edits come in bursts (a wizard's Finish adds a node and edges): check once after them.
    m_pending->setSingleShot(true);
    m_pending->setInterval(120);
    connect(m_pending, &QTimer::timeout, this, &DiagnosticsPanel::revalidate);
    const topology::TopologyModel *model = document->topology();
    auto schedule = [this] { m_pending->start(); };
    connect(model, &topology::TopologyModel::modelReset, this, schedule);
    connect(model, &topology::TopologyModel::nodeAdded, this, schedule);
    connect(model, &topology::TopologyModel::nodeRemoved, this, schedule);
    connect(model, &topology::TopologyModel::nodeChanged, this, schedule);
    connect(model, &topology::TopologyModel::edgeAdded, this, schedule);
    connect(model, &topology::TopologyModel::edgeRemoved, this, schedule);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            Q_EMIT nodeRequested(id);
    });
    connect(m_list, &QListWidget::itemClicked, m_list, &QListWidget::itemActivated);
    revalidate();
}

void DiagnosticsPanel::revalidate()
{
    m_pending->stop();
    m_diagnostics = validation::validateProject(m_document->snapshot());
    showEntries();
    Q_EMIT diagnosticsChanged(m_diagnostics);
}

void DiagnosticsPanel::setLagAlerts(const QList<lag::LagAlert> &alerts)
{
    m_lagAlerts = alerts;
    showEntries();
}

void DiagnosticsPanel::showEntries()
{
    m_list->clear();
    int lagCritical = 0;
    for (const lag::LagAlert &alert : std::as_const(m_lagAlerts)) {
        auto *item = new QListWidgetItem(m_list);
        const bool critical = alert.to == lag::LagLevel::Critical;
        lagCritical += critical;
        item->setIcon(style()->standardIcon(critical ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning));
        const topology::Node *node = m_document->topology()->node(alert.series.nodeId);
        const QString where = tr("Lag %1 · %2").arg(lag::levelName(alert.to), node ? node->name : alert.series.label);
        item->setText(where + u'\n' + alert.message());
        item->setToolTip(alert.message());
        item->setData(Qt::UserRole, alert.series.nodeId);
        item->setData(Qt::UserRole + 1, alert.series.id);
    }
    int errors = 0;
    int warnings = 0;
    for (const validation::ProjectDiagnostic &d : m_diagnostics) {
        auto *item = new QListWidgetItem(m_list);
        const bool error = d.severity == debezium::Severity::Error;
        errors += error;
        warnings += d.severity == debezium::Severity::Warning;
        item->setIcon(style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                            : d.severity == debezium::Severity::Warning
                                                ? QStyle::SP_MessageBoxWarning
                                                : QStyle::SP_MessageBoxInformation));
        const topology::Node *node = m_document->topology()->node(d.nodeId);
        QString where = node ? node->name : QString();
        if (!d.property.isEmpty())
            where += (where.isEmpty() ? QString() : QStringLiteral(" · ")) + d.property;
        item->setText(where.isEmpty() ? d.message : where + u'\n' + d.message);
        item->setToolTip(d.suggestion.isEmpty() ? d.message : d.message + u'\n' + d.suggestion);
        item->setData(Qt::UserRole, d.nodeId);
    }
    const bool nothing = m_diagnostics.empty() && m_lagAlerts.isEmpty();
    QString summary;
    if (m_diagnostics.empty()) {
        const auto nodes = qsizetype(m_document->topology()->nodes().size());
        summary = nodes == 0 ? tr("Problems the checks find in the project appear here.")
                             : tr("✓ No problems found in %n node(s).", nullptr, int(nodes));
    } else {
        summary = tr("%1 error(s), %2 warning(s). Click one to select its node.").arg(errors).arg(warnings);
    }
    if (!m_lagAlerts.isEmpty())
        summary = tr("Lag: %1 critical, %2 warning. ").arg(lagCritical).arg(m_lagAlerts.size() - lagCritical) + summary;
    m_summary->setText(summary);
    m_list->setVisible(!nothing);
    // Alone in the panel the summary is a placeholder: centred and quiet; above the list, a heading.
    m_summary->setAlignment(nothing ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter);
    m_summary->setForegroundRole(nothing ? QPalette::PlaceholderText : QPalette::WindowText);
}

} // namespace cdc::ui
