// SPDX-License-Identifier: GPL-3.0-or-later
// At-least-once delivery for real (#19): rows written into both databases while the broker is killed
// with SIGKILL and restarted (stack/broker). Debezium may send some outbox events again; the live
// pipeline (the Events panel's) marks exactly the events whose outbox id came before on their topic,
// counted independently from the topics, and the generated job's unified topic has each outbox id once,
// tagged with its source_database.
#include "capstoneconnectors.h"
#include "consumer/consumerrunner.h"
#include "consumerfixtures.h"
#include "debezium/outboxartifacts.h"
#include "stackclient.h"
#include "stream/eventpipeline.h"
#include "stream/eventview.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <map>
#include <utility>

using namespace cdc;
using namespace cdc::e2e;
using consumer::ConsumerRunner;
using consumer::JobState;
using stream::SourceTag;

namespace {

constexpr int kRows = 2000;     // per database, ids 1..2000 in both
constexpr int kChunk = 100;     // rows per transaction
constexpr int kKillAfter = 6;   // chunks per database written before the kill
constexpr int kWaitMs = 150000; // for every row to arrive (topics, unified topic)

// One outbox event as read back: where it is, and what it is.
struct Occurrence
{
    QString topic;
    qint64 offset = 0;
    QByteArray id;
    friend bool operator<(const Occurrence &a, const Occurrence &b)
    {
        return std::pair(a.topic, a.offset) < std::pair(b.topic, b.offset);
    }
};

QString database(SourceTag tag)
{
    return tag == SourceTag::Postgres ? QStringLiteral("postgres") : QStringLiteral("mysql");
}

// Runs stack/broker with the test's environment (CDC_STACK_DIR and the ports), with a deadline.
QString broker(const QString &verb)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(CDC_STACK_BROKER), {verb});
    if (!p.waitForFinished(240000)) {
        p.kill();
        p.waitForFinished(5000);
        return QStringLiteral("stack/broker %1 did not end within 240 s").arg(verb);
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("stack/broker %1 failed: %2").arg(verb, QString::fromUtf8(p.readAll()));
    return {};
}

} // namespace

class TstRedelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        const Result<consumer::FlinkRuntime> runtime = locateFlinkRuntime();
        if (!runtime)
            CDC_E2E_SKIP_OR_FAIL(runtime.error().toString());
        m_runtime = runtime.value();
        m_run = QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_options =
            testJobOptions(m_env, QStringLiteral("redelivery-e2e-"), QStringLiteral("unified.e2e.redelivery."), m_run);
        QVERIFY(m_work.isValid());
        m_capstone = std::make_unique<CapstoneConnectors>(m_env);
        QVERIFY2(m_capstone->startStreaming(), qPrintable(m_capstone->lastStatus()));
    }

    void brokerKilledMidStream()
    {
        m_clock.start();
        // The Events panel's live path on the outbox topics and the unified topic, from the start, all
        // through the outage.
        stream::ConsumerSettings settings;
        settings.bootstrapServers = m_options.bootstrapServers;
        settings.topicRegex = QStringLiteral("^(outbox\\.event\\.(postgres|mysql)\\.order|%1)$")
                                  .arg(QRegularExpression::escape(m_options.sinkTopic));
        settings.start = stream::ConsumerSettings::Start::Beginning;
        settings.metadataRefreshMs = 1000;
        m_strings = std::make_shared<stream::StringTable>();
        m_pipeline = std::make_unique<stream::EventPipeline>(settings, stream::SourceRouting{}, m_strings);
        const Result<void> started = m_pipeline->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().toString()));

        // Overlapping ids on purpose: order n exists in both databases. The kill lands while Debezium
        // streams the first chunks; the rest is written while the broker is down.
        for (int chunk = 0; chunk < kRows / kChunk; ++chunk) {
            if (chunk == kKillAfter) {
                QTest::qWait(300); // a few of the first chunks' events are on their way
                const QString killed = broker(QStringLiteral("kill"));
                QVERIFY2(killed.isEmpty(), qPrintable(killed));
                m_killedAtMs = m_clock.elapsed();
            }
            for (const bool postgres : {true, false})
                QVERIFY(m_capstone->insertOutboxRows(postgres, chunk * kChunk + 1, (chunk + 1) * kChunk, m_run));
        }
        QTest::qWait(3000); // Connect and Debezium notice the broker is gone
        const QString restarted = broker(QStringLiteral("start"));
        QVERIFY2(restarted.isEmpty(), qPrintable(restarted));
        m_restartedAtMs = m_clock.elapsed();
        int restarts = 0;
        QVERIFY2(m_capstone->waitUntilRecovered(120000, &restarts), qPrintable(m_capstone->lastStatus()));
        qInfo("broker killed at %lld ms, answering again at %lld ms; connectors RUNNING at %lld ms (%d restart(s))",
              m_killedAtMs, m_restartedAtMs, m_clock.elapsed(), restarts);
    }

    void theOutboxTopicsHoldEveryRowAndThePipelineMarksTheRepeats()
    {
        QVERIFY(m_pipeline);
        // Independently of the stream code: every outbox event of this run, read back from the topics.
        TopicReader reader(m_options.bootstrapServers, QStringLiteral("^outbox\\.event\\.(postgres|mysql)\\.order$"));
        std::map<Occurrence, bool> truth;     // -> whether its id came before on that topic
        QHash<QString, QSet<QByteArray>> ids; // topic -> distinct ids
        QHash<QString, QSet<int>> orders;     // topic -> order ids
        QSet<QString> records;
        QElapsedTimer clock;
        clock.start();
        auto complete = [&] {
            return orders.value(QStringLiteral("outbox.event.postgres.order")).size() == kRows &&
                   orders.value(QStringLiteral("outbox.event.mysql.order")).size() == kRows;
        };
        qint64 lastCheck = 0;
        while (!complete() && clock.elapsed() < kWaitMs) {
            for (const ConsumedMessage &m : reader.poll(500)) {
                if (records.contains(m.topic + u'/' + QString::number(m.offset)))
                    continue; // the reader's own rebalance
                records.insert(m.topic + u'/' + QString::number(m.offset));
                const QJsonObject payload = QJsonDocument::fromJson(m.value).object();
                if (payload.value(QStringLiteral("run")).toString() != m_run)
                    continue;
                const QByteArray id = m.headers.value(QStringLiteral("id"));
                QVERIFY2(!id.isEmpty(), "an outbox event without an id header");
                truth[Occurrence{m.topic, m.offset, id}] = false;
                orders[m.topic].insert(payload.value(QStringLiteral("orderId")).toInt());
            }
            if (clock.elapsed() - lastCheck > 5000) { // a task may fail a while after the broker is back
                lastCheck = clock.elapsed();
                m_capstone->waitUntilRecovered(2000);
            }
        }
        QVERIFY2(complete(), qPrintable(QStringLiteral("rows on the outbox topics after %1 s: postgres %2, mysql %3")
                                            .arg(kWaitMs / 1000)
                                            .arg(orders.value(QStringLiteral("outbox.event.postgres.order")).size())
                                            .arg(orders.value(QStringLiteral("outbox.event.mysql.order")).size())));
        QHash<QString, int> duplicates;
        for (auto &[occurrence, repeated] : truth) { // in offset order per topic
            repeated = ids[occurrence.topic].contains(occurrence.id);
            ids[occurrence.topic].insert(occurrence.id);
            duplicates[occurrence.topic] += repeated;
        }
        for (const QString &topic :
             {QStringLiteral("outbox.event.postgres.order"), QStringLiteral("outbox.event.mysql.order")})
            QCOMPARE(ids.value(topic).size(), kRows); // one outbox row, one id: a repeat is a redelivery
        m_outboxIds = ids;
        const int redelivered = duplicates.value(QStringLiteral("outbox.event.postgres.order")) +
                                duplicates.value(QStringLiteral("outbox.event.mysql.order"));
        qInfo("on the outbox topics: %d events for %d rows; redelivered: postgres %d, mysql %d", int(truth.size()),
              2 * kRows, duplicates.value(QStringLiteral("outbox.event.postgres.order")),
              duplicates.value(QStringLiteral("outbox.event.mysql.order")));

        // The stream code, which consumed all along: the same events, and its marks on exactly the repeats.
        std::map<Occurrence, bool> marked;
        clock.restart();
        while (marked.size() < truth.size() && clock.elapsed() < 60000) {
            QTest::qWait(200);
            for (const stream::PendingEvent &e : m_pipeline->take()) {
                const stream::EventView v(&e.record, m_strings.get(), 0);
                const QString topic = v.topic();
                if (topic == m_options.sinkTopic) {
                    m_unified.push_back(e);
                    continue;
                }
                if (QJsonDocument::fromJson(v.value().toByteArray()).object().value(QStringLiteral("run")).toString() !=
                    m_run)
                    continue;
                QCOMPARE(database(e.record.source), topic.section(u'.', 2, 2));
                marked[Occurrence{topic, e.record.offset, v.header("id").value_or(QByteArray())}] =
                    e.record.flags & stream::Redelivered;
            }
        }
        QCOMPARE(marked.size(), truth.size());
        int marks = 0;
        for (const auto &[occurrence, repeated] : truth) {
            const auto it = marked.find(occurrence);
            QVERIFY2(
                it != marked.end() && it->first.id == occurrence.id,
                qPrintable(
                    QStringLiteral("%1@%2 not seen by the pipeline").arg(occurrence.topic).arg(occurrence.offset)));
            QVERIFY2(it->second == repeated, qPrintable(QStringLiteral("%1@%2 (id %3): marked %4, a repeat: %5")
                                                            .arg(occurrence.topic)
                                                            .arg(occurrence.offset)
                                                            .arg(QString::fromUtf8(occurrence.id))
                                                            .arg(it->second)
                                                            .arg(repeated)));
            marks += it->second;
        }
        QCOMPARE(marks, redelivered);
        qInfo("the pipeline marked %d event(s) redelivered, the topics hold %d repeat(s)", marks, redelivered);
    }

    void theUnifiedTopicHasEachOutboxIdOnce()
    {
        QVERIFY(!m_outboxIds.isEmpty());
        UnifiedTopic topic(m_options.bootstrapServers, m_options.sinkTopic, m_run);
        ConsumerRunner runner(settings());
        QVERIFY2(runner.start(debezium::pyFlinkUnionJob(m_options)), qPrintable(runner.lastError()));
        QVERIFY2(waitForJobState(runner, {JobState::Running, JobState::Failed, JobState::StoppedUnexpectedly}, kWaitMs),
                 "the job did not start in time");
        QVERIFY2(runner.state() == JobState::Running, qPrintable(runner.failureReason()));
        QString read = topic.readUntil(2 * kRows, kWaitMs);
        QVERIFY2(read.isEmpty(), qPrintable(read));
        // A little longer: a repeat written late would show up now.
        read = topic.readUntil(2 * kRows, 2 * m_options.checkpointSeconds * 1000, true);
        QVERIFY2(read.isEmpty(), qPrintable(read));
        runner.stop();
        QVERIFY(waitForJobState(runner, {JobState::Stopped, JobState::Failed, JobState::StoppedUnexpectedly}, 90000));

        QCOMPARE(topic.rows().size(), 2 * kRows);
        QVERIFY2(topic.duplicates().isEmpty(),
                 qPrintable(QStringLiteral("came twice: ") + topic.duplicates().join(u',')));
        QHash<QString, QSet<QByteArray>> eventIds;
        for (auto it = topic.rows().cbegin(); it != topic.rows().cend(); ++it) {
            const QString source = it.value().value(QStringLiteral("source_database")).toString();
            QCOMPARE(source,
                     it.key().startsWith(QLatin1String("PG-")) ? QStringLiteral("postgres") : QStringLiteral("mysql"));
            eventIds[source].insert(it.value().value(QStringLiteral("event_id")).toString().toUtf8());
        }
        QCOMPARE(eventIds.value(QStringLiteral("postgres")),
                 m_outboxIds.value(QStringLiteral("outbox.event.postgres.order")));
        QCOMPARE(eventIds.value(QStringLiteral("mysql")),
                 m_outboxIds.value(QStringLiteral("outbox.event.mysql.order")));

        // The Events panel following the unified topic: each row tagged from source_database, none marked.
        QElapsedTimer clock;
        clock.start();
        int rows = 0, marks = 0;
        QHash<SourceTag, int> bySource;
        auto count = [&](const stream::PendingEvent &e) {
            const stream::EventView v(&e.record, m_strings.get(), 0);
            const QJsonObject row = QJsonDocument::fromJson(v.value().toByteArray()).object();
            const QJsonObject payload =
                QJsonDocument::fromJson(row.value(QStringLiteral("payload")).toString().toUtf8()).object();
            if (payload.value(QStringLiteral("run")).toString() != m_run)
                return;
            ++rows;
            marks += bool(e.record.flags & stream::Redelivered);
            bySource[e.record.source] += 1;
            if (database(e.record.source) != row.value(QStringLiteral("source_database")).toString() ||
                v.compositeKey() != row.value(QStringLiteral("composite_key")).toString())
                m_unifiedProblem = QStringLiteral("%1 tagged %2").arg(v.compositeKey(), database(e.record.source));
        };
        for (const stream::PendingEvent &e : m_unified)
            count(e);
        while (rows < 2 * kRows && clock.elapsed() < 60000) {
            QTest::qWait(200);
            for (const stream::PendingEvent &e : m_pipeline->take()) {
                if (stream::EventView(&e.record, m_strings.get(), 0).topic() == m_options.sinkTopic)
                    count(e);
            }
        }
        QCOMPARE(rows, 2 * kRows);
        QVERIFY2(m_unifiedProblem.isEmpty(), qPrintable(m_unifiedProblem));
        QCOMPARE(bySource.value(SourceTag::Postgres), kRows);
        QCOMPARE(bySource.value(SourceTag::MySql), kRows);
        QCOMPARE(marks, 0);
        qInfo("whole run %lld ms", m_clock.elapsed());
    }

    void cleanupTestCase()
    {
        if (m_pipeline)
            m_pipeline->stop();
        // The stack stays usable for the next test: the broker answers again.
        if (m_killedAtMs >= 0 && m_restartedAtMs < 0)
            broker(QStringLiteral("start"));
        if (m_capstone)
            m_capstone->removeAll();
        closeStackDatabases();
    }

private:
    ConsumerRunner::Settings settings() const
    {
        ConsumerRunner::Settings s;
        s.runtime = m_runtime;
        s.workDir = m_work.filePath(QStringLiteral("consumer"));
        return s;
    }

    StackEnvironment m_env;
    consumer::FlinkRuntime m_runtime;
    debezium::PyFlinkJobOptions m_options;
    QTemporaryDir m_work;
    QString m_run;
    QElapsedTimer m_clock;
    qint64 m_killedAtMs = -1;
    qint64 m_restartedAtMs = -1;
    std::unique_ptr<CapstoneConnectors> m_capstone;
    std::shared_ptr<stream::StringTable> m_strings;
    std::unique_ptr<stream::EventPipeline> m_pipeline;
    stream::EventBatch m_unified; // unified rows the pipeline delivered before the job ran
    QHash<QString, QSet<QByteArray>> m_outboxIds;
    QString m_unifiedProblem;
};

QTEST_GUILESS_MAIN(TstRedelivery)
#include "tst_redelivery.moc"
