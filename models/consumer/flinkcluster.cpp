// SPDX-License-Identifier: GPL-3.0-or-later
// The Flink REST client: requests with a transfer timeout, Flink's JSON read into small structs, and
// every failure turned into a sentence with the cluster's own message.
#include "flinkcluster.h"

#include "connect/connecttypes.h"

#include "core/stackenvironment.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace cdc::consumer {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FlinkCluster", text);
}

// The first line of one of Flink's error texts, without the Java class name in front
// ("org.apache...RestHandlerException: Job could not be found." -> "Job could not be found.").
QString firstLineWithoutClass(const QString &text)
{
    QString line = text.section(u'\n', 0, 0).trimmed();
    if (const qsizetype colon = line.indexOf(QLatin1String(": ")); colon > 0) {
        const QString head = line.left(colon);
        if (head.contains(u'.') && !head.contains(u' '))
            line = line.mid(colon + 2).trimmed();
    }
    return line;
}

// The cluster's own words from {"errors": [...]}: the first entry, or for "Internal server error." the
// message of the exception that follows it. Stack traces are left out.
QString flinkMessage(const QByteArray &body)
{
    const QJsonArray errors = QJsonDocument::fromJson(body).object().value(QStringLiteral("errors")).toArray();
    QString first;
    for (const QJsonValue &value : errors) {
        QString text = value.toString().trimmed();
        if (text.startsWith(QLatin1String("<Exception on server side:")))
            text = text.section(u'\n', 1);
        text = firstLineWithoutClass(text);
        if (text.isEmpty())
            continue;
        if (first.isEmpty()) {
            first = text;
            if (first != QLatin1String("Internal server error."))
                return first;
        } else {
            return text;
        }
    }
    return first;
}

QDateTime fromMillis(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

ClusterJob jobFrom(const QJsonObject &o)
{
    ClusterJob job;
    job.id = o.value(QStringLiteral("jid")).toString();
    job.name = o.value(QStringLiteral("name")).toString();
    job.state = o.value(QStringLiteral("state")).toString();
    job.startTime = fromMillis(o.value(QStringLiteral("start-time")).toInteger());
    job.durationMs = o.value(QStringLiteral("duration")).toInteger();
    const QJsonArray vertices = o.value(QStringLiteral("vertices")).toArray();
    job.allVerticesRunning = !vertices.isEmpty();
    for (const QJsonValue &v : vertices) {
        const QJsonObject vertex = v.toObject();
        job.allVerticesRunning =
            job.allVerticesRunning && vertex.value(QStringLiteral("status")).toString() == QLatin1String("RUNNING");
        const QJsonValue read =
            vertex.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("read-records"));
        if (vertex.value(QStringLiteral("name")).toString().contains(QLatin1String("unified_sink")) &&
            !read.isUndefined())
            job.sinkRecords = std::max<qint64>(job.sinkRecords, 0) + read.toInteger();
    }
    return job;
}

Result<QJsonObject> objectOf(const QByteArray &body, const QString &action, const QUrl &url)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{
            tr("The Flink cluster at %1 sent an answer that is not JSON when asked to %2.").arg(url.toString(), action),
            url.toString(), tr("Check that the address is a Flink JobManager's REST API.")};
    return doc.object();
}

} // namespace

bool ClusterJob::isTerminal() const
{
    return state == QLatin1String("FAILED") || state == QLatin1String("CANCELED") ||
           state == QLatin1String("FINISHED") || state == QLatin1String("SUSPENDED");
}

