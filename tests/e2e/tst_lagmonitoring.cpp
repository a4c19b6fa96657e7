// SPDX-License-Identifier: GPL-3.0-or-later
// Lag monitoring on the real stack: both capstone connectors stream while rows keep arriving in both
// databases; the Kafka Connect worker is stopped, and the samplers lagsetup builds for the project see
// PostgreSQL slot lag (bytes) and MySQL lag (ms) climb past their thresholds — in the LagMonitor's
// series and its alerts; the worker comes back and both fall below warning again; the rows stop and
// MySQL reads as caught up and idle; cdcctl lag says the same.
#include "capstoneconnectors.h"
#include "stackclient.h"

#include "lag/lagmonitor.h"
#include "lag/lagsetup.h"
#include "lag/mysqllagsampler.h"
#include "lag/samplerthread.h"
#include "topology/templates.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <optional>

using namespace cdc;
using namespace cdc::e2e;
using lag::LagAlert;
using lag::LagLevel;
using lag::LagMonitor;

namespace {

// PostgreSQL: with the worker running, the slot's confirmed flush position trails the WAL by what was
// written since the worker last committed offsets (every second on the stack) and Debezium confirmed
// them: a baseline of some tens of kB here. The thresholds are set from the baseline measured in the
// test (warning at 2.5 times it, critical at twice that), so they are crossed within seconds of the
// worker stopping and left again once it is back, whatever this machine's WAL rate.
constexpr double kPgBaselineCeilingBytes = 128 * 1024; // a running worker never leaves more behind
constexpr double kPgMinimumWarningBytes = 48 * 1024;
// MySQL: events arrive within Debezium's poll interval (0.5 s) while the worker runs.
constexpr double kMySqlWarningMs = 3000;
constexpr double kMySqlCriticalMs = 8000;
constexpr int kSampleIntervalMs = 500;
constexpr int kWriteIntervalMs = 100;
constexpr int kRowsPerWrite = 3;

QString describeAlert(const LagAlert &a)
{
    return QStringLiteral("%1 %2→%3 at %4").arg(a.series.id, lag::levelName(a.from), lag::levelName(a.to)).arg(a.value);
}

} // namespace

