// SPDX-License-Identifier: GPL-3.0-or-later
// The PostgreSQL checks, as the connector's own role sees the server.
#include "postgreschecks.h"

#include "core/secretreference.h"
#include "debezium/connectioncheck.h"
#include "doctor/sqlprobe.h"
#include "doctor/troubleshootingguide.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <algorithm>

namespace cdc::doctor {

namespace {

constexpr qint64 kRetainedWarningBytes = 2LL * 1024 * 1024 * 1024; // PostgreSQL tools warn at ~2 GB
constexpr qint64 kRetainedErrorBytes = 10LL * 1024 * 1024 * 1024;  // and alarm at ~10 GB

QString tr(const char *text)
{
    return QCoreApplication::translate("cdc::doctor::postgres", text);
}

struct SlotRow
{
    QString plugin;
    bool active = false;
    QString database;
    qint64 retained = -1;
};

class PostgresRound
{
public:
    PostgresRound(const PostgresTarget &target, const WorkerState *worker, SqlProbe &probe)
        : m_target(target)
        , m_worker(worker && worker->reached ? worker : nullptr)
        , m_probe(probe)
        , m_server(QStringLiteral("PostgreSQL %1:%2/%3")
                       .arg(target.endpoint.host)
                       .arg(target.endpoint.port)
                       .arg(target.endpoint.database))
    {}

    Findings run()
    {
        const SqlRows version = m_probe.query(QStringLiteral("SHOW server_version"));
        add(server(QStringLiteral("pg.connect"), Severity::Ok,
                   tr("Connected as %1 to PostgreSQL %2.").arg(m_target.endpoint.user, version.value(0, 0).toString()),
                   version.evidence()));
        checkWalLevel();
        checkRole();
        readSlots();
        checkCapacity();
        for (const ConnectorTarget &c : m_target.connectors) {
            checkTables(c);
            checkPublication(c);
            checkDecodingPlugin(c);
            checkSlot(c);
            checkReplicaIdentity(c);
            checkOutboxColumns(c);
        }
        return std::move(m_out);
    }

private:
    Finding server(const QString &check, Severity severity, const QString &title, const QString &evidence,
                   const QString &fix = {}) const
    {
        return serverFinding(Area::PostgreSQL, check, severity, m_server, title, evidence, fix);
    }

    Finding forConnector(const ConnectorTarget &c, const QString &check, Severity severity, const QString &title,
                         const QString &evidence, const QString &fix = {}) const
    {
        Finding f = server(check, severity, title, evidence, fix);
        f.subject = c.name + QStringLiteral(" @ ") + m_server;
        return f;
    }

    void add(Finding f) { m_out.push_back(std::move(f)); }

    void checkWalLevel()
    {
        const SqlRows r = m_probe.query(QStringLiteral("SHOW wal_level"));
        const QString level = r.value(0, 0).toString();
        if (level == QLatin1String("logical")) {
            add(server(QStringLiteral("pg.wal-level"), Severity::Ok, tr("wal_level is logical."), r.evidence()));
            return;
        }
        add(server(QStringLiteral("pg.wal-level"), Severity::Error,
                   r.ok() ? tr("wal_level is %1; Debezium needs logical.").arg(level)
                          : tr("wal_level could not be read."),
                   r.evidence(),
                   QStringLiteral("ALTER SYSTEM SET wal_level = logical;\n-- %1")
                       .arg(tr("then restart PostgreSQL: wal_level only changes at start"))));
    }

    void checkRole()
    {
        const SqlRows r =
            m_probe.query(QStringLiteral("SELECT rolreplication, rolsuper FROM pg_roles WHERE rolname = current_user"));
        m_superuser = r.value(0, 1).toBool();
        const bool replication = r.value(0, 0).toBool() || m_superuser;
        const QString user = m_target.endpoint.user;
        if (replication) {
            add(server(QStringLiteral("pg.role-replication"), Severity::Ok,
                       m_superuser ? tr("%1 is a superuser.").arg(user) : tr("%1 has REPLICATION.").arg(user),
                       r.evidence()));
            return;
        }
        add(server(QStringLiteral("pg.role-replication"), Severity::Error,
                   tr("%1 has neither REPLICATION nor superuser: it cannot open a replication connection.").arg(user),
                   r.evidence(), QStringLiteral("ALTER ROLE %1 WITH REPLICATION;").arg(quotedIdentifier(user, true))));
    }

