// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl lag`: options -> the samplers lagsetup builds for the project, run by a LagMonitor on this
// thread's event loop; each sample printed as text or JSON with its level under the project's thresholds.
#include "lagcommand.h"

#include "commands.h"
#include "core/stackenvironment.h"
#include "interrupt.h"
#include "lag/lagmonitor.h"
#include "lag/lagsetup.h"
#include "lag/samplerthread.h"
#include "topology/projectfile.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QSet>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

namespace cdc::cli {

namespace {

using lag::LagMonitor;
using lag::SeriesKey;

constexpr int kDefaultOnceSeconds = 10; // without --watch: how long to wait for every sampler's first sample
constexpr int kMinimumIntervalMs = 100;

int usageError(const QString &message)
{
    err() << QStringLiteral("cdcctl lag: ") << message << Qt::endl;
    return kExitUsage;
}

// The project file's "lag" object (thresholds), when it has one.
Result<lag::LagThresholds> thresholdsOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return lag::LagThresholds{};
    const QByteArray bytes = f.readAll();
    try {
        const nlohmann::json doc = nlohmann::json::parse(bytes.begin(), bytes.end());
        if (doc.is_object() && doc.contains("lag"))
            return lag::thresholdsFromJson(doc["lag"]);
    } catch (const nlohmann::json::exception &) {
        // parseProject already accepted the file; nothing more to say here
    }
    return lag::LagThresholds{};
}

QString valueText(double value)
{
    return std::abs(value - std::round(value)) < 1e-9 ? QString::number(qint64(std::llround(value)))
                                                      : QString::number(value, 'f', 1);
}

void printSample(const SeriesKey &key, qint64 timeMs, double value, lag::LagLevel level, bool json)
{
    if (json) {
        const QJsonObject o{
            {QStringLiteral("series"), key.id},
            {QStringLiteral("label"), key.label},
            {QStringLiteral("unit"), lag::unitName(key.unit)},
            {QStringLiteral("value"), value},
            {QStringLiteral("level"), lag::levelName(level)},
            {QStringLiteral("timeMs"), timeMs},
            {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {QStringLiteral("databaseKind"), key.databaseKind},
            {QStringLiteral("nodeId"), key.nodeId}};
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << Qt::endl;
        return;
    }
    out() << key.id << u' ' << valueText(value) << u' ' << lag::unitName(key.unit) << u' ' << lag::levelName(level)
          << Qt::endl;
}

} // namespace

void describeLag(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Print the project's lag: PostgreSQL slot WAL lag and retained WAL in bytes, MySQL/MariaDB connector lag "
           "in milliseconds, consumer-group lag in messages. Without --watch, samples once (waiting up to --seconds, "
           "default 10, for every sampler) and prints one line per series: SERIES VALUE UNIT LEVEL. With --watch, "
           "one line per sample until --seconds have passed or it is interrupted. Levels follow the project's "
           "\"lag\" thresholds. Addresses the project leaves out come from $CDC_STACK_DIR/stack.env. Exit 0; 1 when "
           "a sampler fails (its reason on stderr); 2 when the project cannot be read; 64 on a bad command line."));
    parser.addPositionalArgument(QStringLiteral("project"), tr("The project file."), QStringLiteral("project"));
    parser.addOption({QStringLiteral("json"), tr("One JSON object per line.")});
    parser.addOption({QStringLiteral("watch"), tr("Keep sampling; print every sample.")});
    parser.addOption({QStringLiteral("interval"), tr("Milliseconds between samples (at least 100)."),
                      QStringLiteral("ms"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("seconds"),
                      tr("With --watch: stop after this many seconds. Without: wait at most this long for the first "
                         "samples."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("verbose"), tr("Log the samplers' connections to stderr.")});
}

int runLag(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("verbose")) && qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("cdc.stream.warning=false\ncdc.stream.info=false\n"
                                                        "cdc.stream.debug=false\ncdc.connect.debug=false\n"
                                                        "cdc.connect.info=false\ncdc.lag.info=false\n"
                                                        "cdc.lag.debug=false"));

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(tr("name one project file."));
    bool ok = false;
    const int intervalMs = parser.value(QStringLiteral("interval")).toInt(&ok);
    if (!ok || intervalMs < kMinimumIntervalMs)
        return usageError(tr("--interval takes a number of milliseconds, at least %1.").arg(kMinimumIntervalMs));
    const bool watch = parser.isSet(QStringLiteral("watch"));
    const bool json = parser.isSet(QStringLiteral("json"));
    double seconds = watch ? -1 : kDefaultOnceSeconds;
    if (parser.isSet(QStringLiteral("seconds"))) {
        seconds = parser.value(QStringLiteral("seconds")).toDouble(&ok);
        if (!ok || !(seconds > 0))
            return usageError(tr("--seconds takes a positive number of seconds."));
    }

    const QString path = positional.constFirst();
    const Result<topology::Project> project = topology::loadProjectFile(path);
    if (!project) {
        err() << QStringLiteral("ERROR ") << project.error().toString() << Qt::endl;
        return kExitUnreadable;
    }
    const Result<lag::LagThresholds> thresholds = thresholdsOf(path);
    if (!thresholds) {
        err() << QStringLiteral("ERROR ") << thresholds.error().toString() << Qt::endl;
        return kExitUnreadable;
    }
    std::optional<StackEnvironment> env;
    if (const QString envPath = StackEnvironment::defaultPath(); !envPath.isEmpty()) {
        if (Result<StackEnvironment> loaded = StackEnvironment::load(envPath))
            env = std::move(loaded).value();
    }

    std::vector<std::unique_ptr<lag::LagSampler>> samplers = lag::samplersFor(project.value(), env ? &*env : nullptr);
    if (samplers.empty()) {
        err() << tr("cdcctl lag: %1 has nothing to measure: no PostgreSQL or MySQL connector, no PostgreSQL database "
                    "with a user, no consumer with a group.id.")
                     .arg(path)
              << Qt::endl;
        return kExitFailed;
    }

    QEventLoop loop;
    int exitCode = kExitOk;
    bool finished = false;
    bool anyFailure = false;
    const auto finish = [&](int code) {
        if (finished)
            return;
        finished = true;
        exitCode = code;
        loop.exit(code);
    };

    LagMonitor monitor;
    monitor.setThresholds(thresholds.value());
    QSet<QString> waiting; // samplers with neither a sample nor a failure yet
    for (std::unique_ptr<lag::LagSampler> &s : samplers) {
        const QString name = s->name();
        waiting.insert(name);
        const auto answered = [&waiting, &watch, &finish, name] {
            waiting.remove(name);
            if (!watch && waiting.isEmpty())
                finish(kExitOk);
        };
        // Queued: the monitor takes the sample in first.
        QObject::connect(s.get(), &lag::LagSampler::sampled, &loop, answered, Qt::QueuedConnection);
        QObject::connect(s.get(), &lag::LagSampler::failed, &loop, answered, Qt::QueuedConnection);
        monitor.addSampler(std::move(s));
    }
    QObject::connect(&monitor, &LagMonitor::sampleAdded, &loop, [&](const SeriesKey &key, qint64 timeMs, double value) {
        if (watch && !finished)
            printSample(key, timeMs, value, monitor.thresholds().forSeries(key).levelFor(value), json);
    });
    QObject::connect(&monitor, &LagMonitor::samplerFailed, &loop, [&](const QString &sampler, const QString &message) {
        anyFailure = true;
        err() << QStringLiteral("cdcctl lag: ") << sampler << QStringLiteral(": ") << message << Qt::endl;
    });
    QObject::connect(&monitor, &LagMonitor::samplerRecovered, &loop, [&](const QString &sampler) {
        err() << QStringLiteral("cdcctl lag: ") << sampler << QStringLiteral(": ") << tr("works again") << Qt::endl;
    });

    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] { finish(kExitOk); });
    if (seconds > 0)
        deadline.start(std::chrono::milliseconds(qint64(seconds * 1000)));

    // Ctrl+C and SIGTERM end the loop.
    InterruptGuard interrupt([&] { finish(kExitInterrupted); });

    monitor.start(intervalMs);
    loop.exec();
    monitor.stop();

    if (!watch && exitCode != kExitInterrupted) {
        for (const SeriesKey &key : monitor.series()) {
            const lag::TimeSeries *data = monitor.seriesData(key.id);
            if (!data || data->isEmpty())
                continue;
            const lag::TimeSeries::Point last = *data->last();
            printSample(key, last.timeMs, last.mean, monitor.thresholds().forSeries(key).levelFor(last.mean), json);
        }
        for (const QString &name : std::as_const(waiting))
            err() << QStringLiteral("cdcctl lag: ") << name << QStringLiteral(": ")
                  << tr("no sample within %1 s").arg(seconds) << Qt::endl;
    }
    monitor.clearSamplers();
    // Let the samplers' threads close their connections before the process tears down the drivers.
    lag::SamplerThread::waitForAll(8000); // a connect and a query, each with its own timeout
    if (exitCode == kExitInterrupted)
        return exitCode;
    return anyFailure ? kExitFailed : kExitOk;
}

} // namespace cdc::cli
