// SPDX-License-Identifier: GPL-3.0-or-later
// Blocking clients for end-to-end tests against the real stack.
#include "stackclient.h"

#include "core/sqlconnection.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

#include <librdkafka/rdkafka.h>

namespace cdc::e2e {

StackAvailability StackAvailability::probe()
{
    StackAvailability result;
    QString path = StackEnvironment::defaultPath();
    // By hand after stack/up: the stack's default place in the source tree.
    if (path.isEmpty() && !qEnvironmentVariableIsEmpty("CDC_SOURCE_DIR"))
        path = qEnvironmentVariable("CDC_SOURCE_DIR") + QStringLiteral("/build/stack/stack.env");
    if (path.isEmpty()) {
        result.reason =
            QStringLiteral("no stack: CDC_STACK_ENV is not set (start it with stack/up, or run ./dev test)");
        return result;
    }
    auto env = StackEnvironment::load(path);
    if (!env) {
        result.reason = QStringLiteral("no stack: ") + env.error().toString();
        return result;
    }
    const HttpReply root =
        http("GET", env.value().value(QStringLiteral("CONNECT_URL")) + QStringLiteral("/"), {}, 5000);
    if (root.status != 200) {
        result.reason =
            QStringLiteral("stack.env found at %1 but Kafka Connect does not answer: %2").arg(path, root.error);
        return result;
    }
    result.env = env.value();
    return result;
}

bool StackAvailability::required()
{
    return qEnvironmentVariable("CDC_REQUIRE_STACK") == QLatin1String("1");
}

HttpReply http(const QByteArray &verb, const QString &url, const QByteArray &body, int timeoutMs)
{
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = manager.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body);
        if (reply->error() != QNetworkReply::NoError)
            result.error = reply->errorString() + u' ' + QString::fromUtf8(result.body);
    }
    reply->deleteLater();
    return result;
}

QMap<QString, QString> pointAtStack(QMap<QString, QString> config, const StackEnvironment &env)
{
    const bool postgres = config.value(QStringLiteral("connector.class")).contains(QLatin1String("postgresql"));
    const QString prefix = postgres ? QStringLiteral("PG_") : QStringLiteral("MYSQL_");
    config.insert(QStringLiteral("database.hostname"), env.value(prefix + QStringLiteral("HOST")));
    config.insert(QStringLiteral("database.port"), env.value(prefix + QStringLiteral("PORT")));
    config.insert(QStringLiteral("database.user"), env.value(prefix + QStringLiteral("USER")));
    config.insert(QStringLiteral("database.password"), env.value(prefix + QStringLiteral("PASSWORD_REF")));
    if (!postgres)
        config.insert(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"),
                      env.value(QStringLiteral("KAFKA_BOOTSTRAP")));
    return config;
}

QSqlDatabase openStackDatabase(const StackEnvironment &env, bool postgres)
{
    const QString prefix = postgres ? QStringLiteral("PG_") : QStringLiteral("MYSQL_");
    const QString name = (postgres ? QStringLiteral("QPSQL") : QStringLiteral("QMYSQL")) + QStringLiteral("-e2e");
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return db;
    }
    const SqlEndpoint endpoint{
        postgres, env.value(prefix + QStringLiteral("HOST")), env.value(prefix + QStringLiteral("PORT")).toInt(),
        env.value(prefix + QStringLiteral("DATABASE")), env.value(prefix + QStringLiteral("USER"))};
    const QString password = readProperties(env.value(QStringLiteral("SECRETS_FILE")))
                                 .value(postgres ? QStringLiteral("pg.password") : QStringLiteral("mysql.password"));
    // A failed open leaves the connection registered and closed: the caller sees isOpen() and lastError().
    const Result<QSqlDatabase> opened = openDatabase(name, endpoint, password);
    return opened ? opened.value() : QSqlDatabase::database(name, false);
}

void closeStackDatabases()
{
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
}

