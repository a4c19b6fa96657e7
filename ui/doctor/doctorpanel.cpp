// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor dock's assembly: toolbar, pages, and the runner's progress and results.
#include "doctorpanel.h"

#include "checklistview.h"
#include "common/emptystate.h"
#include "common/monospacefont.h"
#include "doctor/doctorrun.h"
#include "doctor/troubleshootingguide.h"
#include "findingsview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cdc::ui {

namespace {

QString guideHtml()
{
    QString html;
    for (const doctor::GuideEntry &e : doctor::troubleshootingGuide()) {
        html += QStringLiteral("<h3><a name=\"%1\"></a>%2</h3>").arg(e.id, e.symptom.toHtmlEscaped());
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(DoctorPanel::tr("Cause:"), e.cause.toHtmlEscaped());
        html +=
            QStringLiteral("<p><b>%1</b> <code>%2</code></p>").arg(DoctorPanel::tr("Check:"), e.check.toHtmlEscaped());
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(DoctorPanel::tr("Fix:"), e.fix.toHtmlEscaped());
        html += QStringLiteral("<p><i>%1 %2</i></p>")
                    .arg(DoctorPanel::tr("Detected by the checks:"), e.checks.join(QStringLiteral(", ")));
    }
    return html;
}

// The empty page points at the one Run Checks button, above it: a second button there would be a
// duplicate, half hidden in a short dock (issue 20).
QString emptyExplanation()
{
    return DoctorPanel::tr("Run Checks, above, looks at the project, Kafka Connect, each database and Kafka, and "
                           "says what to fix, with the evidence.");
}

} // namespace

DoctorPanel::DoctorPanel(QWidget *parent, doctor::DoctorCheckFactory checks)
    : QWidget(parent)
    , m_runner(new doctor::DoctorRunner(std::move(checks), this))
    , m_runAction(new QAction(tr("Run &Checks"), this))
    , m_cancelAction(new QAction(tr("Cancel"), this))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_tabs(new QTabWidget(this))
    , m_findingsPage(new QStackedWidget(this))
    , m_empty(new EmptyState(tr("No checks run yet"), emptyExplanation(), this))
    , m_findings(new FindingsView(this))
    , m_checklist(new ChecklistView(this))
    , m_guide(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("doctorPanel"));
    m_runAction->setObjectName(QStringLiteral("runDoctorChecks"));
    m_runAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_runAction->setToolTip(tr("Run the Doctor's checks against the real servers"));
    connect(m_runAction, &QAction::triggered, this, &DoctorPanel::runChecks);
    m_cancelAction->setObjectName(QStringLiteral("cancelDoctorChecks"));
    m_cancelAction->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    m_cancelAction->setToolTip(tr("Stop the run now and keep what the checks found so far (Esc)"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setEnabled(false);
    addAction(m_cancelAction); // Esc while the dock has the focus
    connect(m_cancelAction, &QAction::triggered, this, &DoctorPanel::cancel);

    auto *run = new QToolButton(this);
    run->setObjectName(QStringLiteral("doctorRun"));
    run->setDefaultAction(m_runAction);
    run->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *cancel = new QToolButton(this);
    cancel->setObjectName(QStringLiteral("doctorCancel"));
    cancel->setDefaultAction(m_cancelAction);
    cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    cancel->setVisible(false);
    connect(this, &DoctorPanel::runningChanged, cancel, &QWidget::setVisible);
    m_summary->setObjectName(QStringLiteral("doctorSummary"));
    m_summary->setText(tr("Not run yet"));
    m_summary->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("doctorProgress"));
    m_progress->setVisible(false);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(true);
    auto *bar = new QHBoxLayout;
    bar->addWidget(run);
    bar->addWidget(cancel);
    bar->addWidget(m_progress);
    bar->addWidget(m_summary, 1);

    m_empty->setObjectName(QStringLiteral("doctorEmptyState"));
    m_findingsPage->addWidget(m_empty);
    m_findingsPage->addWidget(m_findings);
    m_guide->setObjectName(QStringLiteral("doctorGuide"));
    m_guide->document()->setDefaultStyleSheet(monospaceStyleSheet());
    m_guide->setHtml(guideHtml());
    m_tabs->setObjectName(QStringLiteral("doctorPages"));
    m_tabs->addTab(m_findingsPage, tr("Findings"));
    m_tabs->addTab(m_checklist, tr("Checklist"));
    // Short tab names: all three fit a side dock's width without scroll arrows.
    m_tabs->addTab(m_guide, tr("Guide"));
    m_tabs->setTabToolTip(2, tr("Troubleshooting Guide: symptoms, causes, checks and fixes"));
    m_tabs->setUsesScrollButtons(false);
    m_tabs->setDocumentMode(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);
    // A dock tabbed with Diagnostics must not make the window's right column taller than the screen
    // (presentation mode's larger type would): the lists scroll instead.
    setMinimumSize(220, 200);

    connect(m_runner, &doctor::DoctorRunner::progress, this, [this](int step, int steps, const QString &what) {
        if (!m_running || step >= steps)
            return;
        m_step = step;
        m_steps = steps;
        m_progress->setRange(0, std::max(1, steps));
        m_progress->setValue(step);
        m_progress->setFormat(QStringLiteral("%v/%m"));
        m_summary->setText(what + QStringLiteral("…"));
        Q_EMIT progressChanged(QStringLiteral("%1/%2 %3…").arg(step + 1).arg(steps).arg(what));
    });
    connect(m_runner, &doctor::DoctorRunner::checkFinished, this, [this](int step, const doctor::Findings &findings) {
        m_partial.insert(m_partial.end(), findings.begin(), findings.end());
        m_progress->setValue(step + 1);
        showPartialFindings();
    });
    connect(m_runner, &doctor::DoctorRunner::finished, this, &DoctorPanel::finishRun);
    connect(m_runner, &doctor::DoctorRunner::applied, m_findings, &FindingsView::showApplyResult);
    connect(m_findings, &FindingsView::applyRequested, m_runner, &doctor::DoctorRunner::apply);
    connect(m_findings, &FindingsView::guideRequested, this, &DoctorPanel::showGuideEntry);
}

