// SPDX-License-Identifier: GPL-3.0-or-later
// Operating connectors on the real stack through the application's own ConnectClient and Deployer:
// the capstone project deployed from a plan (refused as a whole when one config is wrong; created,
// then unchanged, then updated), pause/resume, a real FAILED task (the Debezium role loses
// REPLICATION) fixed and restarted, offsets read after rows flowed, stop + reset offsets + resume;
// cdcctl on the same connectors; and a Connect that is down.
#include "capstoneconnectors.h"
#include "stackclient.h"

#include "connect/connectclient.h"
#include "connect/deployer.h"
#include "connect/deployplan.h"
#include "debezium/connectorconfig.h"
#include "topology/projectfile.h"
#include "topology/templates.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <optional>

using namespace cdc;
using namespace cdc::e2e;
using connect::ConnectClient;
using connect::ConnectorStatus;
using connect::PlannedConnector;

namespace {

const QString kPostgres = QStringLiteral("postgres-outbox"); // the capstone template's connector names
const QString kMariaDb = QStringLiteral("mysql-outbox");
const QString kRefusedA = QStringLiteral("cdc-e2e-refused-a");
const QString kRefusedB = QStringLiteral("cdc-e2e-refused-b");
const QString kAdminConnection = QStringLiteral("QPSQL-e2e-admin");

QString describe(const ConnectorStatus &s)
{
    QString text = s.name + u' ' + s.state;
    for (const connect::TaskStatus &t : s.tasks) {
        text += QStringLiteral(", task %1 %2").arg(t.id).arg(t.state);
        if (!t.trace.isEmpty())
            text += QStringLiteral(" (") + connect::firstUsefulTraceLine(t.trace) + u')';
    }
    return text;
}

bool allTasks(const ConnectorStatus &s, const QString &connectorState, const QString &taskState)
{
    if (s.state != connectorState || s.tasks.isEmpty())
        return false;
    return std::all_of(s.tasks.cbegin(), s.tasks.cend(),
                       [&taskState](const connect::TaskStatus &t) { return t.state == taskState; });
}

bool running(const ConnectorStatus &s)
{
    return allTasks(s, QStringLiteral("RUNNING"), QStringLiteral("RUNNING"));
}

bool hasFailedTask(const ConnectorStatus &s)
{
    return std::any_of(s.tasks.cbegin(), s.tasks.cend(),
                       [](const connect::TaskStatus &t) { return t.state == QLatin1String("FAILED"); });
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cdcctl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(CDCCTL_PATH), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TstConnectOperations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_connect = m_env.value(QStringLiteral("CONNECT_URL"));
        connect::ClusterSettings settings;
        settings.url = QUrl(m_connect);
        settings.timeoutMs = 120000; // Debezium's validate connects to the database; a cold worker is slow
        m_client = std::make_unique<ConnectClient>(settings);

        // The capstone project, its connector nodes pointed at the stack. No snapshot: the tests watch
        // streaming, and the outbox tables grow with every run.
        const topology::ProjectTemplate *capstone = topology::findTemplate(QStringLiteral("capstone"));
        QVERIFY(capstone);
        Result<topology::Project> project = topology::loadTemplate(*capstone);
        QVERIFY2(project, qPrintable(project ? QString() : project.error().toString()));
        m_project = std::move(project).value();
        for (topology::Node &n : m_project.nodes) {
            if (n.kind != topology::NodeKind::Connector)
                continue;
            n.properties = pointAtStack(n.properties, m_env);
            n.properties.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));
        }
        const std::vector<debezium::ConnectorConfig> connectors = debezium::connectorsOf(m_project);
        QCOMPARE(connectors.size(), std::size_t(2));
        QCOMPARE(connectors[0].name, kPostgres);
        QCOMPARE(connectors[1].name, kMariaDb);
        m_slot = connectors[0].value(QStringLiteral("slot.name"));
        QVERIFY(!m_slot.isEmpty());

        QSqlDatabase admin = adminDatabase();
        QVERIFY2(admin.isOpen(), qPrintable(admin.lastError().text()));
        restoreReplication(); // an earlier run that was killed may have left it off

        // Earlier connectors of the same names go, with their stored offsets and the slot: the
        // deploy below starts from nothing.
        for (const QString &name : {kRefusedA, kRefusedB})
            http("DELETE", m_connect + QStringLiteral("/connectors/") + name);
        for (const debezium::ConnectorConfig &c : connectors)
            QVERIFY2(removeWithOffsets(c.name, c.config), qPrintable(c.name));
        QVERIFY(dropSlot());
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return; // skipped: no stack
        for (const QString &name : {kPostgres, kMariaDb, kRefusedA, kRefusedB})
            http("DELETE", m_connect + QStringLiteral("/connectors/") + name);
        restoreReplication();
        dropSlot();
        closeStackDatabases();
    }

    void aConnectThatIsDownSaysSo()
    {
        connect::ClusterSettings settings;
        settings.url = QUrl(QStringLiteral("http://127.0.0.1:1")); // nothing listens on port 1
        settings.timeoutMs = 5000;
        ConnectClient down(settings);
        QElapsedTimer clock;
        clock.start();
        const Result<connect::ServerInfo> info =
            connect::awaitAnswer<connect::ServerInfo>([&down](auto done) { down.serverInfo(done); });
        QVERIFY(!info);
        const QString text = info.error().toString();
        QVERIFY2(text.contains(QStringLiteral("Kafka Connect at http://127.0.0.1:1")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("connection refused")), qPrintable(text));
        QVERIFY2(!info.error().hint.isEmpty(), qPrintable(text));
        QVERIFY2(clock.elapsed() < 30000, "a refused connection is reported in seconds, retries included");

        const Run status = cdcctl({QStringLiteral("status"), QStringLiteral("--connect"), settings.url.toString()});
        QCOMPARE(status.exitCode, 1);
        QVERIFY2(status.err.contains(QStringLiteral("does not answer (connection refused)")), qPrintable(status.err));
    }

    void aRefusedConfigStopsTheWholeDeploy()
    {
        // Two new connectors: one fine, one with a password the database refuses. Nothing is created.
        const std::vector<debezium::ConnectorConfig> project = debezium::connectorsOf(m_project);
        debezium::ConnectorConfig fine = project[1];
        fine.name = kRefusedA;
        fine.nodeId = QStringLiteral("node-a");
        debezium::ConnectorConfig wrong = project[0];
        wrong.name = kRefusedB;
        wrong.nodeId = QStringLiteral("node-b");
        wrong.config.insert(QStringLiteral("database.password"), QStringLiteral("${env:CDC_E2E_NO_SUCH_VARIABLE}"));
        const Result<QList<connect::ConnectorOverview>> live = liveConnectors();
        QVERIFY2(live, qPrintable(live ? QString() : live.error().toString()));
        const connect::DeployPlan plan = connect::planDeploy({fine, wrong}, live.value());
        QCOMPARE(plan.count(PlannedConnector::Action::Create), 2);

        connect::Deployer deployer(m_client.get(), plan);
        QSignalSpy finished(&deployer, &connect::Deployer::finished);
        deployer.start();
        QVERIFY(deployer.isRunning());
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!deployer.isRunning());
        const QList<connect::Deployer::Outcome> &outcomes = deployer.outcomes();
        QCOMPARE(outcomes.size(), 2);
        QVERIFY2(outcomes[0].ok, qPrintable(outcomes[0].message));
        QVERIFY(outcomes[0].refused.isEmpty());
        QVERIFY(!outcomes[1].ok);
        QVERIFY2(!outcomes[1].refused.isEmpty(), qPrintable(outcomes[1].message));
        QStringList refused;
        for (const connect::PropertyValidation &p : outcomes[1].refused)
            refused << p.name + QStringLiteral(": ") + p.errors.join(QStringLiteral("; "));
        QVERIFY2(!refused.join(u'\n').isEmpty(), qPrintable(refused.join(u'\n')));

        const Result<QList<connect::ConnectorOverview>> after = liveConnectors();
        QVERIFY(after);
        for (const connect::ConnectorOverview &c : after.value())
            QVERIFY2(c.info.name != kRefusedA && c.info.name != kRefusedB, qPrintable(c.info.name));
    }

    void deployCreatesBothThenHasNothingToDo()
    {
        const connect::DeployPlan plan = planNow();
        QCOMPARE(plan.connectors.size(), 2);
        QCOMPARE(plan.count(PlannedConnector::Action::Create), 2);
        QVERIFY(!plan.onlyOnCluster.contains(kPostgres) && !plan.onlyOnCluster.contains(kMariaDb));
        QVERIFY(deploy(plan));

        const connect::DeployPlan again = planNow();
        QVERIFY2(again.nothingToDo(), qPrintable(connect::describePlan(again)));
        QCOMPARE(again.count(PlannedConnector::Action::Unchanged), 2);

        // cdcctl sees the same from the project file.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("capstone.cdcproj"));
        QVERIFY(topology::saveProjectFile(file, m_project));
        const Run dryRun = cdcctl(
            {QStringLiteral("deploy"), file, QStringLiteral("--connect"), m_connect, QStringLiteral("--dry-run")});
        QCOMPARE(dryRun.exitCode, 0);
        QVERIFY2(dryRun.out.contains(QStringLiteral("unchanged  postgres-outbox\n")) &&
                     dryRun.out.contains(QStringLiteral("unchanged  mysql-outbox\n")),
                 qPrintable(dryRun.out + dryRun.err));
    }

    void deployUpdatesAChangedConnector()
    {
        // Fail fast instead of Debezium's endless retries: the failure test below needs a FAILED task.
        for (topology::Node &n : m_project.nodes) {
            if (n.name == kPostgres)
                n.properties.insert(QStringLiteral("errors.max.retries"), QStringLiteral("0"));
        }
        const connect::DeployPlan plan = planNow();
        QCOMPARE(plan.count(PlannedConnector::Action::Update), 1);
        QCOMPARE(plan.count(PlannedConnector::Action::Unchanged), 1);
        QCOMPARE(plan.connectors[0].name, kPostgres);
        QCOMPARE(plan.connectors[0].changes.size(), 1);
        QCOMPARE(plan.connectors[0].changes[0].key, QStringLiteral("errors.max.retries"));
        QVERIFY(plan.connectors[0].changes[0].added);
        QVERIFY2(connect::describePlan(plan).contains(QStringLiteral("update  postgres-outbox (1 change)\n"
                                                                     "    + errors.max.retries: 0\n")),
                 qPrintable(connect::describePlan(plan)));
        QVERIFY(deploy(plan));

        QVERIFY2(planNow().nothingToDo(), qPrintable(connect::describePlan(planNow())));
        const Result<QMap<QString, QString>> config =
            connect::awaitAnswer<QMap<QString, QString>>([this](auto done) { m_client->config(kPostgres, done); });
        QVERIFY(config);
        QCOMPARE(config.value().value(QStringLiteral("errors.max.retries")), QStringLiteral("0"));
    }

    void bothRun()
    {
        QVERIFY(waitFor(kPostgres, running, 180000));
        QVERIFY(waitFor(kMariaDb, running, 180000));
    }

    void pauseAndResume()
    {
        QVERIFY(call([this](auto done) { m_client->pause(kMariaDb, done); }));
        QVERIFY(waitFor(
            kMariaDb,
            [](const ConnectorStatus &s) { return allTasks(s, QStringLiteral("PAUSED"), QStringLiteral("PAUSED")); },
            60000));
        QVERIFY(call([this](auto done) { m_client->resume(kMariaDb, done); }));
        QVERIFY(waitFor(kMariaDb, running, 60000));
    }

    void offsetsAfterRowsFlowed()
    {
        CapstoneConnectors rows(m_env); // only for its inserts; its connectors are not started
        const QString run = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QElapsedTimer clock;
        clock.start();
        std::optional<connect::SourceOffset> postgres;
        std::optional<connect::SourceOffset> mariadb;
        // Rows until both connectors have committed an offset past them (the worker flushes every second).
        for (int round = 0; clock.elapsed() < 120000 && !(postgres && mariadb); ++round) {
            QVERIFY(rows.insertOutboxRows(true, round * 3 + 1, round * 3 + 3, run));
            QVERIFY(rows.insertOutboxRows(false, round * 3 + 1, round * 3 + 3, run));
            QTest::qWait(1500);
            const Result<connect::ConnectorOffsets> pg = offsetsOf(kPostgres);
            QVERIFY2(pg, qPrintable(pg ? QString() : pg.error().toString()));
            for (const connect::SourceOffset &o : pg.value().offsets) {
                if (o.offset.contains(QStringLiteral("lsn")))
                    postgres = o;
            }
            const Result<connect::ConnectorOffsets> my = offsetsOf(kMariaDb);
            QVERIFY2(my, qPrintable(my ? QString() : my.error().toString()));
            for (const connect::SourceOffset &o : my.value().offsets) {
                if (o.offset.contains(QStringLiteral("file")) && o.offset.contains(QStringLiteral("pos")))
                    mariadb = o;
            }
        }
        QVERIFY2(postgres, "no LSN offset from the PostgreSQL connector");
        QVERIFY2(mariadb, "no binlog file/pos offset from the MariaDB connector");
        QVERIFY2(postgres->describe().startsWith(QStringLiteral("LSN ")), qPrintable(postgres->describe()));
        QVERIFY2(mariadb->describe().startsWith(QStringLiteral("binlog ")), qPrintable(mariadb->describe()));
        QVERIFY(mariadb->offset.value(QStringLiteral("pos")).toDouble() > 0);

        const Run text = cdcctl(
            {QStringLiteral("connector"), QStringLiteral("offsets"), kMariaDb, QStringLiteral("--connect"), m_connect});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.startsWith(QStringLiteral("binlog ")), qPrintable(text.out + text.err));
        const Run json = cdcctl({QStringLiteral("connector"), QStringLiteral("offsets"), kPostgres,
                                 QStringLiteral("--connect"), m_connect, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray offsets =
            QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("offsets")).toArray();
        QVERIFY2(!offsets.isEmpty(), qPrintable(json.out));
        QVERIFY(offsets.first().toObject().value(QStringLiteral("offset")).toObject().contains(QStringLiteral("lsn")));
    }

    void aFailedTaskNamesThePermissionProblem()
    {
        // The Debezium role loses REPLICATION while the connector is stopped: its task cannot open a
        // replication connection when resumed, and (errors.max.retries=0) fails at once.
        QVERIFY(call([this](auto done) { m_client->stop(kPostgres, done); }));
        QVERIFY(waitFor(
            kPostgres,
            [](const ConnectorStatus &s) { return s.state == QLatin1String("STOPPED") && s.tasks.isEmpty(); }, 60000));
        QVERIFY(waitForSlotInactive());
        QVERIFY(adminExec(QStringLiteral("ALTER ROLE %1 NOREPLICATION").arg(m_env.value(QStringLiteral("PG_USER")))));
        QVERIFY(call([this](auto done) { m_client->resume(kPostgres, done); }));
        QVERIFY(waitFor(kPostgres, hasFailedTask, 120000));

        const Result<ConnectorStatus> status = statusOf(kPostgres);
        QVERIFY(status);
        QString trace;
        for (const connect::TaskStatus &t : status.value().tasks) {
            if (t.state == QLatin1String("FAILED"))
                trace = t.trace;
        }
        QVERIFY2(!trace.isEmpty(), qPrintable(describe(status.value())));
        const QString line = connect::firstUsefulTraceLine(trace);
        QVERIFY2(line.contains(QStringLiteral("replication"), Qt::CaseInsensitive) &&
                     !line.startsWith(QStringLiteral("at ")),
                 qPrintable(line));

        // cdcctl status shows the same line.
        const Run json =
            cdcctl({QStringLiteral("status"), QStringLiteral("--connect"), m_connect, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        QString cdcctlError;
        for (const QJsonValue &c :
             QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("connectors")).toArray()) {
            if (c.toObject().value(QStringLiteral("name")).toString() != kPostgres)
                continue;
            for (const QJsonValue &t : c.toObject().value(QStringLiteral("tasks")).toArray())
                cdcctlError += t.toObject().value(QStringLiteral("error")).toString();
        }
        QCOMPARE(cdcctlError, line);
        const Run text = cdcctl({QStringLiteral("status"), QStringLiteral("--connect"), m_connect});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("FAILED") + u' ') && text.out.contains(QStringLiteral("  — ") + line),
                 qPrintable(text.out));

        // Fixed: the role gets REPLICATION back; the failed task restarts and runs.
        QVERIFY(restoreReplication());
        QVERIFY(call([this](auto done) { m_client->restart(kPostgres, true, true, done); }));
        QVERIFY(waitFor(kPostgres, running, 120000));
    }

    void stopResetOffsetsAndResume()
    {
        // Connect refuses to reset the offsets of a running connector; cdcctl says what to do.
        const Run early = cdcctl({QStringLiteral("connector"), QStringLiteral("reset-offsets"), kMariaDb,
                                  QStringLiteral("--connect"), m_connect, QStringLiteral("--yes")});
        QCOMPARE(early.exitCode, 1);
        QVERIFY2(early.err.contains(QStringLiteral("is RUNNING; offsets can only be reset while it is STOPPED")),
                 qPrintable(early.err));

        QVERIFY(call([this](auto done) { m_client->stop(kMariaDb, done); }));
        QVERIFY(waitFor(
            kMariaDb, [](const ConnectorStatus &s) { return s.state == QLatin1String("STOPPED") && s.tasks.isEmpty(); },
            60000));
        const Result<connect::ConnectorOffsets> before = offsetsOf(kMariaDb);
        QVERIFY(before);
        QVERIFY(!before.value().offsets.isEmpty());
        QVERIFY(call([this](auto done) { m_client->resetOffsets(kMariaDb, done); }));
        const Result<connect::ConnectorOffsets> after = offsetsOf(kMariaDb);
        QVERIFY2(after, qPrintable(after ? QString() : after.error().toString()));
        QVERIFY2(after.value().offsets.isEmpty(),
                 qPrintable(after.value().offsets.isEmpty() ? QString() : after.value().offsets.first().describe()));

        QVERIFY(call([this](auto done) { m_client->resume(kMariaDb, done); }));
        QVERIFY(waitFor(kMariaDb, running, 120000));
    }

