// SPDX-License-Identifier: GPL-3.0-or-later
// One Doctor run: each check of doctorcheck.h on a thread of its own that nobody ever joins, waited for
// until its deadline or a Cancel, whichever comes first. A check that does not return (a librdkafka or SQL
// call stuck in its library) is left to end by itself; the run goes on without it. runDoctor() blocks and
// is what cdcctl and the tests call; DoctorRunner does the same for the GUI without blocking, and reports
// each check's findings as they come.
#pragma once

#include "core/result.h"
#include "doctor/doctorcheck.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace cdc::doctor {

struct CheckCall; // what a check's thread and the one waiting for it share (doctorrun.cpp)

// `step` of `steps` is about to start: `what` says which.
using DoctorProgress = std::function<void(int step, int steps, const QString &what)>;

// Blocking, on any thread. `cancelled` (may be null) is looked at while a check runs: the findings so far
// are returned at once.
Findings runChecks(const DoctorChecks &checks, const DoctorProgress &progress = {},
                   const std::atomic_bool *cancelled = nullptr);
Findings runDoctor(const DoctorPlan &plan, const DoctorOptions &options, const DoctorProgress &progress = {},
                   const std::atomic_bool *cancelled = nullptr);

// Runs a finding's safe fix (blocking): its SQL as the connector's user, or a restart of a FAILED
// connector's failed tasks. Returns what was done, in a sentence.
Result<QString> applyFix(const ApplyAction &action, int timeoutSeconds = 10);

class DoctorRunner : public QObject
{
    Q_OBJECT

public:
    explicit DoctorRunner(QObject *parent = nullptr);
    explicit DoctorRunner(DoctorCheckFactory checks, QObject *parent = nullptr);
    ~DoctorRunner() override; // never waits: a check still running is left to end by itself

    bool isRunning() const { return m_running; }
    void start(DoctorPlan plan, DoctorOptions options = {});
    // Stops the run now: finished(the findings so far, true) is emitted before this returns.
    void cancel();
    void apply(const Finding &finding);

Q_SIGNALS:
    void progress(int step, int steps, const QString &what);
    // One check's findings (a deadline's warning, for a check that did not finish in time).
    void checkFinished(int step, const cdc::doctor::Findings &findings);
    void finished(const cdc::doctor::Findings &findings, bool cancelled);
    void applied(const QString &check, bool ok, const QString &message);

private:
    struct Link;
    void startCheck();
    void checkReturned(quint64 call);
    void checkMissedDeadline();
    void endCheck(Findings findings);

    DoctorCheckFactory m_factory;
    std::shared_ptr<Link> m_link; // how check threads reach this object, or learn it is gone
    DoctorChecks m_checks;
    std::size_t m_step = 0;
    DoctorContext m_context;
    Findings m_found;
    std::shared_ptr<CheckCall> m_call; // the check running now
    quint64 m_callId = 0;
    QTimer m_deadline;
    bool m_running = false;
    bool m_applying = false;
};

} // namespace cdc::doctor
