// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of LagMonitor and the lag types: levels and alerts both ways, thresholds per unit and database,
// re-evaluation when thresholds change, samplers across threads, thresholds JSON, value formatting.
#include "lag/lagmonitor.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

using namespace cdc::lag;

namespace {

constexpr double kMiB = 1024.0 * 1024;
constexpr double kGiB = 1024 * kMiB;

SeriesKey postgresSlot()
{
    return {QStringLiteral("pg-slot:outbox_postgres"), QStringLiteral("PostgreSQL slot outbox_postgres"),
            LagUnit::Bytes, QStringLiteral("postgres"), QStringLiteral("connector-pg")};
}

SeriesKey mysqlConnector()
{
    return {QStringLiteral("mysql-ms:mysql-outbox"), QStringLiteral("MySQL connector mysql-outbox"),
            LagUnit::Milliseconds, QStringLiteral("mysql"), QStringLiteral("connector-mysql")};
}

SeriesKey consumerGroup()
{
    return {QStringLiteral("group:unified-orders"), QStringLiteral("Consumer group unified-orders"), LagUnit::Messages,
            QString(), QStringLiteral("consumer")};
}

LagAlert alertAt(const QSignalSpy &spy, int i)
{
    return qvariant_cast<LagAlert>(spy.at(i).at(0));
}

} // namespace

// Stands in for a real sampler: counts start/stop and lets the test emit.
class FakeSampler : public LagSampler
{
    Q_OBJECT

public:
    using LagSampler::LagSampler;
    QString name() const override { return QStringLiteral("fake"); }
    void start(int intervalMs) override
    {
        ++starts;
        interval = intervalMs;
    }
    void stop() override { ++stops; }

    int starts = 0;
    int stops = 0;
    int interval = 0;
};

class TstLagMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alertsWhenTheLevelChangesEitherWay()
    {
        LagMonitor monitor;
        QSignalSpy added(&monitor, &LagMonitor::seriesAdded);
        QSignalSpy samples(&monitor, &LagMonitor::sampleAdded);
        QSignalSpy alerts(&monitor, &LagMonitor::alert);
        const SeriesKey slot = postgresSlot();

        monitor.addSample(slot, 1000, 100 * kMiB); // below 256 MiB: ok, no alert
        QCOMPARE(added.count(), 1);
        QCOMPARE(qvariant_cast<SeriesKey>(added.at(0).at(0)), slot);
        QCOMPARE(alerts.count(), 0);
        QCOMPARE(monitor.level(slot.id), LagLevel::Ok);

        monitor.addSample(slot, 2000, 300 * kMiB);
        monitor.addSample(slot, 3000, 310 * kMiB); // still warning: nothing new
        monitor.addSample(slot, 4000, 1.2 * kGiB);
        monitor.addSample(slot, 5000, 500 * kMiB);
        monitor.addSample(slot, 6000, 10 * kMiB);
        QCOMPARE(added.count(), 1);
        QCOMPARE(samples.count(), 6);
        QCOMPARE(alerts.count(), 4);

        const LagAlert up = alertAt(alerts, 0);
        QCOMPARE(up.series, slot);
        QCOMPARE(up.from, LagLevel::Ok);
        QCOMPARE(up.to, LagLevel::Warning);
        QCOMPARE(up.value, 300 * kMiB);
        QCOMPARE(up.timeMs, qint64(2000));
        QCOMPARE(up.threshold, 256 * kMiB);

        const LagAlert critical = alertAt(alerts, 1);
        QCOMPARE(critical.from, LagLevel::Warning);
        QCOMPARE(critical.to, LagLevel::Critical);
        QCOMPARE(critical.threshold, kGiB);
        QCOMPARE(critical.message(),
                 QStringLiteral("PostgreSQL slot outbox_postgres: 1.2 GB of WAL retained (critical ≥ 1.0 GB)"));

        QCOMPARE(alertAt(alerts, 2).from, LagLevel::Critical);
        QCOMPARE(alertAt(alerts, 2).to, LagLevel::Warning);
        const LagAlert down = alertAt(alerts, 3);
        QCOMPARE(down.from, LagLevel::Warning);
        QCOMPARE(down.to, LagLevel::Ok);
        QCOMPARE(down.message(),
                 QStringLiteral("PostgreSQL slot outbox_postgres: 10.0 MB of WAL retained (ok again, below 256.0 MB)"));
        QCOMPARE(monitor.level(slot.id), LagLevel::Ok);

        const TimeSeries *data = monitor.seriesData(slot.id);
        QVERIFY(data);
        QCOMPARE(data->last()->mean, 10 * kMiB);
        QCOMPARE(data->range(0, 10'000).size(), std::size_t(6));
        QVERIFY(!monitor.seriesData(QStringLiteral("nope")));
    }

    void aNewSeriesAboveAThresholdAlertsAtOnce()
    {
        LagMonitor monitor;
        QSignalSpy alerts(&monitor, &LagMonitor::alert);
        monitor.addSample(consumerGroup(), 1000, 150'000);
        QCOMPARE(alerts.count(), 1);
        QCOMPARE(alertAt(alerts, 0).to, LagLevel::Critical);
        QCOMPARE(
            alertAt(alerts, 0).message(),
            QStringLiteral("Consumer group unified-orders: 150,000 messages behind (critical ≥ 100,000 messages)"));
        QCOMPARE(monitor.worstLevel(), LagLevel::Critical);
    }

    void thresholdsAreByUnitAndDatabase()
    {
        LagMonitor monitor;
        QSignalSpy alerts(&monitor, &LagMonitor::alert);
        // The same number: 20,000 bytes of WAL is nothing, 20,000 ms behind is a warning.
        monitor.addSample(postgresSlot(), 1000, 20'000);
        monitor.addSample(mysqlConnector(), 1000, 20'000);
        QCOMPARE(monitor.level(postgresSlot().id), LagLevel::Ok);
        QCOMPARE(monitor.level(mysqlConnector().id), LagLevel::Warning);
        monitor.addSample(postgresSlot(), 2000, 70'000);
        monitor.addSample(mysqlConnector(), 2000, 70'000);
        QCOMPARE(monitor.level(postgresSlot().id), LagLevel::Ok);
        QCOMPARE(monitor.level(mysqlConnector().id), LagLevel::Critical);
        QCOMPARE(monitor.worstLevel(), LagLevel::Critical);
        QCOMPARE(alerts.count(), 2);
        QCOMPARE(alertAt(alerts, 1).message(),
                 QStringLiteral("MySQL connector mysql-outbox: 1 min 10 s behind (critical ≥ 1 min 0 s)"));
        QCOMPARE(monitor.series(), (QList<SeriesKey>{postgresSlot(), mysqlConnector()}));

        const LagThresholds defaults;
        QCOMPARE(defaults.forSeries(postgresSlot()), defaults.postgresBytes);
        QCOMPARE(defaults.forSeries(mysqlConnector()), defaults.mysqlMs);
        QCOMPARE(defaults.forSeries(consumerGroup()), defaults.consumerMessages);
        // A unit that is not the database's lag measure has no threshold.
        SeriesKey mysqlBytes = mysqlConnector();
        mysqlBytes.unit = LagUnit::Bytes;
        QCOMPARE(defaults.forSeries(mysqlBytes).levelFor(1e15), LagLevel::Ok);
    }

    void levelForCriticalWinsAndZeroIsOff()
    {
        QCOMPARE((LagThreshold{10, 20}).levelFor(9.99), LagLevel::Ok);
        QCOMPARE((LagThreshold{10, 20}).levelFor(10), LagLevel::Warning);
        QCOMPARE((LagThreshold{10, 20}).levelFor(20), LagLevel::Critical);
        QCOMPARE((LagThreshold{0, 20}).levelFor(15), LagLevel::Ok);
        QCOMPARE((LagThreshold{0, 20}).levelFor(25), LagLevel::Critical);
        QCOMPARE((LagThreshold{10, 0}).levelFor(1e12), LagLevel::Warning);
        QCOMPARE((LagThreshold{0, 0}).levelFor(1e12), LagLevel::Ok);
        QCOMPARE((LagThreshold{30, 20}).levelFor(25), LagLevel::Critical); // critical wins
    }

    void setThresholdsReevaluatesWithTheLastValue()
    {
        LagMonitor monitor;
        QSignalSpy alerts(&monitor, &LagMonitor::alert);
        monitor.addSample(mysqlConnector(), 1000, 20'000);
        monitor.addSample(postgresSlot(), 1000, 20'000);
        QCOMPARE(alerts.count(), 1);

        LagThresholds looser;
        looser.mysqlMs = {30'000, 60'000};
        monitor.setThresholds(looser);
        QCOMPARE(monitor.thresholds(), looser);
        QCOMPARE(alerts.count(), 2);
        QCOMPARE(alertAt(alerts, 1).series, mysqlConnector());
        QCOMPARE(alertAt(alerts, 1).from, LagLevel::Warning);
        QCOMPARE(alertAt(alerts, 1).to, LagLevel::Ok);
        QCOMPARE(alertAt(alerts, 1).value, 20'000.0);
        QCOMPARE(alertAt(alerts, 1).timeMs, qint64(1000));
        QCOMPARE(monitor.worstLevel(), LagLevel::Ok);

        monitor.setThresholds(looser); // no change, no alert
        QCOMPARE(alerts.count(), 2);

        LagThresholds stricter;
        stricter.mysqlMs = {5'000, 15'000};
        stricter.postgresBytes = {1'000, 0};
        monitor.setThresholds(stricter);
        QCOMPARE(alerts.count(), 4);
        QCOMPARE(alertAt(alerts, 2).to, LagLevel::Critical);
        QCOMPARE(alertAt(alerts, 3).series, postgresSlot());
        QCOMPARE(alertAt(alerts, 3).to, LagLevel::Warning);
        QCOMPARE(monitor.level(postgresSlot().id), LagLevel::Warning);
        QCOMPARE(monitor.worstLevel(), LagLevel::Critical);
    }

    void outOfOrderSamplesAreNotAnnounced()
    {
        LagMonitor monitor;
        QSignalSpy samples(&monitor, &LagMonitor::sampleAdded);
        QSignalSpy alerts(&monitor, &LagMonitor::alert);
        monitor.addSample(mysqlConnector(), 2000, 1);
        monitor.addSample(mysqlConnector(), 1000, 90'000);
        monitor.addSample(mysqlConnector(), 3000, qQNaN());
        QCOMPARE(samples.count(), 1);
        QCOMPARE(alerts.count(), 0);
        QCOMPARE(monitor.seriesData(mysqlConnector().id)->ignoredOutOfOrder(), qsizetype(1));
    }

    void samplersDeliverAcrossThreads()
    {
        LagMonitor monitor;
        auto owned = std::make_unique<FakeSampler>();
        FakeSampler *sampler = owned.get();
        monitor.addSampler(std::move(owned));
        QSignalSpy samples(&monitor, &LagMonitor::sampleAdded);
        QSignalSpy failed(&monitor, &LagMonitor::samplerFailed);
        QSignalSpy recovered(&monitor, &LagMonitor::samplerRecovered);

        QVERIFY(!monitor.isRunning());
        monitor.start(500);
        QVERIFY(monitor.isRunning());
        QCOMPARE(sampler->starts, 1);
        QCOMPARE(sampler->interval, 500);

        // Emitted on a worker thread: queued, delivered when the GUI thread's loop runs.
        const SeriesKey key = consumerGroup();
        std::unique_ptr<QThread> worker(QThread::create([sampler, key] {
            Q_EMIT sampler->sampled(key, 1000, 42);
            Q_EMIT sampler->failed(QStringLiteral("fake"), QStringLiteral("connection refused"));
            Q_EMIT sampler->recovered(QStringLiteral("fake"));
        }));
        worker->start();
        QVERIFY(worker->wait(10'000));
        QCOMPARE(samples.count(), 0);
        QTRY_COMPARE(samples.count(), 1);
        QTRY_COMPARE(recovered.count(), 1);
        QCOMPARE(qvariant_cast<SeriesKey>(samples.at(0).at(0)), key);
        QCOMPARE(samples.at(0).at(1).toLongLong(), 1000);
        QCOMPARE(samples.at(0).at(2).toDouble(), 42.0);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("connection refused"));
        QCOMPARE(monitor.series().size(), qsizetype(1));

        // A sampler added while running starts at once with the same interval.
        auto late = std::make_unique<FakeSampler>();
        FakeSampler *lateSampler = late.get();
        monitor.addSampler(std::move(late));
        QCOMPARE(lateSampler->starts, 1);
        QCOMPARE(lateSampler->interval, 500);

        monitor.stop();
        QVERIFY(!monitor.isRunning());
        QCOMPARE(sampler->stops, 1);
        QCOMPARE(lateSampler->stops, 1);
        monitor.stop();
        QCOMPARE(sampler->stops, 1);
        monitor.clearSamplers();
    }

    void thresholdsJsonRoundTrip()
    {
        LagThresholds custom;
        custom.postgresBytes = {512 * kMiB, 2 * kGiB};
        custom.mysqlMs = {2'500.5, 0};
        custom.consumerMessages = {0, 0};
        const nlohmann::json json = thresholdsToJson(custom);
        QCOMPARE(json.at("postgres").at("warningBytes").get<std::int64_t>(), std::int64_t(512 * kMiB));
        QVERIFY(json.at("postgres").at("criticalBytes").is_number_integer());
        QCOMPARE(json.at("mysql").at("warningMs").get<double>(), 2'500.5);
        QCOMPARE(json.at("consumer").at("criticalMessages").get<int>(), 0);
        const auto back = thresholdsFromJson(json);
        QVERIFY2(back.ok(), qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(back.value(), custom);
        // Through text, as in the project file.
        const auto reparsed = thresholdsFromJson(nlohmann::json::parse(json.dump()));
        QVERIFY(reparsed.ok());
        QCOMPARE(reparsed.value(), custom);

        // Missing keys keep their defaults; unknown keys are someone else's.
        const auto partial =
            thresholdsFromJson(nlohmann::json{{"mysql", {{"criticalMs", 120'000}}}, {"chart", {{"window", "1h"}}}});
        QVERIFY(partial.ok());
        LagThresholds expected;
        expected.mysqlMs.critical = 120'000;
        QCOMPARE(partial.value(), expected);
        QCOMPARE(thresholdsFromJson(nlohmann::json::object()).value(), LagThresholds());
        QCOMPARE(thresholdsFromJson(nlohmann::json()).value(), LagThresholds());
    }

    void thresholdsJsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");

        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("/lag")
                                       << QStringLiteral("must be a JSON object");
        QTest::newRow("section not an object") << QByteArray("{\"postgres\": 5}") << QStringLiteral("/lag/postgres")
                                               << QStringLiteral("\"postgres\" in the lag settings must be an object");
        QTest::newRow("text") << QByteArray("{\"postgres\": {\"warningBytes\": \"1\"}}")
                              << QStringLiteral("/lag/postgres/warningBytes")
                              << QStringLiteral("\"postgres.warningBytes\" must be a number (bytes), not string");
        QTest::newRow("bool") << QByteArray("{\"consumer\": {\"criticalMessages\": true}}")
                              << QStringLiteral("/lag/consumer/criticalMessages")
                              << QStringLiteral("\"consumer.criticalMessages\" must be a number");
        QTest::newRow("negative") << QByteArray("{\"mysql\": {\"warningMs\": -1}}")
                                  << QStringLiteral("/lag/mysql/warningMs")
                                  << QStringLiteral("\"mysql.warningMs\" must not be negative");
        QTest::newRow("warning above critical")
            << QByteArray("{\"mysql\": {\"warningMs\": 70000}}") << QStringLiteral("/lag/mysql")
            << QStringLiteral("\"mysql.warningMs\" (1 min 10 s) is above the critical one \"mysql.criticalMs\"");
    }

    void thresholdsJsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        QFETCH(QString, what);
        const auto result = thresholdsFromJson(nlohmann::json::parse(json.toStdString()));
        QVERIFY(!result);
        QCOMPARE(result.error().where, where);
        QVERIFY2(result.error().what.contains(what), qPrintable(result.error().what));
        QVERIFY(!result.error().hint.isEmpty());
    }

    void warningAboveAnOffCriticalIsFine()
    {
        const auto result = thresholdsFromJson(nlohmann::json{{"mysql", {{"warningMs", 70'000}, {"criticalMs", 0}}}});
        QVERIFY(result.ok());
        QCOMPARE(result.value().mysqlMs, (LagThreshold{70'000, 0}));
    }

    void formatsValues_data()
    {
        QTest::addColumn<int>("unit");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");

        const auto bytes = int(LagUnit::Bytes);
        const auto ms = int(LagUnit::Milliseconds);
        const auto messages = int(LagUnit::Messages);
        QTest::newRow("0 B") << bytes << 0.0 << QStringLiteral("0 B");
        QTest::newRow("1023 B") << bytes << 1023.0 << QStringLiteral("1023 B");
        QTest::newRow("1.5 KB") << bytes << 1536.0 << QStringLiteral("1.5 KB");
        QTest::newRow("12.4 MB") << bytes << 12.4 * kMiB << QStringLiteral("12.4 MB");
        QTest::newRow("rounds up a unit") << bytes << 1023.97 * 1024 << QStringLiteral("1.0 MB");
        QTest::newRow("1.2 GB") << bytes << 1.2 * kGiB << QStringLiteral("1.2 GB");
        QTest::newRow("GB is the largest") << bytes << 2048 * kGiB << QStringLiteral("2,048.0 GB");
        QTest::newRow("negative bytes") << bytes << -1536.0 << QStringLiteral("-1.5 KB");
        QTest::newRow("850 ms") << ms << 850.0 << QStringLiteral("850 ms");
        QTest::newRow("999.4 ms") << ms << 999.4 << QStringLiteral("999 ms");
        QTest::newRow("3.2 s") << ms << 3200.0 << QStringLiteral("3.2 s");
        QTest::newRow("59.9 s") << ms << 59'940.0 << QStringLiteral("59.9 s");
        QTest::newRow("60 s") << ms << 59'960.0 << QStringLiteral("1 min 0 s");
        QTest::newRow("4 min 10 s") << ms << 250'000.0 << QStringLiteral("4 min 10 s");
        QTest::newRow("hours") << ms << 3'723'000.0 << QStringLiteral("1 h 2 min");
        QTest::newRow("negative ms") << ms << -1500.0 << QStringLiteral("-1.5 s");
        QTest::newRow("tiny negative") << ms << -0.2 << QStringLiteral("0 ms");
        QTest::newRow("1 message") << messages << 1.0 << QStringLiteral("1 message");
        QTest::newRow("1,204 messages") << messages << 1204.0 << QStringLiteral("1,204 messages");
        QTest::newRow("millions") << messages << 1'234'567.0 << QStringLiteral("1,234,567 messages");
        QTest::newRow("not a number") << messages << qQNaN() << QStringLiteral("n/a");
    }

    void formatsValues()
    {
        QFETCH(int, unit);
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(formatValue(LagUnit(unit), value), text);
    }

    void namesUnitsAndLevels()
    {
        QCOMPARE(unitName(LagUnit::Bytes), QStringLiteral("bytes"));
        QCOMPARE(unitName(LagUnit::Milliseconds), QStringLiteral("ms"));
        QCOMPARE(unitName(LagUnit::Messages), QStringLiteral("messages"));
        QCOMPARE(levelName(LagLevel::Ok), QStringLiteral("ok"));
        QCOMPARE(levelName(LagLevel::Warning), QStringLiteral("warning"));
        QCOMPARE(levelName(LagLevel::Critical), QStringLiteral("critical"));
    }
};

QTEST_GUILESS_MAIN(TstLagMonitor)
#include "tst_lagmonitor.moc"
