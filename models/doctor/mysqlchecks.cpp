// SPDX-License-Identifier: GPL-3.0-or-later
// The MySQL/MariaDB checks, as the connector's own user sees the server.
#include "mysqlchecks.h"

#include "core/secretreference.h"
#include "debezium/connectoranswers.h"
#include "doctor/sqlprobe.h"
#include "doctor/troubleshootingguide.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>
#include <QStringList>

namespace cdc::doctor {

namespace {

constexpr qint64 kShortRetentionSeconds = 24 * 3600; // a connector down over a weekend must find its binlog

QString tr(const char *text)
{
    return QCoreApplication::translate("cdc::doctor::mysql", text);
}

class MySqlRound
{
public:
    MySqlRound(const MySqlTarget &target, SqlProbe &probe)
        : m_target(target)
        , m_probe(probe)
        , m_server(QStringLiteral("MySQL/MariaDB %1:%2").arg(target.endpoint.host).arg(target.endpoint.port))
    {}

    Findings run()
    {
        m_variables = m_probe.query(QStringLiteral(
            "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('version', 'log_bin', 'binlog_format', 'binlog_row_image', "
            "'binlog_row_value_options', 'log_bin_compress', 'server_id', 'binlog_expire_logs_seconds', "
            "'expire_logs_days', 'gtid_mode', 'enforce_gtid_consistency')"));
        for (const QVariantList &row : m_variables.rows)
            m_vars.insert(row.value(0).toString(), row.value(1).toString());
        add(server(QStringLiteral("my.connect"), Severity::Ok,
                   tr("Connected as %1 to %2.").arg(m_target.endpoint.user, m_vars.value(QStringLiteral("version"))),
                   m_variables.evidence()));
        checkBinlog();
        checkRetention();
        checkServerIds();
        checkGtids();
        checkGrants();
        for (const ConnectorTarget &c : m_target.connectors)
            checkOutboxColumns(c);
        return std::move(m_out);
    }

private:
    Finding server(const QString &check, Severity severity, const QString &title, const QString &evidence,
                   const QString &fix = {}) const
    {
        return serverFinding(Area::MySQL, check, severity, m_server, title, evidence, fix);
    }

    void add(Finding f) { m_out.push_back(std::move(f)); }

    QString variableEvidence(const QString &name) const
    {
        return QStringLiteral("SHOW GLOBAL VARIABLES LIKE '%1'\n→ %1 | %2")
            .arg(name, m_vars.value(name, QStringLiteral("(not set)")));
    }

    // One setting that must have one value; `fix` says how, for now and across restarts.
    void expect(const QString &check, const QString &name, const QString &wanted, const QString &fix)
    {
        const QString value = m_vars.value(name);
        if (value.compare(wanted, Qt::CaseInsensitive) == 0) {
            add(server(check, Severity::Ok, tr("%1 is %2.").arg(name, value), variableEvidence(name)));
            return;
        }
        add(server(check, Severity::Error,
                   tr("%1 is %2; Debezium needs %3.").arg(name, value.isEmpty() ? tr("unknown") : value, wanted),
                   variableEvidence(name), fix));
    }

    void checkBinlog()
    {
        expect(QStringLiteral("my.log-bin"), QStringLiteral("log_bin"), QStringLiteral("ON"),
               tr("# in the server's configuration ([mysqld]), then restart it:\nlog_bin = mysql-bin\nserver_id = 1"));
        if (m_vars.value(QStringLiteral("log_bin")).compare(QLatin1String("ON"), Qt::CaseInsensitive) != 0)
            return; // the format of a binary log nobody writes does not matter yet
        expect(QStringLiteral("my.binlog-format"), QStringLiteral("binlog_format"), QStringLiteral("ROW"),
               tr("SET GLOBAL binlog_format = 'ROW';  -- new sessions only, until the restart\n"
                  "# and in the server's configuration ([mysqld]) so it survives a restart:\nbinlog_format = ROW"));
        expect(QStringLiteral("my.binlog-row-image"), QStringLiteral("binlog_row_image"), QStringLiteral("FULL"),
               tr("SET GLOBAL binlog_row_image = 'FULL';\n# and in the server's configuration ([mysqld]):\n"
                  "binlog_row_image = FULL"));
        if (const QString options = m_vars.value(QStringLiteral("binlog_row_value_options")); !options.isEmpty())
            add(server(QStringLiteral("my.binlog-row-image"), Severity::Error,
                       tr("binlog_row_value_options is %1: partial JSON updates cannot be decoded.").arg(options),
                       variableEvidence(QStringLiteral("binlog_row_value_options")),
                       QStringLiteral("SET GLOBAL binlog_row_value_options = '';")));
        if (m_vars.value(QStringLiteral("log_bin_compress")).compare(QLatin1String("ON"), Qt::CaseInsensitive) == 0)
            add(server(QStringLiteral("my.binlog-format"), Severity::Error,
                       tr("log_bin_compress is ON: Debezium cannot read MariaDB's compressed binlog events."),
                       variableEvidence(QStringLiteral("log_bin_compress")),
                       tr("SET GLOBAL log_bin_compress = OFF;\n# and in [mysqld]: log_bin_compress = OFF")));
    }