class TstLagMonitoring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_capstone.emplace(m_env);
        QVERIFY2(m_capstone->startStreaming(), qPrintable(m_capstone->lastStatus()));

        // The capstone project with the connectors that now run, pointed at the stack.
        const topology::ProjectTemplate *capstone = topology::findTemplate(QStringLiteral("capstone"));
        QVERIFY(capstone);
        Result<topology::Project> project = topology::loadTemplate(*capstone);
        QVERIFY2(project, qPrintable(project ? QString() : project.error().toString()));
        m_project = std::move(project).value();
        int replaced = 0;
        for (topology::Node &n : m_project.nodes) {
            if (n.kind == topology::NodeKind::ConnectCluster)
                n.properties.insert(QStringLiteral("url"), m_env.value(QStringLiteral("CONNECT_URL")));
            if (n.kind == topology::NodeKind::PostgresDatabase || n.kind == topology::NodeKind::MySqlDatabase) {
                const QString prefix =
                    n.kind == topology::NodeKind::PostgresDatabase ? QStringLiteral("PG_") : QStringLiteral("MYSQL_");
                n.properties.insert(QStringLiteral("host"), m_env.value(prefix + QStringLiteral("HOST")));
                n.properties.insert(QStringLiteral("port"), m_env.value(prefix + QStringLiteral("PORT")));
                n.properties.insert(QStringLiteral("password"), m_env.value(prefix + QStringLiteral("PASSWORD_REF")));
            }
            if (n.kind != topology::NodeKind::Connector)
                continue;
            for (const ConnectorUnderTest &c : m_capstone->connectors()) {
                if (c.name != n.name)
                    continue;
                n.properties.clear();
                for (auto it = c.config.constBegin(); it != c.config.constEnd(); ++it)
                    n.properties.insert(it.key(), it.value().toString());
                ++replaced;
                if (c.database == QLatin1String("mysql"))
                    m_mysqlConnector = c.name;
            }
        }
        QCOMPARE(replaced, 2);
        QVERIFY(!m_mysqlConnector.isEmpty());
    }

    void cleanup()
    {
        // Whatever happened, the worker runs again before the next test (or the next test program).
        if (m_workerStopped)
            QVERIFY(worker(QStringLiteral("start")));
    }

    void cleanupTestCase()
    {
        if (!m_capstone)
            return; // skipped: no stack
        if (m_workerStopped)
            worker(QStringLiteral("start"));
        m_capstone->removeAll();
        dropSlot(m_capstone->postgresSlot());
        lag::SamplerThread::waitForAll(10000);
        closeStackDatabases();
    }

    void lagClimbsWhileTheWorkerIsDownAndFallsWhenItIsBack()
    {
        LagMonitor monitor;
        lag::LagThresholds thresholds;
        thresholds.postgresBytes = {kPgBaselineCeilingBytes, 2 * kPgBaselineCeilingBytes};
        thresholds.mysqlMs = {kMySqlWarningMs, kMySqlCriticalMs};
        thresholds.consumerMessages = {0, 0}; // no PyFlink job commits for the capstone's group here
        monitor.setThresholds(thresholds);
        std::vector<std::unique_ptr<lag::LagSampler>> samplers = lag::samplersFor(m_project, &m_env);
        QCOMPARE(samplers.size(), std::size_t(3)); // PostgreSQL slots, MySQL connector, consumer group
        const QString mysqlSampler = samplers[1]->name();
        const auto *mysqlLag = qobject_cast<const lag::MySqlLagSampler *>(samplers[1].get());
        QVERIFY(mysqlLag);
        for (auto &s : samplers)
            monitor.addSampler(std::move(s));
        const QString pg = QStringLiteral("pg-slot:") + m_capstone->postgresSlot();
        const QString mysql = QStringLiteral("mysql-ms:") + m_mysqlConnector;
        QSignalSpy alerts(&monitor, &LagMonitor::alert);
        QSignalSpy failures(&monitor, &LagMonitor::samplerFailed);
        QSignalSpy recoveries(&monitor, &LagMonitor::samplerRecovered);

        // Rows into both databases, a few every 100 ms, for the whole test.
        const QString run = QUuid::createUuid().toString(QUuid::WithoutBraces);
        int order = 0, failedWrites = 0;
        QTimer writer;
        connect(&writer, &QTimer::timeout, this, [&] {
            for (const bool postgres : {true, false}) {
                if (!m_capstone->insertOutboxRows(postgres, order + 1, order + kRowsPerWrite, run))
                    ++failedWrites;
            }
            order += kRowsPerWrite;
        });
        writer.start(kWriteIntervalMs);
        monitor.start(kSampleIntervalMs);
        QElapsedTimer clock;
        clock.start();

        // 1. With the worker running, both series settle below warning; the PostgreSQL baseline is measured.
        const qint64 settleFrom = now();
        QVERIFY2(waitFor([&] { return calm(monitor, pg, settleFrom) && calm(monitor, mysql, settleFrom); }, 60000),
                 qPrintable(describe(monitor, pg, mysql, settleFrom)));
        const qint64 baselineFrom = now();
        QTest::qWait(5000);
        double baseline = 0;
        for (const lag::TimeSeries::Point &p : since(monitor, pg, baselineFrom))
            baseline = std::max(baseline, p.max);
        QVERIFY2(calm(monitor, pg, baselineFrom) && calm(monitor, mysql, baselineFrom),
                 qPrintable(describe(monitor, pg, mysql, settleFrom)));
        const double pgWarning = std::max(kPgMinimumWarningBytes, 2.5 * baseline);
        const double pgCritical = 2 * pgWarning;
        thresholds.postgresBytes = {pgWarning, pgCritical};
        monitor.setThresholds(thresholds);
        QCOMPARE(monitor.level(pg), LagLevel::Ok);
        qInfo("settled after %lld ms; PostgreSQL baseline %.0f bytes, thresholds %.0f / %.0f: %s", clock.elapsed(),
              baseline, pgWarning, pgCritical, qPrintable(describe(monitor, pg, mysql, settleFrom)));
        QCOMPARE(key(monitor, pg).nodeId, QStringLiteral("connector-postgres"));
        QCOMPARE(key(monitor, pg).unit, lag::LagUnit::Bytes);
        QCOMPARE(key(monitor, mysql).nodeId, QStringLiteral("connector-mysql"));
        QCOMPARE(key(monitor, mysql).unit, lag::LagUnit::Milliseconds);
        QVERIFY(monitor.seriesData(QStringLiteral("pg-retained:") + m_capstone->postgresSlot()));

        // 2. The worker stops: nothing reads either database, and both lags climb past critical.
        const qint64 stoppedAt = now();
        QVERIFY(worker(QStringLiteral("stop")));
        QVERIFY2(
            waitFor(
                [&] { return monitor.level(pg) == LagLevel::Critical && monitor.level(mysql) == LagLevel::Critical; },
                90000),
            qPrintable(describe(monitor, pg, mysql, stoppedAt)));
        qInfo("both critical %lld ms after the stop began: %s", now() - stoppedAt,
              qPrintable(describe(monitor, pg, mysql, stoppedAt)));
        QVERIFY2(alerted(alerts, pg, LagLevel::Critical, stoppedAt), qPrintable(alertLog(alerts)));
        QVERIFY2(alerted(alerts, mysql, LagLevel::Critical, stoppedAt), qPrintable(alertLog(alerts)));
        QVERIFY(monitor.seriesData(pg)->last()->max >= pgCritical);
        QVERIFY(monitor.seriesData(mysql)->last()->max >= kMySqlCriticalMs);
        // The MySQL sampler says the worker is away (it keeps using the last offset the worker gave).
        bool connectReported = false;
        for (const QList<QVariant> &f : std::as_const(failures)) {
            if (f.at(0).toString() == mysqlSampler && f.at(1).toString().contains(QStringLiteral("Kafka Connect")))
                connectReported = true;
        }
        QVERIFY2(connectReported, qPrintable(failureLog(failures)));

        // 3. The worker comes back: the connectors catch up and both lags fall below warning.
        const qint64 restartedAt = now();
        QVERIFY(worker(QStringLiteral("start")));
        QVERIFY2(
            waitFor([&] { return monitor.level(pg) == LagLevel::Ok && monitor.level(mysql) == LagLevel::Ok; }, 150000),
            qPrintable(describe(monitor, pg, mysql, restartedAt)));
        qInfo("both ok %lld ms after the start began: %s", now() - restartedAt,
              qPrintable(describe(monitor, pg, mysql, restartedAt)));
        QVERIFY2(alerted(alerts, pg, LagLevel::Ok, restartedAt), qPrintable(alertLog(alerts)));
        QVERIFY2(alerted(alerts, mysql, LagLevel::Ok, restartedAt), qPrintable(alertLog(alerts)));
        QVERIFY2(recoveries.contains(QList<QVariant>{mysqlSampler}), qPrintable(failureLog(failures)));

        // 4. The rows stop: once the connector has committed past the last of them, MySQL reads as caught up
        // and idle (0), not as ever further behind its last event.
        writer.stop();
        const qint64 quietFrom = now();
        QVERIFY2(waitFor(
                     [&] {
                         const std::vector<lag::TimeSeries::Point> points = since(monitor, mysql, quietFrom);
                         return points.size() >= 6 &&
                                std::all_of(points.end() - 6, points.end(), [](const auto &p) { return p.max == 0; });
                     },
                     30000),
                 qPrintable(describe(monitor, pg, mysql, quietFrom)));
        QVERIFY(mysqlLag->binlogBytesBehind() >= 0); // the worker's offset and the server's position, one file
        qInfo("idle after %lld ms: %s; binlog %lld bytes past the offset", now() - quietFrom,
              qPrintable(describe(monitor, pg, mysql, quietFrom)), mysqlLag->binlogBytesBehind());

        // cdcctl reads the same project the same way: one line per series, MySQL caught up.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("capstone.cdcproj"));
        QVERIFY(topology::saveProjectFile(file, m_project));
        QProcess cdcctl;
        cdcctl.start(QStringLiteral(CDCCTL_PATH), {QStringLiteral("lag"), file, QStringLiteral("--json")});
        QVERIFY(cdcctl.waitForFinished(60000));
        const QString out = QString::fromUtf8(cdcctl.readAllStandardOutput());
        const QString err = QString::fromUtf8(cdcctl.readAllStandardError());
        QVERIFY2(cdcctl.exitStatus() == QProcess::NormalExit && cdcctl.exitCode() == 0, qPrintable(out + err));
        QMap<QString, QJsonObject> lines;
        for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            lines.insert(o.value(QStringLiteral("series")).toString(), o);
        }
        QVERIFY2(lines.contains(pg) && lines.contains(QStringLiteral("pg-retained:") + m_capstone->postgresSlot()) &&
                     lines.contains(mysql) && lines.contains(QStringLiteral("group:unified-orders")),
                 qPrintable(out));
        QCOMPARE(lines.value(pg).value(QStringLiteral("unit")).toString(), QStringLiteral("bytes"));
        QCOMPARE(lines.value(mysql).value(QStringLiteral("unit")).toString(), QStringLiteral("ms"));
        QCOMPARE(lines.value(mysql).value(QStringLiteral("value")).toDouble(), 0.0);
        QCOMPARE(lines.value(mysql).value(QStringLiteral("nodeId")).toString(), QStringLiteral("connector-mysql"));

        monitor.stop();
        QCOMPARE(failedWrites, 0);
        qInfo("%d rows into each database in %lld ms", order, clock.elapsed());
    }