HttpReply validateOnWorker(const StackEnvironment &env, const QJsonObject &config)
{
    // Debezium's validate connects to the database, so it may take a while on a cold worker.
    return http("PUT",
                env.value(QStringLiteral("CONNECT_URL")) +
                    QStringLiteral("/connector-plugins/%1/config/validate")
                        .arg(config.value(QStringLiteral("connector.class")).toString()),
                QJsonDocument(config).toJson(QJsonDocument::Compact), 120000);
}

HttpReply validateOnWorker(const StackEnvironment &env, const QMap<QString, QString> &config)
{
    QJsonObject o;
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        o.insert(it.key(), it.value());
    return validateOnWorker(env, o);
}

QMap<QString, QString> readProperties(const QString &path)
{
    QMap<QString, QString> values;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return values;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith('#'))
            values.insert(QString::fromUtf8(line.left(eq)).trimmed(), QString::fromUtf8(line.mid(eq + 1)).trimmed());
    }
    return values;
}

struct TopicReader::Handle
{
    rd_kafka_t *kafka = nullptr;
    ~Handle()
    {
        if (kafka) {
            rd_kafka_consumer_close(kafka);
            rd_kafka_destroy(kafka);
        }
    }
};

TopicReader::TopicReader(const QString &bootstrap, const QString &topicRegex) : m_handle(std::make_unique<Handle>())
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const QByteArray group = "cdc-e2e-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const std::pair<const char *, QByteArray> settings[] = {
        {"bootstrap.servers", bootstrap.toUtf8()},
        {"group.id", group},
        {"auto.offset.reset", "earliest"},
        {"enable.auto.commit", "false"},
        {"topic.metadata.refresh.interval.ms", "1000"},
    };
    for (const auto &[key, value] : settings) {
        if (rd_kafka_conf_set(conf, key, value.constData(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            m_error = QString::fromUtf8(errstr);
            rd_kafka_conf_destroy(conf);
            return;
        }
    }
    m_handle->kafka = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!m_handle->kafka) {
        m_error = QString::fromUtf8(errstr);
        return;
    }
    rd_kafka_poll_set_consumer(m_handle->kafka);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, topicRegex.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
    if (const rd_kafka_resp_err_t err = rd_kafka_subscribe(m_handle->kafka, topics); err != RD_KAFKA_RESP_ERR_NO_ERROR)
        m_error = QString::fromUtf8(rd_kafka_err2str(err));
    rd_kafka_topic_partition_list_destroy(topics);
}

TopicReader::~TopicReader() = default;

QList<ConsumedMessage> TopicReader::poll(int timeoutMs)
{
    QList<ConsumedMessage> out;
    if (!m_handle->kafka)
        return out;
    rd_kafka_message_t *message = rd_kafka_consumer_poll(m_handle->kafka, timeoutMs);
    while (message) {
        if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ConsumedMessage m;
            m.topic = QString::fromUtf8(rd_kafka_topic_name(message->rkt));
            m.partition = message->partition;
            m.offset = message->offset;
            m.key = QByteArray(static_cast<const char *>(message->key), qsizetype(message->key_len));
            if (message->payload)
                m.value = QByteArray(static_cast<const char *>(message->payload), qsizetype(message->len));
            rd_kafka_headers_t *headers = nullptr;
            if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
                const char *name = nullptr;
                const void *value = nullptr;
                size_t size = 0;
                for (size_t i = 0;
                     rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
                    m.headers.insert(QString::fromUtf8(name),
                                     QByteArray(static_cast<const char *>(value), qsizetype(size)));
            }
            out.append(m);
        } else if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF &&
                   message->err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
            m_error = QString::fromUtf8(rd_kafka_message_errstr(message));
        }
        rd_kafka_message_destroy(message);
        message = rd_kafka_consumer_poll(m_handle->kafka, 0);
    }
    return out;
}

QStringList workerErrors(const QJsonDocument &answer)
{
    QStringList out;
    for (const QJsonValue &c : answer.object().value(QStringLiteral("configs")).toArray()) {
        const QJsonObject value = c.toObject().value(QStringLiteral("value")).toObject();
        for (const QJsonValue &e : value.value(QStringLiteral("errors")).toArray())
            out << value.value(QStringLiteral("name")).toString() + QStringLiteral(": ") + e.toString();
    }
    return out;
}

} // namespace cdc::e2e
