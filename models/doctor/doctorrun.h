// One Doctor run: the project's own diagnostics, then Kafka Connect, then each database, then Kafka, in
// that order (the database checks need to know which connectors the worker runs). runDoctor() blocks and
// is what cdcctl and the tests call; DoctorRunner runs it on a pool thread for the GUI and reports
// progress, so the GUI thread never waits on a server.
#pragma once

#include "core/result.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace cdc::doctor {

// `step` of `steps` is about to start: `what` says which.
using DoctorProgress = std::function<void(int step, int steps, const QString &what)>;

// The project's linter and topology diagnostics as findings (area Project); one ok finding when clean.
Findings projectFindings(const topology::Project &project);

// Blocking; call it off the GUI thread. `cancelled` (may be null) is read between steps.
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
    ~DoctorRunner() override; // waits for a run in progress (its steps time out within seconds)

    bool isRunning() const;
    void start(DoctorPlan plan, DoctorOptions options = {});
    void apply(const Finding &finding);

Q_SIGNALS:
    void progress(int step, int steps, const QString &what);
    void finished(const cdc::doctor::Findings &findings);
    void applied(const QString &check, bool ok, const QString &message);

private:
    std::unique_ptr<QFutureWatcher<Findings>> m_run;
    struct ApplyOutcome
    {
        bool ok = false;
        QString message;
    };
    std::unique_ptr<QFutureWatcher<ApplyOutcome>> m_apply;
    std::shared_ptr<std::atomic_bool> m_cancelled;
};

} // namespace cdc::doctor
