// SPDX-License-Identifier: GPL-3.0-or-later
// Fixtures of the Doctor's e2e tests. Server processes are children of the test and stopped with it.
#include "doctorfixtures.h"

#include "core/sqlconnection.h"
#include "topology/templates.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <functional>

#include <librdkafka/rdkafka.h>

#include <unistd.h>

namespace cdc::e2e {

namespace {

bool isRoot()
{
    return ::geteuid() == 0;
}

// Runs a program to its end; false with its output in `error` when it fails.
bool runProgram(const QString &program, const QStringList &args, QString &error, int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        error = QStringLiteral("%1 failed: %2").arg(program, QString::fromUtf8(p.readAll()).right(800));
        if (p.state() != QProcess::NotRunning)
            p.kill();
        return false;
    }
    return true;
}

QString postgresBin()
{
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    return versions.isEmpty() ? QString() : lib.filePath(versions.back() + QStringLiteral("/bin"));
}

void stopServer(std::unique_ptr<QProcess> &server)
{
    if (!server || server->state() == QProcess::NotRunning)
        return;
    server->terminate(); // SIGTERM: PostgreSQL's smart shutdown, MariaDB's normal one
    if (!server->waitForFinished(20000)) {
        server->kill();
        server->waitForFinished(5000);
    }
}

QSqlDatabase openNamed(const QString &prefix, const SqlEndpoint &endpoint, const QString &password,
                       const QString &options, QString &error)
{
    const QString name = prefix + QUuid::createUuid().toString(QUuid::Id128);
    const Result<QSqlDatabase> opened = openDatabase(name, endpoint, password, options);
    if (!opened) {
        error = opened.error().toString();
        return {};
    }
    return opened.value();
}

} // namespace

topology::Project doctorProject(const StackEnvironment &env, const QString &run)
{
    Result<topology::Project> loaded = topology::loadTemplate(*topology::findTemplate(QStringLiteral("capstone")));
    if (!loaded)
        qFatal("capstone template: %s", qPrintable(loaded.error().toString()));
    topology::Project project = std::move(loaded).value();
    const QString underscored = QString(run).replace(u'-', u'_');
    for (topology::Node &n : project.nodes) {
        if (n.kind == topology::NodeKind::Connector) {
            const bool postgres =
                n.properties.value(QStringLiteral("connector.class")).contains(QLatin1String("postgres"));
            const QString prefix = postgres ? QStringLiteral("PG_") : QStringLiteral("MYSQL_");
            n.name = (postgres ? QStringLiteral("doctor-pg-") : QStringLiteral("doctor-my-")) + run;
            n.properties.insert(QStringLiteral("database.hostname"), env.value(prefix + QStringLiteral("HOST")));
            n.properties.insert(QStringLiteral("database.port"), env.value(prefix + QStringLiteral("PORT")));
            n.properties.insert(QStringLiteral("database.user"), env.value(prefix + QStringLiteral("USER")));
            n.properties.insert(QStringLiteral("database.password"),
                                env.value(prefix + QStringLiteral("PASSWORD_REF")));
            if (postgres) {
                n.properties.insert(QStringLiteral("slot.name"), QStringLiteral("doctor_") + underscored);
                n.properties.insert(QStringLiteral("publication.name"),
                                    QStringLiteral("doctor_") + underscored + QStringLiteral("_pub"));
            } else {
                n.properties.insert(QStringLiteral("database.server.id"),
                                    QString::number(500000 + QRandomGenerator::global()->bounded(400000)));
                n.properties.insert(QStringLiteral("schema.history.internal.kafka.topic"),
                                    QStringLiteral("schema-changes.doctor-") + run);
                n.properties.insert(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"),
                                    env.value(QStringLiteral("KAFKA_BOOTSTRAP")));
                n.properties.insert(QStringLiteral("topic.prefix"), QStringLiteral("doctor-my-") + run);
            }
            if (postgres)
                n.properties.insert(QStringLiteral("topic.prefix"), QStringLiteral("doctor-pg-") + run);
        } else if (n.kind == topology::NodeKind::PostgresDatabase || n.kind == topology::NodeKind::MySqlDatabase) {
            const QString prefix =
                n.kind == topology::NodeKind::PostgresDatabase ? QStringLiteral("PG_") : QStringLiteral("MYSQL_");
            n.properties.insert(QStringLiteral("host"), env.value(prefix + QStringLiteral("HOST")));
            n.properties.insert(QStringLiteral("port"), env.value(prefix + QStringLiteral("PORT")));
            n.properties.insert(QStringLiteral("password"), env.value(prefix + QStringLiteral("PASSWORD_REF")));
        } else if (n.kind == topology::NodeKind::ConnectCluster) {
            n.properties.insert(QStringLiteral("url"), env.value(QStringLiteral("CONNECT_URL")));
        }
    }
    return project;
}

