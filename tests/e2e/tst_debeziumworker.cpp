// SPDX-License-Identifier: GPL-3.0-or-later
// The real Debezium worker of stack/ against our own knowledge: the property catalog agrees with the
// worker's validate answer on names, types and defaults; the capstone's configs validate with zero
// errors (Debezium's validate really connects to the databases); the outbox DDL runs on both servers.
#include "stackclient.h"

#include "core/secretreference.h"
#include "debezium/connectioncheck.h"
#include "debezium/connectorconfig.h"
#include "debezium/outboxartifacts.h"
#include "debezium/propertycatalog.h"
#include "topology/templates.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace cdc;
using namespace cdc::e2e;

class TstDebeziumWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { CDC_E2E_REQUIRE_STACK(m_env); }

    void catalogAgreesWithTheWorker_data()
    {
        QTest::addColumn<QString>("connectorId");
        for (const debezium::ConnectorSpec &c : debezium::PropertyCatalog::bundled().connectors())
            QTest::newRow(qPrintable(c.id)) << c.id;
    }

    void catalogAgreesWithTheWorker()
    {
        QFETCH(QString, connectorId);
        const debezium::PropertyCatalog &catalog = debezium::PropertyCatalog::bundled();
        const debezium::ConnectorSpec *spec = catalog.connectorById(connectorId);
        const QMap<QString, QString> config{{QStringLiteral("connector.class"), spec->className},
                                            {QStringLiteral("topic.prefix"), QStringLiteral("catalogcheck")},
                                            {QStringLiteral("transforms"), QStringLiteral("outbox")},
                                            {QStringLiteral("transforms.outbox.type"), catalog.outboxClass()}};
        const HttpReply answer = validateOnWorker(m_env, config);
        QCOMPARE(answer.status, 200);
        QStringList disagreements;
        for (const debezium::CatalogDisagreement &d :
             catalog.compareWithWorker(connectorId, answer.body, QStringLiteral("outbox")))
            disagreements << QStringLiteral("%1 %2: catalog %3, worker %4").arg(d.property, d.field, d.ours, d.worker);
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join(u'\n')));
        // The worker documents what we explain, so the wizard can show both.
        QVERIFY(
            debezium::PropertyCatalog::workerDocumentation(answer.body).value(QStringLiteral("topic.prefix")).length() >
            20);
    }

    void capstoneConfigsValidateWithoutErrors()
    {
        const auto project = topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        int checked = 0;
        for (const debezium::ConnectorConfig &c : debezium::connectorsOf(project.value())) {
            QMap<QString, QString> config = pointAtStack(c.config, m_env);
            config.insert(QStringLiteral("name"), c.name);
            const HttpReply answer = validateOnWorker(m_env, config);
            QCOMPARE(answer.status, 200);
            QVERIFY2(answer.json.object().value(QStringLiteral("error_count")).toInt() == 0,
                     qPrintable(c.name + QStringLiteral(": ") + workerErrors(answer.json).join(QStringLiteral("; "))));
            ++checked;
        }
        QCOMPARE(checked, 2);
    }

    void validateReportsAWrongPassword()
    {
        // The same config with a password the server refuses: the worker attaches the failure to a property.
        const auto project = topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone")));
        QVERIFY(project.ok());
        const debezium::ConnectorConfig pg = debezium::connectorsOf(project.value()).front();
        QMap<QString, QString> config = pointAtStack(pg.config, m_env);
        config.insert(QStringLiteral("name"), pg.name);
        config.insert(QStringLiteral("database.password"), QStringLiteral("${env:CDC_E2E_NO_SUCH_VARIABLE}"));
        const HttpReply answer = validateOnWorker(m_env, config);
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.json.object().value(QStringLiteral("error_count")).toInt() > 0);
    }

    void outboxDdlRunsOnBothServers_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("postgres") << true;
        QTest::newRow("mariadb") << false;
    }

    void outboxDdlRunsOnBothServers()
    {
        QFETCH(bool, postgres);
        QSqlDatabase db = openStackDatabase(m_env, postgres);
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        const QString table = QStringLiteral("ddl_check_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        const QString ddl = debezium::outboxTableDdl(
            postgres ? debezium::SqlFlavour::PostgreSQL : debezium::SqlFlavour::MariaDB, table);
        QSqlQuery q(db);
        QVERIFY2(q.exec(ddl), qPrintable(q.lastError().text() + u'\n' + ddl));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO %1 (aggregatetype, aggregateid, type, payload) "
                                       "VALUES ('order', '1', 'OrderCreated', '{\"total\": 5}')")
                            .arg(table)),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT id, created_at FROM %1").arg(table)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString().length(), 36); // a generated UUID
        QVERIFY(q.value(1).isValid());
        QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(table)));
    }

    void connectionCheckAgainstTheRealServers_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("postgres") << true;
        QTest::newRow("mariadb") << false;
    }

    void connectionCheckAgainstTheRealServers()
    {
        QFETCH(bool, postgres);
        const QString prefix = postgres ? QStringLiteral("PG_") : QStringLiteral("MYSQL_");
        debezium::ConnectorAnswers a =
            debezium::defaultAnswers(postgres ? debezium::Flavour::PostgreSQL : debezium::Flavour::MariaDB, {});
        a.host = m_env.value(prefix + QStringLiteral("HOST"));
        a.port = m_env.value(prefix + QStringLiteral("PORT")).toInt();
        a.user = m_env.value(prefix + QStringLiteral("USER"));
        a.database = m_env.value(prefix + QStringLiteral("DATABASE"));
        // The wizard resolves the reference the way the worker will, when it can read the file.
        const auto password = resolveSecretReference(m_env.value(prefix + QStringLiteral("PASSWORD_REF")));
        QVERIFY2(password.ok(), qPrintable(password ? QString() : password.error().toString()));
        const auto check = debezium::checkConnection(a, password.value());
        QVERIFY2(check.ok(), qPrintable(check ? QString() : check.error().toString()));
        QVERIFY2(check.value().serverVersion.contains(postgres ? QStringLiteral("PostgreSQL 15")
                                                               : QStringLiteral("MariaDB")),
                 qPrintable(check.value().serverVersion));
        QVERIFY2(check.value().problems.isEmpty(), qPrintable(check.value().problems.join(u'\n')));

        const auto refused = debezium::checkConnection(a, QStringLiteral("wrong-password"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().where, QStringLiteral("%1@%2:%3").arg(a.user, a.host).arg(a.port));
    }

    void cleanupTestCase() { closeStackDatabases(); }

private:
    StackEnvironment m_env;
};

QTEST_GUILESS_MAIN(TstDebeziumWorker)
#include "tst_debeziumworker.moc"
