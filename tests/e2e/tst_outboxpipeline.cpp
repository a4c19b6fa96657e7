// End to end through the real stack: the two connectors the wizards make, registered on Kafka
// Connect, outbox rows inserted in PostgreSQL and MariaDB, every row consumed exactly once from
// outbox.event.{postgres,mysql}.order, keyed by its aggregate id; then the slot's WAL lag read.
#include "stackclient.h"

#include "debezium/connectoranswers.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace cdc;
using namespace cdc::e2e;

namespace {

constexpr int kRowsPerDatabase = 40;
const QString kPostgresClass = QStringLiteral("io.debezium.connector.postgresql.PostgresConnector");
const QString kMariaDbClass = QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector");
const QString kMySqlClass = QStringLiteral("io.debezium.connector.mysql.MySqlConnector");

struct ConnectorUnderTest
{
    QString name;
    QString database; // "postgres" or "mysql"
    QJsonObject config;
};

} // namespace

class TstOutboxPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_connect = m_env.value(QStringLiteral("CONNECT_URL"));
        m_secrets = readProperties(m_env.value(QStringLiteral("SECRETS_FILE")));
        QVERIFY2(!m_secrets.value(QStringLiteral("pg.password")).isEmpty(),
                 "the stack's secrets file has no pg.password");
        m_run = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void connectListsTheDebeziumConnectors()
    {
        const HttpReply root = http("GET", m_connect + QStringLiteral("/"));
        QCOMPARE(root.status, 200);
        QVERIFY2(root.json.object().value(QStringLiteral("version")).toString().startsWith(QStringLiteral("4.")),
                 root.body.constData());

        const HttpReply plugins = http("GET", m_connect + QStringLiteral("/connector-plugins"));
        QCOMPARE(plugins.status, 200);
        QStringList classes;
        for (const QJsonValue &p : plugins.json.array())
            classes << p.toObject().value(QStringLiteral("class")).toString();
        QVERIFY2(classes.contains(kPostgresClass), qPrintable(classes.join(u',')));
        QVERIFY(classes.contains(kMySqlClass));
        QVERIFY(classes.contains(kMariaDbClass));
    }

    void wizardConnectorsRun()
    {
        // The configs are what the connector wizards make from their answers, pointed at the stack.
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
            m_connectors.append(c);
        }
        QCOMPARE(m_connectors.at(1).config.value(QStringLiteral("schema.history.internal.kafka.topic")).toString(),
                 QStringLiteral("schema-changes.mysql-outbox"));
        QCOMPARE(m_connectors.size(), 2);

        for (const ConnectorUnderTest &c : std::as_const(m_connectors)) {
            // What the wizards make is accepted as it is: the worker's validate finds no error.
            const HttpReply validate = validateOnWorker(m_env, withName(c));
            QCOMPARE(validate.status, 200);
            QVERIFY2(validate.json.object().value(QStringLiteral("error_count")).toInt() == 0,
                     validate.body.constData());
            QVERIFY(startAfresh(c));
        }
        for (const ConnectorUnderTest &c : std::as_const(m_connectors))
            QVERIFY2(waitUntilRunning(c.name), qPrintable(m_lastStatus));
    }

    void everyOutboxRowArrivesExactlyOnce()
    {
        QVERIFY2(m_connectors.size() == 2, "the connectors did not start");
        QVERIFY(insertRows(true));
        QVERIFY(insertRows(false));

        TopicReader reader(m_env.value(QStringLiteral("KAFKA_BOOTSTRAP")),
                           QStringLiteral("^outbox\\.event\\.(postgres|mysql)\\.order$"));
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));

        // database -> aggregate id -> times seen
        QMap<QString, QMap<QString, int>> seen;
        int ours = 0;
        QElapsedTimer clock;
        clock.start();
        while (ours < 2 * kRowsPerDatabase && clock.elapsed() < 180000) {
            for (const ConsumedMessage &m : reader.poll(500)) {
                const QJsonObject payload = QJsonDocument::fromJson(m.value).object();
                if (payload.value(QStringLiteral("run")).toString() != m_run)
                    continue; // an earlier run's event on a reused stack
                ++ours;
                const QString database = payload.value(QStringLiteral("database")).toString();
                QCOMPARE(m.topic, QStringLiteral("outbox.event.%1.order").arg(database));
                const QString aggregateId = QString::number(payload.value(QStringLiteral("orderId")).toInt());
                QCOMPARE(QString::fromUtf8(m.key), aggregateId);
                QVERIFY2(m.headers.contains(QStringLiteral("id")), "the Event Router puts the event id in a header");
                seen[database][aggregateId] += 1;
            }
        }
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        for (const QString &database : {QStringLiteral("postgres"), QStringLiteral("mysql")}) {
            QCOMPARE(seen.value(database).size(), kRowsPerDatabase);
            for (auto it = seen.value(database).cbegin(); it != seen.value(database).cend(); ++it)
                QVERIFY2(
                    it.value() == 1,
                    qPrintable(QStringLiteral("%1 order %2 arrived %3 times").arg(database, it.key()).arg(it.value())));
        }
        QCOMPARE(ours, 2 * kRowsPerDatabase);
        qInfo("%d events from both databases in %lld ms", ours, clock.elapsed());
    }

    void postgresSlotReportsWalLag()
    {
        QSqlDatabase db = openStackDatabase(m_env, true);
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("SELECT active, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), "
                                           "pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) "
                                           "FROM pg_replication_slots WHERE slot_name = '%1'")
                                .arg(m_slot)),
                 qPrintable(query.lastError().text()));
        QVERIFY2(query.next(),
                 qPrintable(QStringLiteral("the connector's replication slot %1 does not exist").arg(m_slot)));
        QVERIFY(query.value(0).toBool());
        bool ok = false;
        const qint64 lag = query.value(1).toLongLong(&ok);
        QVERIFY2(ok, "confirmed_flush_lsn is not set");
        const qint64 retained = query.value(2).toLongLong();
        QVERIFY(lag >= 0);
        QVERIFY(retained >= lag);
        qInfo("slot %s: WAL lag %lld bytes, retained %lld bytes", qPrintable(m_slot), lag, retained);
    }

    void cleanupTestCase()
    {
        for (const ConnectorUnderTest &c : std::as_const(m_connectors))
            http("DELETE", m_connect + QStringLiteral("/connectors/") + c.name);
        const QStringList names = QSqlDatabase::connectionNames();
        for (const QString &name : names)
            QSqlDatabase::removeDatabase(name);
    }