void setConnectorProperty(topology::Project &project, const QString &kind, const QString &key, const QString &value)
{
    for (topology::Node &n : project.nodes) {
        if (n.kind != topology::NodeKind::Connector)
            continue;
        const bool postgres = n.properties.value(QStringLiteral("connector.class")).contains(QLatin1String("postgres"));
        if (postgres == (kind == QLatin1String("postgres")))
            n.properties.insert(key, value);
    }
}

QStringList problemChecks(const doctor::Findings &findings)
{
    QStringList out;
    for (const doctor::Finding &f : findings) {
        if (f.severity == doctor::Severity::Warning || f.severity == doctor::Severity::Error)
            out << f.check;
    }
    return out;
}

const doctor::Finding *findingOf(const doctor::Findings &findings, const QString &check)
{
    for (const doctor::Finding &f : findings) {
        if (f.check == check)
            return &f;
    }
    return nullptr;
}

QString writeSecret(const QTemporaryDir &dir, const QString &key, const QString &secret)
{
    const QString path = dir.filePath(QStringLiteral("secrets.properties"));
    QFile f(path);
    if (!f.open(QIODevice::Append))
        qFatal("cannot write %s", qPrintable(path));
    f.write((key + u'=' + secret + u'\n').toUtf8());
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return QStringLiteral("${file:%1:%2}").arg(path, key);
}

QString randomSecret()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

namespace {

// One admin request on a short-lived handle: `request` queues it, the event answers it.
bool adminRequest(const QString &bootstrap, rd_kafka_admin_op_t op,
                  const std::function<void(rd_kafka_t *, rd_kafka_AdminOptions_t *, rd_kafka_queue_t *)> &request,
                  const std::function<QString(rd_kafka_event_t *)> &check, QString &error)
{
    char errstr[512] = {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        error = QString::fromUtf8(errstr);
        return false;
    }
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(rk, op);
    rd_kafka_AdminOptions_set_operation_timeout(options, 20000, errstr, sizeof errstr);
    request(rk, options, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, 30000);
    error = !event                        ? QStringLiteral("no answer from %1").arg(bootstrap)
            : rd_kafka_event_error(event) ? QString::fromUtf8(rd_kafka_event_error_string(event))
                                          : check(event);
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(rk);
    return error.isEmpty();
}

} // namespace

bool createTopic(const QString &bootstrap, const QString &topic, int partitions, const QMap<QString, QString> &configs,
                 QString &error)
{
    return adminRequest(
        bootstrap, RD_KAFKA_ADMIN_OP_CREATETOPICS,
        [&](rd_kafka_t *rk, rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            char errstr[512] = {};
            rd_kafka_NewTopic_t *t =
                rd_kafka_NewTopic_new(topic.toUtf8().constData(), partitions, 1, errstr, sizeof errstr);
            for (auto it = configs.cbegin(); it != configs.cend(); ++it)
                rd_kafka_NewTopic_set_config(t, it.key().toUtf8().constData(), it.value().toUtf8().constData());
            rd_kafka_CreateTopics(rk, &t, 1, options, queue);
            rd_kafka_NewTopic_destroy(t);
        },
        [](rd_kafka_event_t *event) {
            size_t n = 0;
            const rd_kafka_topic_result_t **results =
                rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &n);
            return n == 1 && rd_kafka_topic_result_error(results[0]) != RD_KAFKA_RESP_ERR_NO_ERROR
                       ? QString::fromUtf8(rd_kafka_topic_result_error_string(results[0]))
                       : QString();
        },
        error);
}

