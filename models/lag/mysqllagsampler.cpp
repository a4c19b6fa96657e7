// SPDX-License-Identifier: GPL-3.0-or-later
// MySQL lag: events timed on arrival, the binlog position read on a thread of its own, and the
// connector's committed offset from Kafka Connect (the last one it gave is kept while it is away).
#include "mysqllagsampler.h"
#include "core/secretreference.h"
#include "core/sqlconnection.h"

#include "connect/connectclient.h"
#include "lag/samplerthread.h"
#include "stream/eventpipeline.h"
#include "stream/stringtable.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QUuid>

#include <algorithm>

namespace cdc::lag {

namespace {

bool isTransactional(const QString &type)
{
    // Housekeeping that belongs to no transaction; everything else (GTIDs, BEGIN, table maps, row
    // events, XIDs, DDL) is part of one.
    static const QStringList housekeeping{QStringLiteral("Format_desc"),
                                          QStringLiteral("Gtid_list"),
                                          QStringLiteral("Binlog_checkpoint"),
                                          QStringLiteral("Rotate"),
                                          QStringLiteral("Stop"),
                                          QStringLiteral("Previous_gtids"),
                                          QStringLiteral("Start_encryption"),
                                          QStringLiteral("Heartbeat"),
                                          QStringLiteral("Heartbeat_log"),
                                          QStringLiteral("Incident"),
                                          QStringLiteral("Start_v3"),
                                          QStringLiteral("Ignorable"),
                                          QStringLiteral("Transaction_payload")};
    return !housekeeping.contains(type, Qt::CaseInsensitive);
}

bool endsTransaction(const BinlogEvent &e)
{
    if (e.type.compare(QLatin1String("Xid"), Qt::CaseInsensitive) == 0 ||
        e.type.compare(QLatin1String("XA_prepare"), Qt::CaseInsensitive) == 0)
        return true;
    // COMMIT, or a DDL statement (a transaction of its own); BEGIN opens one.
    return e.type.compare(QLatin1String("Query"), Qt::CaseInsensitive) == 0 &&
           !e.info.trimmed().startsWith(QLatin1String("BEGIN"), Qt::CaseInsensitive);
}

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'\'', QStringLiteral("''"));
    return u'\'' + escaped + u'\'';
}

// The binlog half of the sampler, on its own thread and connection; answers check() requests.
class BinlogWorker : public SamplerWorker
{
    Q_OBJECT

public:
    static constexpr int kEventLimit = 500; // rows of SHOW BINLOG EVENTS per file and look
    static constexpr int kFileLimit = 4;    // binlog files after the committed one that are looked into

    explicit BinlogWorker(MySqlEndpoint endpoint)
        : m_endpoint(std::move(endpoint))
        , m_connection(QStringLiteral("cdc-lag-mysql-") + QUuid::createUuid().toString(QUuid::Id128))
    {}

    ~BinlogWorker() override { closeConnection(); }

    void check(const std::optional<BinlogPosition> &committed)
    {
        if (stopping())
            return;
        Q_EMIT checked(look(committed));
    }

Q_SIGNALS:
    void checked(const cdc::lag::BinlogCheck &check);

private:
    QString where() const { return QStringLiteral("%1:%2").arg(m_endpoint.host).arg(m_endpoint.port); }

    BinlogCheck look(const std::optional<BinlogPosition> &committed)
    {
        BinlogCheck result;
        if (!open(result.error))
            return result;
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        // MySQL 8.4 dropped SHOW MASTER STATUS for SHOW BINARY LOG STATUS; MariaDB has only the first.
        bool ok = q.exec(QStringLiteral("SHOW MASTER STATUS"));
        if (!ok)
            ok = q.exec(QStringLiteral("SHOW BINARY LOG STATUS"));
        if (!ok) {
            result.error = tr("Cannot read the binlog position of %1: %2").arg(where(), sqlErrorText(q.lastError()));
            q.finish();
            closeConnection();
            return result;
        }
        if (!q.next()) {
            result.error = tr("%1 writes no binary log (log_bin is off); Debezium cannot read it.").arg(where());
            return result;
        }
        result.serverFile = q.value(0).toString();
        result.serverPos = q.value(1).toLongLong();
        q.finish();
        if (!committed)
            return result;

        if (compareBinlogPositions(committed->file, committed->pos, result.serverFile, result.serverPos) >= 0) {
            result.caughtUp = true;
            result.bytesBehind = 0;
            return result;
        }
        if (committed->file == result.serverFile)
            result.bytesBehind = result.serverPos - committed->pos;

        // The files to look into: the committed one from its offset, then every later one up to the server's.
        QStringList later;
        if (committed->file != result.serverFile) {
            if (!q.exec(QStringLiteral("SHOW BINARY LOGS")))
                return result; // unknown
            const qint64 from = binlogFileIndex(committed->file), to = binlogFileIndex(result.serverFile);
            while (q.next()) {
                const QString file = q.value(0).toString();
                const qint64 index = binlogFileIndex(file);
                if (index > from && index <= to)
                    later << file;
            }
            q.finish();
            if (later.size() > kFileLimit) {
                result.caughtUp = false;
                return result;
            }
        }
        const bool partlyProcessed = committed->eventsToSkip > 0 || committed->rowsToSkip > 0;
        std::optional<BinlogBacklog> backlog =
            listBacklog(q, committed->file, QStringLiteral(" FROM %1").arg(committed->pos), partlyProcessed);
        for (const QString &file : std::as_const(later)) {
            if (!backlog || *backlog == BinlogBacklog::Pending)
                break;
            backlog = listBacklog(q, file, {}, false);
        }
        if (backlog)
            result.caughtUp = *backlog == BinlogBacklog::None;
        return result;
    }