    void readSlots()
    {
        m_slotQuery = m_probe.query(
            QStringLiteral("SELECT slot_name, plugin, active, database, "
                           "pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint FROM pg_replication_slots "
                           "WHERE slot_type = 'logical' ORDER BY slot_name"));
        for (const QVariantList &row : m_slotQuery.rows) {
            SlotRow s;
            s.plugin = row.value(1).toString();
            s.active = row.value(2).toBool();
            s.database = row.value(3).toString();
            s.retained = row.value(4).isNull() ? -1 : row.value(4).toLongLong();
            m_slots.insert(row.value(0).toString(), s);
        }
    }

    static QString slotName(const ConnectorTarget &c)
    {
        return c.config.value(QStringLiteral("slot.name"), QStringLiteral("debezium")).trimmed();
    }

    void checkCapacity()
    {
        const SqlRows r = m_probe.query(QStringLiteral(
            "SELECT current_setting('max_replication_slots')::int, (SELECT count(*) FROM pg_replication_slots)::int, "
            "current_setting('max_wal_senders')::int, (SELECT count(*) FROM pg_stat_replication)::int"));
        if (!r.ok() || r.rows.isEmpty()) {
            add(server(QStringLiteral("pg.slots-free"), Severity::Warning,
                       tr("The replication slot and WAL sender limits could not be read."), r.evidence()));
            return;
        }
        const int maxSlots = r.value(0, 0).toInt();
        const int usedSlots = r.value(0, 1).toInt();
        const int maxSenders = r.value(0, 2).toInt();
        const int usedSenders = r.value(0, 3).toInt();
        int slotsNeeded = 0;
        int sendersNeeded = 0;
        for (const ConnectorTarget &c : m_target.connectors) {
            const auto it = m_slots.constFind(slotName(c));
            slotsNeeded += it == m_slots.cend() ? 1 : 0;
            sendersNeeded += it == m_slots.cend() || !it->active ? 1 : 0;
        }
        const int freeSlots = maxSlots - usedSlots;
        const int freeSenders = maxSenders - usedSenders;
        if (freeSlots < slotsNeeded || freeSenders < sendersNeeded) {
            add(server(QStringLiteral("pg.slots-free"), Severity::Error,
                       tr("%1 of %2 replication slots and %3 of %4 WAL senders are free; the project's connectors "
                          "need %5 more slot(s) and %6 more sender(s).")
                           .arg(freeSlots)
                           .arg(maxSlots)
                           .arg(freeSenders)
                           .arg(maxSenders)
                           .arg(slotsNeeded)
                           .arg(sendersNeeded),
                       r.evidence() + u'\n' + m_slotQuery.evidence(),
                       tr("-- drop slots no connector uses any more:\nSELECT pg_drop_replication_slot('<slot>');\n"
                          "-- or raise the limits and restart PostgreSQL:\nALTER SYSTEM SET max_replication_slots = "
                          "%1;\nALTER SYSTEM SET max_wal_senders = %2;")
                           .arg(maxSlots + slotsNeeded)
                           .arg(maxSenders + sendersNeeded)));
            return;
        }
        add(server(QStringLiteral("pg.slots-free"), Severity::Ok,
                   tr("%1 of %2 replication slots and %3 of %4 WAL senders are free.")
                       .arg(freeSlots)
                       .arg(maxSlots)
                       .arg(freeSenders)
                       .arg(maxSenders),
                   r.evidence()));
    }

