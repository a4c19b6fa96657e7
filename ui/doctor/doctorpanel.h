// SPDX-License-Identifier: GPL-3.0-or-later
// The Doctor dock: Run Checks (off the GUI thread, with progress and Cancel), the findings as each check
// finishes, the verification checklist and the troubleshooting guide as three pages. What to check comes
// from a plan provider the main window sets (the open project and the local stack's addresses).
#pragma once

#include "core/result.h"
#include "doctor/doctorcheck.h"
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

    // `checks` makes a run's check list from the plan (tests give one that blocks).
    explicit DoctorPanel(QWidget *parent = nullptr, doctor::DoctorCheckFactory checks = doctor::doctorChecks);
    ~DoctorPanel() override; // never waits for a check still running

    void setPlanProvider(PlanProvider provider) { m_planProvider = std::move(provider); }
    QAction *runAction() const { return m_runAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    // True from Run Checks until the findings are shown, or until Cancel.
    bool isRunning() const;

    // Starts a run; nothing when one is running.
    void runChecks();
    // Stops a run at once and shows what the checks found so far, marked as cancelled.
    void cancel();
    // Shows findings as a finished run would (also what tests call).
    void showFindings(const doctor::Findings &findings);
    // Switches to the guide and scrolls to an entry.
    void showGuideEntry(const QString &entryId);

    FindingsView *findingsView() const { return m_findings; }
    ChecklistView *checklistView() const { return m_checklist; }
    QString summaryText() const;

Q_SIGNALS:
    void runningChanged(bool running);
    // "3/5 Asking Kafka at 127.0.0.1:9092…" while a run goes on.
    void progressChanged(const QString &text);
    void checksFinished(const QString &summary);
    // What a finished (or cancelled) run found; also when showFindings() is called.
    void findingsChanged(const doctor::Findings &findings);

private:
    void setRunning(bool running);
    void showPartialFindings();
    void finishRun(const doctor::Findings &findings, bool cancelled);

    PlanProvider m_planProvider;
    doctor::DoctorRunner *m_runner;
    QAction *m_runAction;
    QAction *m_cancelAction;
    QLabel *m_summary;
    QProgressBar *m_progress;
    QTabWidget *m_tabs;
    QStackedWidget *m_findingsPage;
    EmptyState *m_empty;
    FindingsView *m_findings;
    ChecklistView *m_checklist;
    QTextBrowser *m_guide;
    doctor::Findings m_partial; // of the run going on, as its checks finish
    int m_step = 0, m_steps = 0;
    bool m_running = false; // until its findings are shown, not only until the thread is done
};

} // namespace cdc::ui