private:
    Result<QList<connect::ConnectorOverview>> liveConnectors()
    {
        return connect::awaitAnswer<QList<connect::ConnectorOverview>>(
            [this](auto done) { m_client->connectors(done); });
    }

    Result<ConnectorStatus> statusOf(const QString &name)
    {
        return connect::awaitAnswer<ConnectorStatus>([this, &name](auto done) { m_client->status(name, done); });
    }

    Result<connect::ConnectorOffsets> offsetsOf(const QString &name)
    {
        return connect::awaitAnswer<connect::ConnectorOffsets>(
            [this, &name](auto done) { m_client->offsets(name, done); });
    }

    // A write through the client; its error as a warning when it fails.
    template<typename Start>
    bool call(Start start)
    {
        const Result<void> done = connect::awaitAnswer<void>(start);
        if (!done)
            qWarning() << done.error().toString();
        return done.ok();
    }

    connect::DeployPlan planNow()
    {
        const Result<QList<connect::ConnectorOverview>> live = liveConnectors();
        if (!live) {
            qWarning() << live.error().toString();
            return {};
        }
        return connect::planDeploy(debezium::connectorsOf(m_project), live.value());
    }

    bool deploy(const connect::DeployPlan &plan)
    {
        connect::Deployer deployer(m_client.get(), plan);
        QSignalSpy finished(&deployer, &connect::Deployer::finished);
        QSignalSpy progress(&deployer, &connect::Deployer::progress);
        deployer.start();
        if (!finished.wait(300000)) {
            qWarning() << "the deploy did not finish";
            return false;
        }
        bool ok = finished.first().first().toBool();
        for (const connect::Deployer::Outcome &o : deployer.outcomes()) {
            if (!o.ok) {
                qWarning() << o.name << o.message;
                for (const connect::PropertyValidation &p : o.refused)
                    qWarning() << "  " << p.name << p.errors;
            }
        }
        if (progress.isEmpty()) {
            qWarning() << "no progress was reported";
            ok = false;
        }
        // GET /connectors?expand=status leaves out a connector whose status the worker does not know yet
        // (right after it was created): the next plan is made once every deployed one has a status.
        for (const PlannedConnector &c : plan.connectors) {
            if (ok && c.action != PlannedConnector::Action::Unchanged)
                ok = waitFor(
                    c.name, [](const ConnectorStatus &s) { return !s.state.isEmpty(); }, 60000);
        }
        return ok;
    }

    // Polls the connector's status (every half second) until `accept` holds; false after the deadline.
    bool waitFor(const QString &name, const std::function<bool(const ConnectorStatus &)> &accept, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        QString last;
        while (clock.elapsed() < timeoutMs) {
            const Result<ConnectorStatus> status = statusOf(name);
            last = status ? describe(status.value()) : status.error().toString();
            if (status && accept(status.value()))
                return true;
            QTest::qWait(500);
        }
        qWarning() << "gave up waiting after" << timeoutMs << "ms; last status:" << last;
        return false;
    }

    // Deletes the connector, and the offsets an earlier one of that name left in Connect's offset
    // topic (created STOPPED, offsets reset, deleted again).
    bool removeWithOffsets(const QString &name, const QMap<QString, QString> &config)
    {
        const QString url = m_connect + QStringLiteral("/connectors/") + name;
        const HttpReply removed = http("DELETE", url);
        if (removed.status != 204 && removed.status != 404) {
            qWarning() << "DELETE" << url << removed.status << removed.error;
            return false;
        }
        // Connect validates the config (Debezium connects to the database) even for a STOPPED connector.
        const QJsonObject body{{QStringLiteral("name"), name},
                               {QStringLiteral("config"), connect::configToJson(config)},
                               {QStringLiteral("initial_state"), QStringLiteral("STOPPED")}};
        // Right after a delete the worker may still be rebalancing (409): try again briefly.
        HttpReply created;
        for (int attempt = 0; attempt < 20; ++attempt) {
            created = http("POST", m_connect + QStringLiteral("/connectors"), QJsonDocument(body).toJson());
            if (created.status != 409)
                break;
            QTest::qWait(500);
        }
        if (created.status != 201) {
            qWarning() << "POST /connectors" << name << created.status << created.error;
            return false;
        }
        const HttpReply offsets = http("DELETE", url + QStringLiteral("/offsets"));
        const HttpReply again = http("DELETE", url);
        if (offsets.status != 200 || again.status != 204) {
            qWarning() << "resetting" << name << offsets.status << offsets.error << again.status << again.error;
            return false;
        }
        // Gone from the worker before anything is created under the name again.
        for (int attempt = 0; attempt < 40; ++attempt) {
            if (http("GET", url + QStringLiteral("/status")).status == 404)
                return true;
            QTest::qWait(250);
        }
        return false;
    }

    // The stack's PostgreSQL as its superuser, over the server's Unix socket (trust), as stack/up does.
    QSqlDatabase adminDatabase()
    {
        QSqlDatabase db = QSqlDatabase::contains(kAdminConnection)
                              ? QSqlDatabase::database(kAdminConnection)
                              : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), kAdminConnection);
        if (db.isOpen())
            return db;
        db.setHostName(m_env.value(QStringLiteral("STACK_DIR")) + QStringLiteral("/postgres-run"));
        db.setPort(m_env.value(QStringLiteral("PG_PORT")).toInt());
        db.setDatabaseName(m_env.value(QStringLiteral("PG_DATABASE")));
        db.setUserName(QStringLiteral("postgres"));
        db.open();
        return db;
    }

    bool adminExec(const QString &sql)
    {
        QSqlQuery q(adminDatabase());
        if (!q.exec(sql)) {
            qWarning() << sql << q.lastError().text();
            return false;
        }
        return true;
    }

    bool restoreReplication()
    {
        return adminExec(QStringLiteral("ALTER ROLE %1 REPLICATION").arg(m_env.value(QStringLiteral("PG_USER"))));
    }

    bool waitForSlotInactive()
    {
        QSqlQuery q(adminDatabase());
        for (int attempt = 0; attempt < 120; ++attempt) {
            if (!q.exec(QStringLiteral("SELECT active FROM pg_replication_slots WHERE slot_name = '%1'").arg(m_slot)))
                return false;
            if (!q.next() || !q.value(0).toBool())
                return true;
            QTest::qWait(250);
        }
        qWarning() << "slot" << m_slot << "stays active";
        return false;
    }

    // Drops the connector's slot once no task holds it; the server keeps WAL for it otherwise.
    bool dropSlot()
    {
        if (!waitForSlotInactive())
            return false;
        QSqlQuery q(adminDatabase());
        return q.exec(QStringLiteral("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                                     "WHERE slot_name = '%1' AND NOT active")
                          .arg(m_slot));
    }

    StackEnvironment m_env;
    QString m_connect;
    std::unique_ptr<ConnectClient> m_client;
    topology::Project m_project;
    QString m_slot;
};

QTEST_GUILESS_MAIN(TstConnectOperations)
#include "tst_connectoperations.moc"
