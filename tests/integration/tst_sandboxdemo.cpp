// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox end to end, as a workshop uses it: `cdcctl demo` runs as its own process; the app's real
// REST client deploys the capstone's two connectors to its simulated Kafka Connect; `cdcctl tail` and
// `kcat` read both topics from its in-process broker; every incident is triggered through the demo's
// /sandbox routes and its effect is seen in the connector status, in the events and in the lag lines.
#include "connect/connectclient.h"
#include "connect/deployer.h"
#include "connect/deployplan.h"
#include "debezium/connectorconfig.h"
#include "topology/templates.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <optional>

using namespace cdc;
using connect::ConnectClient;

namespace {

constexpr int kRate = 400; // events per second, both databases together

// One per-second line of `cdcctl demo`, parsed: "postgres_eps=.. mysql_eps=.. pg_lag_bytes=.. …".
struct DemoLine
{
    QMap<QString, QString> fields;
    qint64 number(const QString &key) const { return fields.value(key).toLongLong(); }
    QString text(const QString &key) const { return fields.value(key); }
};

std::optional<DemoLine> parseDemoLine(const QString &line)
{
    if (!line.startsWith(QLatin1String("postgres_eps=")))
        return std::nullopt;
    DemoLine parsed;
    for (const QString &part : line.split(u' ', Qt::SkipEmptyParts))
        parsed.fields.insert(part.section(u'=', 0, 0), part.section(u'=', 1));
    return parsed;
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runProgram(const QString &program, const QStringList &args, int timeoutMs = 30'000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QList<QJsonObject> jsonLines(const QString &text)
{
    QList<QJsonObject> objects;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
        if (doc.isObject())
            objects << doc.object();
    }
    return objects;
}

} // namespace

class TestSandboxDemo : public QObject
{
    Q_OBJECT

private:
    QProcess m_demo;
    QStringList m_lines; // every stdout line of the demo so far
    QString m_bootstrap;
    QUrl m_connect;
    std::unique_ptr<ConnectClient> m_client;
    QNetworkAccessManager m_network;

    void readDemo()
    {
        while (m_demo.canReadLine())
            m_lines << QString::fromUtf8(m_demo.readLine()).trimmed();
    }

    // Waits for a demo line (after `from`) that satisfies `accept`; the line, or nullopt after `timeoutMs`.
    std::optional<QString> waitForLine(const std::function<bool(const QString &)> &accept, int timeoutMs,
                                       qsizetype from = -1)
    {
        qsizetype next = from < 0 ? m_lines.size() : from;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            readDemo();
            for (; next < m_lines.size(); ++next) {
                if (accept(m_lines.at(next)))
                    return m_lines.at(next);
            }
            if (m_demo.state() != QProcess::Running)
                return std::nullopt;
            m_demo.waitForReadyRead(100);
            QCoreApplication::processEvents();
        }
        return std::nullopt;
    }

    std::optional<DemoLine> waitForFigures(const std::function<bool(const DemoLine &)> &accept, int timeoutMs)
    {
        std::optional<DemoLine> found;
        waitForLine(
            [&](const QString &line) {
                const auto parsed = parseDemoLine(line);
                if (parsed && accept(*parsed)) {
                    found = parsed;
                    return true;
                }
                return false;
            },
            timeoutMs);
        return found;
    }

    // POST/DELETE /sandbox/incidents/KEY on the demo's Connect; the HTTP status.
    int incident(const QByteArray &verb, const QString &key)
    {
        QNetworkRequest request(m_connect.resolved(QUrl(QStringLiteral("/sandbox/incidents/") + key)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, QByteArray());
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 300)
            qWarning().noquote() << verb << key << status << reply->readAll();
        reply->deleteLater();
        return status;
    }

    connect::TaskStatus task(const QString &connector)
    {
        const auto status = connect::awaitAnswer<connect::ConnectorStatus>(
            [this, &connector](auto done) { m_client->status(connector, done); });
        if (!status || status.value().tasks.isEmpty())
            return {};
        return status.value().tasks.constFirst();
    }

