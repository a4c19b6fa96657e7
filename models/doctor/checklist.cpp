// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson's verification checklist as items over the Doctor's check ids.
#include "checklist.h"

#include <QCoreApplication>

namespace cdc::doctor {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cdc::doctor::checklist", text);
}

QStringList ids(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromLatin1(i);
    return out;
}

std::vector<ChecklistItem> makeChecklist()
{
    const QString infra = tr("Infrastructure");
    const QString flow = tr("Event flow");
    return {
        {QStringLiteral("pg-ready"),
         infra,
         tr("PostgreSQL answers and writes logical WAL (wal_level=logical)"),
         ids({"pg.connect", "pg.wal-level"}),
         {},
         {}},
        {QStringLiteral("pg-capacity"),
         infra,
         tr("PostgreSQL has a free replication slot and WAL sender"),
         ids({"pg.slots-free"}),
         {},
         {}},
        {QStringLiteral("pg-role"),
         infra,
         tr("The connector's PostgreSQL role has REPLICATION and can read the captured tables"),
         ids({"pg.role-replication", "pg.table-select"}),
         {},
         {}},
        {QStringLiteral("my-binlog"),
         infra,
         tr("MySQL/MariaDB answers and writes a ROW binlog with full row images"),
         ids({"my.connect", "my.log-bin", "my.binlog-format", "my.binlog-row-image"}),
         {},
         {}},
        {QStringLiteral("my-grants"),
         infra,
         tr("The connector's MySQL user has SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and CLIENT"),
         ids({"my.grants"}),
         {},
         {}},
        {QStringLiteral("my-server-id"),
         infra,
         tr("The server's server_id and every connector's database.server.id differ"),
         ids({"my.server-id"}),
         {},
         {}},
        {QStringLiteral("outbox-tables"),
         infra,
         tr("The outbox tables have the columns the Event Router reads"),
         ids({"pg.outbox-columns", "my.outbox-columns"}),
         {},
         {}},
        {QStringLiteral("plugins"),
         infra,
         tr("Kafka Connect runs the Debezium connector plugins"),
         ids({"connect.plugins"}),
         {},
         {}},
        {QStringLiteral("history-topic"),
         infra,
         tr("Each MySQL connector's schema history topic has one partition and infinite retention"),
         ids({"kafka.history-topic"}),
         {},
         {}},
        {QStringLiteral("pg-running"),
         flow,
         tr("Deploy the PostgreSQL connector alone: it is RUNNING with every task"),
         ids({"connect.connector-state"}),
         ids({"postgres"}),
         {}},
        {QStringLiteral("pg-slot-active"),
         flow,
         tr("Its replication slot exists and is active"),
         ids({"pg.slot"}),
         ids({"postgres"}),
         {}},
        {QStringLiteral("pg-event"),
         flow,
         tr("An outbox row inserted in PostgreSQL arrives on outbox.event.postgres.*"),
         {},
         {},
         tr("INSERT INTO public.outbox (aggregatetype, aggregateid, type, payload) VALUES ('order', '1', "
            "'OrderCreated', '{}'); then watch the Events panel (source:postgres).")},
        {QStringLiteral("my-running"),
         flow,
         tr("Deploy the MySQL/MariaDB connector: it is RUNNING with every task"),
         ids({"connect.connector-state"}),
         ids({"mysql"}),
         {}},
        {QStringLiteral("my-event"),
         flow,
         tr("An outbox row inserted in MySQL/MariaDB arrives on outbox.event.mysql.*"),
         {},
         {},
         tr("INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('order', '1', 'OrderCreated', "
            "'{}'); then watch the Events panel (source:mysql).")},
        {QStringLiteral("both-running"),
         flow,
         tr("Both connectors run together, no task FAILED"),
         ids({"connect.connector-state"}),
         ids({"postgres", "mysql"}),
         {}},
        {QStringLiteral("both-events"),
         flow,
         tr("The consumer sees both sources: PG-1 and MY-1 stay two orders with their source_database"),
         {},
         {},
         tr("Insert aggregate id 1 in both databases; the unified consumer must show two rows.")},
    };
}

} // namespace

QString itemStateName(ItemState state)
{
    switch (state) {
    case ItemState::Pending: return QStringLiteral("pending");
    case ItemState::Passed: return QStringLiteral("passed");
    case ItemState::Failed: return QStringLiteral("failed");
    }
    return {};
}

const std::vector<ChecklistItem> &verificationChecklist()
{
    static const std::vector<ChecklistItem> items = makeChecklist();
    return items;
}

ItemState evaluateItem(const ChecklistItem &item, const Findings &findings, const QSet<QString> &ticked)
{
    if (item.checks.isEmpty())
        return ticked.contains(item.id) ? ItemState::Passed : ItemState::Pending;
    bool any = false;
    bool allOk = true;
    QSet<QString> kindsSeen;
    for (const Finding &f : findings) {
        if (!item.checks.contains(f.check))
            continue;
        if (!item.kinds.isEmpty() && !item.kinds.contains(f.databaseKind))
            continue;
        if (f.severity == Severity::Warning || f.severity == Severity::Error)
            return ItemState::Failed;
        any = true;
        allOk = allOk && f.severity == Severity::Ok;
        kindsSeen.insert(f.databaseKind);
    }
    for (const QString &kind : item.kinds) {
        if (!kindsSeen.contains(kind))
            return ItemState::Pending;
    }
    return any && allOk ? ItemState::Passed : ItemState::Pending;
}

ChecklistProgress checklistProgress(const Findings &findings, const QSet<QString> &ticked)
{
    ChecklistProgress p;
    for (const ChecklistItem &item : verificationChecklist()) {
        switch (evaluateItem(item, findings, ticked)) {
        case ItemState::Passed: ++p.passed; break;
        case ItemState::Failed: ++p.failed; break;
        case ItemState::Pending: ++p.pending; break;
        }
    }
    return p;
}

} // namespace cdc::doctor
