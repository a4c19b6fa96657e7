// The order of a run, the project's diagnostics as findings, applying safe fixes, and the GUI's runner.
#include "doctorrun.h"

#include "connect/connectclient.h"
#include "core/secretreference.h"
#include "doctor/connectchecks.h"
#include "doctor/kafkachecks.h"
#include "doctor/mysqlchecks.h"
#include "doctor/postgreschecks.h"
#include "doctor/sqlprobe.h"
#include "validation/projectvalidator.h"

#include <QCoreApplication>
#include <QPointer>
#include <QtConcurrent>

namespace cdc::doctor {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cdc::doctor", text, nullptr, n);
}

Severity fromLinter(debezium::Severity s)
{
    switch (s) {
    case debezium::Severity::Error: return Severity::Error;
    case debezium::Severity::Warning: return Severity::Warning;
    case debezium::Severity::Info: return Severity::Info;
    }
    return Severity::Info;
}

void append(Findings &to, Findings from)
{
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

} // namespace

Findings projectFindings(const topology::Project &project)
{
    Findings out;
    QMap<QString, QString> nodeNames;
    for (const topology::Node &n : project.nodes)
        nodeNames.insert(n.id, n.name);
    for (const validation::ProjectDiagnostic &d : validation::validateProject(project)) {
        Finding f;
        f.check = QStringLiteral("project.") + d.rule;
        f.area = Area::Project;
        f.severity = fromLinter(d.severity);
        f.subject = nodeNames.value(d.nodeId, project.name);
        f.title = d.message;
        f.evidence = d.property.isEmpty()
                         ? tr("The project's diagnostics (rule %1).").arg(d.rule)
                         : tr("The project's diagnostics (rule %1), property %2.").arg(d.rule, d.property);
        f.fix = d.suggestion;
        out.push_back(f);
    }
    if (out.empty()) {
        Finding f;
        f.check = QStringLiteral("project.lint");
        f.area = Area::Project;
        f.severity = Severity::Ok;
        f.subject = project.name;
        f.title = tr("The connector configs and the pipeline graph pass every rule.");
        f.evidence = tr("The linter's and the topology's rules over %n node(s).", int(project.nodes.size()));
        out.push_back(f);
    }
    return out;
}

Findings runDoctor(const DoctorPlan &plan, const DoctorOptions &options, const DoctorProgress &progress,
                   const std::atomic_bool *cancelled)
{
    const int steps = (options.project ? 1 : 0) + (options.connect ? 1 : 0) +
                      (options.databases ? int(plan.postgres.size() + plan.mysql.size()) : 0) + (options.kafka ? 1 : 0);
    int step = 0;
    auto next = [&](const QString &what) {
        if (progress)
            progress(step, steps, what);
        ++step;
        return !(cancelled && cancelled->load());
    };
    Findings out;
    if (options.project && next(tr("Checking the project")))
        append(out, projectFindings(plan.project));
    WorkerState worker;
    const bool askWorker = options.connect && plan.hasCluster;
    if (options.connect && next(tr("Asking Kafka Connect at %1").arg(plan.cluster.url.toString()))) {
        if (askWorker) {
            worker = fetchWorkerState(plan.cluster, options.timeoutSeconds * 1000);
            append(out, checkPlugins(worker, plan));
            append(out, checkConnectorStates(worker, plan));
            append(out, checkWorkerServerIds(worker, plan));
        }
    }
    const WorkerState *known = askWorker ? &worker : nullptr;
    if (options.databases) {
        for (const PostgresTarget &t : plan.postgres) {
            if (!next(tr("Checking PostgreSQL at %1:%2").arg(t.endpoint.host).arg(t.endpoint.port)))
                return out;
            append(out, runPostgresChecks(t, known, options.timeoutSeconds));
        }
        for (const MySqlTarget &t : plan.mysql) {
            if (!next(tr("Checking MySQL/MariaDB at %1:%2").arg(t.endpoint.host).arg(t.endpoint.port)))
                return out;
            append(out, runMySqlChecks(t, options.timeoutSeconds));
        }
    }
    if (options.kafka && next(tr("Asking Kafka at %1").arg(plan.kafkaBootstrap)))
        append(out, runKafkaChecks(plan, known, options.timeoutSeconds * 1000));
    if (progress)
        progress(steps, steps, tr("Done"));
    return out;
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

DoctorRunner::DoctorRunner(QObject *parent) : QObject(parent) {}

DoctorRunner::~DoctorRunner()
{
    if (m_cancelled)
        m_cancelled->store(true);
    if (m_run)
        m_run->waitForFinished();
    if (m_apply)
        m_apply->waitForFinished();
}

bool DoctorRunner::isRunning() const
{
    return m_run && m_run->isRunning();
}

void DoctorRunner::start(DoctorPlan plan, DoctorOptions options)
{
    if (isRunning())
        return;
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    m_run = std::make_unique<QFutureWatcher<Findings>>();
    connect(m_run.get(), &QFutureWatcher<Findings>::finished, this, [this] {
        if (m_cancelled && !m_cancelled->load())
            Q_EMIT finished(m_run->result());
    });
    QPointer<DoctorRunner> self(this);
    std::shared_ptr<std::atomic_bool> cancelled = m_cancelled;
    auto report = [self, cancelled](int step, int steps, const QString &what) {
        if (cancelled->load())
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, step, steps, what] {
                if (self)
                    Q_EMIT self->progress(step, steps, what);
            },
            Qt::QueuedConnection);
    };
    m_run->setFuture(QtConcurrent::run([plan = std::move(plan), options, report, cancelled] {
        return runDoctor(plan, options, report, cancelled.get());
    }));
}

void DoctorRunner::apply(const Finding &finding)
{
    if (m_apply && m_apply->isRunning())
        return;
    m_apply = std::make_unique<QFutureWatcher<ApplyOutcome>>();
    const QString check = finding.check;
    connect(m_apply.get(), &QFutureWatcher<ApplyOutcome>::finished, this, [this, check] {
        const ApplyOutcome r = m_apply->result();
        Q_EMIT applied(check, r.ok, r.message);
    });
    m_apply->setFuture(QtConcurrent::run([action = finding.apply] {
        const Result<QString> r = applyFix(action);
        return ApplyOutcome{r.ok(), r.ok() ? r.value() : r.error().toString()};
    }));
}

} // namespace cdc::doctor