    void checkTables(const ConnectorTarget &c)
    {
        if (c.tables.isEmpty()) {
            add(forConnector(
                c, QStringLiteral("pg.table-select"), Severity::Info,
                tr("The connector captures every table (no plain table.include.list): privileges are not "
                   "checked table by table."),
                QStringLiteral("table.include.list=%1").arg(c.config.value(QStringLiteral("table.include.list")))));
            return;
        }
        QStringList missing, unreadable, evidence;
        for (const QString &table : c.tables) {
            const SqlRows r = m_probe.query(
                QStringLiteral("SELECT to_regclass(?) IS NOT NULL, has_table_privilege(to_regclass(?), 'SELECT')"),
                {table, table});
            evidence << r.evidence();
            if (!r.value(0, 0).toBool())
                missing << table;
            else if (!r.value(0, 1).toBool())
                unreadable << table;
        }
        const QString user = quotedIdentifier(m_target.endpoint.user, true);
        if (!missing.isEmpty()) {
            add(forConnector(c, QStringLiteral("pg.table-select"), Severity::Error,
                             tr("Captured table(s) %1 do not exist in %2.")
                                 .arg(missing.join(QStringLiteral(", ")), m_target.endpoint.database),
                             evidence.join(u'\n'),
                             tr("Create the table(s), or correct table.include.list. The outbox DDL is under "
                                "Pipeline ▸ the connector's review page.")));
        }
        if (!unreadable.isEmpty()) {
            QStringList grants;
            for (const QString &t : unreadable)
                grants << QStringLiteral("GRANT SELECT ON %1 TO %2;").arg(quotedIdentifier(t, true), user);
            add(forConnector(c, QStringLiteral("pg.table-select"), Severity::Error,
                             tr("%1 cannot SELECT from %2: the snapshot and the publication need it.")
                                 .arg(m_target.endpoint.user, unreadable.join(QStringLiteral(", "))),
                             evidence.join(u'\n'), grants.join(u'\n')));
        }
        if (missing.isEmpty() && unreadable.isEmpty())
            add(forConnector(c, QStringLiteral("pg.table-select"), Severity::Ok,
                             tr("%1 can read %2.").arg(m_target.endpoint.user, c.tables.join(QStringLiteral(", "))),
                             evidence.join(u'\n')));
    }