Error describeFlinkFailure(const QString &action, const QUrl &url, int httpStatus, const QByteArray &body,
                           QNetworkReply::NetworkError networkError, const QString &networkText, int timeoutMs)
{
    const QString where = url.toString();
    if (httpStatus > 0) {
        const QString message = flinkMessage(body);
        const QString said =
            message.isEmpty() ? tr("HTTP %1").arg(httpStatus) : tr("%1 (HTTP %2)").arg(message).arg(httpStatus);
        QString hint;
        if (httpStatus == 404)
            hint = tr("List the cluster's jobs with cdcctl consumer status.");
        return Error{tr("The Flink cluster refused to %1: %2").arg(action, said), where, hint};
    }
    const QString start = tr("Start it with stack/flink up, or check the JobManager's REST address.");
    switch (networkError) {
    case QNetworkReply::ConnectionRefusedError:
        return Error{tr("The Flink cluster is not running: the connection was refused when trying to %1.").arg(action),
                     where, start};
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return Error{tr("The Flink cluster did not answer within %1 s when asked to %2.")
                         .arg(timeoutMs / 1000.0, 0, 'g', 3)
                         .arg(action),
                     where, tr("It may be overloaded or stopped; try again.")};
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    default:
        return Error{tr("The Flink cluster is not reachable (%1) when trying to %2.").arg(networkText, action), where,
                     start};
    }
}

FlinkCluster::FlinkCluster(QUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_network(new QNetworkAccessManager(this))
{
    // "host:port" as people type it
    if (m_url.host().isEmpty())
        m_url = QUrl::fromUserInput(m_url.toString());
    m_url.setPath({});
}

QUrl FlinkCluster::stackUrl()
{
    if (const QString url = qEnvironmentVariable("FLINK_REST_URL"); !url.isEmpty())
        return QUrl(url);
    QStringList candidates;
    if (const QString dir = qEnvironmentVariable("CDC_STACK_DIR"); !dir.isEmpty())
        candidates << dir + QStringLiteral("/flink-cluster.env");
    candidates << QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                      QStringLiteral("/cdc-studio/stack/flink-cluster.env");
    for (const QString &path : std::as_const(candidates)) {
        if (!QFileInfo::exists(path))
            continue;
        if (auto env = StackEnvironment::load(path); env.ok())
            if (const QString url = env.value().value(QStringLiteral("FLINK_REST_URL")); !url.isEmpty())
                return QUrl(url);
    }
    const QString port = qEnvironmentVariable("CDC_FLINK_PORT", QStringLiteral("18081"));
    return QUrl(QStringLiteral("http://127.0.0.1:") + port);
}

void FlinkCluster::request(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &action,
                           QObject *context, std::function<void(Result<QByteArray>)> complete)
{
    QUrl url = m_url;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty() || verb == "POST" || verb == "PATCH")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);
    const int timeoutMs = m_timeoutMs;
    connect(reply, &QNetworkReply::finished, this,
            [reply, guard, hasContext, action, url, timeoutMs, complete = std::move(complete)] {
                reply->deleteLater();
                if (hasContext && !guard)
                    return;
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray answer = reply->isOpen() ? reply->readAll() : QByteArray();
                if (status >= 200 && status < 300) {
                    complete(answer);
                    return;
                }
                complete(
                    describeFlinkFailure(action, url, status, answer, reply->error(), reply->errorString(), timeoutMs));
            });
}

void FlinkCluster::requestObject(const QByteArray &verb, const QString &path, const QByteArray &body,
                                 const QString &action, QObject *context,
                                 std::function<void(Result<QJsonObject>)> complete)
{
    request(verb, path, body, action, context, [this, action, complete](Result<QByteArray> r) {
        if (!r)
            return complete(r.error());
        complete(objectOf(r.value(), action, m_url));
    });
}

void FlinkCluster::overview(Done<ClusterOverview> done, QObject *context)
{
    const QString action = tr("give its overview");
    requestObject("GET", QStringLiteral("/overview"), {}, action, context, [done](Result<QJsonObject> o) {
        if (!o)
            return done(o.error());
        ClusterOverview overview;
        overview.version = o.value().value(QStringLiteral("flink-version")).toString();
        overview.taskManagers = o.value().value(QStringLiteral("taskmanagers")).toInt();
        overview.slotsTotal = o.value().value(QStringLiteral("slots-total")).toInt();
        overview.slotsAvailable = o.value().value(QStringLiteral("slots-available")).toInt();
        overview.jobsRunning = o.value().value(QStringLiteral("jobs-running")).toInt();
        done(overview);
    });
}

