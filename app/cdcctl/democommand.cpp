// SPDX-License-Identifier: GPL-3.0-or-later
#include "democommand.h"

#include "commands.h"
#include "interrupt.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxconsumer.h"
#include "sandbox/simulatedconnect.h"
#include "topology/templates.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>

#include <chrono>

namespace cdc::cli {

namespace {

using sandbox::Sandbox;
using sandbox::SourceKind;

int usageError(const QString &message)
{
    err() << QStringLiteral("cdcctl demo: ") << message << Qt::endl;
    return kExitUsage;
}

// Both databases' figures summed over their connectors; a state per database ("-" with no connector).
QString secondLine(const Sandbox &box)
{
    double postgresEps = 0;
    double mysqlEps = 0;
    qint64 pgLagBytes = 0;
    qint64 mysqlLagMs = 0;
    for (const sandbox::SourceStats &s : box.engine()->stats()) {
        if (s.kind == SourceKind::Postgres) {
            postgresEps += s.eventsPerSecond;
            pgLagBytes = std::max(pgLagBytes, s.lagBytes);
        } else {
            mysqlEps += s.eventsPerSecond;
            mysqlLagMs = std::max(mysqlLagMs, s.lagMs);
        }
    }
    QString postgresState = QStringLiteral("-");
    QString mysqlState = QStringLiteral("-");
    const sandbox::SimulatedConnect *connect = box.connect();
    for (const QString &name : connect->connectorNames()) {
        const auto config = connect->config(name);
        if (!config)
            continue;
        const auto spec = sandbox::captureSpecFromConfig(name, *config);
        if (!spec)
            continue;
        QString state = connect->connectorState(name);
        if (state == QLatin1String("RUNNING") && connect->taskState(name) == QLatin1String("FAILED"))
            state = QStringLiteral("TASK_FAILED");
        (spec.value().kind == SourceKind::Postgres ? postgresState : mysqlState) = state;
    }
    QStringList active;
    for (const sandbox::Incident incident : box.activeIncidents())
        active << sandbox::incidentInfo(incident).key;
    return QStringLiteral("postgres_eps=%1 mysql_eps=%2 pg_lag_bytes=%3 mysql_lag_ms=%4 postgres=%5 mysql=%6 "
                          "incidents=%7 unified_rows=%8")
        .arg(qRound64(postgresEps))
        .arg(qRound64(mysqlEps))
        .arg(pgLagBytes)
        .arg(mysqlLagMs)
        .arg(postgresState, mysqlState, active.isEmpty() ? QStringLiteral("-") : active.join(u','))
        .arg(box.unifiedConsumer()->recordsWritten());
}

} // namespace

void describeDemo(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Run the sandbox headless: an in-process Kafka broker (librdkafka's mock cluster) with the capstone's "
           "topics, a simulated Kafka Connect REST endpoint, and PostgreSQL and MySQL databases writing orders. The "
           "capstone's two connectors are deployed to it unless --no-deploy, with its unified consumer simulated "
           "in-process (no Flink): it writes unified.order. Prints bootstrap=HOST:PORT and "
           "connect=http://HOST:PORT, then a line per second: postgres_eps=.. mysql_eps=.. pg_lag_bytes=.. "
           "mysql_lag_ms=.., each database's connector state and unified_rows=.. (written to unified.order). Read the "
           "topics with cdcctl tail --bootstrap or "
           "kcat; drive Connect with cdcctl status/connector --connect or curl; trigger incidents with "
           "curl -X POST CONNECT/sandbox/incidents/KEY (DELETE recovers; GET CONNECT/sandbox lists them). Runs until "
           "Ctrl+C, or --seconds."));
    parser.addOption({QStringLiteral("rate"), tr("Events per second, both databases together (1-50000, default 200)."),
                      QStringLiteral("N"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("seconds"), tr("Stop after this many seconds (default: run until interrupted)."),
                      QStringLiteral("S"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("connect-port"), tr("Port of the simulated Kafka Connect (default: a free one)."),
                      QStringLiteral("PORT"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("no-deploy"), tr("Start with no connectors; deploy them yourself.")});
}

int runDemo(const QCommandLineParser &parser)
{
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("cdc.*.debug=false\ncdc.*.info=false"));
    bool ok = false;
    const int rate = parser.value(QStringLiteral("rate")).toInt(&ok);
    if (!ok || rate < 1 || rate > 50'000)
        return usageError(tr("--rate takes a number of events per second from 1 to 50000."));
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble(&ok);
    if (!ok || seconds < 0)
        return usageError(tr("--seconds takes a number of seconds (0: until interrupted)."));
    const uint port = parser.value(QStringLiteral("connect-port")).toUInt(&ok);
    if (!ok || port > 65535)
        return usageError(tr("--connect-port takes a port number."));
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("takes no arguments."));

    Sandbox box;
    Sandbox::Options options;
    options.rate = rate;
    options.connectPort = quint16(port);
    if (const Result<void> started = box.start(options); !started) {
        err() << QStringLiteral("cdcctl demo: ") << started.error().toString() << Qt::endl;
        return kExitFailed;
    }
    out() << QStringLiteral("bootstrap=") << box.bootstrap() << Qt::endl
          << QStringLiteral("connect=") << box.connectUrl().toString() << Qt::endl;

    QEventLoop loop;
    int exitCode = kExitOk;
    auto finish = [&](int code) {
        exitCode = code;
        loop.quit();
    };

    if (!parser.isSet(QStringLiteral("no-deploy"))) {
        const topology::ProjectTemplate *capstone = topology::findTemplate(QStringLiteral("capstone"));
        const Result<topology::Project> project =
            capstone ? topology::loadTemplate(*capstone)
                     : Result<topology::Project>(Error{tr("no capstone template"), {}, {}});
        if (!project) {
            err() << QStringLiteral("cdcctl demo: ") << project.error().toString() << Qt::endl;
            return kExitFailed;
        }
        box.deployProject(box.sandboxProject(project.value()), [&](const Result<void> &deployed) {
            if (!deployed) {
                err() << QStringLiteral("cdcctl demo: ") << deployed.error().toString() << Qt::endl;
                finish(kExitFailed);
                return;
            }
            out() << QStringLiteral("deployed=postgres-outbox,mysql-outbox") << Qt::endl;
        });
    }
    QObject::connect(&box, &Sandbox::incidentsChanged, &loop, [&box] {
        QStringList active;
        for (const sandbox::Incident incident : box.activeIncidents())
            active << sandbox::incidentInfo(incident).key;
        out() << QStringLiteral("incidents=") << (active.isEmpty() ? QStringLiteral("-") : active.join(u','))
              << Qt::endl;
    });

    QObject::connect(&box, &Sandbox::burstSent, &loop, [](qint64 orderId, int perDatabase) {
        out() << QStringLiteral("burst_order_id=%1 per_database=%2").arg(orderId).arg(perDatabase) << Qt::endl;
    });

    QTimer everySecond;
    everySecond.setTimerType(Qt::PreciseTimer);
    QObject::connect(&everySecond, &QTimer::timeout, &loop, [&box] { out() << secondLine(box) << Qt::endl; });
    everySecond.start(std::chrono::seconds(1));

    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] { finish(kExitOk); });
    if (seconds > 0)
        deadline.start(std::chrono::milliseconds(qint64(seconds * 1000)));

    InterruptGuard interrupt([&] { finish(kExitInterrupted); });
    loop.exec();
    box.stop();
    return exitCode;
}

} // namespace cdc::cli