    void checkPublication(const ConnectorTarget &c)
    {
        if (c.config.value(QStringLiteral("plugin.name"), QStringLiteral("decoderbufs")) != QLatin1String("pgoutput"))
            return; // only pgoutput uses a publication; the linter flags decoderbufs
        const QString name = c.config.value(QStringLiteral("publication.name"), QStringLiteral("dbz_publication"));
        const QString mode =
            c.config.value(QStringLiteral("publication.autocreate.mode"), QStringLiteral("all_tables")).trimmed();
        const SqlRows r = m_probe.query(
            QStringLiteral("SELECT p.puballtables, COALESCE((SELECT string_agg(t.schemaname || '.' || t.tablename, ',' "
                           "ORDER BY 1) FROM pg_publication_tables t WHERE t.pubname = p.pubname), '') "
                           "FROM pg_publication p WHERE p.pubname = ?"),
            {name});
        QStringList tableList;
        for (const QString &t : c.tables)
            tableList << quotedIdentifier(t, true);
        const QString create =
            c.tables.isEmpty()
                ? QStringLiteral("CREATE PUBLICATION %1 FOR ALL TABLES;").arg(quotedIdentifier(name, true))
                : QStringLiteral("CREATE PUBLICATION %1 FOR TABLE %2;")
                      .arg(quotedIdentifier(name, true), tableList.join(QStringLiteral(", ")));
        const QString check = QStringLiteral("pg.publication");
        if (!r.ok()) {
            add(forConnector(c, check, Severity::Warning, tr("The publication could not be read."), r.evidence()));
            return;
        }
        if (!r.rows.isEmpty()) {
            const bool allTables = r.value(0, 0).toBool();
            const QStringList published = r.value(0, 1).toString().split(u',', Qt::SkipEmptyParts);
            QStringList absent;
            for (const QString &t : c.tables) {
                if (!allTables && !published.contains(t))
                    absent << t;
            }
            if (absent.isEmpty()) {
                add(forConnector(c, check, Severity::Ok,
                                 allTables ? tr("Publication %1 exists FOR ALL TABLES.").arg(name)
                                           : tr("Publication %1 exists and has the captured tables.").arg(name),
                                 r.evidence()));
            } else if (mode == QLatin1String("filtered")) {
                add(forConnector(c, check, Severity::Info,
                                 tr("Publication %1 lacks %2; Debezium adds it at start (autocreate mode filtered).")
                                     .arg(name, absent.join(QStringLiteral(", "))),
                                 r.evidence()));
            } else {
                QStringList quoted;
                for (const QString &t : absent)
                    quoted << quotedIdentifier(t, true);
                add(forConnector(c, check, Severity::Error,
                                 tr("Publication %1 lacks %2: its changes will never be streamed.")
                                     .arg(name, absent.join(QStringLiteral(", "))),
                                 r.evidence(),
                                 QStringLiteral("ALTER PUBLICATION %1 ADD TABLE %2;")
                                     .arg(quotedIdentifier(name, true), quoted.join(QStringLiteral(", ")))));
            }
            return;
        }
        // Missing: who will create it?
        Finding f = forConnector(c, check, Severity::Info, {}, r.evidence(), create);
        if (mode == QLatin1String("disabled")) {
            f.severity = Severity::Error;
            f.title = tr("Publication %1 does not exist and publication.autocreate.mode is disabled: the task will "
                         "fail at start.")
                          .arg(name);
        } else if (mode == QLatin1String("no_tables")) {
            f.title = tr("Publication %1 does not exist; Debezium creates it empty (no_tables), and tables must be "
                         "added by hand.")
                          .arg(name);
        } else if (mode == QLatin1String("filtered") && !c.tables.isEmpty()) {
            QStringList owned;
            for (const QString &t : c.tables) {
                const SqlRows o =
                    m_probe.query(QStringLiteral("SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
                                                 "WHERE oid = to_regclass(?)"),
                                  {t});
                f.evidence += u'\n' + o.evidence();
                if (!o.value(0, 0).toBool())
                    owned << t;
            }
            if (owned.isEmpty()) {
                f.title = tr("Publication %1 does not exist yet; Debezium creates it at start for the captured tables.")
                              .arg(name);
            } else {
                f.severity = Severity::Error;
                f.title = tr("Publication %1 does not exist, and %2 does not own %3, so Debezium cannot create it.")
                              .arg(name, m_target.endpoint.user, owned.join(QStringLiteral(", ")));
                f.fix = create + u'\n' + tr("-- as the tables' owner or a superuser");
            }
        } else if (!m_superuser) {
            f.severity = Severity::Error;
            f.title = tr("Publication %1 does not exist; autocreate mode %2 creates it FOR ALL TABLES, which needs a "
                         "superuser, and %3 is not one.")
                          .arg(name, mode, m_target.endpoint.user);
            f.fix = create + u'\n' +
                    tr("-- or set \"publication.autocreate.mode\": \"filtered\" with a role that owns the tables");
        } else {
            f.title = tr("Publication %1 does not exist yet; Debezium creates it at start.").arg(name);
        }
        // Creating a publication changes nothing that streams now: safe to apply from here.
        if (f.severity == Severity::Info || mode == QLatin1String("disabled")) {
            f.apply.kind = ApplyAction::Kind::Sql;
            f.apply.endpoint = m_probe.endpoint();
            f.apply.passwordReference = m_target.endpoint.passwordReference;
            f.apply.statement = create;
        }
        add(f);
    }

    // decoderbufs (Debezium's default plugin.name) is in Debezium's PostgreSQL images, not in stock
    // PostgreSQL: whether this server has it is only known by asking it to load the plugin, with a
    // temporary slot dropped at once. pgoutput is built into PostgreSQL 10 and later.
    void checkDecodingPlugin(const ConnectorTarget &c)
    {
        const QString plugin = c.config.value(QStringLiteral("plugin.name"), QStringLiteral("decoderbufs")).trimmed();
        if (plugin == QLatin1String("pgoutput") || m_decodingPlugins.contains(plugin))
            return;
        m_decodingPlugins.insert(plugin);
        const QString check = QStringLiteral("pg.decoding-plugin");
        if (const auto it = m_slots.constFind(slotName(c)); it != m_slots.cend() && it->plugin == plugin) {
            add(forConnector(c, check, Severity::Ok,
                             tr("The server has the %1 plugin: slot %2 uses it.").arg(plugin, slotName(c)),
                             m_slotQuery.evidence()));
            return;
        }
        const QString probe =
            QStringLiteral("cdc_studio_probe_") + QString::number(QDateTime::currentMSecsSinceEpoch());
        // Making a slot waits for open transactions: bounded, so a long transaction cannot hold the Doctor.
        m_probe.query(QStringLiteral("SET statement_timeout = 5000"));
        const SqlRows made = m_probe.query(
            QStringLiteral("SELECT slot_name FROM pg_create_logical_replication_slot(?, ?, true)"), {probe, plugin});
        if (made.ok())
            m_probe.query(QStringLiteral("SELECT pg_drop_replication_slot(?)"), {probe});
        m_probe.query(QStringLiteral("RESET statement_timeout"));
        if (made.ok()) {
            add(forConnector(c, check, Severity::Ok,
                             tr("The server has the %1 plugin (plugin.name of %2).").arg(plugin, c.name),
                             made.evidence()));
        } else if (debezium::isMissingDecodingPlugin(made.code, made.error)) {
            add(forConnector(c, check, Severity::Error,
                             tr("The server has no %1 plugin, which connector %2 uses (plugin.name%3): its task fails "
                                "when it creates the slot.")
                                 .arg(plugin, c.name,
                                      c.config.contains(QStringLiteral("plugin.name"))
                                          ? QString()
                                          : tr(" is not set, and decoderbufs is Debezium's default")),
                             made.evidence(),
                             tr("\"plugin.name\": \"pgoutput\"  (built into PostgreSQL 10 and later), or install %1 "
                                "on the server (Debezium's PostgreSQL images have it).")
                                 .arg(plugin)));
        } else {
            add(forConnector(
                c, check, Severity::Info,
                tr("Whether the server has the %1 plugin could not be told: a test slot was refused.").arg(plugin),
                made.evidence()));
        }
    }