private:
    static QJsonObject withName(const ConnectorUnderTest &c)
    {
        QJsonObject config = c.config;
        config.insert(QStringLiteral("name"), c.name);
        return config;
    }

    // A connector that starts from nothing even on a stack that ran it before: the old connector is
    // deleted, the new one is created STOPPED (KIP-980), its stored offsets are deleted (KIP-875), the
    // old replication slot is dropped, and then it is resumed.
    bool startAfresh(const ConnectorUnderTest &c)
    {
        const QString url = m_connect + QStringLiteral("/connectors/") + c.name;
        const HttpReply removed = http("DELETE", url);
        if (removed.status != 204 && removed.status != 404) {
            qWarning() << "DELETE" << url << removed.status << removed.error;
            return false;
        }
        if (c.database == QLatin1String("postgres") &&
            !dropSlot(c.config.value(QStringLiteral("slot.name")).toString()))
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
    bool dropSlot(const QString &slot)
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

    bool waitUntilRunning(const QString &name)
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

    // Inserts kRowsPerDatabase outbox rows for orders 1..N in one transaction. The ids are the same
    // in both databases on purpose: the topics and the payload's `database` tell them apart.
    bool insertRows(bool postgres)
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
                                           "VALUES ('order', ?, 'OrderCreated', %1)")
                                .arg(jsonParam);
        if (!insert.prepare(sql)) {
            qWarning() << insert.lastError().text();
            return false;
        }
        for (int order = 1; order <= kRowsPerDatabase; ++order) {
            const QJsonObject payload{{QStringLiteral("run"), m_run},
                                      {QStringLiteral("database"), database},
                                      {QStringLiteral("orderId"), order}};
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

    StackEnvironment m_env;
    QString m_connect;
    QMap<QString, QString> m_secrets;
    QString m_run;
    QList<ConnectorUnderTest> m_connectors;
    QString m_lastStatus;
    QString m_slot;
};

QTEST_GUILESS_MAIN(TstOutboxPipeline)
#include "tst_outboxpipeline.moc"