bool deleteTopic(const QString &bootstrap, const QString &topic, QString &error)
{
    return adminRequest(
        bootstrap, RD_KAFKA_ADMIN_OP_DELETETOPICS,
        [&](rd_kafka_t *rk, rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_DeleteTopic_t *t = rd_kafka_DeleteTopic_new(topic.toUtf8().constData());
            rd_kafka_DeleteTopics(rk, &t, 1, options, queue);
            rd_kafka_DeleteTopic_destroy(t);
        },
        [](rd_kafka_event_t *) { return QString(); }, error);
}

QSqlDatabase stackPostgresAdmin(const StackEnvironment &env, QString &error)
{
    const QString socketDir = env.value(QStringLiteral("STACK_DIR")) + QStringLiteral("/postgres-run");
    if (!QFileInfo::exists(socketDir)) {
        error = QStringLiteral("no PostgreSQL socket folder %1 (the stack runs elsewhere)").arg(socketDir);
        return {};
    }
    return openNamed(QStringLiteral("doctor-pg-admin-"),
                     SqlEndpoint{true, socketDir, env.value(QStringLiteral("PG_PORT")).toInt(),
                                 env.value(QStringLiteral("PG_DATABASE")), QStringLiteral("postgres")},
                     {}, {}, error);
}

QSqlDatabase stackMariaDbAdmin(const StackEnvironment &env, QString &error)
{
    const QString socket = env.value(QStringLiteral("STACK_DIR")) + QStringLiteral("/mariadb/mariadb.sock");
    if (!QFileInfo::exists(socket)) {
        error = QStringLiteral("no MariaDB socket %1 (the stack runs elsewhere)").arg(socket);
        return {};
    }
    // The stack's root logs in by unix_socket: the OS user must be root.
    return openNamed(QStringLiteral("doctor-my-admin-"), SqlEndpoint{false, {}, 0, {}, QStringLiteral("root")}, {},
                     QStringLiteral("UNIX_SOCKET=") + socket, error);
}

bool runSql(QSqlDatabase db, const QStringList &statements, QString &error)
{
    for (const QString &statement : statements) {
        QSqlQuery q(db);
        if (!q.exec(statement)) {
            error = statement + QStringLiteral(": ") + sqlErrorText(q.lastError());
            return false;
        }
    }
    return true;
}

ThrowawayPostgres::~ThrowawayPostgres()
{
    // Stop the server itself, not only the runuser that started it.
    if (m_server && m_server->state() != QProcess::NotRunning) {
        QString ignored;
        const QString pgCtl = m_bin + QStringLiteral("/pg_ctl");
        const QStringList args{QStringLiteral("-D"),   m_dir.filePath(QStringLiteral("data")),
                               QStringLiteral("stop"), QStringLiteral("-m"),
                               QStringLiteral("fast"), QStringLiteral("-w")};
        if (isRoot())
            runProgram(QStringLiteral("runuser"),
                       QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), pgCtl} +
                           args,
                       ignored, 30000);
        else
            runProgram(pgCtl, args, ignored, 30000);
    }
    stopServer(m_server);
}