private:
    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

    // Runs stack/worker ACTION without blocking the event loop (the samplers and the writer keep going).
    bool worker(const QString &action)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CDC_STACK_DIR"), m_env.value(QStringLiteral("STACK_DIR")));
        p.setProcessEnvironment(env);
        p.setStandardInputFile(QProcess::nullDevice());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(CDC_STACK_WORKER), {action});
        if (!p.waitForStarted(10000))
            return false;
        if (action == QLatin1String("stop"))
            m_workerStopped = true; // from here on, cleanup starts it again
        QElapsedTimer clock;
        clock.start();
        while (p.state() != QProcess::NotRunning && clock.elapsed() < 240000)
            QTest::qWait(100);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
        const bool ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        qInfo("stack/worker %s: %s in %lld ms", qPrintable(action), ok ? "done" : "FAILED", clock.elapsed());
        if (!ok)
            qWarning().noquote() << p.readAll();
        if (ok && action == QLatin1String("start"))
            m_workerStopped = false;
        return ok;
    }

    static bool waitFor(const std::function<bool()> &condition, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (!condition()) {
            if (clock.elapsed() > timeoutMs)
                return false;
            QTest::qWait(100);
        }
        return true;
    }

    static std::vector<lag::TimeSeries::Point> since(const LagMonitor &monitor, const QString &id, qint64 fromMs)
    {
        const lag::TimeSeries *series = monitor.seriesData(id);
        return series ? series->range(fromMs, now() + 1000) : std::vector<lag::TimeSeries::Point>{};
    }

    // Five samples or more since `fromMs`, the last five below warning.
    static bool calm(const LagMonitor &monitor, const QString &id, qint64 fromMs)
    {
        const std::vector<lag::TimeSeries::Point> points = since(monitor, id, fromMs);
        if (points.size() < 5)
            return false;
        const double warning = id.startsWith(QLatin1String("pg-")) ? kPgBaselineCeilingBytes : kMySqlWarningMs;
        return std::all_of(points.end() - 5, points.end(), [warning](const auto &p) { return p.max < warning; });
    }

    static lag::SeriesKey key(const LagMonitor &monitor, const QString &id)
    {
        for (const lag::SeriesKey &k : monitor.series()) {
            if (k.id == id)
                return k;
        }
        return {};
    }

    static QString describe(const LagMonitor &monitor, const QString &pg, const QString &mysql, qint64 fromMs)
    {
        QString text;
        for (const QString &id : {pg, mysql}) {
            QStringList values;
            for (const lag::TimeSeries::Point &p : since(monitor, id, fromMs))
                values << QString::number(p.max, 'f', 0);
            text += QStringLiteral("\n  %1 (%2): %3")
                        .arg(id, lag::levelName(monitor.level(id)),
                             values.mid(std::max<qsizetype>(0, values.size() - 40)).join(u' '));
        }
        return text;
    }

    static bool alerted(const QSignalSpy &alerts, const QString &id, LagLevel to, qint64 fromMs)
    {
        for (const QList<QVariant> &a : alerts) {
            const LagAlert alert = a.at(0).value<LagAlert>();
            if (alert.series.id == id && alert.to == to && alert.timeMs >= fromMs)
                return true;
        }
        return false;
    }

    static QString alertLog(const QSignalSpy &alerts)
    {
        QStringList lines;
        for (const QList<QVariant> &a : alerts)
            lines << describeAlert(a.at(0).value<LagAlert>());
        return lines.join(u'\n');
    }

    static QString failureLog(const QSignalSpy &failures)
    {
        QStringList lines;
        for (const QList<QVariant> &f : failures)
            lines << f.at(0).toString() + QStringLiteral(": ") + f.at(1).toString();
        return lines.join(u'\n');
    }

    // Drops the slot once no task holds it: the server keeps WAL for a slot nobody reads.
    bool dropSlot(const QString &slot)
    {
        QSqlQuery q(openStackDatabase(m_env, true));
        for (int attempt = 0; attempt < 80; ++attempt) {
            if (!q.exec(QStringLiteral("SELECT active FROM pg_replication_slots WHERE slot_name = '%1'").arg(slot))) {
                qWarning() << q.lastError().text();
                return false;
            }
            if (!q.next())
                return true;
            if (!q.value(0).toBool())
                return q.exec(QStringLiteral("SELECT pg_drop_replication_slot('%1')").arg(slot));
            QTest::qWait(250);
        }
        qWarning() << "slot" << slot << "stays active";
        return false;
    }

    StackEnvironment m_env;
    std::optional<CapstoneConnectors> m_capstone;
    topology::Project m_project;
    QString m_mysqlConnector;
    bool m_workerStopped = false;
};

QTEST_GUILESS_MAIN(TstLagMonitoring)
#include "tst_lagmonitoring.moc"
