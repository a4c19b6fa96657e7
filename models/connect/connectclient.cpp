// SPDX-License-Identifier: GPL-3.0-or-later
// The Kafka Connect REST client over QNetworkAccessManager: one Request per call, typed on completion.
#include "connectclient.h"

#include "core/secretreference.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#endif

#include <algorithm>
#include <optional>
#include <utility>

namespace cdc::connect {

namespace {

Q_LOGGING_CATEGORY(lcConnect, "cdc.connect")

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectClient", text);
}

// A connector or plugin name as one path segment: "a/b c" → "a%2Fb%20c".
QString encodedName(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QUrl requestUrl(const QUrl &base, const QString &path)
{
    const QByteArray root = base.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(root + path.toLatin1(), QUrl::StrictMode);
}

// "http://connect:8083": where a person knows the worker by.
QString origin(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

// Connect's own words: `message` of {"error_code": 409, "message": "..."}, or a short plain-text body.
QString connectMessage(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonValue message = doc.object().value(QStringLiteral("message"));
        return message.isString() ? message.toString().trimmed() : QString();
    }
    const QString text = QString::fromUtf8(body).simplified();
    if (text.isEmpty() || text.startsWith(u'<') || !doc.isNull())
        return {};
    return text.size() > 300 ? text.left(300) + QStringLiteral("…") : text;
}

// The percent-decoded segment after `segment` in the URL's path ("connectors" → the connector's name).
QString segmentAfter(const QUrl &url, const QString &segment)
{
    const QStringList parts = url.path(QUrl::FullyEncoded).split(u'/', Qt::SkipEmptyParts);
    const qsizetype at = parts.indexOf(segment);
    if (at < 0 || at + 1 >= parts.size())
        return {};
    return QUrl::fromPercentEncoding(parts.at(at + 1).toLatin1());
}

// Ends a sentence unless Connect's message already did.
QString sentence(const QString &text)
{
    if (text.endsWith(u'.') || text.endsWith(u'!') || text.endsWith(u'?'))
        return text;
    return text + u'.';
}

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3);
}

bool retryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError: return true;
    default: return false;
    }
}

using Completion = std::function<void(Result<QByteArray>)>;

template<typename T, typename Parse>
Completion typed(ConnectClient::Done<T> done, Parse parse)
{
    return [done = std::move(done), parse = std::move(parse)](Result<QByteArray> answer) {
        if (!done)
            return;
        if (!answer) {
            done(answer.error());
            return;
        }
        done(parse(answer.value()));
    };
}

Completion untyped(ConnectClient::Done<void> done)
{
    return [done = std::move(done)](Result<QByteArray> answer) {
        if (!done)
            return;
        if (!answer)
            done(answer.error());
        else
            done(Result<void>());
    };
}

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

Error describeNetworkFailure(const QString &action, const QUrl &url, QNetworkReply::NetworkError error,
                             const QString &errorText, int timeoutMs)
{
    const QString at = origin(url);
    const QString where = url.toString(QUrl::RemoveUserInfo);
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return Error{tr("Kafka Connect at %1 does not answer (connection refused). Is the worker running?").arg(at),
                     where, tr("Start the worker, or check the cluster's URL and port.")};
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return Error{timeoutMs > 0 ? tr("Kafka Connect at %1 did not answer within %2 s when asked to %3.")
                                         .arg(at, seconds(timeoutMs), action)
                                   : tr("Kafka Connect at %1 did not answer in time when asked to %2.").arg(at, action),
                     where, tr("The worker may be busy or rebalancing: try again, or raise the cluster's timeout.")};
    case QNetworkReply::HostNotFoundError:
        return Error{tr("The host of Kafka Connect at %1 is not known here (%2).").arg(at, errorText), where,
                     tr("Check the cluster's URL and this machine's DNS.")};
    case QNetworkReply::RemoteHostClosedError:
        return Error{tr("Kafka Connect at %1 closed the connection before answering when asked to %2.").arg(at, action),
                     where, tr("Check that the URL names the worker's REST listener, with the right http/https.")};
    case QNetworkReply::SslHandshakeFailedError:
        return Error{tr("The TLS handshake with Kafka Connect at %1 failed: %2").arg(at, sentence(errorText)), where,
                     tr("Set the cluster's CA file to the PEM of the CA that signed the worker's certificate.")};
    default:
        return Error{tr("Kafka Connect at %1 could not be reached to %2: %3").arg(at, action, sentence(errorText)),
                     where, tr("Check the cluster's URL and the network.")};
    }
}