    void checkSlot(const ConnectorTarget &c)
    {
        const QString slot = slotName(c);
        const QString plugin = c.config.value(QStringLiteral("plugin.name"), QStringLiteral("decoderbufs"));
        const connect::ConnectorOverview *live = m_worker ? m_worker->find(c.name) : nullptr;
        const QString state = live ? live->status.state : QString();
        const QString check = QStringLiteral("pg.slot");
        const auto it = m_slots.constFind(slot);
        if (it == m_slots.cend()) {
            const bool failed =
                live && (state == QLatin1String("FAILED") ||
                         std::any_of(live->status.tasks.begin(), live->status.tasks.end(),
                                     [](const connect::TaskStatus &t) { return t.state == QLatin1String("FAILED"); }));
            if (failed) {
                // A task that failed before it streamed never made its slot: its failure is the finding.
                add(forConnector(c, check, Severity::Info,
                                 tr("Replication slot %1 does not exist; connector %2 has a FAILED task, so it has not "
                                    "made it (see the connector's failure).")
                                     .arg(slot, c.name),
                                 m_slotQuery.evidence()));
            } else if (live) {
                add(forConnector(
                    c, check, Severity::Error,
                    tr("Replication slot %1 does not exist, but connector %2 is deployed (%3): the slot was dropped, "
                       "and changes made since are lost to it.")
                        .arg(slot, c.name, state),
                    m_slotQuery.evidence() +
                        QStringLiteral("\nGET %1/connectors/%2/status\n→ %3").arg(m_worker->url, c.name, state),
                    tr("Restart the connector: Debezium creates slot %1 again at the current WAL position.\n"
                       "Then re-read what was missed: an incremental snapshot (execute-snapshot signal), or\n"
                       "\"snapshot.mode\": \"when_needed\" for one restart.")
                        .arg(slot)));
            } else {
                add(forConnector(c, check, Severity::Info,
                                 tr("Replication slot %1 does not exist yet; Debezium creates it when the connector "
                                    "first starts.")
                                     .arg(slot),
                                 m_slotQuery.evidence()));
            }
            return;
        }
        const QString evidence = m_slotQuery.evidence();
        if (it->plugin != plugin) {
            add(forConnector(
                c, check, Severity::Error,
                tr("Slot %1 was made for plugin %2, but the connector uses %3.").arg(slot, it->plugin, plugin),
                evidence,
                QStringLiteral("SELECT pg_drop_replication_slot(%1);  -- %2")
                    .arg(quotedLiteral(slot), tr("when no connector uses it; Debezium recreates it"))));
        } else if (it->database != m_target.endpoint.database) {
            add(forConnector(c, check, Severity::Error,
                             tr("Slot %1 belongs to database %2, not %3: another connector owns this name.")
                                 .arg(slot, it->database, m_target.endpoint.database),
                             evidence,
                             QStringLiteral("\"slot.name\": \"%1_%2\"").arg(slot, m_target.endpoint.database)));
        } else if (it->active) {
            add(forConnector(c, check, Severity::Ok, tr("Replication slot %1 exists and is active.").arg(slot),
                             evidence));
        } else if (state == QLatin1String("RUNNING")) {
            add(forConnector(c, check, Severity::Warning,
                             tr("Replication slot %1 is inactive although connector %2 is RUNNING.").arg(slot, c.name),
                             evidence,
                             tr("Restart the connector's tasks; check that no other client holds the slot.")));
        } else {
            add(forConnector(c, check, Severity::Info,
                             tr("Replication slot %1 exists and is inactive: nobody streams from it now, and it keeps "
                                "WAL until the connector runs.")
                                 .arg(slot),
                             evidence));
        }
        if (it->retained >= 0) {
            const QString size = QLocale::c().formattedDataSize(it->retained);
            const Severity s = it->retained >= kRetainedErrorBytes     ? Severity::Error
                               : it->retained >= kRetainedWarningBytes ? Severity::Warning
                                                                       : Severity::Ok;
            // Debezium 3.5 flushes the slot only on the events it processes (lsn.flush.mode=connector, the
            // driver's keepalive flush off, as its log says): a quiet database with no heartbeat never
            // confirms, and the WAL that other databases write piles up behind the slot.
            const bool heartbeat =
                c.config.value(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("0")).trimmed() !=
                QLatin1String("0");
            const bool quietAndNoHeartbeat = s != Severity::Ok && !heartbeat && state == QLatin1String("RUNNING");
            add(forConnector(
                c, QStringLiteral("pg.slot-retained"), s,
                quietAndNoHeartbeat
                    ? tr("Slot %1 retains %2 of WAL although connector %3 runs: it has no heartbeat, so on a quiet "
                         "database it confirms nothing and WAL piles up.")
                          .arg(slot, size, c.name)
                    : tr("Slot %1 retains %2 of WAL.").arg(slot, size),
                evidence,
                s == Severity::Ok     ? QString()
                : quietAndNoHeartbeat ? tr("\"heartbeat.interval.ms\": \"10000\", and \"heartbeat.action.query\" "
                                           "writing to a heartbeat table when the captured tables stay quiet while "
                                           "others change.")
                                      : tr("Let the connector catch up (Resume/Restart); set heartbeat.interval.ms "
                                           "so a quiet slot advances; drop the slot if its connector is gone.")));
        }
    }

