// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl tail`: options -> consumer settings, the project's source routing, a filter; then the
// same pipeline as the viewer drained on the event loop, each batch filtered and printed as JSON Lines.
#include "tailcommand.h"

#include "commands.h"
#include "core/stackenvironment.h"
#include "interrupt.h"
#include "stream/eventjson.h"
#include "stream/eventpipeline.h"
#include "stream/eventquery.h"
#include "stream/sourcerouting.h"
#include "topology/projectfile.h"
#include "topology/topologymodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace cdc::cli {

namespace {

using stream::ConsumerSettings;
using stream::StreamConsumer;

int usageError(const QString &message)
{
    err() << QStringLiteral("cdcctl tail: ") << message << Qt::endl;
    return kExitUsage;
}

// --from: beginning, end, offset:N, epoch milliseconds, or an ISO 8601 date and time.
std::optional<ConsumerSettings> parseStart(const QString &text, ConsumerSettings settings)
{
    using Start = ConsumerSettings::Start;
    const QString t = text.trimmed();
    if (t == QLatin1String("beginning") || t == QLatin1String("earliest")) {
        settings.start = Start::Beginning;
        return settings;
    }
    if (t == QLatin1String("end") || t == QLatin1String("latest")) {
        settings.start = Start::End;
        return settings;
    }
    bool ok = false;
    if (t.startsWith(QLatin1String("offset:"))) {
        const qint64 offset = t.mid(7).toLongLong(&ok);
        if (!ok || offset < 0)
            return std::nullopt;
        settings.start = Start::Offset;
        settings.startOffset = offset;
        return settings;
    }
    const qint64 ms = t.toLongLong(&ok);
    if (ok && ms >= 0) {
        settings.start = Start::Timestamp;
        settings.startTimestampMs = ms;
        return settings;
    }
    QDateTime when = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(t, Qt::ISODate);
    if (!when.isValid())
        return std::nullopt;
    settings.start = Start::Timestamp;
    settings.startTimestampMs = when.toMSecsSinceEpoch();
    return settings;
}

} // namespace

QString resolveBootstrap(const QString &explicitValue)
{
    if (!explicitValue.trimmed().isEmpty())
        return explicitValue.trimmed();
    const QString path = StackEnvironment::defaultPath();
    if (!path.isEmpty()) {
        const Result<StackEnvironment> env = StackEnvironment::load(path);
        if (env && !env.value().value(QStringLiteral("KAFKA_BOOTSTRAP")).isEmpty())
            return env.value().value(QStringLiteral("KAFKA_BOOTSTRAP"));
    }
    return ConsumerSettings{}.bootstrapServers;
}

void quietStreamLogging()
{
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(
            QStringLiteral("cdc.stream.warning=false\ncdc.stream.info=false\ncdc.stream.debug=false"));
}