Error describeHttpFailure(const QString &action, const QUrl &url, int httpStatus, const QByteArray &body,
                          const QString &networkError)
{
    if (httpStatus <= 0) {
        const QString lower = networkError.toLower();
        const auto error = lower.contains(QLatin1String("refused")) ? QNetworkReply::ConnectionRefusedError
                           : lower.contains(QLatin1String("timed out")) || lower.contains(QLatin1String("timeout"))
                               ? QNetworkReply::TimeoutError
                               : QNetworkReply::UnknownNetworkError;
        return describeNetworkFailure(action, url, error, networkError, 0);
    }

    const QString at = origin(url);
    const QString where = url.toString(QUrl::RemoveUserInfo);
    const QString message = connectMessage(body);
    const QString said = message.isEmpty() ? QString() : QStringLiteral(": ") + message;
    switch (httpStatus) {
    case 401:
        return Error{
            sentence(tr("Kafka Connect at %1 refused the credentials (401) when asked to %2").arg(at, action) + said),
            where, tr("Check the cluster's username and password reference.")};
    case 403:
        return Error{sentence(tr("Kafka Connect at %1 does not allow this user to %2 (403)").arg(at, action) + said),
                     where, tr("Ask for the rights, or use another user.")};
    case 404: {
        const QString connector = segmentAfter(url, QStringLiteral("connectors"));
        if (const QString task = segmentAfter(url, QStringLiteral("tasks")); !connector.isEmpty() && !task.isEmpty())
            return Error{
                sentence(
                    tr("Kafka Connect at %1 has no task %2 of the connector \"%3\" (404)").arg(at, task, connector) +
                    said),
                where, tr("The connector may run fewer tasks now: refresh the list of connectors.")};
        if (!connector.isEmpty())
            return Error{
                sentence(tr("Kafka Connect at %1 has no connector named \"%2\" (404)").arg(at, connector) + said),
                where, tr("It may have been deleted or renamed: refresh the list of connectors.")};
        if (const QString plugin = segmentAfter(url, QStringLiteral("connector-plugins")); !plugin.isEmpty())
            return Error{sentence(tr("Kafka Connect at %1 has no plugin %2 installed (404)").arg(at, plugin) + said),
                         where, tr("Install the connector plugin on every worker (plugin.path) and restart them.")};
        return Error{sentence(tr("Kafka Connect at %1 does not know %2 (404)").arg(at, url.path()) + said), where,
                     tr("Check that the URL points at a Kafka Connect 4.x worker.")};
    }
    case 409: {
        const QString text = tr("Kafka Connect at %1 could not %2: it is rebalancing (or the connector already exists)")
                                 .arg(at, action) +
                             said;
        return Error{sentence(text) + u' ' + tr("Try again in a moment."), where,
                     tr("Workers rebalance when one joins or leaves the group; it passes in seconds.")};
    }
    case 400:
    case 422:
        return Error{sentence(tr("Kafka Connect at %1 refused the request to %2").arg(at, action) + said), where,
                     tr("Fix what it names and try again.")};
    default: break;
    }
    if (httpStatus >= 500)
        return Error{
            sentence(tr("Kafka Connect at %1 failed to %2 (%3)").arg(at, action, QString::number(httpStatus)) + said),
            where, tr("The worker's log has the full error.")};
    return Error{
        sentence(tr("Kafka Connect at %1 answered %2 when asked to %3").arg(at, QString::number(httpStatus), action) +
                 said),
        where,
        {}};
}