    bool waitForTaskState(const QString &connector, const QString &state, int timeoutMs = 10'000)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            if (task(connector).state == state)
                return true;
            QTest::qWait(100);
        }
        return false;
    }

    Result<void> restartTask(const QString &connector)
    {
        return connect::awaitAnswer<void>([this, &connector](auto done) { m_client->restartTask(connector, 0, done); });
    }

    Result<void> changeConfig(const QString &connector, const QString &key, const QString &value)
    {
        auto config = connect::awaitAnswer<QMap<QString, QString>>(
            [this, &connector](auto done) { m_client->config(connector, done); });
        if (!config)
            return config.error();
        QMap<QString, QString> changed = config.value();
        changed.insert(key, value);
        auto updated = connect::awaitAnswer<connect::ConnectorInfo>(
            [this, &connector, &changed](auto done) { m_client->updateConfig(connector, changed, done); });
        if (!updated)
            return updated.error();
        return {};
    }

    QString capstonePath() const { return QStringLiteral(CDC_SOURCE_DIR "/resources/templates/capstone.cdcproj"); }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("cdc.connect.debug=false"));
        m_demo.setProcessChannelMode(QProcess::SeparateChannels);
        m_demo.start(QStringLiteral(CDCCTL_PATH), {QStringLiteral("demo"), QStringLiteral("--no-deploy"),
                                                   QStringLiteral("--rate"), QString::number(kRate)});
        QVERIFY2(m_demo.waitForStarted(), qPrintable(m_demo.errorString()));
        const auto bootstrap =
            waitForLine([](const QString &l) { return l.startsWith(QLatin1String("bootstrap=")); }, 15'000, 0);
        QVERIFY2(bootstrap, qPrintable(QString::fromUtf8(m_demo.readAllStandardError())));
        const auto connectLine =
            waitForLine([](const QString &l) { return l.startsWith(QLatin1String("connect=")); }, 5'000, 0);
        QVERIFY(connectLine);
        // The contract: these are the first two lines.
        QCOMPARE(m_lines.value(0), *bootstrap);
        QCOMPARE(m_lines.value(1), *connectLine);
        m_bootstrap = bootstrap->section(u'=', 1);
        m_connect = QUrl(connectLine->section(u'=', 1));
        QVERIFY2(QRegularExpression(QStringLiteral("^127\\.0\\.0\\.1:\\d+$")).match(m_bootstrap).hasMatch(),
                 qPrintable(m_bootstrap));
        QCOMPARE(m_connect.host(), QStringLiteral("127.0.0.1"));

        connect::ClusterSettings cluster;
        cluster.name = QStringLiteral("sandbox");
        cluster.url = m_connect;
        m_client = std::make_unique<ConnectClient>(cluster);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        if (m_demo.state() == QProcess::Running) {
            m_demo.terminate(); // SIGTERM: the demo stops its sandbox and exits 130
            QVERIFY(m_demo.waitForFinished(10'000));
            QCOMPARE(m_demo.exitCode(), 130);
        }
    }

    void nothingFlowsBeforeADeploy()
    {
        const auto figures = waitForFigures([](const DemoLine &) { return true; }, 3'000);
        QVERIFY(figures);
        QCOMPARE(figures->number(QStringLiteral("postgres_eps")), 0);
        QCOMPARE(figures->text(QStringLiteral("postgres")), QStringLiteral("-"));
    }

    void deployBothConnectorsThroughTheRestClient()
    {
        const topology::ProjectTemplate *capstone = topology::findTemplate(QStringLiteral("capstone"));
        QVERIFY(capstone);
        const auto project = topology::loadTemplate(*capstone);
        QVERIFY(project);
        const auto connectors = debezium::connectorsOf(project.value());
        QCOMPARE(connectors.size(), std::size_t(2));

        const auto live =
            connect::awaitAnswer<QList<connect::ConnectorOverview>>([this](auto done) { m_client->connectors(done); });
        QVERIFY2(live, qPrintable(live ? QString() : live.error().toString()));
        const connect::DeployPlan plan = connect::planDeploy(connectors, live.value());
        QCOMPARE(plan.connectors.size(), qsizetype(2));
        for (const connect::PlannedConnector &c : plan.connectors)
            QCOMPARE(c.action, connect::PlannedConnector::Action::Create);

        connect::Deployer deployer(m_client.get(), plan);
        bool deployed = false;
        QEventLoop loop;
        QObject::connect(&deployer, &connect::Deployer::finished, &loop, [&](bool ok) {
            deployed = ok;
            loop.quit();
        });
        deployer.start();
        loop.exec();
        QVERIFY(deployed);

        QVERIFY(waitForTaskState(QStringLiteral("postgres-outbox"), QStringLiteral("RUNNING")));
        QVERIFY(waitForTaskState(QStringLiteral("mysql-outbox"), QStringLiteral("RUNNING")));
        const auto again =
            connect::awaitAnswer<QList<connect::ConnectorOverview>>([this](auto done) { m_client->connectors(done); });
        QVERIFY(again);
        QVERIFY(connect::planDeploy(connectors, again.value()).nothingToDo());
    }

    void eventsFlowAtTheSetRate()
    {
        // Let the rate settle, then the demo's figures: both sources stream, together about the set rate.
        QTest::qWait(2'500);
        const auto figures = waitForFigures(
            [](const DemoLine &l) {
                return l.number(QStringLiteral("postgres_eps")) > 0 && l.number(QStringLiteral("mysql_eps")) > 0;
            },
            10'000);
        QVERIFY(figures);
        const qint64 total =
            figures->number(QStringLiteral("postgres_eps")) + figures->number(QStringLiteral("mysql_eps"));
        QVERIFY2(total > kRate / 2 && total < kRate * 2, qPrintable(QString::number(total)));
        QCOMPARE(figures->text(QStringLiteral("postgres")), QStringLiteral("RUNNING"));
        QCOMPARE(figures->text(QStringLiteral("mysql")), QStringLiteral("RUNNING"));
    }

    void cdcctlTailReadsBothTopicsTagged()
    {
        const Run r = runProgram(QStringLiteral(CDCCTL_PATH),
                                 {QStringLiteral("tail"), capstonePath(), QStringLiteral("--bootstrap"), m_bootstrap,
                                  QStringLiteral("--from"), QStringLiteral("beginning"), QStringLiteral("--max"),
                                  QStringLiteral("400")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QJsonObject> events = jsonLines(r.out);
        QCOMPARE(events.size(), 400);
        int postgres = 0;
        int mysql = 0;
        for (const QJsonObject &e : events) {
            const QString source = e.value(QStringLiteral("source")).toString();
            const QString key = e.value(QStringLiteral("compositeKey")).toString();
            const QString topic = e.value(QStringLiteral("topic")).toString();
            QVERIFY2(e.value(QStringLiteral("problem")).isNull() || e.value(QStringLiteral("problem")).isUndefined(),
                     QJsonDocument(e).toJson(QJsonDocument::Compact).constData());
            QCOMPARE(e.value(QStringLiteral("kind")).toString(), QStringLiteral("outbox"));
            QVERIFY(!e.value(QStringLiteral("eventType")).toString().isEmpty());
            if (source == QLatin1String("postgres")) {
                ++postgres;
                QCOMPARE(topic, QStringLiteral("outbox.event.postgres.order"));
                QVERIFY2(key.startsWith(QLatin1String("PG-")), qPrintable(key));
            } else {
                QCOMPARE(source, QStringLiteral("mysql"));
                ++mysql;
                QCOMPARE(topic, QStringLiteral("outbox.event.mysql.order"));
                QVERIFY2(key.startsWith(QLatin1String("MY-")), qPrintable(key));
            }
        }
        QVERIFY2(postgres > 50 && mysql > 50, qPrintable(QStringLiteral("%1 / %2").arg(postgres).arg(mysql)));
    }

    void kcatReadsBothTopics_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::newRow("postgres") << QStringLiteral("outbox.event.postgres.order");
        QTest::newRow("mysql") << QStringLiteral("outbox.event.mysql.order");
    }

    void kcatReadsBothTopics()
    {
        QFETCH(QString, topic);
        const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
        QVERIFY2(!kcat.isEmpty(), "kcat is not installed (scripts/setup installs it)");
        const Run r =
            runProgram(kcat, {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-C"), QStringLiteral("-t"), topic,
                              QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-c"),
                              QStringLiteral("30"), QStringLiteral("-J"), QStringLiteral("-e"), QStringLiteral("-q")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QJsonObject> messages = jsonLines(r.out);
        QCOMPARE(messages.size(), 30);
        for (const QJsonObject &m : messages) {
            QCOMPARE(m.value(QStringLiteral("topic")).toString(), topic);
            // The Event Router's record: the aggregate id as the key (a JSON string), the payload as the value.
            const QString key = m.value(QStringLiteral("key")).toString();
            QVERIFY2(QRegularExpression(QStringLiteral("^\"\\d+\"$")).match(key).hasMatch(), qPrintable(key));
            const QJsonDocument payload =
                QJsonDocument::fromJson(m.value(QStringLiteral("payload")).toString().toUtf8());
            QVERIFY2(payload.isObject(), qPrintable(m.value(QStringLiteral("payload")).toString()));
        }
    }

    void lagSpikeRaisesBothLagsAndDrains()
    {
        QCOMPARE(incident("POST", QStringLiteral("lag-spike")), 200);
        QVERIFY(waitForLine([](const QString &l) { return l == QLatin1String("incidents=lag-spike"); }, 3'000, 0));
        const auto high = waitForFigures(
            [](const DemoLine &l) {
                return l.number(QStringLiteral("pg_lag_bytes")) > 500'000 &&
                       l.number(QStringLiteral("mysql_lag_ms")) > 2'500;
            },
            20'000);
        QVERIFY2(high, qPrintable(m_lines.mid(m_lines.size() - 3).join(u'\n')));
        QCOMPARE(incident("DELETE", QStringLiteral("lag-spike")), 200);
        const auto drained = waitForFigures(
            [](const DemoLine &l) {
                return l.number(QStringLiteral("pg_lag_bytes")) < 100'000 &&
                       l.number(QStringLiteral("mysql_lag_ms")) < 1'000 &&
                       l.text(QStringLiteral("incidents")) == QLatin1String("-");
            },
            30'000);
        QVERIFY2(drained, qPrintable(m_lines.mid(m_lines.size() - 3).join(u'\n')));
    }

    void failedTaskStopsEventsUntilRestarted()
    {
        const QString connector = QStringLiteral("postgres-outbox");
        QCOMPARE(incident("POST", QStringLiteral("task-failed")), 200);
        QVERIFY(waitForTaskState(connector, QStringLiteral("FAILED")));
        QVERIFY2(task(connector).trace.contains(QLatin1String("Connection reset")), qPrintable(task(connector).trace));
        // Events stop, WAL piles up in the slot.
        const auto stopped = waitForFigures(
            [](const DemoLine &l) {
                return l.text(QStringLiteral("postgres")) == QLatin1String("TASK_FAILED") &&
                       l.number(QStringLiteral("postgres_eps")) == 0 &&
                       l.number(QStringLiteral("pg_lag_bytes")) > 100'000;
            },
            10'000);
        QVERIFY2(stopped, qPrintable(m_lines.mid(m_lines.size() - 3).join(u'\n')));
        QVERIFY(restartTask(connector));
        QVERIFY(waitForTaskState(connector, QStringLiteral("RUNNING")));
        QVERIFY(waitForFigures(
            [](const DemoLine &l) {
                return l.number(QStringLiteral("postgres_eps")) > 0 &&
                       l.text(QStringLiteral("incidents")) == QLatin1String("-");
            },
            10'000));
    }

    void duplicateServerIdNeedsANewServerId()
    {
        const QString connector = QStringLiteral("mysql-outbox");
        QCOMPARE(incident("POST", QStringLiteral("duplicate-server-id")), 200);
        QVERIFY(waitForTaskState(connector, QStringLiteral("FAILED")));
        QVERIFY2(task(connector).trace.contains(QLatin1String("same server_uuid/server_id")),
                 qPrintable(task(connector).trace));
        QVERIFY(waitForFigures([](const DemoLine &l) { return l.number(QStringLiteral("mysql_eps")) == 0; }, 5'000));
        // A plain restart meets the other replica again.
        QVERIFY(restartTask(connector));
        QTest::qWait(500);
        QCOMPARE(task(connector).state, QStringLiteral("FAILED"));
        // A server id of its own, then a restart.
        QVERIFY(changeConfig(connector, QStringLiteral("database.server.id"), QStringLiteral("184099")));
        QVERIFY(restartTask(connector));
        QVERIFY(waitForTaskState(connector, QStringLiteral("RUNNING")));
        QVERIFY(waitForFigures(
            [](const DemoLine &l) {
                return l.number(QStringLiteral("mysql_eps")) > 0 &&
                       l.text(QStringLiteral("incidents")) == QLatin1String("-");
            },
            10'000));
    }

    void droppedSlotRetainsNothingAndLeavesAGap()
    {
        const QString connector = QStringLiteral("postgres-outbox");
        QCOMPARE(incident("POST", QStringLiteral("slot-dropped")), 200);
        QVERIFY(waitForTaskState(connector, QStringLiteral("FAILED")));
        QVERIFY2(task(connector).trace.contains(QLatin1String("replication slot \"outbox_postgres\" does not exist")),
                 qPrintable(task(connector).trace));
        // Unlike a failed task, nothing is retained while the slot is gone: the lag does not grow.
        QTest::qWait(3'000);
        const auto figures = waitForFigures([](const DemoLine &) { return true; }, 3'000);
        QVERIFY(figures);
        QCOMPARE(figures->text(QStringLiteral("postgres")), QStringLiteral("TASK_FAILED"));
        // (The slot is gone, so nothing builds up: a failed task would hold ~600 KB by now at this rate.)
        QVERIFY2(figures->number(QStringLiteral("pg_lag_bytes")) < 100'000,
                 qPrintable(figures->text(QStringLiteral("pg_lag_bytes"))));
        QVERIFY(restartTask(connector));
        QVERIFY(waitForTaskState(connector, QStringLiteral("RUNNING")));
        QVERIFY(waitForFigures([](const DemoLine &l) { return l.number(QStringLiteral("postgres_eps")) > 0; }, 10'000));
    }

    void missingHistoryTopicNeedsRecoveryMode()
    {
        const QString connector = QStringLiteral("mysql-outbox");
        QCOMPARE(incident("POST", QStringLiteral("history-topic-missing")), 200);
        QVERIFY(waitForTaskState(connector, QStringLiteral("FAILED")));
        QVERIFY2(task(connector).trace.contains(QLatin1String("history topic")), qPrintable(task(connector).trace));
        QVERIFY(restartTask(connector));
        QTest::qWait(500);
        QCOMPARE(task(connector).state, QStringLiteral("FAILED"));
        QVERIFY(changeConfig(connector, QStringLiteral("snapshot.mode"), QStringLiteral("recovery")));
        QVERIFY(restartTask(connector));
        QVERIFY(waitForTaskState(connector, QStringLiteral("RUNNING")));
        QVERIFY(waitForFigures([](const DemoLine &l) { return l.number(QStringLiteral("mysql_eps")) > 0; }, 10'000));
    }

    void sameIdBurstFromBothDatabasesKeepsTwoKeys()
    {
        const qsizetype from = m_lines.size();
        QCOMPARE(incident("POST", QStringLiteral("same-id-burst")), 200);
        const auto line =
            waitForLine([](const QString &l) { return l.startsWith(QLatin1String("burst_order_id=")); }, 5'000, from);
        QVERIFY(line);
        const QString orderId = line->section(u' ', 0, 0).section(u'=', 1);
        QVERIFY(!orderId.isEmpty());
        const Run r = runProgram(QStringLiteral(CDCCTL_PATH),
                                 {QStringLiteral("tail"), capstonePath(), QStringLiteral("--bootstrap"), m_bootstrap,
                                  QStringLiteral("--from"), QStringLiteral("beginning"), QStringLiteral("--filter"),
                                  QStringLiteral("key:PG-%1 OR key:MY-%1").arg(orderId), QStringLiteral("--max"),
                                  QStringLiteral("50")},
                                 60'000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        int postgres = 0;
        int mysql = 0;
        for (const QJsonObject &e : jsonLines(r.out)) {
            const QString key = e.value(QStringLiteral("compositeKey")).toString();
            if (key == QLatin1String("PG-") + orderId)
                ++postgres;
            else if (key == QLatin1String("MY-") + orderId)
                ++mysql;
            else
                QFAIL(qPrintable(QStringLiteral("unexpected key %1").arg(key)));
        }
        // The same order id from both databases stays two orders.
        QVERIFY2(postgres >= 20 && mysql >= 20, qPrintable(QStringLiteral("%1 / %2").arg(postgres).arg(mysql)));
    }

    void unknownIncidentIsRefused()
    {
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("meteor-strike 404 .*the sandbox knows lag-spike")));
        QCOMPARE(incident("POST", QStringLiteral("meteor-strike")), 404);
    }
};

QTEST_GUILESS_MAIN(TestSandboxDemo)
#include "tst_sandboxdemo.moc"