    void checkRetention()
    {
        const QString check = QStringLiteral("my.binlog-retention");
        qint64 seconds = m_vars.value(QStringLiteral("binlog_expire_logs_seconds")).toLongLong();
        if (seconds == 0) // MySQL 5.7 and MariaDB before 10.6 only know days
            seconds = qint64(m_vars.value(QStringLiteral("expire_logs_days")).toDouble() * 86400);
        const QString evidence = variableEvidence(QStringLiteral("binlog_expire_logs_seconds")) + u'\n' +
                                 variableEvidence(QStringLiteral("expire_logs_days"));
        if (seconds == 0) {
            add(server(check, Severity::Ok, tr("Binlogs never expire (watch the disk)."), evidence));
        } else if (seconds < kShortRetentionSeconds) {
            add(server(check, Severity::Warning,
                       tr("Binlogs expire after %1 hour(s): a connector stopped longer loses its position.")
                           .arg(seconds / 3600.0, 0, 'f', 1),
                       evidence,
                       QStringLiteral("SET GLOBAL binlog_expire_logs_seconds = 604800;  -- 7 days\n"
                                      "# and in [mysqld]: binlog_expire_logs_seconds = 604800")));
        } else {
            add(server(check, Severity::Ok, tr("Binlogs are kept for %1 day(s).").arg(seconds / 86400.0, 0, 'f', 1),
                       evidence));
        }
    }

    void checkServerIds()
    {
        const QString serverId = m_vars.value(QStringLiteral("server_id"));
        const QString check = QStringLiteral("my.server-id");
        if (serverId.isEmpty() || serverId == QLatin1String("0")) {
            add(server(check, Severity::Error, tr("server_id is not set: the server cannot serve replication clients."),
                       variableEvidence(QStringLiteral("server_id")),
                       tr("# in [mysqld], then restart:\nserver_id = 1")));
            return;
        }
        for (const ConnectorTarget &c : m_target.connectors) {
            const QString id = c.config.value(QStringLiteral("database.server.id")).trimmed();
            Finding f = server(check, Severity::Ok, {},
                               variableEvidence(QStringLiteral("server_id")) +
                                   QStringLiteral("\n%1: database.server.id=%2").arg(c.name, id));
            f.subject = c.name + QStringLiteral(" @ ") + m_server;
            if (id.isEmpty() || id.toLongLong() <= 0) {
                f.severity = Severity::Error;
                f.title = tr("database.server.id is not set to a positive number.");
                f.fix = QStringLiteral("\"database.server.id\": \"184054\"");
            } else if (id == serverId) {
                f.severity = Severity::Error;
                f.title = tr("database.server.id %1 is the server's own server_id: the server refuses a replica with "
                             "its own id.")
                              .arg(id);
                f.fix = QStringLiteral("\"database.server.id\": \"%1\"").arg(freeServerId(serverId));
            } else {
                f.title = tr("database.server.id %1 differs from the server's server_id %2.").arg(id, serverId);
            }
            f.guide = f.severity == Severity::Ok ? QString() : QStringLiteral("duplicate-server-id");
            add(f);
        }
    }