struct ConnectClient::Request
{
    QByteArray verb;
    QString path; // percent-encoded, with the query
    QByteArray body;
    QString action;  // "create the connector \"x\"", for error messages
    int attempt = 0; // retries made so far
    bool hasContext = false;
    QPointer<QObject> context;
    Completion complete;

    bool abandoned() const { return hasContext && !context; }

    // Runs the completion once; never when the context has gone.
    void deliver(Result<QByteArray> result)
    {
        Completion once = std::exchange(complete, nullptr);
        if (once && !abandoned())
            once(std::move(result));
    }
};

ConnectClient::ConnectClient(ClusterSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_network(new QNetworkAccessManager(this))
{}

ConnectClient::~ConnectClient() = default;

void ConnectClient::setSettings(ClusterSettings settings)
{
    m_settings = std::move(settings);
}

void ConnectClient::request(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &action,
                            QObject *context, std::function<void(Result<QByteArray>)> complete)
{
    auto r = std::make_shared<Request>();
    r->verb = verb;
    r->path = path;
    r->body = body;
    r->action = action;
    r->hasContext = context != nullptr;
    r->context = context;
    r->complete = std::move(complete);
    send(std::move(r));
}

void ConnectClient::fail(std::shared_ptr<Request> request, Error error)
{
    QTimer::singleShot(0, this, [request, error = std::move(error)] { request->deliver(error); });
}

void ConnectClient::send(std::shared_ptr<Request> r)
{
    const QUrl url = requestUrl(m_settings.url, r->path);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        fail(r, Error{tr("The Kafka Connect cluster \"%1\" has no usable URL (\"%2\").")
                          .arg(m_settings.name, m_settings.url.toString(QUrl::RemoveUserInfo)),
                      m_settings.name, tr("Write the worker's REST address, e.g. http://localhost:8083.")});
        return;
    }

    QNetworkRequest request(url);
    request.setTransferTimeout(m_settings.timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (r->verb != "GET" && r->verb != "DELETE")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    if (!m_settings.username.isEmpty()) {
        const QString &reference = m_settings.passwordReference;
        if (reference.isEmpty()) {
            fail(r, Error{tr("The Kafka Connect cluster \"%1\" has the user \"%2\" but no password reference.")
                              .arg(m_settings.name, m_settings.username),
                          m_settings.name, tr("Set its password to a ${env:NAME} or ${file:/path:key} reference.")});
            return;
        }
        const Result<QString> password =
            isSecretReference(reference) ? resolveSecretReference(reference) : Result<QString>(Error{});
        if (!password) {
            const bool env = reference.startsWith(QLatin1String("${env:"));
            fail(r, Error{tr("The password of the Kafka Connect cluster \"%1\" cannot be resolved from %2 on this "
                             "machine, so nothing was sent.")
                              .arg(m_settings.name, reference),
                          m_settings.name,
                          env ? tr("Set the environment variable before starting CDC Studio.")
                              : tr("Use ${env:NAME} or ${file:/path:key}; the file must be readable here and hold a "
                                   "line key=value.")});
            return;
        }
        const QByteArray credentials = QString(m_settings.username + u':' + password.value()).toUtf8();
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    }

    if (!m_settings.caFile.isEmpty()) {
        const QFileInfo info(m_settings.caFile);
        if (!info.isFile() || !info.isReadable()) {
            fail(r,
                 Error{tr("The CA file of the Kafka Connect cluster \"%1\" %2.")
                           .arg(m_settings.name, info.exists() ? tr("cannot be read") : tr("does not exist")),
                       m_settings.caFile, tr("Choose the PEM file of the CA that signed the worker's certificate.")});
            return;
        }
#if QT_CONFIG(ssl)
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_settings.caFile, QSsl::Pem);
        if (certificates.isEmpty()) {
            fail(r,
                 Error{tr("The CA file of the Kafka Connect cluster \"%1\" holds no PEM certificate.")
                           .arg(m_settings.name),
                       m_settings.caFile, tr("Choose the PEM file of the CA that signed the worker's certificate.")});
            return;
        }
        if (url.scheme() == QLatin1String("https")) {
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.addCaCertificates(certificates);
            request.setSslConfiguration(ssl);
        }
#else
        fail(r, Error{tr("This build of CDC Studio has no TLS support, so it cannot use a CA file."),
                      m_settings.caFile,
                      {}});
        return;
#endif
    }

    qCDebug(lcConnect) << r->verb << url.toString(QUrl::RemoveUserInfo) << "attempt" << r->attempt + 1;
    QNetworkReply *reply =
        r->verb == "GET" ? m_network->get(request) : m_network->sendCustomRequest(request, r->verb, r->body);
    connect(reply, &QNetworkReply::finished, this, [this, r, reply] { finished(r, reply); });
}

