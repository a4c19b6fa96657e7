// SPDX-License-Identifier: GPL-3.0-or-later
// An asynchronous Kafka Connect REST client over Qt Network: typed results, every HTTP error turned
// into a sentence with Connect's own message, timeouts, retries with backoff for reads only, basic
// auth and HTTPS with a custom CA. Lives on the GUI thread without ever blocking it.
#pragma once

#include "connect/connecttypes.h"
#include "core/result.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace cdc::connect {

// What went wrong with one request, as a person reads it: "Kafka Connect at http://… refused to
// create the connector: Connector x already exists (409)". `connectMessage` is Connect's `message`.
Error describeHttpFailure(const QString &action, const QUrl &url, int httpStatus, const QByteArray &body,
                          const QString &networkError = {});
// The same for a request that got no HTTP answer at all: `error` is Qt's code, `errorText` Qt's words,
// `timeoutMs` the limit that ran out (for TimeoutError / OperationCanceledError).
Error describeNetworkFailure(const QString &action, const QUrl &url, QNetworkReply::NetworkError error,
                             const QString &errorText, int timeoutMs);

class ConnectClient : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Done = std::function<void(Result<T>)>;

    explicit ConnectClient(ClusterSettings settings, QObject *parent = nullptr);
    ~ConnectClient() override;

    const ClusterSettings &settings() const { return m_settings; }
    void setSettings(ClusterSettings settings);

    // Each call returns at once; `done` runs later on this object's thread, exactly once, unless
    // `context` (when given) has been destroyed by then.
    void serverInfo(Done<ServerInfo> done, QObject *context = nullptr);
    void plugins(Done<QList<PluginInfo>> done, QObject *context = nullptr);
    // GET /connector-plugins?connectorsOnly=false: connectors and also transforms, predicates and converters.
    void allPlugins(Done<QList<PluginInfo>> done, QObject *context = nullptr);
    void connectors(Done<QList<ConnectorOverview>> done, QObject *context = nullptr);
    void status(const QString &name, Done<ConnectorStatus> done, QObject *context = nullptr);
    void config(const QString &name, Done<QMap<QString, QString>> done, QObject *context = nullptr);
    void create(const QString &name, const QMap<QString, QString> &config, Done<ConnectorInfo> done,
                QObject *context = nullptr);
    void updateConfig(const QString &name, const QMap<QString, QString> &config, Done<ConnectorInfo> done,
                      QObject *context = nullptr);
    void validate(const QMap<QString, QString> &config, Done<ValidationResult> done, QObject *context = nullptr);
    void pause(const QString &name, Done<void> done, QObject *context = nullptr);
    void resume(const QString &name, Done<void> done, QObject *context = nullptr);
    void stop(const QString &name, Done<void> done, QObject *context = nullptr);
    void restart(const QString &name, bool includeTasks, bool onlyFailed, Done<void> done, QObject *context = nullptr);
    void restartTask(const QString &name, int task, Done<void> done, QObject *context = nullptr);
    void remove(const QString &name, Done<void> done, QObject *context = nullptr);
    void offsets(const QString &name, Done<ConnectorOffsets> done, QObject *context = nullptr);
    // PATCH with the given offsets (the connector must be STOPPED).
    void alterOffsets(const QString &name, const ConnectorOffsets &offsets, Done<void> done,
                      QObject *context = nullptr);
    // DELETE: the connector starts from nothing when resumed (it must be STOPPED).
    void resetOffsets(const QString &name, Done<void> done, QObject *context = nullptr);
    void topics(const QString &name, Done<QStringList> done, QObject *context = nullptr);
    void resetTopics(const QString &name, Done<void> done, QObject *context = nullptr);

private:
    struct Request;
    // `path` is percent-encoded (connector names through encodedName()) and may carry a query.
    void request(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &action,
                 QObject *context, std::function<void(Result<QByteArray>)> complete);
    void fail(std::shared_ptr<Request> request, Error error); // later, never from inside the call
    void send(std::shared_ptr<Request> request);
    void finished(std::shared_ptr<Request> request, QNetworkReply *reply);

    ClusterSettings m_settings;
    QNetworkAccessManager *m_network = nullptr;
};

// For command-line tools and tests, never the GUI thread: starts one asynchronous call with `start(done)`
// and runs a local event loop until its answer, or fails after `timeoutMs`. An answer that comes later
// is dropped harmlessly.
template<typename T, typename Start>
Result<T> awaitAnswer(Start start, int timeoutMs = 180000)
{
    auto answer = std::make_shared<std::optional<Result<T>>>();
    QEventLoop loop;
    QPointer<QEventLoop> waiting(&loop);
    start(ConnectClient::Done<T>([answer, waiting](Result<T> r) {
        answer->emplace(std::move(r));
        if (waiting)
            waiting->quit();
    }));
    if (!*answer) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!*answer)
        return Error{QStringLiteral("no answer within %1 ms").arg(timeoutMs), {}, {}};
    return std::move(**answer);
}

} // namespace cdc::connect