    // GTID filters (gtid.source.includes/excludes) need MySQL's gtid_mode=ON; MariaDB always writes GTIDs.
    void checkGtids()
    {
        for (const ConnectorTarget &c : m_target.connectors) {
            if (c.config.value(QStringLiteral("gtid.source.includes")).isEmpty() &&
                c.config.value(QStringLiteral("gtid.source.excludes")).isEmpty())
                continue;
            const QString evidence = variableEvidence(QStringLiteral("gtid_mode")) + u'\n' +
                                     variableEvidence(QStringLiteral("enforce_gtid_consistency"));
            Finding f = server(QStringLiteral("my.gtid-mode"), Severity::Ok, {}, evidence);
            f.subject = c.name + QStringLiteral(" @ ") + m_server;
            if (!m_vars.contains(QStringLiteral("gtid_mode"))) {
                f.title = tr("MariaDB writes GTIDs always: the connector's GTID filters apply.");
            } else if (m_vars.value(QStringLiteral("gtid_mode")).compare(QLatin1String("ON"), Qt::CaseInsensitive) !=
                       0) {
                f.severity = Severity::Error;
                f.title = tr("The connector filters by GTID, but gtid_mode is %1.")
                              .arg(m_vars.value(QStringLiteral("gtid_mode")));
                f.fix = tr("# in [mysqld], then restart (or step gtid_mode up through OFF_PERMISSIVE, ON_PERMISSIVE):\n"
                           "gtid_mode = ON\nenforce_gtid_consistency = ON");
            } else {
                f.title = tr("gtid_mode is ON: the connector's GTID filters apply.");
            }
            add(f);
        }
    }

    // An id none of this server's connectors uses and that is not the server's own.
    qint64 freeServerId(const QString &serverId) const
    {
        std::vector<debezium::ConnectorConfig> existing;
        for (const ConnectorTarget &c : m_target.connectors)
            existing.push_back({c.name, c.config, {}, {}, {}});
        qint64 id = debezium::suggestServerId(existing);
        if (QString::number(id) == serverId)
            ++id;
        return id;
    }

    void checkGrants()
    {
        const SqlRows global = m_probe.query(QStringLiteral(
            "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = "
            "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), "
            "'''') ORDER BY PRIVILEGE_TYPE"));
        const SqlRows account = m_probe.query(QStringLiteral("SELECT CURRENT_USER()"));
        QSet<QString> have;
        for (const QVariantList &row : global.rows)
            have.insert(row.value(0).toString().toUpper());
        // MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR and lists it under the new name.
        if (have.contains(QStringLiteral("BINLOG MONITOR")))
            have.insert(QStringLiteral("REPLICATION CLIENT"));
        QString evidence = account.evidence() + u'\n' + global.evidence();
        QStringList missing;
        for (const char *p : {"SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT"}) {
            if (!have.contains(QLatin1String(p)))
                missing << QString::fromLatin1(p);
        }
        // SELECT may be granted on the captured databases instead of globally.
        if (missing.contains(QStringLiteral("SELECT"))) {
            QSet<QString> databases;
            for (const ConnectorTarget &c : m_target.connectors) {
                for (const QString &t : c.tables)
                    databases.insert(t.section(u'.', 0, 0));
                if (const QString list = c.config.value(QStringLiteral("database.include.list")); !list.isEmpty())
                    for (const QString &d : list.split(u',', Qt::SkipEmptyParts))
                        databases.insert(d.trimmed());
            }
            bool everywhere = !databases.isEmpty();
            for (const QString &d : databases) {
                const SqlRows r = m_probe.query(
                    QStringLiteral("SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE TABLE_SCHEMA = ? "
                                   "AND PRIVILEGE_TYPE = 'SELECT' AND GRANTEE = CONCAT('''', SUBSTRING_INDEX("
                                   "CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')"),
                    {d});
                evidence += u'\n' + r.evidence();
                everywhere = everywhere && r.value(0, 0).toInt() > 0;
            }
            if (everywhere)
                missing.removeAll(QStringLiteral("SELECT"));
        }
        const QString check = QStringLiteral("my.grants");
        const QString user = account.value(0, 0).toString();
        if (missing.isEmpty()) {
            add(server(check, Severity::Ok,
                       tr("%1 has SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and REPLICATION CLIENT.").arg(user),
                       evidence));
            return;
        }
        const QString grantee =
            QStringLiteral("%1@%2").arg(quotedLiteral(user.section(u'@', 0, 0)), quotedLiteral(user.section(u'@', 1)));
        add(server(check, Severity::Error,
                   tr("%1 lacks %2: the connector cannot read the binlog or take its snapshot.")
                       .arg(user, missing.join(QStringLiteral(", "))),
                   evidence,
                   QStringLiteral("GRANT %1 ON *.* TO %2;").arg(missing.join(QStringLiteral(", ")), grantee)));
    }