void ConnectClient::finished(std::shared_ptr<Request> r, QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed when timed out
    const QUrl url = reply->request().url();
    // Errors below ContentAccessDenied are about the connection, not the HTTP answer.
    const bool networkFailure =
        status == 0 || (error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied);
    qCDebug(lcConnect) << r->verb << url.toString(QUrl::RemoveUserInfo) << "→" << status << error;

    if (!networkFailure && status >= 200 && status < 300) {
        r->deliver(body);
        return;
    }
    if (r->abandoned())
        return;

    // Writes are never retried here. (Qt's HTTP layer itself resends a request once when the connection
    // closes before any byte of an answer, which is how a stale keep-alive connection looks.)
    const bool retryable = networkFailure ? retryableNetworkError(error) : (status >= 500 || status == 409);
    if (r->verb == "GET" && retryable && r->attempt < m_settings.readRetries) {
        const int delay = 200 << qMin(r->attempt, 6);
        ++r->attempt;
        qCInfo(lcConnect) << "retrying" << r->verb << url.toString(QUrl::RemoveUserInfo) << "in" << delay << "ms";
        QTimer::singleShot(delay, this, [this, r] {
            if (!r->abandoned())
                send(r);
        });
        return;
    }
    if (networkFailure)
        r->deliver(describeNetworkFailure(r->action, url,
                                          error == QNetworkReply::NoError ? QNetworkReply::UnknownNetworkError : error,
                                          reply->errorString(), m_settings.timeoutMs));
    else
        r->deliver(describeHttpFailure(r->action, url, status, body));
}

void ConnectClient::serverInfo(Done<ServerInfo> done, QObject *context)
{
    request("GET", QStringLiteral("/"), {}, tr("say who it is"), context, typed(std::move(done), parseServerInfo));
}

void ConnectClient::plugins(Done<QList<PluginInfo>> done, QObject *context)
{
    request("GET", QStringLiteral("/connector-plugins"), {}, tr("list its plugins"), context,
            typed(std::move(done), parsePlugins));
}

void ConnectClient::allPlugins(Done<QList<PluginInfo>> done, QObject *context)
{
    request("GET", QStringLiteral("/connector-plugins?connectorsOnly=false"), {}, tr("list its plugins"), context,
            typed(std::move(done), parsePlugins));
}