    std::optional<BinlogBacklog> listBacklog(QSqlQuery &q, const QString &file, const QString &from, bool skipFirst)
    {
        if (!q.exec(QStringLiteral("SHOW BINLOG EVENTS IN %1%2 LIMIT %3").arg(quoted(file), from).arg(kEventLimit)))
            return std::nullopt; // purged, or no BINLOG MONITOR / REPLICATION SLAVE grant
        std::vector<BinlogEvent> events;
        while (q.next())
            events.push_back(
                {q.value(2).toString(), q.value(5).toString(), q.value(1).toLongLong(), q.value(4).toLongLong()});
        q.finish();
        return binlogBacklog(events, skipFirst, events.size() < std::size_t(kEventLimit));
    }

    bool open(QString &error)
    {
        if (m_open)
            return true;
        const Result<QString> password = resolveSecretReference(m_endpoint.passwordReference);
        if (!password) {
            error = tr("Cannot read the password for %1: %2").arg(where(), password.error().toString());
            return false;
        }
        const int t = MySqlLagSampler::kTimeoutSeconds;
        const Result<QSqlDatabase> opened = openDatabase(
            m_connection, SqlEndpoint{false, m_endpoint.host, m_endpoint.port, {}, m_endpoint.user}, password.value(),
            QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1;MYSQL_OPT_READ_TIMEOUT=%1;MYSQL_OPT_WRITE_TIMEOUT=%1").arg(t));
        if (!opened) {
            error = tr("MySQL at %1 does not answer as %2: %3").arg(where(), m_endpoint.user, opened.error().what);
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

    MySqlEndpoint m_endpoint;
    QString m_connection;
    bool m_open = false;
};

} // namespace

// ---- pure functions -------------------------------------------------------------------------------

std::optional<BinlogPosition> binlogPositionFromOffset(const QJsonObject &offset)
{
    const QJsonValue file = offset.value(QStringLiteral("file"));
    const QJsonValue pos = offset.value(QStringLiteral("pos"));
    if (!file.isString() || file.toString().isEmpty() || !(pos.isDouble() || pos.isString()))
        return std::nullopt;
    const auto number = [&offset](const QString &key, qint64 fallback) {
        const QJsonValue v = offset.value(key);
        if (v.isDouble())
            return qint64(v.toDouble());
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        return ok ? n : fallback;
    };
    BinlogPosition p;
    p.file = file.toString();
    p.pos = number(QStringLiteral("pos"), -1);
    if (p.pos < 0)
        return std::nullopt;
    p.eventsToSkip = number(QStringLiteral("event"), 0);
    p.rowsToSkip = number(QStringLiteral("row"), 0);
    const qint64 seconds = number(QStringLiteral("ts_sec"), -1);
    p.sourceTimeMs = seconds > 0 ? seconds * 1000 : -1;
    return p;
}

qint64 binlogFileIndex(const QString &file)
{
    const qsizetype dot = file.lastIndexOf(u'.');
    if (dot < 0)
        return -1;
    bool ok = false;
    const qint64 index = file.mid(dot + 1).toLongLong(&ok);
    return ok ? index : -1;
}

int compareBinlogPositions(const QString &fileA, qint64 posA, const QString &fileB, qint64 posB)
{
    if (fileA != fileB) {
        const qint64 a = binlogFileIndex(fileA), b = binlogFileIndex(fileB);
        if (a != b)
            return a < b ? -1 : 1;
        const int byName = QString::compare(fileA, fileB);
        return byName < 0 ? -1 : 1;
    }
    return posA < posB ? -1 : posA > posB ? 1 : 0;
}

BinlogBacklog binlogBacklog(const std::vector<BinlogEvent> &events, bool skipFirstTransaction, bool complete)
{
    bool skipping = skipFirstTransaction;
    for (const BinlogEvent &e : events) {
        if (!isTransactional(e.type))
            continue;
        if (skipping) {
            if (endsTransaction(e))
                skipping = false;
            continue;
        }
        return BinlogBacklog::Pending;
    }
    return complete ? BinlogBacklog::None : BinlogBacklog::Pending;
}

QString connectorTopicRegex(const QMap<QString, QString> &config)
{
    QStringList alternatives;
    const QString prefix = config.value(QStringLiteral("topic.prefix"));
    static const QString router = QStringLiteral("io.debezium.transforms.outbox.EventRouter");
    for (const QString &alias : config.value(QStringLiteral("transforms")).split(u',', Qt::SkipEmptyParts)) {
        const QString p = QStringLiteral("transforms.") + alias.trimmed() + u'.';
        if (config.value(p + QStringLiteral("type")) != router)
            continue;
        const QString replacement = config.value(p + QStringLiteral("route.topic.replacement"),
                                                 QStringLiteral("outbox.event.${routedByValue}"));
        QStringList parts;
        for (const QString &part : replacement.split(QStringLiteral("${routedByValue}")))
            parts << QRegularExpression::escape(part);
        alternatives << parts.join(QStringLiteral(".*"));
    }
    if (!prefix.isEmpty()) {
        alternatives << QRegularExpression::escape(prefix) + QStringLiteral("\\..*");
        const QString heartbeat =
            config.value(QStringLiteral("topic.heartbeat.prefix"), QStringLiteral("__debezium-heartbeat"));
        alternatives << QRegularExpression::escape(heartbeat + u'.' + prefix);
    }
    alternatives.removeDuplicates();
    return QStringLiteral("^(") + alternatives.join(u'|') + QStringLiteral(")$");
}

// ---- MySqlLagSampler ------------------------------------------------------------------------------

MySqlLagSampler::MySqlLagSampler(MySqlLagSettings settings, QObject *parent)
    : LagSampler(parent)
    , m_settings(std::move(settings))
{
    m_settings.kafka.start = stream::ConsumerSettings::Start::End;
    m_settings.kafka.groupId.clear(); // watching never joins a group
    m_settings.kafka.topics.clear();
    connect(&m_timer, &QTimer::timeout, this, &MySqlLagSampler::tick);
}

MySqlLagSampler::~MySqlLagSampler()
{
    stop();
}

QString MySqlLagSampler::name() const
{
    return tr("MySQL lag of %1").arg(m_settings.connector);
}

SeriesKey MySqlLagSampler::series(const QString &connector, const QString &nodeId)
{
    return SeriesKey{QStringLiteral("mysql-ms:") + connector, tr("MySQL connector %1").arg(connector),
                     LagUnit::Milliseconds, QStringLiteral("mysql"), nodeId};
}

void MySqlLagSampler::start(int intervalMs)
{
    stop();
    intervalMs = std::max(intervalMs, 100);
    m_running = true;
    // The worker's generation also fences the pipeline's and the client's answers.
    auto *worker = new BinlogWorker(m_settings.database);
    m_worker.start(worker, QStringLiteral("lag-mysql"), 0, {});
    const quint64 generation = m_worker.generation();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_newestEventSourceMs = -1;
    m_committed.reset();
    m_connectAnswered = false;
    m_offsetsInFlight = m_checkInFlight = false;
    m_bytesBehind = -1;

    // Events of the connector's topics, heartbeats included: they say the connector is alive and current.
    m_strings = std::make_shared<stream::StringTable>();
    m_pipeline = std::make_unique<stream::EventPipeline>(m_settings.kafka, stream::SourceRouting{}, m_strings);
    m_pipeline->setShowHeartbeatsAndSchemaChanges(true);
    connect(m_pipeline.get(), &stream::EventPipeline::stateChanged, this,
            [this, generation](stream::StreamConsumer::State state, const QString &message) {
                if (!m_worker.isCurrent(generation))
                    return;
                using State = stream::StreamConsumer::State;
                if (state == State::BrokerDown || state == State::Failed)
                    m_health.report(QStringLiteral("kafka"),
                                    tr("Kafka at %1: %2").arg(m_settings.kafka.bootstrapServers, message));
                else if (state == State::Connected)
                    m_health.clear(QStringLiteral("kafka"));
            });
    if (const Result<void> started = m_pipeline->start(); !started)
        m_health.report(QStringLiteral("kafka"), started.error().toString());

    // Offsets: one quick try a round; a worker that is away keeps its last offset in use.
    connect::ClusterSettings cluster = m_settings.connect;
    cluster.timeoutMs = std::clamp(intervalMs * 2, 2000, 10000);
    cluster.readRetries = 0;
    m_client = std::make_unique<connect::ConnectClient>(cluster);

    connect(worker, &BinlogWorker::checked, this, [this, generation](const BinlogCheck &check) {
        if (m_worker.isCurrent(generation))
            checked(check);
    });

    requestOffsets();
    m_timer.start(intervalMs);
}

void MySqlLagSampler::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    m_worker.stop();
    if (m_pipeline)
        m_pipeline->stop();
    m_pipeline.reset();
    m_client.reset();
    m_health.reset();
}

void MySqlLagSampler::tick()
{
    if (!m_running)
        return;
    if (!emitFromEvents())
        requestCheck();
    requestOffsets();
}

bool MySqlLagSampler::emitFromEvents()
{
    if (!m_pipeline)
        return false;
    const stream::EventBatch batch = m_pipeline->take();
    qint64 worst = -1;
    for (const stream::PendingEvent &e : batch) {
        // source.ts_ms where the event carries it; the Outbox Event Router's events carry only the
        // Kafka timestamp, which the router sets to the time Debezium read the change.
        const qint64 source = e.record.sourceTsMs >= 0 ? e.record.sourceTsMs : e.record.kafkaTsMs;
        if (source <= 0)
            continue;
        m_newestEventSourceMs = std::max(m_newestEventSourceMs, source);
        worst = std::max(worst, std::max<qint64>(0, e.record.arrivalMs - source));
    }
    if (worst < 0)
        return false;
    Q_EMIT sampled(series(m_settings.connector, m_settings.nodeId), QDateTime::currentMSecsSinceEpoch(), double(worst));
    return true;
}

void MySqlLagSampler::requestOffsets()
{
    if (m_offsetsInFlight || !m_client)
        return;
    m_offsetsInFlight = true;
    const quint64 generation = m_worker.generation();
    m_client->offsets(
        m_settings.connector,
        [this, generation](Result<connect::ConnectorOffsets> offsets) {
            if (!m_worker.isCurrent(generation))
                return;
            m_offsetsInFlight = false;
            if (!offsets) {
                QString message = offsets.error().toString();
                if (m_committed)
                    message += u' ' + tr("MySQL lag uses the last offset it gave (%1:%2).")
                                          .arg(m_committed->file)
                                          .arg(m_committed->pos);
                m_health.report(QStringLiteral("connect"), message);
                return;
            }
            m_connectAnswered = true;
            m_committed.reset();
            for (const connect::SourceOffset &o : offsets.value().offsets) {
                if (const std::optional<BinlogPosition> p = binlogPositionFromOffset(o.offset)) {
                    m_committed = p;
                    break;
                }
            }
            m_health.clear(QStringLiteral("connect"));
        },
        this);
}

void MySqlLagSampler::requestCheck()
{
    if (m_checkInFlight || !m_worker.worker())
        return;
    m_checkInFlight = true;
    auto *worker = static_cast<BinlogWorker *>(m_worker.worker());
    QMetaObject::invokeMethod(
        worker, [worker, committed = m_committed] { worker->check(committed); }, Qt::QueuedConnection);
}

void MySqlLagSampler::checked(const BinlogCheck &check)
{
    m_checkInFlight = false;
    if (!check.error.isEmpty()) {
        m_health.report(QStringLiteral("database"), check.error);
        return;
    }
    m_health.clear(QStringLiteral("database"));
    if (check.bytesBehind != m_bytesBehind) {
        m_bytesBehind = check.bytesBehind;
        Q_EMIT binlogDistance(m_settings.connector, m_bytesBehind);
    }
    if (emitFromEvents()) // events came while the server was asked: they say more
        return;
    double lag = 0;
    if (!check.caughtUp) {
        // No offset to compare with: nothing is known to be behind only when Connect said there is none.
        if (!m_connectAnswered || m_committed)
            return;
    } else if (!*check.caughtUp) {
        lag = double(std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - newestSourceMs()));
    }
    Q_EMIT sampled(series(m_settings.connector, m_settings.nodeId), QDateTime::currentMSecsSinceEpoch(), lag);
}

qint64 MySqlLagSampler::newestSourceMs() const
{
    const qint64 committed = m_committed ? m_committed->sourceTimeMs : -1;
    const qint64 newest = std::max(m_newestEventSourceMs, committed);
    // Behind, and nothing seen since starting: at least as far behind as the sampler has been watching.
    return newest > 0 ? newest : m_startedMs;
}

} // namespace cdc::lag

#include "mysqllagsampler.moc"