    void checkOutboxColumns(const ConnectorTarget &c)
    {
        if (!c.outboxRouter || c.outboxTable.isEmpty())
            return;
        const SqlRows r = m_probe.query(QStringLiteral("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM "
                                                       "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND "
                                                       "TABLE_NAME = ? ORDER BY ORDINAL_POSITION"),
                                        {c.outboxTable.section(u'.', 0, 0), c.outboxTable.section(u'.', 1)});
        Finding f = server(QStringLiteral("my.outbox-columns"), Severity::Ok, {}, r.evidence());
        f.subject = c.name + QStringLiteral(" @ ") + m_server;
        if (r.rows.isEmpty()) {
            f.severity = Severity::Error;
            f.title = tr("The outbox table %1 does not exist (or %2 cannot see it).")
                          .arg(c.outboxTable, m_target.endpoint.user);
            f.fix = tr("Create it (the connector wizard's review page exports the outbox DDL), or correct "
                       "table.include.list.");
            f.guide = QStringLiteral("outbox-columns");
            add(f);
            return;
        }
        QMap<QString, QString> types;
        for (const QVariantList &row : r.rows)
            types.insert(row.value(0).toString().toLower(), row.value(1).toString().toLower());
        QStringList missing;
        for (const QString &column : {c.outbox.id, c.outbox.key, c.outbox.routeBy, c.outbox.payload}) {
            if (!types.contains(column.toLower()))
                missing << column;
        }
        const QString payloadType = types.value(c.outbox.payload.toLower());
        // MariaDB's JSON is LONGTEXT with a JSON_VALID check.
        static const QStringList jsonTypes{QStringLiteral("json"), QStringLiteral("longtext"), QStringLiteral("text"),
                                           QStringLiteral("mediumtext"), QStringLiteral("varchar")};
        if (!missing.isEmpty()) {
            f.severity = Severity::Error;
            f.title = tr("The outbox table %1 lacks column(s) %2 that the Event Router reads.")
                          .arg(c.outboxTable, missing.join(QStringLiteral(", ")));
            f.fix = tr("Add the column(s), or point transforms.*.table.field.* / route.by.field at the columns the "
                       "table has.");
        } else if (c.outbox.expandJson && !jsonTypes.contains(payloadType)) {
            f.severity = Severity::Warning;
            f.title = tr("table.expand.json.payload is on, but %1.%2 is %3, not JSON.")
                          .arg(c.outboxTable, c.outbox.payload, payloadType);
            f.fix = QStringLiteral("ALTER TABLE %1 MODIFY %2 JSON;")
                        .arg(quotedIdentifier(c.outboxTable, false), quotedIdentifier(c.outbox.payload, false));
        } else {
            f.title = tr("The outbox table %1 has the Event Router's columns (%2 is %3).")
                          .arg(c.outboxTable, c.outbox.payload, payloadType);
        }
        if (f.severity != Severity::Ok)
            f.guide = QStringLiteral("outbox-columns");
        add(f);
    }

    const MySqlTarget &m_target;
    SqlProbe &m_probe;
    QString m_server;
    SqlRows m_variables;
    QMap<QString, QString> m_vars;
    Findings m_out;
};

} // namespace

Findings runMySqlChecks(const MySqlTarget &target, int timeoutSeconds)
{
    const lag::MySqlEndpoint &e = target.endpoint;
    Finding failed;
    failed.check = QStringLiteral("my.connect");
    failed.area = Area::MySQL;
    failed.severity = Severity::Error;
    failed.subject = QStringLiteral("MySQL/MariaDB %1:%2").arg(e.host).arg(e.port);
    failed.databaseKind = QStringLiteral("mysql");
    failed.guide = QStringLiteral("database-unreachable");
    const Result<QString> password = resolveSecretReference(e.passwordReference);
    if (!password) {
        failed.title = tr("The password reference of %1 cannot be read, so no MySQL check could run.").arg(e.user);
        failed.evidence = QStringLiteral("%1\n→ %2").arg(e.passwordReference, password.error().toString());
        failed.fix =
            tr("Make the reference resolvable on this machine (the file and key exist, or the variable is set).");
        return {failed};
    }
    SqlProbe probe(SqlEndpoint{false, e.host, e.port, {}, e.user}, password.value(), timeoutSeconds);
    if (!probe.isOpen()) {
        failed.title = tr("Cannot connect as %1: %2").arg(e.user, probe.openError());
        failed.evidence = QStringLiteral("connect host=%1 port=%2 user=%3 password=%4\n→ %5")
                              .arg(e.host)
                              .arg(e.port)
                              .arg(e.user, e.passwordReference, probe.openError());
        failed.fix = tr("Check host, port, user and the password reference, and that the user may connect from this "
                        "host; then run the checks again.");
        return {failed};
    }
    return MySqlRound(target, probe).run();
}

} // namespace cdc::doctor
