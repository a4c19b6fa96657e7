// SPDX-License-Identifier: GPL-3.0-or-later
// The wizards' connection test through Qt SQL.
#include "connectioncheck.h"

#include "core/sqlconnection.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace cdc::debezium {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectionCheck", text);
}

QString scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(q.record().count() - 1).toString();
}

// Whether the server can load a logical decoding plugin other than the built-in pgoutput: a temporary
// slot made with it and dropped at once. Empty when it can, or when that cannot be told (no free
// slot, wal_level, a long transaction); else the problem to show.
QString missingDecodingPlugin(QSqlDatabase &db, const QString &plugin)
{
    if (plugin.isEmpty() || plugin == QLatin1String("pgoutput"))
        return {};
    const QString probe = QStringLiteral("cdc_studio_probe_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    QSqlQuery q(db);
    q.exec(QStringLiteral("SET statement_timeout = 5000"));
    q.prepare(QStringLiteral("SELECT slot_name FROM pg_create_logical_replication_slot(?, ?, true)"));
    q.addBindValue(probe);
    q.addBindValue(plugin);
    const bool made = q.exec();
    const QString error = q.lastError().text();
    const QString code = q.lastError().nativeErrorCode(); // PostgreSQL's SQLSTATE
    if (made) {
        q.prepare(QStringLiteral("SELECT pg_drop_replication_slot(?)"));
        q.addBindValue(probe);
        q.exec();
    }
    q.exec(QStringLiteral("RESET statement_timeout"));
    if (made || !isMissingDecodingPlugin(code, error))
        return {};
    return tr("The server has no %1 plugin (Debezium's PostgreSQL images have it, stock PostgreSQL does not): "
              "choose pgoutput.")
        .arg(plugin);
}

} // namespace

bool isMissingDecodingPlugin(const QString &code, const QString &error)
{
    // The file is absent (the message is in the server's language, its code is not), or a library of that
    // name loads but is no output plugin.
    return code == QLatin1String("58P01") ||
           error.contains(QLatin1String("could not access file"), Qt::CaseInsensitive) ||
           error.contains(QLatin1String("may not be used as an output plugin"), Qt::CaseInsensitive) ||
           error.contains(QLatin1String("_PG_output_plugin_init"));
}