    void checkReplicaIdentity(const ConnectorTarget &c)
    {
        for (const QString &table : c.tables) {
            if (c.outboxRouter && table == c.outboxTable)
                continue; // an outbox table only gets inserts: no before-images needed
            const SqlRows r = m_probe.query(
                QStringLiteral("SELECT c.relreplident::text, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid "
                               "AND i.indisprimary) FROM pg_class c WHERE c.oid = to_regclass(?)"),
                {table});
            if (r.rows.isEmpty())
                continue; // pg.table-select reports a missing table
            const QString identity = r.value(0, 0).toString();
            const bool primaryKey = r.value(0, 1).toBool();
            const QString fix =
                QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY FULL;").arg(quotedIdentifier(table, true));
            if (identity == QLatin1String("n") || (identity == QLatin1String("d") && !primaryKey)) {
                add(forConnector(c, QStringLiteral("pg.replica-identity"), Severity::Warning,
                                 tr("%1 has no replica identity (%2): updates and deletes arrive without a key or "
                                    "before-image.")
                                     .arg(table, identity == QLatin1String("n") ? tr("NOTHING")
                                                                                : tr("DEFAULT without a "
                                                                                     "primary key")),
                                 r.evidence(), fix));
            } else {
                add(forConnector(
                    c, QStringLiteral("pg.replica-identity"), Severity::Ok,
                    identity == QLatin1String("f")
                        ? tr("%1 has REPLICA IDENTITY FULL: full before-images.").arg(table)
                        : tr("%1 identifies rows by its key; before-images carry the key only.").arg(table),
                    r.evidence()));
            }
        }
    }