bool ThrowawayPostgres::start(const QStringList &settings)
{
    const QString bin = postgresBin();
    m_bin = bin;
    if (bin.isEmpty() || !m_dir.isValid()) {
        m_error = QStringLiteral("no PostgreSQL server binaries under /usr/lib/postgresql");
        return false;
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    QStringList asPostgres; // initdb and postgres refuse to run as root
    if (isRoot()) {
        if (!runProgram(QStringLiteral("chown"), {QStringLiteral("postgres:"), m_dir.path()}, m_error))
            return false;
        asPostgres = {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")};
    }
    const auto command = [&](const QString &program, const QStringList &args) {
        return isRoot() ? std::make_pair(QStringLiteral("runuser"), asPostgres + QStringList{program} + args)
                        : std::make_pair(program, args);
    };
    const auto [initdb, initArgs] = command(
        bin + QStringLiteral("/initdb"), {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
                                          QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                          QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-sync")});
    if (!runProgram(initdb, initArgs, m_error))
        return false;
    m_port = freePort();
    QStringList args{QStringLiteral("-D"), data,
                     QStringLiteral("-p"), QString::number(m_port),
                     QStringLiteral("-k"), m_dir.path(),
                     QStringLiteral("-c"), QStringLiteral("listen_addresses=127.0.0.1"),
                     QStringLiteral("-c"), QStringLiteral("fsync=off"),
                     QStringLiteral("-c"), QStringLiteral("shared_buffers=16MB")};
    for (const QString &s : settings)
        args << QStringLiteral("-c") << s;
    const auto [postgres, postgresArgs] = command(bin + QStringLiteral("/postgres"), args);
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::MergedChannels);
    m_server->start(postgres, postgresArgs);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30000) {
        if (m_server->state() == QProcess::NotRunning) {
            m_error = QStringLiteral("postgres exited: ") + QString::fromUtf8(m_server->readAll()).right(800);
            return false;
        }
        if (QSqlDatabase db = admin(); db.isOpen())
            return true;
        QTest::qWait(200);
    }
    m_error = QStringLiteral("postgres did not accept connections within 30 s: ") +
              QString::fromUtf8(m_server->readAll()).right(800);
    return false;
}

QSqlDatabase ThrowawayPostgres::admin(const QString &database)
{
    QString error;
    QSqlDatabase db =
        openNamed(QStringLiteral("doctor-throwaway-pg-"),
                  SqlEndpoint{true, QStringLiteral("127.0.0.1"), m_port, database, QStringLiteral("postgres")}, {},
                  QStringLiteral("connect_timeout=2"), error);
    return db;
}

ThrowawayMariaDb::~ThrowawayMariaDb()
{
    stopServer(m_server);
}

bool ThrowawayMariaDb::start(const QStringList &options)
{
    QString mariadbd = QStandardPaths::findExecutable(QStringLiteral("mariadbd"));
    if (mariadbd.isEmpty() && QFileInfo::exists(QStringLiteral("/usr/sbin/mariadbd")))
        mariadbd = QStringLiteral("/usr/sbin/mariadbd");
    const QString install = QStandardPaths::findExecutable(QStringLiteral("mariadb-install-db"));
    if (mariadbd.isEmpty() || install.isEmpty() || !m_dir.isValid()) {
        m_error = QStringLiteral("mariadbd or mariadb-install-db not found");
        return false;
    }
    const QString me = qEnvironmentVariable("USER", isRoot() ? QStringLiteral("root") : QString());
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!runProgram(install,
                    {QStringLiteral("--no-defaults"), QStringLiteral("--datadir=") + data,
                     QStringLiteral("--user=") + me, QStringLiteral("--auth-root-authentication-method=socket"),
                     QStringLiteral("--skip-test-db")},
                    m_error))
        return false;
    m_port = freePort();
    QStringList args{QStringLiteral("--no-defaults"),
                     QStringLiteral("--datadir=") + data,
                     QStringLiteral("--user=") + me,
                     QStringLiteral("--bind-address=127.0.0.1"),
                     QStringLiteral("--port=") + QString::number(m_port),
                     QStringLiteral("--socket=") + m_dir.filePath(QStringLiteral("m.sock")),
                     QStringLiteral("--pid-file=") + m_dir.filePath(QStringLiteral("m.pid")),
                     QStringLiteral("--log-error=") + m_dir.filePath(QStringLiteral("m.log")),
                     QStringLiteral("--innodb-buffer-pool-size=16M"),
                     QStringLiteral("--skip-name-resolve")};
    args << options;
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::MergedChannels);
    m_server->start(mariadbd, args);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 60000) {
        if (m_server->state() == QProcess::NotRunning) {
            QFile log(m_dir.filePath(QStringLiteral("m.log")));
            log.open(QIODevice::ReadOnly);
            m_error = QStringLiteral("mariadbd exited: ") + QString::fromUtf8(log.readAll()).right(800);
            return false;
        }
        if (QSqlDatabase db = admin(); db.isOpen())
            return true;
        QTest::qWait(250);
    }
    m_error = QStringLiteral("mariadbd did not accept connections within 60 s");
    return false;
}

QSqlDatabase ThrowawayMariaDb::admin()
{
    QString error;
    return openNamed(QStringLiteral("doctor-throwaway-my-"), SqlEndpoint{false, {}, 0, {}, QStringLiteral("root")}, {},
                     QStringLiteral("UNIX_SOCKET=") + m_dir.filePath(QStringLiteral("m.sock")), error);
}

} // namespace cdc::e2e
