// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl doctor`: options -> the plan the core builds for the project -> runDoctor(), which waits here for
// each check (on a thread of its own) until it returns or its deadline passes.
#include "doctorcommand.h"

#include "commands.h"
#include "core/stackenvironment.h"
#include "doctor/doctorrun.h"
#include "topology/projectfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace cdc::cli {

namespace {

int usageError(const QString &message)
{
    err() << QStringLiteral("cdcctl doctor: ") << message << Qt::endl;
    return kExitUsage;
}

} // namespace

void describeDoctor(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Run the Doctor's preflight and troubleshooting checks on a project: its connector and topology rules; "
           "the Debezium plugins and the connectors' states on Kafka Connect (a FAILED task's trace matched against "
           "known causes); wal_level, slots, publication, role and tables on PostgreSQL; the binlog, server ids and "
           "grants on MySQL/MariaDB; each schema history topic on Kafka. Each finding has a severity, the evidence "
           "and a fix. Addresses the project leaves out come from $CDC_STACK_DIR/stack.env. Exit 0 when no check "
           "found an error, 1 when one did, 2 when the project cannot be read, 64 on a bad command line."));
    parser.addPositionalArgument(QStringLiteral("project"), tr("The project file."), QStringLiteral("project"));
    parser.addOption({QStringLiteral("json"), tr("Print one JSON document: the summary and every finding.")});
    parser.addOption({QStringLiteral("details"), tr("Print each finding's evidence and fix under it.")});
    parser.addOption({QStringLiteral("only"),
                      tr("Run only these areas, comma-separated: project, connect, databases, kafka, consumer."),
                      QStringLiteral("areas")});
    parser.addOption({QStringLiteral("timeout"),
                      tr("Seconds to wait for each request to a server (default 5); each check stops waiting after "
                         "4 times that and 2 seconds more, reports it, and the run goes on."),
                      QStringLiteral("s"), QStringLiteral("5")});
}

int runDoctor(const QCommandLineParser &parser)
{
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("cdc.connect.debug=false\ncdc.connect.info=false"));
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(tr("name one project file."));
    doctor::DoctorOptions options;
    bool ok = false;
    options.timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || options.timeoutSeconds < 1 || options.timeoutSeconds > 600)
        return usageError(tr("--timeout takes a number of seconds from 1 to 600."));
    if (parser.isSet(QStringLiteral("only"))) {
        const QStringList areas = parser.value(QStringLiteral("only")).split(u',', Qt::SkipEmptyParts);
        static const QStringList known{QStringLiteral("project"), QStringLiteral("connect"),
                                       QStringLiteral("databases"), QStringLiteral("kafka"),
                                       QStringLiteral("consumer")};
        for (const QString &a : areas) {
            if (!known.contains(a.trimmed()))
                return usageError(
                    tr("unknown area \"%1\" for --only (project, connect, databases, kafka, consumer).").arg(a));
        }
        auto has = [&areas](const char *name) {
            return std::any_of(areas.begin(), areas.end(),
                               [name](const QString &a) { return a.trimmed() == QLatin1String(name); });
        };
        options.project = has("project");
        options.connect = has("connect");
        options.databases = has("databases");
        options.kafka = has("kafka");
        options.consumer = has("consumer");
    }
    const QString path = positional.constFirst();
    const Result<topology::Project> project = topology::loadProjectFile(path);
    if (!project) {
        err() << QStringLiteral("ERROR ") << project.error().toString() << Qt::endl;
        return kExitUnreadable;
    }
    std::optional<StackEnvironment> env;
    if (const QString envPath = StackEnvironment::defaultPath(); !envPath.isEmpty()) {
        if (Result<StackEnvironment> loaded = StackEnvironment::load(envPath))
            env = std::move(loaded).value();
    }
    const doctor::DoctorPlan plan = doctor::planFor(project.value(), env ? &*env : nullptr);
    const bool json = parser.isSet(QStringLiteral("json"));
    const doctor::Findings findings =
        doctor::runDoctor(plan, options, [json](int step, int steps, const QString &what) {
            if (!json && step < steps)
                err() << QStringLiteral("[%1/%2] ").arg(step + 1).arg(steps) << what << Qt::endl;
        });
    const doctor::FindingCounts counts = doctor::countFindings(findings);
    if (json) {
        QJsonArray list;
        for (const doctor::Finding &f : findings)
            list.append(doctor::findingToJson(f));
        const QJsonObject doc{{QStringLiteral("project"), path},
                              {QStringLiteral("summary"), QJsonObject{{QStringLiteral("error"), counts.error},
                                                                      {QStringLiteral("warning"), counts.warning},
                                                                      {QStringLiteral("info"), counts.info},
                                                                      {QStringLiteral("ok"), counts.ok}}},
                              {QStringLiteral("findings"), list}};
        out() << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    } else {
        const bool details = parser.isSet(QStringLiteral("details"));
        for (const doctor::Finding &f : findings)
            out() << doctor::formatFinding(f, details && f.severity != doctor::Severity::Ok) << Qt::endl;
        out() << doctor::summaryText(counts) << Qt::endl;
    }
    out().flush();
    return counts.error > 0 ? kExitFailed : kExitOk;
}

} // namespace cdc::cli