    void checkOutboxColumns(const ConnectorTarget &c)
    {
        if (!c.outboxRouter || c.outboxTable.isEmpty())
            return;
        const SqlRows r =
            m_probe.query(QStringLiteral("SELECT column_name, data_type FROM information_schema.columns "
                                         "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position"),
                          {c.outboxTable.section(u'.', 0, 0), c.outboxTable.section(u'.', 1)});
        if (r.rows.isEmpty())
            return; // pg.table-select reports a missing table
        QMap<QString, QString> types;
        for (const QVariantList &row : r.rows)
            types.insert(row.value(0).toString(), row.value(1).toString());
        QStringList missing;
        for (const QString &column : {c.outbox.id, c.outbox.key, c.outbox.routeBy, c.outbox.payload}) {
            if (!types.contains(column))
                missing << column;
        }
        const QString check = QStringLiteral("pg.outbox-columns");
        if (!missing.isEmpty()) {
            add(forConnector(
                c, check, Severity::Error,
                tr("The outbox table %1 lacks column(s) %2 that the Event Router reads.")
                    .arg(c.outboxTable, missing.join(QStringLiteral(", "))),
                r.evidence(),
                tr("Add the column(s), or point transforms.*.table.field.* / route.by.field at the columns "
                   "the table has.")));
            return;
        }
        const QString payloadType = types.value(c.outbox.payload);
        static const QStringList jsonTypes{QStringLiteral("jsonb"), QStringLiteral("json"), QStringLiteral("text"),
                                           QStringLiteral("character varying")};
        if (c.outbox.expandJson && !jsonTypes.contains(payloadType)) {
            add(forConnector(
                c, check, Severity::Warning,
                tr("table.expand.json.payload is on, but %1.%2 is %3, not JSON.")
                    .arg(c.outboxTable, c.outbox.payload, payloadType),
                r.evidence(),
                QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 TYPE jsonb USING %2::jsonb;")
                    .arg(quotedIdentifier(c.outboxTable, true), quotedIdentifier(c.outbox.payload, true))));
            return;
        }
        add(forConnector(c, check, Severity::Ok,
                         tr("The outbox table %1 has the Event Router's columns (%2 is %3).")
                             .arg(c.outboxTable, c.outbox.payload, payloadType),
                         r.evidence()));
    }

    const PostgresTarget &m_target;
    const WorkerState *m_worker;
    SqlProbe &m_probe;
    QString m_server;
    bool m_superuser = false;
    SqlRows m_slotQuery;
    QMap<QString, SlotRow> m_slots;
    QSet<QString> m_decodingPlugins; // the plugins checked on this server, each once
    Findings m_out;
};

} // namespace

Findings runPostgresChecks(const PostgresTarget &target, const WorkerState *worker, int timeoutSeconds)
{
    const lag::PostgresEndpoint &e = target.endpoint;
    const QString where = QStringLiteral("PostgreSQL %1:%2/%3").arg(e.host).arg(e.port).arg(e.database);
    Finding failed;
    failed.check = QStringLiteral("pg.connect");
    failed.area = Area::PostgreSQL;
    failed.severity = Severity::Error;
    failed.subject = where;
    failed.databaseKind = QStringLiteral("postgres");
    failed.guide = QStringLiteral("database-unreachable");
    const Result<QString> password = resolveSecretReference(e.passwordReference);
    if (!password) {
        failed.title = tr("The password reference of %1 cannot be read, so no PostgreSQL check could run.").arg(e.user);
        failed.evidence = QStringLiteral("%1\n→ %2").arg(e.passwordReference, password.error().toString());
        failed.fix =
            tr("Make the reference resolvable on this machine (the file and key exist, or the variable is set).");
        return {failed};
    }
    SqlProbe probe(SqlEndpoint{true, e.host, e.port, e.database, e.user}, password.value(), timeoutSeconds);
    if (!probe.isOpen()) {
        failed.title = tr("Cannot connect as %1: %2").arg(e.user, probe.openError());
        failed.evidence = QStringLiteral("connect host=%1 port=%2 dbname=%3 user=%4 password=%5\n→ %6")
                              .arg(e.host)
                              .arg(e.port)
                              .arg(e.database, e.user, e.passwordReference, probe.openError());
        failed.fix = tr("Check host, port, database, user and the password reference, and that pg_hba.conf lets "
                        "this host in; then run the checks again.");
        return {failed};
    }
    return PostgresRound(target, worker, probe).run();
}

} // namespace cdc::doctor