void describeTail(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Follow the merged, source-tagged event stream: one JSON object per line on stdout (source, compositeKey, "
           "topic, partition, offset, times, op, kind, entity, eventType, key, headers, late, value). Sources are "
           "routed by the project's topology when PROJECT is given, else by the outbox.event.{postgres|mysql}. "
           "naming. Exit 0 after --max events or --timeout seconds without events; 1 on a bad filter, a broker "
           "that cannot be reached within --timeout, or a failed consumer; 64 on a bad command line."));
    parser.addPositionalArgument(QStringLiteral("project"), tr("The project file whose topology routes the topics."),
                                 QStringLiteral("[project]"));
    parser.addOption({QStringLiteral("bootstrap"),
                      tr("Kafka bootstrap servers (default: KAFKA_BOOTSTRAP of $CDC_STACK_DIR/stack.env, else "
                         "127.0.0.1:19092)."),
                      QStringLiteral("host:port")});
    parser.addOption({QStringLiteral("topics"), tr("Topics matching this regex (default: ^outbox\\.event\\..*)."),
                      QStringLiteral("regex")});
    parser.addOption({QStringLiteral("topic"), tr("A topic by name; repeat for more."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("from"),
                      tr("Where to start: end (default), beginning, offset:N (in every partition), a time in "
                         "milliseconds since the epoch, or an ISO 8601 date and time."),
                      QStringLiteral("position"), QStringLiteral("end")});
    parser.addOption({QStringLiteral("max"), tr("Exit after printing this many events."), QStringLiteral("n")});
    parser.addOption({QStringLiteral("filter"), tr("Print only events matching this query (the viewer's language)."),
                      QStringLiteral("query")});
    parser.addOption({QStringLiteral("group"),
                      tr("Consume in this consumer group (commits offsets); without it no group is joined."),
                      QStringLiteral("id")});
    parser.addOption({QStringLiteral("order"), tr("arrival (default) or event-time (source time, behind a watermark)."),
                      QStringLiteral("order"), QStringLiteral("arrival")});
    parser.addOption({QStringLiteral("watermark"), tr("event-time order: how long to wait for late events."),
                      QStringLiteral("ms"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("timeout"),
                      tr("Stop after this many seconds without events (default: run until interrupted)."),
                      QStringLiteral("seconds")});
    parser.addOption({QStringLiteral("verbose"), tr("Log the consumer's connection state to stderr.")});
}

int runTail(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("verbose")))
        quietStreamLogging();

    // Options.
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(tr("name at most one project file."));
    ConsumerSettings settings;
    settings.bootstrapServers = resolveBootstrap(parser.value(QStringLiteral("bootstrap")));
    if (parser.isSet(QStringLiteral("topics")) && parser.isSet(QStringLiteral("topic")))
        return usageError(tr("use either --topics REGEX or --topic NAME, not both."));
    if (parser.isSet(QStringLiteral("topics")))
        settings.topicRegex = parser.value(QStringLiteral("topics"));
    if (parser.isSet(QStringLiteral("topic")))
        settings.topics = parser.values(QStringLiteral("topic"));
    const std::optional<ConsumerSettings> started = parseStart(parser.value(QStringLiteral("from")), settings);
    if (!started)
        return usageError(tr("--from takes beginning, end, offset:N, milliseconds since the epoch or an ISO 8601 "
                             "time, not \"%1\".")
                              .arg(parser.value(QStringLiteral("from"))));
    settings = *started;
    settings.groupId = parser.value(QStringLiteral("group"));

    bool ok = true;
    qint64 max = -1;
    if (parser.isSet(QStringLiteral("max"))) {
        max = parser.value(QStringLiteral("max")).toLongLong(&ok);
        if (!ok || max <= 0)
            return usageError(tr("--max takes a positive number of events."));
    }
    double timeoutSeconds = -1;
    if (parser.isSet(QStringLiteral("timeout"))) {
        timeoutSeconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || timeoutSeconds <= 0)
            return usageError(tr("--timeout takes a positive number of seconds."));
    }
    const QString orderName = parser.value(QStringLiteral("order"));
    if (orderName != QLatin1String("arrival") && orderName != QLatin1String("event-time"))
        return usageError(tr("--order takes arrival or event-time, not \"%1\".").arg(orderName));
    const qint64 watermarkMs = parser.value(QStringLiteral("watermark")).toLongLong(&ok);
    if (!ok || watermarkMs < 0)
        return usageError(tr("--watermark takes a number of milliseconds."));

    Result<stream::EventQuery> query = stream::EventQuery::parse(parser.value(QStringLiteral("filter")));
    if (!query) {
        err() << QStringLiteral("cdcctl tail: --filter ") << query.error().toString() << Qt::endl;
        return kExitFailed;
    }

    // Routing: the project's topology, else (empty routing) the events' own connector and topic names.
    stream::SourceRouting routing;
    if (!positional.isEmpty()) {
        const Result<topology::Project> project = topology::loadProjectFile(positional.constFirst());
        if (!project) {
            err() << QStringLiteral("ERROR ") << project.error().toString() << Qt::endl;
            return kExitUnreadable;
        }
        topology::TopologyModel model;
        if (const Result<void> loaded = model.reset(project.value().nodes, project.value().edges); !loaded) {
            err() << QStringLiteral("ERROR ") << loaded.error().toString() << Qt::endl;
            return kExitUnreadable;
        }
        routing = stream::SourceRouting::fromTopology(model);
    }

    // The pipeline, drained on this thread's event loop.
    auto strings = std::make_shared<stream::StringTable>();
    stream::EventPipeline pipeline(settings, std::move(routing), strings);
    if (orderName == QLatin1String("event-time"))
        pipeline.setMergeOrder(stream::EventMerger::Order::EventTime, watermarkMs);
    stream::EventQuery::Matcher matcher(query.value(), *strings);
    const bool filtering = !query.value().isEmpty();

    QEventLoop loop;
    int exitCode = kExitOk;
    bool connected = false;
    bool finished = false;
    const auto finish = [&](int code) {
        if (finished)
            return;
        finished = true;
        exitCode = code;
        loop.exit(code);
    };

    QTimer idle;
    idle.setSingleShot(true);
    if (timeoutSeconds > 0)
        idle.setInterval(std::chrono::milliseconds(qint64(timeoutSeconds * 1000)));
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        if (connected) {
            finish(kExitOk);
            return;
        }
        err() << tr("cdcctl tail: no answer from the broker at %1 within %2 s.")
                     .arg(settings.bootstrapServers)
                     .arg(timeoutSeconds)
              << Qt::endl;
        finish(kExitFailed);
    });

    QObject::connect(&pipeline, &stream::EventPipeline::stateChanged, &loop,
                     [&](StreamConsumer::State state, const QString &message) {
                         if (parser.isSet(QStringLiteral("verbose")) || state == StreamConsumer::State::BrokerDown)
                             err() << QStringLiteral("cdcctl tail: ") << message << Qt::endl;
                         if (state == StreamConsumer::State::Connected)
                             connected = true;
                         if (state == StreamConsumer::State::Failed) {
                             err() << QStringLiteral("cdcctl tail: ") << message << Qt::endl;
                             finish(kExitFailed);
                         }
                     });

    qint64 printed = 0;
    quint64 sequence = 0;
    QByteArray buffer;
    QObject::connect(&pipeline, &stream::EventPipeline::eventsAvailable, &loop, [&] {
        if (finished)
            return;
        const stream::EventBatch batch = pipeline.take();
        if (batch.empty())
            return;
        if (timeoutSeconds > 0)
            idle.start();
        buffer.clear();
        for (const stream::PendingEvent &e : batch) {
            const stream::EventView view(&e.record, strings.get(), sequence++);
            if (filtering && !matcher.matches(view))
                continue;
            stream::appendEventJsonLine(buffer, view);
            if (max > 0 && ++printed >= max)
                break;
        }
        if (!buffer.isEmpty()) {
            std::fwrite(buffer.constData(), 1, std::size_t(buffer.size()), stdout);
            std::fflush(stdout);
        }
        if (max > 0 && printed >= max)
            finish(kExitOk);
    });

    // Ctrl+C and SIGTERM stop the loop; the consumer then closes (a group leaves cleanly).
    InterruptGuard interrupt([&] { finish(kExitInterrupted); });

    if (const Result<void> start = pipeline.start(); !start) {
        err() << QStringLiteral("cdcctl tail: ") << start.error().toString() << Qt::endl;
        return kExitFailed;
    }
    if (timeoutSeconds > 0)
        idle.start();
    loop.exec();
    pipeline.stop();
    return exitCode;
}

} // namespace cdc::cli
