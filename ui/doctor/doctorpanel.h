// The Doctor dock: Run Checks (off the GUI thread, with progress), the findings, the verification
// checklist and the troubleshooting guide as three pages. What to check comes from a plan provider the
// main window sets (the open project and the local stack's addresses).
#pragma once

#include "core/result.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;

namespace cdc::doctor {
class DoctorRunner;
}

namespace cdc::ui {

class ChecklistView;
class EmptyState;
class FindingsView;

class DoctorPanel : public QWidget
{
    Q_OBJECT

public:
    using PlanProvider = std::function<Result<doctor::DoctorPlan>()>;

    explicit DoctorPanel(QWidget *parent = nullptr);
    ~DoctorPanel() override;

    void setPlanProvider(PlanProvider provider) { m_planProvider = std::move(provider); }
    QAction *runAction() const { return m_runAction; }
    // True from Run Checks until the findings are shown.
    bool isRunning() const;

    // Starts a run; nothing when one is running.
    void runChecks();
    // Shows findings as a finished run would (also what tests call).
    void showFindings(const doctor::Findings &findings);
    // Switches to the guide and scrolls to an entry.
    void showGuideEntry(const QString &entryId);

    FindingsView *findingsView() const { return m_findings; }
    ChecklistView *checklistView() const { return m_checklist; }
    QString summaryText() const;

Q_SIGNALS:
    void checksFinished(const QString &summary);

private:
    void setRunning(bool running);

    PlanProvider m_planProvider;
    doctor::DoctorRunner *m_runner;
    QAction *m_runAction;
    QLabel *m_summary;
    QProgressBar *m_progress;
    QTabWidget *m_tabs;
    QStackedWidget *m_findingsPage;
    EmptyState *m_empty;
    FindingsView *m_findings;
    ChecklistView *m_checklist;
    QTextBrowser *m_guide;
    bool m_running = false; // until its findings are shown, not only until the thread is done
};

} // namespace cdc::ui
