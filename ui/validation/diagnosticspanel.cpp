// SPDX-License-Identifier: GPL-3.0-or-later
// The Diagnostics dock.
#include "diagnosticspanel.h"

#include "common/sourcecolors.h"
#include "health/pipelinehealth.h"
#include "topology/projectdocument.h"

#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace cdc::ui {

namespace {

struct Entry
{
    QString key;
    QStyle::StandardPixmap icon;
    QString text;
    QString toolTip;
    QString nodeId;
};

constexpr int kKeyRole = Qt::UserRole + 1;

QStyle::StandardPixmap iconOf(health::Severity severity)
{
    return severity == health::Severity::Error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning;
}

} // namespace

DiagnosticsPanel::DiagnosticsPanel(topology::ProjectDocument *document, health::PipelineHealth *health, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_health(health)
    , m_list(new QListWidget(this))
    , m_summary(new QLabel(this))
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

    connect(health, &health::PipelineHealth::changed, this, &DiagnosticsPanel::showEntries);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            Q_EMIT nodeRequested(id);
    });
    connect(m_list, &QListWidget::itemClicked, m_list, &QListWidget::itemActivated);
    showEntries();
}

void DiagnosticsPanel::revalidate()
{
    m_health->revalidate();
}

QString DiagnosticsPanel::summaryText() const
{
    return m_summary->text();
}

void DiagnosticsPanel::showEntries()
{
    std::vector<Entry> entries;
    for (const health::LiveIssue &issue : m_health->liveIssues()) {
        QString toolTip = issue.detail;
        if (!issue.suggestion.isEmpty())
            toolTip += u'\n' + issue.suggestion;
        entries.push_back({issue.key, iconOf(issue.severity),
                           issue.subject + QStringLiteral(" · ") + issue.title + u'\n' + issue.detail, toolTip,
                           issue.nodeId});
    }
    for (const validation::ProjectDiagnostic &d : m_health->projectDiagnostics()) {
        const topology::Node *node = m_document->topology()->node(d.nodeId);
        QString where = node ? node->name : QString();
        if (!d.property.isEmpty())
            where += (where.isEmpty() ? QString() : QStringLiteral(" · ")) + d.property;
        const QStyle::StandardPixmap icon = d.severity == debezium::Severity::Error ? QStyle::SP_MessageBoxCritical
                                            : d.severity == debezium::Severity::Warning
                                                ? QStyle::SP_MessageBoxWarning
                                                : QStyle::SP_MessageBoxInformation;
        entries.push_back({QStringLiteral("check:%1:%2:%3:%4").arg(d.rule, d.nodeId, d.property, d.message), icon,
                           where.isEmpty() ? d.message : where + u'\n' + d.message,
                           d.suggestion.isEmpty() ? d.message : d.message + u'\n' + d.suggestion, d.nodeId});
    }

    // The same entries as before (a lag value moved on): updated in place, so the selection and the
    // scroll position stay while the numbers change every second.
    bool sameKeys = m_list->count() == int(entries.size());
    for (int i = 0; sameKeys && i < m_list->count(); ++i)
        sameKeys = m_list->item(i)->data(kKeyRole).toString() == entries[std::size_t(i)].key;
    if (!sameKeys) {
        const QString current = m_list->currentItem() ? m_list->currentItem()->data(kKeyRole).toString() : QString();
        m_list->clear();
        for (const Entry &e : entries) {
            auto *item = new QListWidgetItem(m_list);
            item->setData(kKeyRole, e.key);
            if (e.key == current)
                m_list->setCurrentItem(item);
        }
    }
    for (int i = 0; i < m_list->count(); ++i) {
        const Entry &e = entries[std::size_t(i)];
        QListWidgetItem *item = m_list->item(i);
        if (item->text() != e.text)
            item->setText(e.text);
        item->setIcon(style()->standardIcon(e.icon));
        item->setToolTip(e.toolTip);
        item->setData(Qt::UserRole, e.nodeId);
    }

    const health::HealthSummary &summary = m_health->summary();
    const bool nothing = entries.empty();
    QString text;
    if (summary.severity != health::Severity::Ok) {
        text = tr("%1. Click one to select its node.").arg(summary.counts);
    } else {
        const auto nodes = qsizetype(m_document->topology()->nodes().size());
        text = nodes == 0 ? tr("Problems the checks find in the project appear here.")
                          : tr("✓ No problems found in %n node(s).", nullptr, int(nodes));
    }
    m_summary->setText(text);
    m_list->setVisible(!nothing);
    // Alone in the panel the summary is a placeholder: centred and quiet; above the list, a heading in
    // the colour of the worst severity, as in the status bar.
    m_summary->setAlignment(nothing ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter);
    // Only what is set here is fixed: the rest follows the window's palette and font (dark, presentation).
    const bool problems = summary.severity != health::Severity::Ok;
    QPalette colour;
    if (problems)
        colour.setColor(QPalette::WindowText, severityColor(summary.severity));
    m_summary->setPalette(colour);
    m_summary->setForegroundRole(nothing ? QPalette::PlaceholderText : QPalette::WindowText);
    QFont weight;
    if (problems)
        weight.setBold(true);
    m_summary->setFont(weight);
}

} // namespace cdc::ui
