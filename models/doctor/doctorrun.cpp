// SPDX-License-Identifier: GPL-3.0-or-later
// Each check on a thread nobody joins, waited for until its deadline or a Cancel; applying safe fixes.
#include "doctorrun.h"

#include "connect/connectclient.h"
#include "core/secretreference.h"
#include "doctor/sqlprobe.h"

#include <QCoreApplication>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace cdc::doctor {

struct CheckCall
{
    std::mutex mutex;
    std::condition_variable returned;
    bool done = false;
    Findings findings;
    DoctorContext context;
};

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cdc::doctor", text);
}

void append(Findings &to, const Findings &from)
{
    to.insert(to.end(), from.begin(), from.end());
}

// Runs `check` on a thread of its own that is never joined: whoever waits for it may stop waiting at any
// time, and the thread ends by itself whenever the check returns. `whenReturned` runs on that thread last.
std::shared_ptr<CheckCall> launch(const DoctorCheck &check, const DoctorContext &context,
                                  std::function<void()> whenReturned)
{
    auto call = std::make_shared<CheckCall>();
    std::thread([call, check, context = DoctorContext(context), whenReturned = std::move(whenReturned)]() mutable {
        Findings findings;
        try {
            findings = check.run(context);
        } catch (const std::exception &e) {
            Finding f;
            f.check = check.id.section(u' ', 0, 0) + QStringLiteral(".failed");
            f.area = check.area;
            f.severity = Severity::Error;
            f.subject = check.subject;
            f.title = tr("The check stopped with an error: %1").arg(QString::fromUtf8(e.what()));
            f.evidence = check.what;
            findings.push_back(f);
        }
        {
            std::lock_guard lock(call->mutex);
            call->findings = std::move(findings);
            call->context = std::move(context);
            call->done = true;
        }
        call->returned.notify_all();
        if (whenReturned)
            whenReturned();
    }).detach();
    return call;
}

} // namespace

Findings runChecks(const DoctorChecks &checks, const DoctorProgress &progress, const std::atomic_bool *cancelled)
{
    using Clock = std::chrono::steady_clock;
    auto isCancelled = [cancelled] { return cancelled && cancelled->load(); };
    const int steps = int(checks.size());
    Findings out;
    DoctorContext context;
    for (int step = 0; step < steps; ++step) {
        const DoctorCheck &check = checks[std::size_t(step)];
        if (progress)
            progress(step, steps, check.what);
        if (isCancelled())
            return out;
        const std::shared_ptr<CheckCall> call = launch(check, context, {});
        const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(check.deadlineMs);
        std::unique_lock lock(call->mutex);
        // Woken when the check returns; a Cancel is seen within 50 ms.
        while (!call->done && !isCancelled() && Clock::now() < deadline)
            call->returned.wait_until(lock, std::min(deadline, Clock::now() + std::chrono::milliseconds(50)));
        if (call->done) {
            append(out, call->findings);
            context = call->context;
        } else if (isCancelled()) {
            return out;
        } else {
            out.push_back(deadlineFinding(check));
        }
    }
    if (progress)
        progress(steps, steps, tr("Done"));
    return out;
}

Findings runDoctor(const DoctorPlan &plan, const DoctorOptions &options, const DoctorProgress &progress,
                   const std::atomic_bool *cancelled)
{
    return runChecks(doctorChecks(plan, options), progress, cancelled);
}

Result<QString> applyFix(const ApplyAction &action, int timeoutSeconds)
{
    switch (action.kind) {
    case ApplyAction::Kind::None:
        return Error{tr("This finding has no fix that is safe to apply from here."),
                     {},
                     tr("Copy the fix and apply it by hand.")};
    case ApplyAction::Kind::Sql: {
        const Result<QString> password = resolveSecretReference(action.passwordReference);
        if (!password)
            return password.error();
        SqlProbe probe(action.endpoint, password.value(), timeoutSeconds);
        const QString where =
            QStringLiteral("%1@%2:%3").arg(action.endpoint.user, action.endpoint.host).arg(action.endpoint.port);
        if (!probe.isOpen())
            return Error{tr("Cannot connect: %1").arg(probe.openError()), where, {}};
        const SqlRows r = probe.query(action.statement);
        if (!r.ok())
            return Error{tr("The server refused it: %1").arg(r.error), where,
                         tr("Apply the fix by hand as a user who may.")};
        return tr("Ran %1 on %2.").arg(action.statement, where);
    }
    case ApplyAction::Kind::RestartConnector: {
        connect::ClusterSettings settings;
        settings.url = QUrl(action.connectUrl);
        settings.timeoutMs = timeoutSeconds * 1000;
        connect::ConnectClient client(settings);
        const Result<void> r = connect::awaitAnswer<void>(
            [&](auto done) { client.restart(action.connector, true, true, std::move(done)); },
            settings.timeoutMs + 1000);
        if (!r)
            return r.error();
        return tr("Asked Kafka Connect to restart the failed tasks of %1.").arg(action.connector);
    }
    }
    return Error{tr("Unknown fix."), {}, {}};
}

