// SPDX-License-Identifier: GPL-3.0-or-later
// The slot query on its own thread and connection; losing the server is reported, and the next round
// connects again.
#include "postgresslotsampler.h"
#include "core/secretreference.h"
#include "core/sqlconnection.h"

#include "lag/samplerthread.h"
#include "stream/streamconsumer.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QUuid>

#include <algorithm>

namespace cdc::lag {

namespace {

class SlotQueryWorker : public SamplerWorker
{
public:
    SlotQueryWorker(PostgresEndpoint endpoint, QHash<QString, QString> slotNodes)
        : m_endpoint(std::move(endpoint))
        , m_slotNodes(std::move(slotNodes))
        , m_connection(QStringLiteral("cdc-lag-pg-") + QUuid::createUuid().toString(QUuid::Id128))
    {}

    ~SlotQueryWorker() override { closeConnection(); }

protected:
    void sampleOnce() override
    {
        QString error;
        if (!open(error)) {
            Q_EMIT problem(error);
            return;
        }
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        const bool ok = q.exec(QStringLiteral("SELECT slot_name, active, "
                                              "pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint, "
                                              "pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint "
                                              "FROM pg_replication_slots WHERE slot_type = 'logical'"));
        if (!ok) {
            const QString text = sqlErrorText(q.lastError());
            q.finish();
            closeConnection(); // a lost connection is opened afresh next round
            Q_EMIT problem(tr("Cannot read the replication slots of PostgreSQL at %1: %2").arg(where(), text));
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QStringList missing = m_slotNodes.keys();
        while (q.next()) {
            const QString slot = q.value(0).toString();
            missing.removeAll(slot);
            const QString node = m_slotNodes.value(slot);
            if (!q.value(2).isNull())
                Q_EMIT sampled(PostgresSlotSampler::slotSeries(slot, node), now, std::max(0.0, q.value(2).toDouble()));
            if (!q.value(3).isNull())
                Q_EMIT sampled(PostgresSlotSampler::retainedSeries(slot, node), now,
                               std::max(0.0, q.value(3).toDouble()));
        }
        // A connector's slot that is not there has no lag to read: say so rather than show nothing.
        missing.sort();
        Q_EMIT problem(missing.isEmpty()
                           ? QString()
                           : tr("PostgreSQL at %1 has no logical replication slot %2: the connector has not "
                                "streamed yet, or the slot was dropped.")
                                 .arg(where(), missing.join(QStringLiteral(", "))));
    }

private:
    QString where() const { return QStringLiteral("%1:%2").arg(m_endpoint.host).arg(m_endpoint.port); }

    bool open(QString &error)
    {
        if (m_open)
            return true;
        const Result<QString> password = resolveSecretReference(m_endpoint.passwordReference);
        if (!password) {
            error = tr("Cannot read the password for PostgreSQL at %1: %2").arg(where(), password.error().toString());
            return false;
        }
        // A server that stops answering must not hold this thread (or a quitting application) for long.
        const Result<QSqlDatabase> opened = openDatabase(
            m_connection, SqlEndpoint{true, m_endpoint.host, m_endpoint.port, m_endpoint.database, m_endpoint.user},
            password.value(),
            QStringLiteral("connect_timeout=%1;keepalives=1;keepalives_idle=5;keepalives_interval=2;"
                           "keepalives_count=2;application_name=cdc-studio-lag")
                .arg(PostgresSlotSampler::kTimeoutSeconds));
        if (!opened) {
            error = tr("PostgreSQL at %1 does not answer as %2: %3").arg(where(), m_endpoint.user, opened.error().what);
            return false;
        }
        QSqlDatabase db = opened.value();
        QSqlQuery timeout(db);
        if (!timeout.exec(
                QStringLiteral("SET statement_timeout = %1").arg(PostgresSlotSampler::kTimeoutSeconds * 1000))) {
            error =
                tr("PostgreSQL at %1 refused a statement timeout: %2").arg(where(), sqlErrorText(timeout.lastError()));
            db.close();
            return false;
        }
        m_open = true;
        return true;
    }

    void closeConnection()
    {
        m_open = false;
        closeDatabase(m_connection);
    }

    PostgresEndpoint m_endpoint;
    QHash<QString, QString> m_slotNodes;
    QString m_connection;
    bool m_open = false;
};

} // namespace

PostgresSlotSampler::PostgresSlotSampler(PostgresEndpoint endpoint, QHash<QString, QString> slotNodes, QObject *parent)
    : LagSampler(parent)
    , m_endpoint(std::move(endpoint))
    , m_slotNodes(std::move(slotNodes))
{}

PostgresSlotSampler::~PostgresSlotSampler()
{
    stop();
}

QString PostgresSlotSampler::name() const
{
    return tr("PostgreSQL slots at %1:%2").arg(m_endpoint.host).arg(m_endpoint.port);
}

void PostgresSlotSampler::start(int intervalMs)
{
    stop();
    m_worker.start(new SlotQueryWorker(m_endpoint, m_slotNodes), QStringLiteral("lag-pg"), std::max(intervalMs, 100),
                   QStringLiteral("database"));
}

void PostgresSlotSampler::stop()
{
    if (!m_worker.isRunning())
        return;
    m_worker.stop();
    m_health.reset();
}

SeriesKey PostgresSlotSampler::slotSeries(const QString &slot, const QString &nodeId)
{
    return SeriesKey{QStringLiteral("pg-slot:") + slot, tr("PostgreSQL slot %1").arg(slot), LagUnit::Bytes,
                     QStringLiteral("postgres"), nodeId};
}

SeriesKey PostgresSlotSampler::retainedSeries(const QString &slot, const QString &nodeId)
{
    return SeriesKey{QStringLiteral("pg-retained:") + slot, tr("PostgreSQL slot %1, WAL retained").arg(slot),
                     LagUnit::Bytes, QStringLiteral("postgres"), nodeId};
}

} // namespace cdc::lag
