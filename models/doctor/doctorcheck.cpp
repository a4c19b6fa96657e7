// SPDX-License-Identifier: GPL-3.0-or-later
// The standard check list of a run, the project's diagnostics as findings, and the deadline's finding.
#include "doctorcheck.h"

#include "consumer/consumernode.h"
#include "debezium/outboxartifacts.h"
#include "doctor/consumerchecks.h"
#include "doctor/consumerrunchecks.h"
#include "doctor/kafkachecks.h"
#include "doctor/mysqlchecks.h"
#include "doctor/postgreschecks.h"
#include "validation/projectvalidator.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>

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

int checkDeadlineMs(const DoctorOptions &options)
{
    return (4 * options.timeoutSeconds + 2) * 1000;
}

DoctorChecks doctorChecks(const DoctorPlan &plan, const DoctorOptions &options)
{
    DoctorChecks checks;
    const int deadline = checkDeadlineMs(options);
    const int timeoutSeconds = options.timeoutSeconds;
    if (options.project) {
        checks.push_back({QStringLiteral("project"), tr("Checking the project"), Area::Project, plan.project.name,
                          deadline, [project = plan.project](DoctorContext &) { return projectFindings(project); }});
    }
    if (options.connect) {
        const QString url = plan.cluster.url.toString();
        checks.push_back({QStringLiteral("connect"), tr("Asking Kafka Connect at %1").arg(url), Area::KafkaConnect,
                          QStringLiteral("Kafka Connect %1").arg(url), deadline,
                          [plan, timeoutSeconds](DoctorContext &context) {
                              Findings out;
                              if (!plan.hasCluster)
                                  return out; // no worker named: the connectors are not deployed anywhere yet
                              context.worker = fetchWorkerState(plan.cluster, timeoutSeconds * 1000);
                              append(out, checkPlugins(*context.worker, plan));
                              append(out, checkConnectorStates(*context.worker, plan));
                              append(out, checkWorkerServerIds(*context.worker, plan));
                              return out;
                          }});
    }
    if (plan.simulated && (options.databases || options.consumer)) {
        checks.push_back({QStringLiteral("sandbox"), tr("Noting what the sandbox simulates"), Area::Project,
                          plan.project.name, deadline, [](DoctorContext &) { return Findings{simulatedFinding()}; }});
    }
    if (options.databases && !plan.simulated) {
        for (const PostgresTarget &t : plan.postgres) {
            const QString where = QStringLiteral("%1:%2").arg(t.endpoint.host).arg(t.endpoint.port);
            checks.push_back({QStringLiteral("postgres ") + where, tr("Checking PostgreSQL at %1").arg(where),
                              Area::PostgreSQL, QStringLiteral("PostgreSQL ") + where, deadline,
                              [t, timeoutSeconds](DoctorContext &context) {
                                  return runPostgresChecks(t, context.knownWorker(), timeoutSeconds);
                              }});
        }
        for (const MySqlTarget &t : plan.mysql) {
            const QString where = QStringLiteral("%1:%2").arg(t.endpoint.host).arg(t.endpoint.port);
            checks.push_back({QStringLiteral("mysql ") + where, tr("Checking MySQL/MariaDB at %1").arg(where),
                              Area::MySQL, QStringLiteral("MySQL/MariaDB ") + where, deadline,
                              [t, timeoutSeconds](DoctorContext &) { return runMySqlChecks(t, timeoutSeconds); }});
        }
    }
    if (options.kafka) {
        checks.push_back({QStringLiteral("kafka"), tr("Asking Kafka at %1").arg(plan.kafkaBootstrap), Area::Kafka,
                          QStringLiteral("Kafka ") + plan.kafkaBootstrap, deadline,
                          [plan, timeoutSeconds](DoctorContext &context) {
                              return runKafkaChecks(plan, context.knownWorker(), timeoutSeconds * 1000);
                          }});
    }
    const bool hasConsumer = std::any_of(plan.project.nodes.begin(), plan.project.nodes.end(),
                                         [](const auto &node) { return node.kind == topology::NodeKind::Consumer; });
    if (options.consumer && hasConsumer && !plan.simulated) {
        checks.push_back({QStringLiteral("consumer"), tr("Checking the unified consumer's Python and Java"),
                          Area::Consumer, tr("The unified consumer"), deadline,
                          [project = plan.project, timeoutSeconds](DoctorContext &) {
                              return runConsumerChecks(project, timeoutSeconds * 1000);
                          }});
        const topology::Node *node = pyFlinkConsumerNode(plan.project);
        const QString clusterUrl = node ? node->properties.value(consumer::kClusterUrlProperty).trimmed() : QString();
        if (!clusterUrl.isEmpty()) {
            checks.push_back({QStringLiteral("flink"), tr("Asking the Flink cluster at %1").arg(clusterUrl),
                              Area::Consumer, QStringLiteral("Flink ") + clusterUrl, deadline,
                              [consumerNode = *node, timeoutSeconds](DoctorContext &) {
                                  const std::optional<Finding> f =
                                      checkFlinkCluster(consumerNode, timeoutSeconds * 1000);
                                  return f ? Findings{*f} : Findings{};
                              }});
        }
        if (node) {
            // Two reads of the group's offsets, a checkpoint interval and a bit apart, when it is behind.
            const int settleMs = (debezium::pyFlinkOptionsFor(plan.project).checkpointSeconds + 2) * 1000;
            checks.push_back(
                {QStringLiteral("consumer-group"),
                 tr("Asking Kafka at %1 whether the unified consumer's group consumes").arg(plan.kafkaBootstrap),
                 Area::Consumer, tr("The unified consumer's group"), 2 * deadline + settleMs,
                 [project = plan.project, bootstrap = plan.kafkaBootstrap, timeoutSeconds, settleMs](DoctorContext &) {
                     return Findings{checkGroupConsuming(project, bootstrap, timeoutSeconds * 1000, settleMs)};
                 }});
        }
    }
    return checks;
}

Finding simulatedFinding()
{
    Finding f;
    f.check = QStringLiteral("sandbox.simulated");
    f.area = Area::Project;
    f.severity = Severity::Info;
    f.subject = tr("The sandbox");
    f.title = tr("The sandbox simulates PostgreSQL, MySQL and the unified consumer in-process: no database or "
                 "consumer check applies to them. Kafka Connect and Kafka were asked as usual.");
    f.evidence = tr("The sandbox runs the project; its databases have no server to connect to.");
    f.fix = tr("Stop the sandbox and run the Doctor against the local stack (stack/up) or your own servers to "
               "check real databases.");
    return f;
}

Finding deadlineFinding(const DoctorCheck &check)
{
    Finding f;
    f.check = check.id.section(u' ', 0, 0) + QStringLiteral(".deadline");
    f.area = check.area;
    f.severity = Severity::Warning;
    f.subject = check.subject;
    const QString seconds = QString::number(check.deadlineMs / 1000.0, 'g', 3);
    f.title = tr("%1 did not answer within %2 s; the Doctor stopped waiting and went on.").arg(check.subject, seconds);
    f.evidence = tr("\"%1\" was still running after its deadline of %2 s.").arg(check.what, seconds);
    f.fix = tr("Check that %1 answers from this machine, then run the checks again (cdcctl doctor --timeout gives "
               "slow servers longer).")
                .arg(check.subject);
    return f;
}

} // namespace cdc::doctor