// Connect leaves a connector out of the expanded list until its status is known (just after a create,
// during a rebalance), so the plain list of names is asked for too, and each missing connector's config
// is fetched on its own; it shows as UNASSIGNED, which is what it is until a worker takes it.
void ConnectClient::connectors(Done<QList<ConnectorOverview>> done, QObject *context)
{
    auto expanded = [this, done = std::move(done), context](Result<QList<ConnectorOverview>> listed) mutable {
        if (!listed)
            return done(std::move(listed));
        auto names = [this, done = std::move(done), context,
                      overviews = std::move(listed).value()](Result<QStringList> all) mutable {
            if (!all) // the expanded list stands on its own; the names only complete it
                return done(std::move(overviews));
            QStringList missing;
            for (const QString &name : all.value()) {
                if (std::none_of(overviews.cbegin(), overviews.cend(),
                                 [&name](const ConnectorOverview &o) { return o.status.name == name; }))
                    missing.append(name);
            }
            if (missing.isEmpty())
                return done(std::move(overviews));
            struct Pending
            {
                QList<ConnectorOverview> overviews;
                qsizetype waiting = 0;
                std::optional<Error> error;
                Done<QList<ConnectorOverview>> done;
            };
            auto pending = std::make_shared<Pending>();
            pending->overviews = std::move(overviews);
            pending->waiting = missing.size();
            pending->done = std::move(done);
            for (const QString &name : missing) {
                config(
                    name,
                    [pending, name](Result<QMap<QString, QString>> config) {
                        if (config) {
                            ConnectorOverview o;
                            o.status.name = o.info.name = name;
                            o.status.state = QStringLiteral("UNASSIGNED");
                            o.info.config = config.value();
                            pending->overviews.append(o);
                        } else if (config.error().what.contains(QLatin1String("(404)"))) {
                            // deleted between the two answers: not there any more
                        } else if (!pending->error) {
                            pending->error = config.error();
                        }
                        if (--pending->waiting > 0)
                            return;
                        if (pending->error)
                            return pending->done(*pending->error);
                        std::sort(pending->overviews.begin(), pending->overviews.end(),
                                  [](const ConnectorOverview &a, const ConnectorOverview &b) {
                                      return a.status.name < b.status.name;
                                  });
                        pending->done(std::move(pending->overviews));
                    },
                    context);
            }
        };
        request("GET", QStringLiteral("/connectors"), {}, tr("list its connectors"), context,
                typed(Done<QStringList>(std::move(names)), parseConnectorNames));
    };
    request("GET", QStringLiteral("/connectors?expand=status&expand=info"), {}, tr("list its connectors"), context,
            typed(Done<QList<ConnectorOverview>>(std::move(expanded)), parseConnectorOverviews));
}

void ConnectClient::status(const QString &name, Done<ConnectorStatus> done, QObject *context)
{
    request("GET", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/status"), {},
            tr("give the status of \"%1\"").arg(name), context, typed(std::move(done), parseConnectorStatus));
}

void ConnectClient::config(const QString &name, Done<QMap<QString, QString>> done, QObject *context)
{
    request("GET", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/config"), {},
            tr("give the config of \"%1\"").arg(name), context, typed(std::move(done), parseConnectorConfig));
}

void ConnectClient::create(const QString &name, const QMap<QString, QString> &config, Done<ConnectorInfo> done,
                           QObject *context)
{
    const QJsonObject body{{QStringLiteral("name"), name}, {QStringLiteral("config"), configToJson(config)}};
    request("POST", QStringLiteral("/connectors"), jsonBytes(body), tr("create the connector \"%1\"").arg(name),
            context, typed(std::move(done), parseConnectorInfo));
}

void ConnectClient::updateConfig(const QString &name, const QMap<QString, QString> &config, Done<ConnectorInfo> done,
                                 QObject *context)
{
    request("PUT", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/config"),
            jsonBytes(configToJson(config)), tr("update the config of \"%1\"").arg(name), context,
            typed(std::move(done), parseConnectorInfo));
}

void ConnectClient::validate(const QMap<QString, QString> &config, Done<ValidationResult> done, QObject *context)
{
    const QString connectorClass = config.value(QStringLiteral("connector.class"));
    const QString action =
        tr("validate the config of \"%1\"").arg(config.value(QStringLiteral("name"), connectorClass.section(u'.', -1)));
    if (connectorClass.isEmpty()) {
        auto r = std::make_shared<Request>();
        r->hasContext = context != nullptr;
        r->context = context;
        r->complete = typed(std::move(done), parseValidation);
        fail(r, Error{tr("The config has no \"connector.class\", so Kafka Connect cannot validate it."),
                      QStringLiteral("connector.class"),
                      tr("Set the connector class, e.g. io.debezium.connector."
                         "postgresql.PostgresConnector.")});
        return;
    }
    request("PUT",
            QStringLiteral("/connector-plugins/") + encodedName(connectorClass) + QStringLiteral("/config/validate"),
            jsonBytes(configToJson(config)), action, context, typed(std::move(done), parseValidation));
}