DoctorPanel::~DoctorPanel() = default;

bool DoctorPanel::isRunning() const
{
    return m_running;
}

QString DoctorPanel::summaryText() const
{
    return m_summary->text();
}

void DoctorPanel::runChecks()
{
    if (isRunning())
        return;
    if (!m_planProvider) {
        m_summary->setText(tr("Nothing to check: no project is open."));
        return;
    }
    Result<doctor::DoctorPlan> plan = m_planProvider();
    if (!plan) {
        m_summary->setText(plan.error().toString());
        return;
    }
    setRunning(true);
    m_runner->start(std::move(plan).value());
}

void DoctorPanel::cancel()
{
    m_runner->cancel(); // finishRun() has run when this returns
}

void DoctorPanel::setRunning(bool running)
{
    m_running = running;
    m_runAction->setEnabled(!running);
    m_cancelAction->setEnabled(running);
    m_progress->setVisible(running);
    if (running) {
        m_partial.clear();
        m_step = 0;
        m_steps = 0;
        m_progress->setRange(0, 0); // busy until the first step reports
        m_summary->setPalette(palette());
        m_summary->setText(tr("Starting…"));
        // The last run's findings go: what shows now is this run's, as its checks finish.
        m_empty->setTexts(tr("Checking…"), tr("Findings appear here as each check finishes."));
        showPartialFindings();
    }
    Q_EMIT runningChanged(running);
}

void DoctorPanel::showPartialFindings()
{
    m_findings->setFindings(m_partial);
    m_checklist->setFindings(m_partial);
    m_findingsPage->setCurrentWidget(m_partial.empty() ? static_cast<QWidget *>(m_empty) : m_findings);
}

void DoctorPanel::finishRun(const doctor::Findings &findings, bool cancelled)
{
    if (!m_running)
        return;
    const int checksRun = m_step;
    const int checks = m_steps;
    setRunning(false);
    if (!cancelled) {
        showFindings(findings);
        return;
    }
    m_partial = findings;
    if (findings.empty())
        m_empty->setTexts(tr("Cancelled"), tr("The run was cancelled before a check finished. Run Checks starts "
                                              "it again."));
    showPartialFindings();
    const doctor::FindingCounts counts = doctor::countFindings(findings);
    m_summary->setText(
        findings.empty()
            ? tr("Cancelled before a check finished.")
            : tr("Cancelled after %1 of %2 checks: %3").arg(checksRun).arg(checks).arg(doctor::summaryText(counts)));
    QPalette p = m_summary->palette();
    p.setColor(QPalette::WindowText, QColor(0xc7, 0x7c, 0x02));
    m_summary->setPalette(p);
    Q_EMIT findingsChanged(findings);
    Q_EMIT checksFinished(m_summary->text());
}

void DoctorPanel::showFindings(const doctor::Findings &findings)
{
    if (findings.empty())
        m_empty->setTexts(tr("No checks run yet"), emptyExplanation());
    m_findings->setFindings(findings);
    m_checklist->setFindings(findings);
    m_findingsPage->setCurrentWidget(findings.empty() ? static_cast<QWidget *>(m_empty) : m_findings);
    const doctor::FindingCounts counts = doctor::countFindings(findings);
    m_summary->setText(findings.empty() ? tr("Not run yet") : doctor::summaryText(counts));
    QPalette p = m_summary->palette();
    p.setColor(QPalette::WindowText, counts.error > 0     ? QColor(0xd0, 0x3a, 0x2f)
                                     : counts.warning > 0 ? QColor(0xc7, 0x7c, 0x02)
                                                          : palette().color(QPalette::WindowText));
    m_summary->setPalette(p);
    Q_EMIT findingsChanged(findings);
    Q_EMIT checksFinished(m_summary->text());
}

void DoctorPanel::showGuideEntry(const QString &entryId)
{
    m_tabs->setCurrentWidget(m_guide);
    m_guide->scrollToAnchor(entryId);
}

} // namespace cdc::ui
