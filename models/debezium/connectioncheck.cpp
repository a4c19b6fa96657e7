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

} // namespace

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

} // namespace cdc::debezium
