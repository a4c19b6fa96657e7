// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's databases and connectors on one thread: a pacing loop writes each database's share of the
// rate, emits what each streaming capture's capacity allows through a librdkafka producer, and keeps the
// counters (backlog, write times) that lag is computed from.
#include "sandbox/sandboxengine.h"

#include "core/logging.h"
#include "sandbox/eventgenerator.h"

#include <librdkafka/rdkafka.h>

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace cdc::sandbox {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kSlice = std::chrono::milliseconds(5); // the pacing loop's sleep between ticks
constexpr qint64 kWriteBucketMs = 10;                 // write times are kept per 10 ms
constexpr double kMinCapacity = 50;                   // changes per second a connector emits at least
constexpr double kTokenHorizonSeconds = 0.1;          // a caught-up connector saves up at most this much capacity
// A streaming slot confirms on the walsender's keepalives, so it trails the WAL insert position by the
// last few records (a commit, a running-xacts record) even when nothing is pending.
constexpr qint64 kStreamingSlotBaselineBytes = 320;

struct Capture
{
    CaptureSpec spec;
    std::unique_ptr<EventGenerator> generator;
    bool streaming = false;
    double writeCarry = 0;                        // fractions of a change written
    double tokens = 0;                            // changes the connector may emit now
    qint64 written = 0;                           // changes the database wrote since the capture began
    qint64 consumed = 0;                          // of those, emitted or skipped (a gap); backlog = written - consumed
    std::deque<std::pair<qint64, qint64>> writes; // unconsumed changes: (wall ms of their 10 ms bucket, count)
    std::deque<std::pair<qint64, qint64>> forced; // burst changes in the backlog: (change index, order id)
    qint64 emittedMessages = 0;
    std::deque<std::pair<qint64, qint64>> recent; // (wall ms, messages) emitted, the last second
    qint64 lastDelayMs = 0;                       // written → emitted, for the last emitted change
    std::deque<GeneratedMessage> unsent;          // the producer's queue was full

    qint64 backlog() const { return written - consumed; }
    void skipBacklog()
    {
        generator->skip(backlog());
        consumed = written;
        writes.clear();
        forced.clear();
        lastDelayMs = 0;
    }
};

QString databaseKey(const CaptureSpec &spec)
{
    return (spec.kind == SourceKind::Postgres ? QStringLiteral("postgres:") : QStringLiteral("mysql:")) + spec.database;
}

void logToQt(const rd_kafka_t *, int level, const char *facility, const char *message)
{
    if (level <= 4)
        qCWarning(lcSandbox, "sandbox producer %s: %s", facility, message);
    else
        qCDebug(lcSandbox, "sandbox producer %s: %s", facility, message);
}

} // namespace

struct SandboxEngine::Private
{
    QString bootstrap;

    mutable std::mutex mutex; // everything below; generation and produce() run under it too
    std::map<QString, std::unique_ptr<Capture>> captures;
    std::map<QString, std::unique_ptr<EventGenerator>> retired; // by database: where a removed capture was
    int rate = 200;
    double throttle = 1.0;
    quint64 seeds = 0;
    rd_kafka_t *producer = nullptr;
    QHash<QString, QByteArray> topicNames;
    bool queueFull = false;

    std::thread thread;
    std::condition_variable wake;
    bool stopping = false;
    Clock::time_point lastTick;
    Clock::time_point started;
    qint64 startedWallMs = 0;

    std::atomic<qint64> deliveryErrors{0};

    qint64 wallMs(Clock::time_point at) const
    {
        return startedWallMs + std::chrono::duration_cast<std::chrono::milliseconds>(at - started).count();
    }
    int databases() const;
    void run();
    void tick(Clock::time_point now);
    bool produce(const GeneratedMessage &message);
    void emitChange(Capture &capture, qint64 writtenMs, qint64 orderId, qint64 nowMs);
    void burst(qint64 orderId, int perDatabase);
};

SandboxEngine::SandboxEngine(QString bootstrap) : d(std::make_unique<Private>())
{
    d->bootstrap = std::move(bootstrap);
}

SandboxEngine::~SandboxEngine()
{
    stop();
}