// How threads reach the runner: they post to it under the mutex, and the runner's destructor clears it
// under the same mutex, so no thread posts to a runner that is being destroyed.
struct DoctorRunner::Link
{
    std::mutex mutex;
    DoctorRunner *runner = nullptr;
};

DoctorRunner::DoctorRunner(QObject *parent) : DoctorRunner(doctorChecks, parent) {}

DoctorRunner::DoctorRunner(DoctorCheckFactory checks, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(checks))
    , m_link(std::make_shared<Link>())
{
    m_link->runner = this;
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &DoctorRunner::checkMissedDeadline);
}

DoctorRunner::~DoctorRunner()
{
    std::lock_guard lock(m_link->mutex);
    m_link->runner = nullptr;
}

void DoctorRunner::start(DoctorPlan plan, DoctorOptions options)
{
    if (m_running)
        return;
    m_checks = m_factory(plan, options);
    m_step = 0;
    m_context = {};
    m_found.clear();
    m_running = true;
    startCheck();
}

void DoctorRunner::startCheck()
{
    const int steps = int(m_checks.size());
    if (m_step >= m_checks.size()) {
        m_running = false;
        Q_EMIT progress(steps, steps, tr("Done"));
        Q_EMIT finished(m_found, false);
        return;
    }
    const DoctorCheck &check = m_checks[m_step];
    const quint64 id = ++m_callId;
    m_call = launch(check, m_context, [link = m_link, id] {
        std::lock_guard lock(link->mutex);
        if (DoctorRunner *runner = link->runner)
            QMetaObject::invokeMethod(
                runner, [runner, id] { runner->checkReturned(id); }, Qt::QueuedConnection);
    });
    m_deadline.start(check.deadlineMs);
    Q_EMIT progress(int(m_step), steps, check.what);
}

void DoctorRunner::checkReturned(quint64 call)
{
    if (!m_running || call != m_callId || !m_call)
        return; // a check the run stopped waiting for
    Findings findings;
    {
        std::lock_guard lock(m_call->mutex);
        findings = m_call->findings;
        m_context = m_call->context;
    }
    endCheck(std::move(findings));
}

void DoctorRunner::checkMissedDeadline()
{
    if (m_running && m_step < m_checks.size())
        endCheck({deadlineFinding(m_checks[m_step])});
}

void DoctorRunner::endCheck(Findings findings)
{
    m_deadline.stop();
    m_call.reset();
    ++m_callId;
    append(m_found, findings);
    const int step = int(m_step++);
    Q_EMIT checkFinished(step, findings);
    if (m_running) // a slot may have cancelled the run
        startCheck();
}

void DoctorRunner::cancel()
{
    if (!m_running)
        return;
    m_deadline.stop();
    m_call.reset(); // its thread goes on until its call returns; nobody waits for it
    ++m_callId;
    m_running = false;
    Q_EMIT finished(m_found, true);
}

void DoctorRunner::apply(const Finding &finding)
{
    if (m_applying)
        return;
    m_applying = true;
    std::thread([link = m_link, action = finding.apply, check = finding.check] {
        const Result<QString> r = applyFix(action);
        const bool ok = r.ok();
        const QString message = ok ? r.value() : r.error().toString();
        std::lock_guard lock(link->mutex);
        if (DoctorRunner *runner = link->runner)
            QMetaObject::invokeMethod(
                runner,
                [runner, check, ok, message] {
                    runner->m_applying = false;
                    Q_EMIT runner->applied(check, ok, message);
                },
                Qt::QueuedConnection);
    }).detach();
}

} // namespace cdc::doctor
