// SPDX-License-Identifier: GPL-3.0-or-later
// Connector lifecycle and outbox inserts on the real stack, for the e2e tests.
#include "capstoneconnectors.h"

#include "debezium/connectoranswers.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace cdc::e2e {

QJsonObject ConnectorUnderTest::withName() const
{
    QJsonObject named = config;
    named.insert(QStringLiteral("name"), name);
    return named;
}

CapstoneConnectors::CapstoneConnectors(StackEnvironment env)
    : m_env(std::move(env))
    , m_connect(m_env.value(QStringLiteral("CONNECT_URL")))
{
    std::vector<debezium::ConnectorConfig> made;
    for (const debezium::Flavour flavour : {debezium::Flavour::PostgreSQL, debezium::Flavour::MariaDB}) {
        const bool postgres = flavour == debezium::Flavour::PostgreSQL;
        const QString prefix = postgres ? QStringLiteral("PG_") : QStringLiteral("MYSQL_");
        debezium::ConnectorAnswers a = debezium::defaultAnswers(flavour, made);
        a.host = m_env.value(prefix + QStringLiteral("HOST"));
        a.port = m_env.value(prefix + QStringLiteral("PORT")).toInt();
        a.user = m_env.value(prefix + QStringLiteral("USER"));
        a.passwordReference = m_env.value(prefix + QStringLiteral("PASSWORD_REF"));
        a.database = m_env.value(prefix + QStringLiteral("DATABASE"));
        a.outboxTable = (postgres ? QStringLiteral("public") : a.database) + QStringLiteral(".outbox");
        a.historyBootstrap = m_env.value(QStringLiteral("KAFKA_BOOTSTRAP"));
        made.push_back(debezium::buildConnectorConfig(a));
        if (postgres)
            m_slot = a.slotName;
        ConnectorUnderTest c;
        c.name = a.name;
        c.database = debezium::flavourDatabaseKind(flavour);
        for (auto it = made.back().config.cbegin(); it != made.back().config.cend(); ++it)
            c.config.insert(it.key(), it.value());
        // The tests watch streaming. An initial snapshot that overlaps a test's inserts may deliver a
        // row twice (Kafka Connect sources are at least once), so none is taken.
        c.config.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));
        m_connectors.append(c);
    }
}

bool CapstoneConnectors::startAfresh(const ConnectorUnderTest &c)
{
    const QString url = m_connect + QStringLiteral("/connectors/") + c.name;
    const HttpReply removed = http("DELETE", url);
    if (removed.status != 204 && removed.status != 404) {
        qWarning() << "DELETE" << url << removed.status << removed.error;
        return false;
    }
    if (c.database == QLatin1String("postgres") && !dropSlot(c.config.value(QStringLiteral("slot.name")).toString()))
        return false;
    const QJsonObject body{{QStringLiteral("name"), c.name},
                           {QStringLiteral("config"), c.config},
                           {QStringLiteral("initial_state"), QStringLiteral("STOPPED")}};
    const HttpReply created = http("POST", m_connect + QStringLiteral("/connectors"), QJsonDocument(body).toJson());
    if (created.status != 201) {
        qWarning() << "POST /connectors" << created.status << created.error;
        return false;
    }
    const HttpReply offsets = http("DELETE", url + QStringLiteral("/offsets"));
    if (offsets.status != 200) {
        qWarning() << "DELETE offsets" << offsets.status << offsets.error;
        return false;
    }
    const HttpReply resumed = http("PUT", url + QStringLiteral("/resume"));
    if (resumed.status != 202) {
        qWarning() << "resume" << resumed.status << resumed.error;
        return false;
    }
    return true;
}

// Drops an inactive slot left by an earlier run; the server keeps WAL for it otherwise.
bool CapstoneConnectors::dropSlot(const QString &slot)
{
    QSqlDatabase db = openStackDatabase(m_env, true);
    QSqlQuery q(db);
    for (int attempt = 0; attempt < 40; ++attempt) {
        if (!q.exec(QStringLiteral("SELECT active FROM pg_replication_slots WHERE slot_name = '%1'").arg(slot))) {
            qWarning() << q.lastError().text();
            return false;
        }
        if (!q.next())
            return true; // no such slot
        if (!q.value(0).toBool())
            return q.exec(QStringLiteral("SELECT pg_drop_replication_slot('%1')").arg(slot));
        QTest::qWait(250); // the deleted connector's task is still letting go of it
    }
    qWarning() << "slot" << slot << "stays active";
    return false;
}

bool CapstoneConnectors::waitUntilRunning(const QString &name)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 120000) {
        const HttpReply status = http("GET", m_connect + QStringLiteral("/connectors/%1/status").arg(name));
        const QJsonObject o = status.json.object();
        m_lastStatus = QString::fromUtf8(status.body);
        const QJsonArray tasks = o.value(QStringLiteral("tasks")).toArray();
        bool running = o.value(QStringLiteral("connector")).toObject().value(QStringLiteral("state")).toString() ==
                           QLatin1String("RUNNING") &&
                       !tasks.isEmpty();
        for (const QJsonValue &t : tasks) {
            const QString state = t.toObject().value(QStringLiteral("state")).toString();
            if (state == QLatin1String("FAILED"))
                return false;
            running = running && state == QLatin1String("RUNNING");
        }
        if (running)
            return true;
        QTest::qWait(500);
    }
    return false;
}

