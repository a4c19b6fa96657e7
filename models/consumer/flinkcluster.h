// SPDX-License-Identifier: GPL-3.0-or-later
// An asynchronous client of a Flink cluster's REST API (the JobManager's): the cluster's overview, its
// jobs, cancel, stop with a savepoint. Every request has a transfer timeout; every failure comes back as
// one sentence that carries the cluster's own message. Never blocks the thread it lives on.
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace cdc::consumer {

struct ClusterOverview
{
    QString version; // "2.2.0"
    int taskManagers = 0;
    int slotsTotal = 0;
    int slotsAvailable = 0;
    int jobsRunning = 0;
};

struct ClusterJob
{
    QString id;    // 32 hex digits
    QString name;  // pipeline.name
    QString state; // Flink's: RUNNING, RESTARTING, FAILED, CANCELED, FINISHED, CREATED, ...
    QDateTime startTime;
    qint64 durationMs = 0;
    // GET /jobs/:id only: every vertex (operator chain) reports RUNNING, so records flow.
    bool allVerticesRunning = false;
    // GET /jobs/:id only: Flink's read-records of the vertices whose name contains "unified_sink" (the
    // records that reached the generated job's sink), as its metrics last said; -1 when none reports it.
    qint64 sinkRecords = -1;

    bool isTerminal() const;
};

struct SavepointStatus
{
    bool completed = false; // false: still IN_PROGRESS
    QString location;       // where it was written, when it succeeded
    QString failure;        // Flink's failure cause, when it failed
};

// What went wrong with one request, as a person reads it, with the cluster's own message when it sent one
// ({"errors": [...]}); `networkError` empty when an HTTP answer came.
Error describeFlinkFailure(const QString &action, const QUrl &url, int httpStatus, const QByteArray &body,
                           QNetworkReply::NetworkError networkError, const QString &networkText, int timeoutMs);

class FlinkCluster : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Done = std::function<void(Result<T>)>;

    explicit FlinkCluster(QUrl url, QObject *parent = nullptr);

    QUrl url() const { return m_url; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // The cluster the stack started (`stack/flink up`): $FLINK_REST_URL, else FLINK_REST_URL in
    // $CDC_STACK_DIR/flink-cluster.env (or the source tree's or installed stack's), else
    // http://127.0.0.1:$CDC_FLINK_PORT (default 18081).
    static QUrl stackUrl();

    // Each call returns at once; `done` runs later on this object's thread, exactly once, unless `context`
    // (when given) has been destroyed by then.
    void overview(Done<ClusterOverview> done, QObject *context = nullptr);
    void jobs(Done<QList<ClusterJob>> done, QObject *context = nullptr);
    void job(const QString &id, Done<ClusterJob> done, QObject *context = nullptr);
    // The job's root exception, first line (empty when it has none).
    void rootException(const QString &id, Done<QString> done, QObject *context = nullptr);
    void cancel(const QString &id, Done<void> done, QObject *context = nullptr);
    // POST /jobs/:id/stop; an empty `targetDirectory` uses the cluster's default savepoint directory.
    // Gives the trigger id for savepointStatus(); the job ends FINISHED once the savepoint is written.
    void stopWithSavepoint(const QString &id, const QString &targetDirectory, Done<QString> done,
                           QObject *context = nullptr);
    void savepointStatus(const QString &id, const QString &triggerId, Done<SavepointStatus> done,
                         QObject *context = nullptr);

private:
    // request(), then the answer as a JSON object (a clear error when it is not one).
    void requestObject(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &action,
                       QObject *context, std::function<void(Result<QJsonObject>)> complete);
    void request(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &action,
                 QObject *context, std::function<void(Result<QByteArray>)> complete);

    QUrl m_url;
    int m_timeoutMs = 10000;
    QNetworkAccessManager *m_network = nullptr;
};

} // namespace cdc::consumer
