// SPDX-License-Identifier: GPL-3.0-or-later
// The capstone's two captures as the sandbox tests use them (what captureSpecFromConfig makes of the
// template's connectors, plus the orders table for raw change events).
#pragma once

#include "sandbox/sandboxtypes.h"

namespace cdc::sandbox::testing {

inline CaptureSpec postgresSpec()
{
    CaptureSpec spec;
    spec.connector = QStringLiteral("postgres-outbox");
    spec.kind = SourceKind::Postgres;
    spec.connectorClass = QStringLiteral("io.debezium.connector.postgresql.PostgresConnector");
    spec.topicPrefix = QStringLiteral("pg");
    spec.outboxTable = QStringLiteral("public.outbox");
    spec.routeTopicReplacement = QStringLiteral("outbox.event.postgres.${routedByValue}");
    spec.expandJsonPayload = true;
    spec.otherTables = {QStringLiteral("public.orders")};
    spec.slotName = QStringLiteral("outbox_pg");
    spec.database = QStringLiteral("capstone");
    return spec;
}

inline CaptureSpec mysqlSpec(
    const QString &connectorClass = QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector"))
{
    CaptureSpec spec;
    spec.connector = QStringLiteral("mysql-outbox");
    spec.kind = SourceKind::MySql;
    spec.connectorClass = connectorClass;
    spec.topicPrefix = QStringLiteral("mysql");
    spec.outboxTable = QStringLiteral("capstone.outbox");
    spec.routeTopicReplacement = QStringLiteral("outbox.event.mysql.${routedByValue}");
    spec.expandJsonPayload = false;
    spec.otherTables = {QStringLiteral("capstone.orders")};
    spec.serverId = 184054;
    spec.database = QStringLiteral("capstone");
    return spec;
}

// The MySQL capture with the outbox only and its payload expanded.
inline CaptureSpec mysqlOutboxSpec()
{
    CaptureSpec spec = mysqlSpec();
    spec.expandJsonPayload = true;
    spec.otherTables.clear();
    return spec;
}

} // namespace cdc::sandbox::testing