bool CapstoneConnectors::waitUntilStreaming()
{
    const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
    TopicReader reader(m_env.value(QStringLiteral("KAFKA_BOOTSTRAP")),
                       QStringLiteral("^outbox\\.event\\.(postgres|mysql)\\.warmup$"));
    bool postgres = false, mysql = false;
    QSet<QString> restarted;
    QElapsedTimer clock;
    clock.start();
    while (!(postgres && mysql) && clock.elapsed() < 120000) {
        // Debezium's MySQL/MariaDB task can fail just after a quick stop and resume (its schema history
        // producer is shut down under it: RejectedExecutionException). Restart such a task once.
        for (const ConnectorUnderTest &c : std::as_const(m_connectors)) {
            const QString url = m_connect + QStringLiteral("/connectors/") + c.name;
            const QJsonArray tasks =
                http("GET", url + QStringLiteral("/status")).json.object().value(QStringLiteral("tasks")).toArray();
            for (const QJsonValue &t : tasks) {
                const QJsonObject task = t.toObject();
                if (task.value(QStringLiteral("state")).toString() != QLatin1String("FAILED") ||
                    restarted.contains(c.name))
                    continue;
                qWarning() << c.name << "task FAILED while warming up; restarting it once:"
                           << task.value(QStringLiteral("trace")).toString().section(u'\n', 0, 0);
                restarted.insert(c.name);
                http("POST", url + QStringLiteral("/restart?includeTasks=true&onlyFailed=true"));
            }
        }
        // A marker every second until each side has shown one: the first may predate the stream.
        for (const bool pg : {true, false}) {
            if (!(pg ? postgres : mysql) && !insertOutboxRows(pg, 0, 0, marker, QStringLiteral("warmup")))
                return false;
        }
        for (const ConsumedMessage &m : reader.poll(1000)) {
            if (!m.value.contains(marker.toUtf8()))
                continue;
            (m.topic.contains(QLatin1String(".postgres.")) ? postgres : mysql) = true;
        }
    }
    if (!(postgres && mysql))
        qWarning() << "no marker arrived from" << (postgres ? "MariaDB" : "PostgreSQL") << reader.error();
    return postgres && mysql;
}

bool CapstoneConnectors::waitUntilRecovered(int timeoutMs, int *restarts)
{
    QHash<QString, int> asked;
    int total = 0;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        bool allRunning = true;
        for (const ConnectorUnderTest &c : std::as_const(m_connectors)) {
            const QString url = m_connect + QStringLiteral("/connectors/") + c.name;
            const HttpReply status = http("GET", url + QStringLiteral("/status"), {}, 10000);
            m_lastStatus = QString::fromUtf8(status.body);
            const QJsonObject o = status.json.object();
            const QJsonArray tasks = o.value(QStringLiteral("tasks")).toArray();
            QStringList states{
                o.value(QStringLiteral("connector")).toObject().value(QStringLiteral("state")).toString()};
            for (const QJsonValue &t : tasks)
                states << t.toObject().value(QStringLiteral("state")).toString();
            allRunning = allRunning && !tasks.isEmpty() && states.count(QStringLiteral("RUNNING")) == states.size();
            if (!states.contains(QStringLiteral("FAILED")))
                continue;
            if (asked.value(c.name) >= 3) {
                m_lastStatus = QStringLiteral("%1 stays FAILED after three restarts: %2").arg(c.name, m_lastStatus);
                return false;
            }
            qWarning() << c.name << "FAILED after the outage; restarting it:" << m_lastStatus.left(300);
            asked[c.name] += 1;
            ++total;
            http("POST", url + QStringLiteral("/restart?includeTasks=true&onlyFailed=true"), {}, 10000);
        }
        if (restarts)
            *restarts = total;
        if (allRunning)
            return true;
        QTest::qWait(1000);
    }
    m_lastStatus = QStringLiteral("not RUNNING within %1 s: %2").arg(timeoutMs / 1000).arg(m_lastStatus);
    return false;
}

bool CapstoneConnectors::startStreaming()
{
    for (const ConnectorUnderTest &c : std::as_const(m_connectors)) {
        if (!startAfresh(c)) {
            m_lastStatus = QStringLiteral("%1 could not be started afresh").arg(c.name);
            return false;
        }
    }
    for (const ConnectorUnderTest &c : std::as_const(m_connectors)) {
        if (!waitUntilRunning(c.name))
            return false;
    }
    if (!waitUntilStreaming()) {
        m_lastStatus = QStringLiteral("no marker row arrived from both databases");
        return false;
    }
    return true;
}

void CapstoneConnectors::removeAll()
{
    for (const ConnectorUnderTest &c : std::as_const(m_connectors))
        http("DELETE", m_connect + QStringLiteral("/connectors/") + c.name);
}

bool CapstoneConnectors::insertOutboxRows(bool postgres, int first, int last, const QString &run,
                                          const QString &aggregateType)
{
    QSqlDatabase db = openStackDatabase(m_env, postgres);
    if (!db.isOpen()) {
        qWarning() << db.lastError().text();
        return false;
    }
    const QString database = postgres ? QStringLiteral("postgres") : QStringLiteral("mysql");
    const QString jsonParam = postgres ? QStringLiteral("CAST(? AS jsonb)") : QStringLiteral("?");
    db.transaction();
    QSqlQuery insert(db);
    const QString sql = QStringLiteral("INSERT INTO outbox (aggregatetype, aggregateid, type, payload) "
                                       "VALUES ('%1', ?, 'OrderCreated', %2)")
                            .arg(aggregateType, jsonParam);
    if (!insert.prepare(sql)) {
        qWarning() << insert.lastError().text();
        return false;
    }
    for (int order = first; order <= last; ++order) {
        const QJsonObject payload{
            {QStringLiteral("run"), run}, {QStringLiteral("database"), database}, {QStringLiteral("orderId"), order}};
        insert.bindValue(0, QString::number(order));
        insert.bindValue(1, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
        if (!insert.exec()) {
            qWarning() << insert.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

} // namespace cdc::e2e
