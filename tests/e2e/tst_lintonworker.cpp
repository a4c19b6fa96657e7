// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 21 on the real Debezium 3.5 worker of stack/: every finding the linter calls an ERROR is
// refused by the worker (validate, or a create that is refused) or breaks there (the MySQL connector
// with tasks.max=2 starts no task), and the findings it calls WARNING run: a connector with an old key
// beside its new one, a removed ExtractNewRecordState option and another connector's option streams.
#include "stackclient.h"

#include "debezium/connectioncheck.h"
#include "debezium/connectorconfig.h"
#include "debezium/connectorlinter.h"
#include "debezium/outboxartifacts.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace cdc;
using namespace cdc::e2e;

namespace {

QStringList lintRules(const QString &name, const QMap<QString, QString> &config, debezium::Severity severity)
{
    debezium::ConnectorConfig c;
    c.name = name;
    c.config = config;
    QStringList out;
    for (const debezium::Diagnostic &d : debezium::lintConnector(c, debezium::PropertyCatalog::bundled())) {
        if (d.severity == severity)
            out << d.rule + u'@' + d.property;
    }
    return out;
}

} // namespace

class TstLintOnWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        CDC_E2E_REQUIRE_STACK(m_env);
        m_connect = m_env.value(QStringLiteral("CONNECT_URL"));
        m_run = QUuid::createUuid().toString(QUuid::Id128).left(8);
    }

    void cleanupTestCase()
    {
        for (const QString &name : std::as_const(m_created))
            http("DELETE", m_connect + QStringLiteral("/connectors/") + name);
        for (const QString &slot : std::as_const(m_slots))
            dropSlot(slot);
        QSqlQuery q(openStackDatabase(m_env, true));
        for (const QString &publication : std::as_const(m_publications))
            q.exec(QStringLiteral("DROP PUBLICATION IF EXISTS %1").arg(publication));
        for (const QString &table : std::as_const(m_tables))
            q.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(table));
        closeStackDatabases();
    }

    void catalogAgreesWithTheWorkerOnNamesAndClasses()
    {
        // The data the new rules stand on: each connector's property names, ExtractNewRecordState's
        // options, and the classes called known (the worker's plugins among them) or removed.
        const debezium::PropertyCatalog &catalog = debezium::PropertyCatalog::bundled();
        for (const debezium::ConnectorSpec &spec : catalog.connectors()) {
            QMap<QString, QString> config = spec.id == QLatin1String("postgres")
                                                ? postgresConfig(QStringLiteral("names"))
                                                : mysqlConfig(QStringLiteral("names"), 1);
            config.insert(QStringLiteral("connector.class"), spec.className);
            const HttpReply answer = validateOnWorker(m_env, config);
            QCOMPARE(answer.status, 200);
            QStringList names;
            for (const QJsonValue &c : answer.json.object().value(QStringLiteral("configs")).toArray())
                names << c.toObject()
                             .value(QStringLiteral("definition"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString();
            names.sort();
            QStringList ours = catalog.workerProperties(spec.id);
            ours.sort();
            QCOMPARE(ours, names);
        }
        const debezium::TransformSpec *unwrap =
            catalog.transformForClass(QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));
        QVERIFY(unwrap);
        const HttpReply definition =
            http("GET",
                 m_connect + QStringLiteral("/connector-plugins/io.debezium.transforms.ExtractNewRecordState/config"));
        QCOMPARE(definition.status, 200);
        QStringList options;
        for (const QJsonValue &o : definition.json.array())
            options << o.toObject().value(QStringLiteral("name")).toString();
        for (const QString &option : options)
            QVERIFY2(unwrap->options.contains(option), qPrintable(option));
        for (const debezium::RemovedOption &removed : unwrap->removedOptions)
            QVERIFY2(!options.contains(removed.name), qPrintable(removed.name));

        const HttpReply plugins = http("GET", m_connect + QStringLiteral("/connector-plugins?connectorsOnly=false"));
        QCOMPARE(plugins.status, 200);
        for (const QJsonValue &p : plugins.json.array()) {
            const QJsonObject plugin = p.toObject();
            const QString type = plugin.value(QStringLiteral("type")).toString();
            if (type != QLatin1String("source") && type != QLatin1String("sink"))
                QVERIFY2(catalog.isKnownClass(plugin.value(QStringLiteral("class")).toString()),
                         qPrintable(plugin.value(QStringLiteral("class")).toString()));
        }
        for (const QString &removed : {QStringLiteral("io.debezium.transforms.UnwrapFromEnvelope"),
                                       QStringLiteral("io.debezium.transforms.partitions.ComputePartition")}) {
            QVERIFY(catalog.removedClass(removed));
            QMap<QString, QString> config = postgresConfig(QStringLiteral("removed"));
            config.insert(QStringLiteral("transforms"), QStringLiteral("t"));
            config.insert(QStringLiteral("transforms.t.type"), removed);
            const QStringList refused = workerErrors(validateOnWorker(m_env, config).json);
            QVERIFY2(refused.join(u'\n').contains(QStringLiteral("could not be found")),
                     qPrintable(refused.join(u'\n')));
        }
    }

    void errorsTheWorkerRefuses_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("property");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("rule");
        QTest::newRow("removed class") << true << QStringLiteral("transforms.unwrap.type")
                                       << QStringLiteral("io.debezium.transforms.UnwrapFromEnvelope")
                                       << QStringLiteral("removed-class");
        QTest::newRow("PostgreSQL snapshot.mode never")
            << true << QStringLiteral("snapshot.mode") << QStringLiteral("never") << QStringLiteral("renamed-value");
        QTest::newRow("PostgreSQL snapshot.mode schema_only")
            << true << QStringLiteral("snapshot.mode") << QStringLiteral("schema_only")
            << QStringLiteral("renamed-value");
        QTest::newRow("MySQL snapshot.mode schema_only")
            << false << QStringLiteral("snapshot.mode") << QStringLiteral("schema_only")
            << QStringLiteral("renamed-value");
        QTest::newRow("MySQL snapshot.mode schema_only_recovery")
            << false << QStringLiteral("snapshot.mode") << QStringLiteral("schema_only_recovery")
            << QStringLiteral("renamed-value");
    }

    void errorsTheWorkerRefuses()
    {
        QFETCH(bool, postgres);
        QFETCH(QString, property);
        QFETCH(QString, value);
        QFETCH(QString, rule);
        QMap<QString, QString> config =
            postgres ? postgresConfig(QStringLiteral("refused")) : mysqlConfig(QStringLiteral("refused"), 1);
        if (property.startsWith(QLatin1String("transforms.unwrap."))) {
            config.insert(QStringLiteral("transforms"), QStringLiteral("unwrap"));
            config.insert(property, QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));
        }
        // Without the fault the worker takes the config: the refusal below is the fault's.
        QCOMPARE(lintRules(QStringLiteral("refused"), config, debezium::Severity::Error), QStringList());
        HttpReply answer = validateOnWorker(m_env, config);
        QCOMPARE(answer.status, 200);
        QVERIFY2(workerErrors(answer.json).isEmpty(), qPrintable(workerErrors(answer.json).join(u'\n')));

        config.insert(property, value);
        QCOMPARE(lintRules(QStringLiteral("refused"), config, debezium::Severity::Error),
                 QStringList{rule + u'@' + property});
        answer = validateOnWorker(m_env, config);
        QCOMPARE(answer.status, 200);
        const QStringList refused = workerErrors(answer.json);
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.front().startsWith(property + QStringLiteral(": ")), qPrintable(refused.front()));
        // And a create is refused with the same words.
        QJsonObject body;
        body.insert(QStringLiteral("name"), QString(QStringLiteral("lint-refused-") + m_run));
        QJsonObject c;
        for (auto it = config.cbegin(); it != config.cend(); ++it)
            c.insert(it.key(), it.value());
        body.insert(QStringLiteral("config"), c);
        const HttpReply created = http("POST", m_connect + QStringLiteral("/connectors"), QJsonDocument(body).toJson());
        QCOMPARE(created.status, 400);
    }

    void classesTheWorkerDoesNotHave()
    {
        // The connected rule: a converter the worker lacks is an ERROR, and the worker refuses it.
        QMap<QString, QString> config = postgresConfig(QStringLiteral("classes"));
        config.insert(QStringLiteral("value.converter"), QStringLiteral("io.confluent.connect.avro.AvroConverter"));
        const HttpReply plugins = http("GET", m_connect + QStringLiteral("/connector-plugins?connectorsOnly=false"));
        QCOMPARE(plugins.status, 200);
        QStringList classes;
        for (const QJsonValue &p : plugins.json.array())
            classes << p.toObject().value(QStringLiteral("class")).toString();
        QVERIFY(classes.contains(QStringLiteral("io.debezium.transforms.outbox.EventRouter")));
        debezium::ConnectorConfig c;
        c.name = QStringLiteral("classes");
        c.config = config;
        const auto found = debezium::lintAgainstWorkerPlugins(c, classes, m_connect);
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found.front().property, QStringLiteral("value.converter"));
        QCOMPARE(found.front().severity, debezium::Severity::Error);
        const HttpReply answer = validateOnWorker(m_env, config);
        QCOMPARE(workerErrors(answer.json).size(), 1);
        QVERIFY(workerErrors(answer.json).front().startsWith(QStringLiteral("value.converter: ")));
    }

    void cdcctlValidateAgainstTheWorker()
    {
        // cdcctl validate --connect: the same converter, an ERROR line naming the worker, exit 1; the
        // classes the worker has pass.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("avro.json"));
        QMap<QString, QString> config = postgresConfig(QStringLiteral("avro"));
        config.insert(QStringLiteral("key.converter"),
                      QStringLiteral("org.apache.kafka.connect.storage.StringConverter"));
        config.insert(QStringLiteral("value.converter"), QStringLiteral("io.confluent.connect.avro.AvroConverter"));
        QJsonObject json;
        for (auto it = config.cbegin(); it != config.cend(); ++it)
            json.insert(it.key(), it.value());
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(json).toJson());
        f.close();
        QProcess p;
        p.start(QStringLiteral(CDCCTL_PATH),
                {QStringLiteral("validate"), QStringLiteral("--connect"), m_connect, file});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitCode(), 1);
        QCOMPARE(out.split(u'\n', Qt::SkipEmptyParts),
                 QStringList{QStringLiteral("ERROR %1[avro] value.converter: The worker %2 has no plugin "
                                            "io.confluent.connect.avro.AvroConverter: it refuses the config with "
                                            "\"Class io.confluent.connect.avro.AvroConverter could not be found\". — "
                                            "Install the plugin on every worker (plugin.path), or use a class the "
                                            "worker lists.")
                                 .arg(file, m_connect)});
    }

    void exactlyOnceRequiredIsRefusedByThisWorker()
    {
        // The warning's claim, seen on a worker without exactly.once.source.support=enabled.
        QMap<QString, QString> config = postgresConfig(QStringLiteral("eos"));
        config.insert(QStringLiteral("exactly.once.support"), QStringLiteral("required"));
        QCOMPARE(lintRules(QStringLiteral("eos"), config, debezium::Severity::Warning),
                 QStringList{QStringLiteral("exactly-once@exactly.once.support")});
        const QStringList refused = workerErrors(validateOnWorker(m_env, config).json);
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.front().contains(QStringLiteral("exactly-once source support")), qPrintable(refused.front()));
    }

    void mysqlConnectorWithTwoTasksStartsNone()
    {
        // The stack's MySQL-protocol server is MariaDB; the MySQL connector reads it. With tasks.max=1 it
        // gets its task; with tasks.max=2 Debezium throws "Only a single connector task may be started"
        // when Connect asks for task configs: RUNNING, and no task ever.
        const QString one = QStringLiteral("lint-mysql-one-") + m_run;
        const QString two = QStringLiteral("lint-mysql-two-") + m_run;
        const QMap<QString, QString> single = mysqlConfig(one, 1);
        const QMap<QString, QString> twoTasks = mysqlConfig(two, 2);
        QCOMPARE(lintRules(one, single, debezium::Severity::Error), QStringList());
        QCOMPARE(lintRules(two, twoTasks, debezium::Severity::Error),
                 QStringList{QStringLiteral("tasks-max@tasks.max")});
        QVERIFY(workerErrors(validateOnWorker(m_env, twoTasks).json).isEmpty()); // validate does not see it

        QVERIFY(create(two, twoTasks));
        QVERIFY(create(one, single));
        QElapsedTimer clock;
        clock.start();
        while (tasksOf(one).isEmpty() && clock.elapsed() < 120000)
            QTest::qWait(500);
        QVERIFY2(!tasksOf(one).isEmpty(), "the tasks.max=1 connector got no task within two minutes");
        // Created first, so it has had at least as long: still no task, while the connector says RUNNING.
        const HttpReply status = http("GET", m_connect + QStringLiteral("/connectors/%1/status").arg(two));
        QCOMPARE(status.json.object()
                     .value(QStringLiteral("connector"))
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("RUNNING"));
        QCOMPARE(tasksOf(two).size(), 0);
    }

    void testConnectionSaysWhetherTheServerHasTheDecodingPlugin()
    {
        // The stack's PostgreSQL is stock Debian PostgreSQL: no decoderbufs, Debezium's default.
        debezium::ConnectorAnswers a;
        a.flavour = debezium::Flavour::PostgreSQL;
        a.host = m_env.value(QStringLiteral("PG_HOST"));
        a.port = m_env.value(QStringLiteral("PG_PORT")).toInt();
        a.database = m_env.value(QStringLiteral("PG_DATABASE"));
        a.user = m_env.value(QStringLiteral("PG_USER"));
        a.pluginName = QStringLiteral("decoderbufs");
        const QString password =
            readProperties(m_env.value(QStringLiteral("SECRETS_FILE"))).value(QStringLiteral("pg.password"));
        auto checked = debezium::checkConnection(a, password);
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().toString()));
        if (!checked.value().problems.join(u'\n').contains(QStringLiteral("The server has no decoderbufs plugin"))) {
            // What the server said to the probe, for the report.
            QSqlDatabase db = openStackDatabase(m_env, true);
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT pg_create_logical_replication_slot('cdc_studio_probe_diag', 'decoderbufs', "
                                  "true)"));
            QFAIL(qPrintable(QStringLiteral("no decoderbufs problem; the server answered a test slot with: %1 (%2)")
                                 .arg(q.lastError().text(), q.lastError().nativeErrorCode())));
        }
        a.pluginName = QStringLiteral("pgoutput");
        checked = debezium::checkConnection(a, password);
        QVERIFY(checked.ok());
        QCOMPARE(checked.value().problems, QStringList());
        // The probe's temporary slot is gone.
        QSqlQuery q(openStackDatabase(m_env, true));
        QVERIFY(q.exec(
            QStringLiteral("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'cdc_studio_probe_%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void warningsRun()
    {
        // One connector with the downgraded findings: database.server.name beside topic.prefix, the removed
        // drop.tombstones of ExtractNewRecordState, and MySQL's database.server.id on PostgreSQL. No
        // ERROR; it runs, and writes to topic.prefix's topics.
        QSqlDatabase db = openStackDatabase(m_env, true);
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        const QString table = QStringLiteral("lint_%1").arg(m_run);
        m_tables << table;
        QSqlQuery q(db);
        QVERIFY2(q.exec(QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, note text)").arg(table)),
                 qPrintable(q.lastError().text()));
        const QString name = QStringLiteral("lint-warnings-") + m_run;
        const QString prefix = QStringLiteral("lintnew") + m_run;
        const QString slot = QStringLiteral("lint_%1").arg(m_run);
        m_slots << slot;
        m_publications << QStringLiteral("lint_%1_pub").arg(m_run);
        QMap<QString, QString> config = postgresConfig(name);
        config.insert(QStringLiteral("topic.prefix"), prefix);
        config.insert(QStringLiteral("database.server.name"), QStringLiteral("lintold") + m_run);
        config.insert(QStringLiteral("slot.name"), slot);
        config.insert(QStringLiteral("publication.name"), m_publications.last());
        config.insert(QStringLiteral("publication.autocreate.mode"), QStringLiteral("filtered"));
        config.insert(QStringLiteral("table.include.list"), QStringLiteral("public.") + table);
        config.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));
        config.insert(QStringLiteral("transforms"), QStringLiteral("unwrap"));
        config.insert(QStringLiteral("transforms.unwrap.type"),
                      QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));
        config.insert(QStringLiteral("transforms.unwrap.drop.tombstones"), QStringLiteral("false"));
        config.insert(QStringLiteral("database.server.id"), QStringLiteral("4711"));
        QCOMPARE(lintRules(name, config, debezium::Severity::Error), QStringList());
        QCOMPARE(lintRules(name, config, debezium::Severity::Warning),
                 (QStringList{QStringLiteral("renamed-conflict@database.server.name"),
                              QStringLiteral("removed-option@transforms.unwrap.drop.tombstones"),
                              QStringLiteral("foreign-property@database.server.id")}));

        TopicReader reader(m_env.value(QStringLiteral("KAFKA_BOOTSTRAP")),
                           QStringLiteral("^(lintnew|lintold)%1\\..*").arg(m_run));
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        QVERIFY(create(name, config));
        QVERIFY2(waitUntilRunning(name), qPrintable(m_lastStatus));
        // Streaming starts a moment after RUNNING: write until a row arrives.
        QList<ConsumedMessage> got;
        QElapsedTimer clock;
        clock.start();
        for (int id = 1; got.isEmpty() && clock.elapsed() < 120000; ++id) {
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO %1 VALUES (%2, 'row')").arg(table).arg(id)),
                     qPrintable(q.lastError().text()));
            got = reader.poll(2000);
        }
        QVERIFY2(!got.isEmpty(), "no change event arrived within two minutes");
        QCOMPARE(got.front().topic, prefix + QStringLiteral(".public.") + table);
        QVERIFY(got.front().value.contains("\"note\":\"row\"")); // unwrapped: the row, not the envelope
    }

    void routerWithoutPredicateDoesWhatTheLinterSays()
    {
        // The router without a predicate on an outbox table and a plain one, heartbeats on: heartbeats
        // pass through unchanged and outbox rows are routed (it runs), but a plain row fails the task.
        QSqlDatabase db = openStackDatabase(m_env, true);
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        const QString outbox = QStringLiteral("lint_%1_outbox").arg(m_run);
        const QString plain = QStringLiteral("lint_%1_plain").arg(m_run);
        m_tables << outbox << plain;
        QSqlQuery q(db);
        QVERIFY2(q.exec(debezium::outboxTableDdl(debezium::SqlFlavour::PostgreSQL, outbox)),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, note text)").arg(plain)),
                 qPrintable(q.lastError().text()));
        const QString name = QStringLiteral("lint-router-") + m_run;
        const QString prefix = QStringLiteral("lintrt") + m_run;
        m_slots << QStringLiteral("lint_rt_%1").arg(m_run);
        m_publications << QStringLiteral("lint_rt_%1_pub").arg(m_run);
        QMap<QString, QString> config = postgresConfig(name);
        config.insert(QStringLiteral("topic.prefix"), prefix);
        config.insert(QStringLiteral("slot.name"), m_slots.last());
        config.insert(QStringLiteral("publication.name"), m_publications.last());
        config.insert(QStringLiteral("publication.autocreate.mode"), QStringLiteral("filtered"));
        config.insert(QStringLiteral("table.include.list"), QStringLiteral("public.%1,public.%2").arg(outbox, plain));
        config.insert(QStringLiteral("snapshot.mode"), QStringLiteral("no_data"));
        config.insert(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("500"));
        config.insert(QStringLiteral("transforms"), QStringLiteral("outbox"));
        config.insert(QStringLiteral("transforms.outbox.type"),
                      QStringLiteral("io.debezium.transforms.outbox.EventRouter"));
        config.insert(QStringLiteral("transforms.outbox.route.topic.replacement"),
                      QStringLiteral("lintev%1.${routedByValue}").arg(m_run));
        QCOMPARE(lintRules(name, config, debezium::Severity::Error), QStringList());
        QCOMPARE(lintRules(name, config, debezium::Severity::Warning),
                 QStringList{QStringLiteral("outbox-predicate@transforms.outbox.predicate")});

        TopicReader reader(m_env.value(QStringLiteral("KAFKA_BOOTSTRAP")),
                           QStringLiteral("^(__debezium-heartbeat\\.%1|lintev%2\\..*)$").arg(prefix, m_run));
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        QVERIFY(create(name, config));
        QVERIFY2(waitUntilRunning(name), qPrintable(m_lastStatus));
        bool heartbeat = false, routed = false;
        QElapsedTimer clock;
        clock.start();
        for (int id = 1; !(heartbeat && routed) && clock.elapsed() < 120000; ++id) {
            if (!routed)
                QVERIFY2(q.exec(QStringLiteral("INSERT INTO %1 (aggregatetype, aggregateid, type, payload) "
                                               "VALUES ('order', '%2', 'OrderCreated', '{}')")
                                    .arg(outbox)
                                    .arg(id)),
                         qPrintable(q.lastError().text()));
            for (const ConsumedMessage &m : reader.poll(2000)) {
                heartbeat |= m.topic == QStringLiteral("__debezium-heartbeat.") + prefix;
                routed |= m.topic == QStringLiteral("lintev%1.order").arg(m_run);
            }
        }
        QVERIFY2(heartbeat, "no heartbeat passed through the router unchanged within two minutes");
        QVERIFY2(routed, "no outbox row was routed within two minutes");

        QVERIFY2(q.exec(QStringLiteral("INSERT INTO %1 VALUES (1, 'not an outbox row')").arg(plain)),
                 qPrintable(q.lastError().text()));
        QString trace;
        clock.restart();
        while (trace.isEmpty() && clock.elapsed() < 120000) {
            const HttpReply status = http("GET", m_connect + QStringLiteral("/connectors/%1/status").arg(name));
            for (const QJsonValue &t : status.json.object().value(QStringLiteral("tasks")).toArray()) {
                if (t.toObject().value(QStringLiteral("state")).toString() == QLatin1String("FAILED"))
                    trace = t.toObject().value(QStringLiteral("trace")).toString();
            }
            if (trace.isEmpty())
                QTest::qWait(500);
        }
        QVERIFY2(!trace.isEmpty(), "the task did not fail on a row of the plain table");
        QVERIFY2(trace.contains(QStringLiteral("Unable to find")), qPrintable(trace.left(600)));
    }