Result<void> SandboxEngine::start()
{
    std::lock_guard lock(d->mutex);
    if (d->producer)
        return Error{QStringLiteral("The sandbox's event engine is already running."), d->bootstrap, {}};
    char error[512] = {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const std::string bootstrap = d->bootstrap.toStdString();
    const std::pair<const char *, const char *> settings[] = {
        {"bootstrap.servers", bootstrap.c_str()},
        {"client.id", "cdc-studio-sandbox-connect"},
        {"linger.ms", "5"},
        {"batch.num.messages", "10000"},
        {"queue.buffering.max.messages", "200000"},
        {"compression.type", "lz4"},       // the mock broker keeps 5 MiB per partition: compressed, far more events
        {"partitioner", "murmur2_random"}, // Kafka Connect's (Java's) partitioner: the same key, the same partition
        {"acks", "1"},
        {"message.timeout.ms", "30000"},
        {"log_level", "4"},
    };
    for (const auto &[name, value] : settings) {
        if (rd_kafka_conf_set(conf, name, value, error, sizeof error) != RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            return Error{QStringLiteral("librdkafka refused the sandbox producer's setting %1: %2")
                             .arg(QString::fromUtf8(name), QString::fromUtf8(error)),
                         d->bootstrap,
                         {}};
        }
    }
    rd_kafka_conf_set_log_cb(conf, logToQt);
    rd_kafka_conf_set_opaque(conf, d.get());
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *message, void *opaque) {
        if (message->err && static_cast<Private *>(opaque)->deliveryErrors.fetch_add(1) == 0)
            qCWarning(lcSandbox, "the sandbox could not deliver an event to %s: %s",
                      message->rkt ? rd_kafka_topic_name(message->rkt) : "?", rd_kafka_err2str(message->err));
    });
    d->producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    if (!d->producer) {
        rd_kafka_conf_destroy(conf);
        return Error{QStringLiteral("Could not create the sandbox's Kafka producer: %1").arg(QString::fromUtf8(error)),
                     d->bootstrap,
                     {}};
    }
    // Connected and with the topics' metadata before the first event: librdkafka 2.0.2 otherwise holds
    // the first batch for a second now and then (measured: 3 starts in 40 on the mock cluster).
    const rd_kafka_metadata_t *metadata = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(d->producer, 1, nullptr, &metadata, 3000);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_destroy(std::exchange(d->producer, nullptr));
        return Error{QStringLiteral("The sandbox's Kafka broker does not answer: %1")
                         .arg(QString::fromUtf8(rd_kafka_err2str(err))),
                     d->bootstrap, QStringLiteral("Start the sandbox's broker before its event engine.")};
    }
    rd_kafka_metadata_destroy(metadata);
    d->stopping = false;
    d->started = d->lastTick = Clock::now();
    d->startedWallMs = QDateTime::currentMSecsSinceEpoch();
    d->thread = std::thread([this] { d->run(); });
    return {};
}