void FlinkCluster::jobs(Done<QList<ClusterJob>> done, QObject *context)
{
    const QString action = tr("list its jobs");
    requestObject("GET", QStringLiteral("/jobs/overview"), {}, action, context, [done](Result<QJsonObject> o) {
        if (!o)
            return done(o.error());
        QList<ClusterJob> jobs;
        for (const QJsonValue &v : o.value().value(QStringLiteral("jobs")).toArray())
            jobs << jobFrom(v.toObject());
        // Newest first, as Flink's web UI shows them.
        std::stable_sort(jobs.begin(), jobs.end(),
                         [](const ClusterJob &a, const ClusterJob &b) { return a.startTime > b.startTime; });
        done(jobs);
    });
}

void FlinkCluster::job(const QString &id, Done<ClusterJob> done, QObject *context)
{
    const QString action = tr("show job %1").arg(id);
    requestObject("GET", QStringLiteral("/jobs/") + id, {}, action, context, [done](Result<QJsonObject> o) {
        if (!o)
            return done(o.error());
        done(jobFrom(o.value()));
    });
}

void FlinkCluster::rootException(const QString &id, Done<QString> done, QObject *context)
{
    const QString action = tr("show the exceptions of job %1").arg(id);
    requestObject("GET", QStringLiteral("/jobs/%1/exceptions").arg(id), {}, action, context,
                  [done](Result<QJsonObject> o) {
                      if (!o)
                          return done(o.error());
                      QString root = o.value().value(QStringLiteral("root-exception")).toString();
                      const QJsonArray history = o.value()
                                                     .value(QStringLiteral("exceptionHistory"))
                                                     .toObject()
                                                     .value(QStringLiteral("entries"))
                                                     .toArray();
                      if (root.isEmpty() && !history.isEmpty())
                          root = history.first().toObject().value(QStringLiteral("stacktrace")).toString();
                      // The deepest "Caused by:" says why; else the exception's own first line.
                      done(connect::firstUsefulTraceLine(root));
                  });
}

void FlinkCluster::cancel(const QString &id, Done<void> done, QObject *context)
{
    request("PATCH", QStringLiteral("/jobs/%1?mode=cancel").arg(id), {}, tr("cancel job %1").arg(id), context,
            [done](Result<QByteArray> r) {
                if (!r)
                    return done(r.error());
                done({});
            });
}

void FlinkCluster::stopWithSavepoint(const QString &id, const QString &targetDirectory, Done<QString> done,
                                     QObject *context)
{
    QJsonObject body{{QStringLiteral("drain"), false}};
    if (!targetDirectory.isEmpty())
        body.insert(QStringLiteral("targetDirectory"), targetDirectory);
    const QString action = tr("stop job %1 with a savepoint").arg(id);
    requestObject("POST", QStringLiteral("/jobs/%1/stop").arg(id), QJsonDocument(body).toJson(QJsonDocument::Compact),
                  action, context, [done](Result<QJsonObject> o) {
                      if (!o)
                          return done(o.error());
                      done(o.value().value(QStringLiteral("request-id")).toString());
                  });
}

void FlinkCluster::savepointStatus(const QString &id, const QString &triggerId, Done<SavepointStatus> done,
                                   QObject *context)
{
    const QString action = tr("report the savepoint of job %1").arg(id);
    requestObject("GET", QStringLiteral("/jobs/%1/savepoints/%2").arg(id, triggerId), {}, action, context,
                  [done](Result<QJsonObject> o) {
                      if (!o)
                          return done(o.error());
                      SavepointStatus status;
                      status.completed =
                          o.value().value(QStringLiteral("status")).toObject().value(QStringLiteral("id")).toString() ==
                          QLatin1String("COMPLETED");
                      const QJsonObject operation = o.value().value(QStringLiteral("operation")).toObject();
                      status.location = operation.value(QStringLiteral("location")).toString();
                      const QString cause = operation.value(QStringLiteral("failure-cause"))
                                                .toObject()
                                                .value(QStringLiteral("stack-trace"))
                                                .toString();
                      if (!cause.isEmpty() || (status.completed && status.location.isEmpty()))
                          status.failure =
                              cause.isEmpty() ? tr("the savepoint failed") : connect::firstUsefulTraceLine(cause);
                      done(status);
                  });
}

} // namespace cdc::consumer