private:
    QMap<QString, QString> postgresConfig(const QString &name) const
    {
        QMap<QString, QString> c{
            {QStringLiteral("name"), name},
            {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector")},
            {QStringLiteral("database.dbname"), m_env.value(QStringLiteral("PG_DATABASE"))},
            {QStringLiteral("topic.prefix"), QStringLiteral("lint") + m_run},
            {QStringLiteral("plugin.name"), QStringLiteral("pgoutput")},
            {QStringLiteral("slot.name"), QStringLiteral("lint_unused_") + m_run},
            {QStringLiteral("publication.name"), QStringLiteral("lint_unused_") + m_run}};
        return pointAtStack(c, m_env);
    }

    QMap<QString, QString> mysqlConfig(const QString &name, int tasks) const
    {
        QMap<QString, QString> c{
            {QStringLiteral("name"), name},
            {QStringLiteral("connector.class"), QStringLiteral("io.debezium.connector.mysql.MySqlConnector")},
            {QStringLiteral("tasks.max"), QString::number(tasks)},
            {QStringLiteral("database.server.id"), QString::number(61000 + tasks)},
            {QStringLiteral("database.include.list"), m_env.value(QStringLiteral("MYSQL_DATABASE"))},
            {QStringLiteral("topic.prefix"), QStringLiteral("lintmy%1x%2").arg(m_run).arg(tasks)},
            {QStringLiteral("snapshot.mode"), QStringLiteral("no_data")},
            {QStringLiteral("include.schema.changes"), QStringLiteral("false")},
            {QStringLiteral("schema.history.internal.kafka.topic"),
             QStringLiteral("lint.history.%1.%2").arg(m_run).arg(tasks)}};
        return pointAtStack(c, m_env);
    }

    bool create(const QString &name, const QMap<QString, QString> &config)
    {
        QJsonObject c;
        for (auto it = config.cbegin(); it != config.cend(); ++it)
            c.insert(it.key(), it.value());
        const QJsonObject body{{QStringLiteral("name"), name}, {QStringLiteral("config"), c}};
        const HttpReply created = http("POST", m_connect + QStringLiteral("/connectors"), QJsonDocument(body).toJson());
        if (created.status != 201) {
            qWarning() << "POST /connectors" << created.status << created.body;
            return false;
        }
        m_created << name;
        return true;
    }

    QJsonArray tasksOf(const QString &name) const
    {
        return http("GET", m_connect + QStringLiteral("/connectors/%1/tasks").arg(name)).json.array();
    }

    bool waitUntilRunning(const QString &name)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 120000) {
            const HttpReply status = http("GET", m_connect + QStringLiteral("/connectors/%1/status").arg(name));
            m_lastStatus = QString::fromUtf8(status.body);
            const QJsonArray tasks = status.json.object().value(QStringLiteral("tasks")).toArray();
            if (!tasks.isEmpty()) {
                const QString state = tasks.first().toObject().value(QStringLiteral("state")).toString();
                if (state == QLatin1String("FAILED"))
                    return false;
                if (state == QLatin1String("RUNNING"))
                    return true;
            }
            QTest::qWait(500);
        }
        return false;
    }

    void dropSlot(const QString &slot)
    {
        QSqlQuery q(openStackDatabase(m_env, true));
        for (int attempt = 0; attempt < 40; ++attempt) {
            if (!q.exec(QStringLiteral("SELECT active FROM pg_replication_slots WHERE slot_name = '%1'").arg(slot)) ||
                !q.next())
                return;
            if (!q.value(0).toBool()) {
                q.exec(QStringLiteral("SELECT pg_drop_replication_slot('%1')").arg(slot));
                return;
            }
            QTest::qWait(250); // the deleted connector's task is still letting go of it
        }
    }

    StackEnvironment m_env;
    QString m_connect;
    QString m_run;
    QStringList m_created;
    QStringList m_slots;
    QStringList m_publications;
    QStringList m_tables;
    QString m_lastStatus;
};

QTEST_GUILESS_MAIN(TstLintOnWorker)
#include "tst_lintonworker.moc"