void ConnectClient::pause(const QString &name, Done<void> done, QObject *context)
{
    request("PUT", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/pause"), {},
            tr("pause \"%1\"").arg(name), context, untyped(std::move(done)));
}

void ConnectClient::resume(const QString &name, Done<void> done, QObject *context)
{
    request("PUT", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/resume"), {},
            tr("resume \"%1\"").arg(name), context, untyped(std::move(done)));
}

void ConnectClient::stop(const QString &name, Done<void> done, QObject *context)
{
    request("PUT", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/stop"), {},
            tr("stop \"%1\"").arg(name), context, untyped(std::move(done)));
}

void ConnectClient::restart(const QString &name, bool includeTasks, bool onlyFailed, Done<void> done, QObject *context)
{
    const QString query = QStringLiteral("?includeTasks=%1&onlyFailed=%2")
                              .arg(includeTasks ? QStringLiteral("true") : QStringLiteral("false"),
                                   onlyFailed ? QStringLiteral("true") : QStringLiteral("false"));
    request("POST", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/restart") + query, {},
            tr("restart \"%1\"").arg(name), context, untyped(std::move(done)));
}

void ConnectClient::restartTask(const QString &name, int task, Done<void> done, QObject *context)
{
    request("POST", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/tasks/%1/restart").arg(task),
            {}, tr("restart task %1 of \"%2\"").arg(QString::number(task), name), context, untyped(std::move(done)));
}

void ConnectClient::remove(const QString &name, Done<void> done, QObject *context)
{
    request("DELETE", QStringLiteral("/connectors/") + encodedName(name), {}, tr("delete \"%1\"").arg(name), context,
            untyped(std::move(done)));
}

void ConnectClient::offsets(const QString &name, Done<ConnectorOffsets> done, QObject *context)
{
    request("GET", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/offsets"), {},
            tr("give the offsets of \"%1\"").arg(name), context, typed(std::move(done), parseOffsets));
}

void ConnectClient::alterOffsets(const QString &name, const ConnectorOffsets &offsets, Done<void> done,
                                 QObject *context)
{
    QJsonArray list;
    for (const SourceOffset &o : offsets.offsets)
        list.append(QJsonObject{{QStringLiteral("partition"), o.partition},
                                {QStringLiteral("offset"), o.offset.isEmpty() ? QJsonValue() : QJsonValue(o.offset)}});
    request("PATCH", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/offsets"),
            jsonBytes(QJsonObject{{QStringLiteral("offsets"), list}}), tr("change the offsets of \"%1\"").arg(name),
            context, untyped(std::move(done)));
}

void ConnectClient::resetOffsets(const QString &name, Done<void> done, QObject *context)
{
    request("DELETE", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/offsets"), {},
            tr("reset the offsets of \"%1\"").arg(name), context, untyped(std::move(done)));
}

void ConnectClient::topics(const QString &name, Done<QStringList> done, QObject *context)
{
    request("GET", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/topics"), {},
            tr("give the topics of \"%1\"").arg(name), context,
            typed(std::move(done), [name](const QByteArray &json) { return parseConnectorTopics(json, name); }));
}

void ConnectClient::resetTopics(const QString &name, Done<void> done, QObject *context)
{
    request("PUT", QStringLiteral("/connectors/") + encodedName(name) + QStringLiteral("/topics/reset"), {},
            tr("reset the topics of \"%1\"").arg(name), context, untyped(std::move(done)));
}

} // namespace cdc::connect