void SandboxEngine::stop()
{
    {
        std::lock_guard lock(d->mutex);
        if (!d->producer)
            return;
        d->stopping = true;
    }
    d->wake.notify_all();
    if (d->thread.joinable())
        d->thread.join();
    // What is queued gets half a second to reach the broker; the rest is dropped, so stopping stays quick
    // even when the broker is gone already.
    rd_kafka_t *producer = nullptr;
    {
        std::lock_guard lock(d->mutex);
        producer = std::exchange(d->producer, nullptr);
        for (auto &[name, capture] : d->captures)
            capture->unsent.clear();
    }
    if (rd_kafka_flush(producer, 500) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        qCInfo(lcSandbox, "the sandbox dropped %d undelivered events on stopping", rd_kafka_outq_len(producer));
        rd_kafka_purge(producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_poll(producer, 0);
    }
    rd_kafka_destroy(producer);
}

void SandboxEngine::setRate(int eventsPerSecond)
{
    std::lock_guard lock(d->mutex);
    d->rate = std::clamp(eventsPerSecond, minRate, maxRate);
}

int SandboxEngine::rate() const
{
    std::lock_guard lock(d->mutex);
    return d->rate;
}

void SandboxEngine::setThrottle(double factor)
{
    std::lock_guard lock(d->mutex);
    d->throttle = std::isfinite(factor) ? std::clamp(factor, 0.0, 10.0) : 1.0;
}

void SandboxEngine::dropBacklog(const QString &connector)
{
    std::lock_guard lock(d->mutex);
    const auto it = d->captures.find(connector);
    if (it != d->captures.end())
        it->second->skipBacklog();
}

void SandboxEngine::burst(qint64 orderId, int perDatabase)
{
    std::lock_guard lock(d->mutex);
    d->burst(orderId, perDatabase);
}

void SandboxEngine::Private::burst(qint64 orderId, int perDatabase)
{
    if (perDatabase <= 0 || orderId < 0)
        return;
    const qint64 nowMs = producer ? wallMs(Clock::now()) : QDateTime::currentMSecsSinceEpoch();
    for (auto &[name, capture] : captures) {
        // New orders written meanwhile (a backlog drains oldest first) take other ids.
        capture->generator->reserveOrderId(orderId);
        if (capture->streaming && producer) {
            const qint64 messagesBefore = capture->emittedMessages;
            for (int i = 0; i < perDatabase; ++i)
                emitChange(*capture, nowMs, orderId, nowMs);
            capture->recent.emplace_back(nowMs, capture->emittedMessages - messagesBefore);
            continue;
        }
        for (int i = 0; i < perDatabase; ++i)
            capture->forced.emplace_back(capture->written + i, orderId);
        capture->written += perDatabase;
        capture->writes.emplace_back(nowMs, perDatabase);
    }
}

std::vector<SourceStats> SandboxEngine::stats() const
{
    std::lock_guard lock(d->mutex);
    const qint64 nowMs = d->producer ? d->wallMs(Clock::now()) : QDateTime::currentMSecsSinceEpoch();
    std::vector<SourceStats> result;
    result.reserve(d->captures.size());
    for (const auto &[name, capture] : d->captures) {
        SourceStats s;
        s.connector = name;
        s.kind = capture->spec.kind;
        s.streaming = capture->streaming;
        qint64 recent = 0;
        for (const auto &[ms, messages] : capture->recent) {
            if (ms > nowMs - 1000)
                recent += messages;
        }
        s.eventsPerSecond = double(recent);
        s.emitted = capture->emittedMessages;
        s.backlog = capture->backlog();
        if (s.kind == SourceKind::Postgres) {
            s.lagBytes = s.backlog * EventGenerator::averageWalBytesPerChange +
                         (capture->streaming ? kStreamingSlotBaselineBytes : 0);
        } else {
            s.lagMs = capture->writes.empty() ? capture->lastDelayMs
                                              : std::max<qint64>(0, nowMs - capture->writes.front().first);
        }
        s.position = capture->generator->position();
        s.slotName = capture->spec.slotName.isEmpty() ? QStringLiteral("debezium") : capture->spec.slotName;
        result.push_back(std::move(s));
    }
    return result;
}

void SandboxEngine::addCapture(const CaptureSpec &spec)
{
    std::lock_guard lock(d->mutex);
    auto &slot = d->captures[spec.connector];
    if (slot && databaseKey(slot->spec) == databaseKey(spec)) {
        // A config change: the same database, so its positions go on, and the connector resumes from its
        // committed offset: what it had not emitted yet is still to come (a backlog drains after a fix).
        slot->spec = spec;
        slot->generator->setSpec(spec);
        return;
    }
    if (slot)
        d->retired[databaseKey(slot->spec)] = std::move(slot->generator);
    auto capture = std::make_unique<Capture>();
    capture->spec = spec;
    // A database that another capture read before: it goes on from where that one left it.
    auto retired = d->retired.find(databaseKey(spec));
    if (retired != d->retired.end()) {
        capture->generator = std::move(retired->second);
        capture->generator->setSpec(spec);
        d->retired.erase(retired);
    } else {
        capture->generator = std::make_unique<EventGenerator>(spec, qHash(spec.connector) ^ (++d->seeds << 32));
    }
    slot = std::move(capture);
}

void SandboxEngine::removeCapture(const QString &connector)
{
    std::lock_guard lock(d->mutex);
    const auto it = d->captures.find(connector);
    if (it == d->captures.end())
        return;
    it->second->generator->skip(it->second->backlog());
    d->retired[databaseKey(it->second->spec)] = std::move(it->second->generator);
    d->captures.erase(it);
}

void SandboxEngine::setStreaming(const QString &connector, bool streaming)
{
    std::lock_guard lock(d->mutex);
    const auto it = d->captures.find(connector);
    if (it == d->captures.end())
        return;
    it->second->streaming = streaming;
    it->second->tokens = 0;
}

std::optional<SourcePosition> SandboxEngine::position(const QString &connector) const
{
    std::lock_guard lock(d->mutex);
    const auto it = d->captures.find(connector);
    if (it == d->captures.end())
        return std::nullopt;
    return it->second->generator->position();
}

void SandboxEngine::resetPosition(const QString &connector)
{
    std::lock_guard lock(d->mutex);
    const auto it = d->captures.find(connector);
    if (it == d->captures.end())
        return;
    Capture &capture = *it->second;
    capture.skipBacklog();
    capture.emittedMessages = 0;
    capture.recent.clear();
    capture.tokens = 0;
}

int SandboxEngine::Private::databases() const
{
    QStringList keys;
    for (const auto &[name, capture] : captures) {
        const QString key = databaseKey(capture->spec);
        if (!keys.contains(key))
            keys.append(key);
    }
    return int(keys.size());
}

void SandboxEngine::Private::run()
{
    std::unique_lock lock(mutex);
    while (!stopping) {
        tick(Clock::now());
        lock.unlock();
        rd_kafka_poll(producer, 0); // delivery reports; the producer outlives this thread
        lock.lock();
        wake.wait_for(lock, kSlice, [this] { return stopping; });
    }
}

// One slice: every database writes its share of the rate for the time gone by; every streaming capture
// emits its backlog, oldest first, as far as its capacity allows.
void SandboxEngine::Private::tick(Clock::time_point now)
{
    const double seconds = std::min(std::chrono::duration<double>(now - lastTick).count(), 1.0);
    lastTick = now;
    const qint64 nowMs = wallMs(now);
    const int databaseCount = databases();
    if (databaseCount == 0)
        return;
    const double share = double(rate) / databaseCount;
    queueFull = false;

    for (auto &[name, entry] : captures) {
        Capture &capture = *entry;
        while (!capture.unsent.empty() && !queueFull) {
            if (produce(capture.unsent.front()))
                capture.unsent.pop_front();
        }

        capture.writeCarry += share * seconds;
        const auto written = qint64(capture.writeCarry);
        if (written > 0) {
            capture.writeCarry -= double(written);
            capture.written += written;
            if (!capture.writes.empty() && capture.writes.back().first > nowMs - kWriteBucketMs)
                capture.writes.back().second += written;
            else
                capture.writes.emplace_back(nowMs, written);
        }
        if (!capture.streaming || queueFull)
            continue;

        const double capacity = std::max(2.0 * share, kMinCapacity) * throttle;
        capture.tokens = std::min(capture.tokens + capacity * seconds, std::max(capacity * kTokenHorizonSeconds, 1.0));
        const qint64 emitting = std::min(capture.backlog(), qint64(capture.tokens));
        capture.tokens -= double(emitting);
        const qint64 messagesBefore = capture.emittedMessages;
        for (qint64 i = 0; i < emitting && !queueFull && !capture.writes.empty(); ++i) {
            auto &oldest = capture.writes.front();
            const qint64 writtenMs = oldest.first;
            if (--oldest.second == 0)
                capture.writes.pop_front();
            qint64 orderId = -1;
            if (!capture.forced.empty() && capture.forced.front().first == capture.consumed) {
                orderId = capture.forced.front().second;
                capture.forced.pop_front();
            }
            ++capture.consumed;
            emitChange(capture, writtenMs, orderId, nowMs);
        }
        if (capture.emittedMessages > messagesBefore)
            capture.recent.emplace_back(nowMs, capture.emittedMessages - messagesBefore);
        while (!capture.recent.empty() && capture.recent.front().first <= nowMs - 1000)
            capture.recent.pop_front();
    }
}

void SandboxEngine::Private::emitChange(Capture &capture, qint64 writtenMs, qint64 orderId, qint64 nowMs)
{
    QList<GeneratedMessage> messages = capture.generator->next(writtenMs, orderId, nowMs);
    capture.lastDelayMs = nowMs - writtenMs;
    for (GeneratedMessage &message : messages) {
        ++capture.emittedMessages;
        if (queueFull || !produce(message))
            capture.unsent.push_back(std::move(message));
    }
}

// False when the producer's queue is full: the message stays with the caller, to be sent next slice.
bool SandboxEngine::Private::produce(const GeneratedMessage &message)
{
    auto name = topicNames.find(message.topic);
    if (name == topicNames.end())
        name = topicNames.insert(message.topic, message.topic.toUtf8());
    rd_kafka_headers_t *headers = rd_kafka_headers_new(std::size_t(message.headers.size()));
    for (const auto &[key, value] : message.headers)
        rd_kafka_header_add(headers, key.constData(), key.size(), value.constData(), value.size());
    // The RD_KAFKA_V_* macros cast their arguments without parentheses: pass plain variables.
    const char *topic = name->constData();
    void *keyData = message.key.isNull() ? nullptr : const_cast<char *>(message.key.constData());
    const std::size_t keySize = std::size_t(message.key.size());
    void *valueData = message.value.isNull() ? nullptr : const_cast<char *>(message.value.constData());
    const std::size_t valueSize = std::size_t(message.value.size());
    const qint64 timestampMs = message.timestampMs;
    const rd_kafka_resp_err_t err =
        rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_KEY(keyData, keySize), RD_KAFKA_V_VALUE(valueData, valueSize),
                          RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_TIMESTAMP(timestampMs), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        return true;
    rd_kafka_headers_destroy(headers);
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        queueFull = true;
        return false;
    }
    if (deliveryErrors.fetch_add(1) == 0)
        qCWarning(lcSandbox, "the sandbox could not produce to %s: %s", topic, rd_kafka_err2str(err));
    return true; // not retried: it would fail the same way
}

} // namespace cdc::sandbox