Result<ConnectionCheck> checkConnection(const ConnectorAnswers &a, const QString &password, int timeoutSeconds)
{
    const bool postgres = a.flavour == Flavour::PostgreSQL;
    const QString name = QStringLiteral("connection-check-") + QUuid::createUuid().toString(QUuid::Id128);
    Result<ConnectionCheck> result = Error{};
    {
        Result<QSqlDatabase> opened =
            openDatabase(name, SqlEndpoint{postgres, a.host, a.port, a.database, a.user}, password,
                         postgres ? QStringLiteral("connect_timeout=%1").arg(timeoutSeconds)
                                  : QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(timeoutSeconds));
        if (!opened) {
            result = Error{tr("Cannot connect: %1").arg(opened.error().what),
                           QStringLiteral("%1@%2:%3").arg(a.user, a.host).arg(a.port),
                           opened.error().hint.isEmpty()
                               ? tr("Check host, port, user, password and that the server accepts this client.")
                               : opened.error().hint};
        } else {
            QSqlDatabase db = opened.value();
            ConnectionCheck check;
            if (postgres) {
                check.serverVersion = QStringLiteral("PostgreSQL ") + scalar(db, QStringLiteral("SHOW server_version"));
                if (const QString wal = scalar(db, QStringLiteral("SHOW wal_level")); wal != QLatin1String("logical"))
                    check.problems
                        << tr("wal_level is %1; Debezium needs logical (set it and restart PostgreSQL).").arg(wal);
                if (scalar(db, QStringLiteral(
                                   "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user")) !=
                    QLatin1String("true"))
                    check.problems
                        << tr("%1 has no REPLICATION attribute: ALTER ROLE %1 WITH REPLICATION.").arg(a.user);
                if (const QString missing = missingDecodingPlugin(db, a.pluginName); !missing.isEmpty())
                    check.problems << missing;
            } else {
                check.serverVersion = scalar(db, QStringLiteral("SELECT VERSION()"));
                if (scalar(db, QStringLiteral("SHOW VARIABLES LIKE 'log_bin'")) != QLatin1String("ON"))
                    check.problems << tr("The binary log is off: start the server with log_bin.");
                if (const QString f = scalar(db, QStringLiteral("SHOW VARIABLES LIKE 'binlog_format'"));
                    f != QLatin1String("ROW"))
                    check.problems << tr("binlog_format is %1; Debezium needs ROW.").arg(f);
                if (const QString i = scalar(db, QStringLiteral("SHOW VARIABLES LIKE 'binlog_row_image'"));
                    i != QLatin1String("FULL"))
                    check.problems << tr("binlog_row_image is %1; Debezium needs FULL.").arg(i);
            }
            result = check;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

namespace {

bool sameHost(const QString &a, const QString &b)
{
    auto loopback = [](const QString &h) {
        return h == QLatin1String("localhost") || h == QLatin1String("::1") || h.startsWith(QLatin1String("127."));
    };
    return a.compare(b, Qt::CaseInsensitive) == 0 || (loopback(a.trimmed()) && loopback(b.trimmed()));
}

QString kindTitle(const DatabaseTarget &t)
{
    return t.kind == QLatin1String("postgres") ? QStringLiteral("PostgreSQL")
           : t.mariadb                         ? QStringLiteral("MariaDB")
                                               : QStringLiteral("MySQL");
}

} // namespace

std::vector<DatabaseTarget> databaseTargets(const topology::Project &project)
{
    std::vector<DatabaseTarget> out;
    for (const topology::Node &n : project.nodes) {
        if (n.kind != topology::NodeKind::PostgresDatabase && n.kind != topology::NodeKind::MySqlDatabase)
            continue;
        DatabaseTarget t;
        const bool postgres = n.kind == topology::NodeKind::PostgresDatabase;
        t.kind = postgres ? QStringLiteral("postgres") : QStringLiteral("mysql");
        t.mariadb = !postgres && n.properties.value(QStringLiteral("flavor")) == QLatin1String("mariadb");
        t.host = n.properties.value(QStringLiteral("host"));
        t.port = n.properties.value(QStringLiteral("port")).toInt();
        t.database = n.properties.value(QStringLiteral("database"));
        t.user = n.properties.value(QStringLiteral("user"));
        t.passwordReference = n.properties.value(QStringLiteral("password"));
        if (!isConfigProviderReference(t.passwordReference))
            t.passwordReference.clear(); // a node's plain password never becomes a connector's
        t.outboxTable = n.properties.value(QStringLiteral("outbox.table"));
        out.push_back(std::move(t));
    }
    return out;
}

void applyDatabaseDefaults(ConnectorAnswers &answers, const std::vector<DatabaseTarget> &targets)
{
    const QString kind = flavourDatabaseKind(answers.flavour);
    for (const DatabaseTarget &t : targets) {
        if (t.kind != kind)
            continue;
        if (kind == QLatin1String("mysql"))
            answers.flavour = t.mariadb ? Flavour::MariaDB : Flavour::MySQL;
        if (!t.host.isEmpty())
            answers.host = t.host;
        if (t.port > 0)
            answers.port = t.port;
        if (!t.database.isEmpty())
            answers.database = t.database;
        if (!t.user.isEmpty())
            answers.user = t.user;
        if (!t.passwordReference.isEmpty())
            answers.passwordReference = t.passwordReference;
        if (!t.outboxTable.isEmpty())
            answers.outboxTable = t.outboxTable;
        return;
    }
}

Result<ConnectionCheck> checkSimulatedConnection(const ConnectorAnswers &a,
                                                 const std::vector<DatabaseTarget> &simulated)
{
    const QString kind = flavourDatabaseKind(a.flavour);
    QStringList served;
    for (const DatabaseTarget &t : simulated) {
        if (t.kind != kind)
            continue;
        if (sameHost(t.host, a.host) && t.port == a.port && t.database == a.database) {
            ConnectionCheck check;
            check.serverVersion =
                tr("Simulated database — the sandbox serves tables %1 of %2 at %3:%4 (%5); no real server is "
                   "contacted")
                    .arg(t.tables.join(QStringLiteral(", ")), t.database, t.host)
                    .arg(t.port)
                    .arg(kindTitle(t));
            return check;
        }
        served << tr("%1 at %2:%3, database %4").arg(kindTitle(t), t.host).arg(t.port).arg(t.database);
    }
    return Error{tr("No simulated database at %1:%2, database %3.").arg(a.host).arg(a.port).arg(a.database),
                 {},
                 served.isEmpty() ? tr("The sandbox simulates no database of this kind.")
                                  : tr("The sandbox serves %1.").arg(served.join(tr("; ")))};
}

} // namespace cdc::debezium
