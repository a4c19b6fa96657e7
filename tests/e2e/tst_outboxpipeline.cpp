// SPDX-License-Identifier: GPL-3.0-or-later
// End to end through the real stack: the two connectors the wizards make, registered on Kafka
// Connect, outbox rows inserted in PostgreSQL and MariaDB, every row consumed exactly once from
// outbox.event.{postgres,mysql}.order, keyed by its aggregate id; then the slot's WAL lag read.
#include "capstoneconnectors.h"
#include "stackclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
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
        m_capstone = std::make_unique<CapstoneConnectors>(m_env);
        const QList<ConnectorUnderTest> &connectors = m_capstone->connectors();
        QCOMPARE(connectors.size(), 2);
        QCOMPARE(connectors.at(1).config.value(QStringLiteral("schema.history.internal.kafka.topic")).toString(),
                 QStringLiteral("schema-changes.mysql-outbox"));
        for (const ConnectorUnderTest &c : connectors) {
            // What the wizards make is accepted as it is: the worker's validate finds no error.
            const HttpReply validate = validateOnWorker(m_env, c.withName());
            QCOMPARE(validate.status, 200);
            QVERIFY2(validate.json.object().value(QStringLiteral("error_count")).toInt() == 0,
                     validate.body.constData());
            QVERIFY(m_capstone->startAfresh(c));
        }
        for (const ConnectorUnderTest &c : connectors)
            QVERIFY2(m_capstone->waitUntilRunning(c.name), qPrintable(m_capstone->lastStatus()));
        QVERIFY(m_capstone->waitUntilStreaming());
        m_running = true;
    }

    void everyOutboxRowArrivesExactlyOnce()
    {
        QVERIFY2(m_running, "the connectors did not start");
        QVERIFY(m_capstone->insertOutboxRows(true, 1, kRowsPerDatabase, m_run));
        QVERIFY(m_capstone->insertOutboxRows(false, 1, kRowsPerDatabase, m_run));

        TopicReader reader(m_env.value(QStringLiteral("KAFKA_BOOTSTRAP")),
                           QStringLiteral("^outbox\\.event\\.(postgres|mysql)\\.order$"));
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));

        // database -> aggregate id -> times seen
        QMap<QString, QMap<QString, int>> seen;
        QSet<QString> records;
        int ours = 0;
        QElapsedTimer clock;
        clock.start();
        while (ours < 2 * kRowsPerDatabase && clock.elapsed() < 180000) {
            for (const ConsumedMessage &m : reader.poll(500)) {
                // The reader's group rebalances when a topic matching its regex appears and reads again
                // from the start (nothing committed yet): count each Kafka record once.
                const QString record = QStringLiteral("%1/%2/%3").arg(m.topic).arg(m.partition).arg(m.offset);
                if (records.contains(record))
                    continue;
                records.insert(record);
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
                                .arg(m_capstone->postgresSlot())),
                 qPrintable(query.lastError().text()));
        QVERIFY2(
            query.next(),
            qPrintable(
                QStringLiteral("the connector's replication slot %1 does not exist").arg(m_capstone->postgresSlot())));
        QVERIFY(query.value(0).toBool());
        bool ok = false;
        const qint64 lag = query.value(1).toLongLong(&ok);
        QVERIFY2(ok, "confirmed_flush_lsn is not set");
        const qint64 retained = query.value(2).toLongLong();
        QVERIFY(lag >= 0);
        QVERIFY(retained >= lag);
        qInfo("slot %s: WAL lag %lld bytes, retained %lld bytes", qPrintable(m_capstone->postgresSlot()), lag,
              retained);
    }

    void cleanupTestCase()
    {
        if (m_capstone)
            m_capstone->removeAll();
        closeStackDatabases();
    }

private:
    StackEnvironment m_env;
    QString m_connect;
    QMap<QString, QString> m_secrets;
    QString m_run;
    std::unique_ptr<CapstoneConnectors> m_capstone;
    bool m_running = false;
};

QTEST_GUILESS_MAIN(TstOutboxPipeline)
#include "tst_outboxpipeline.moc"
