// SPDX-License-Identifier: GPL-3.0-or-later
// One connection for a round of database checks: opens it with timeouts, runs a query with bound
// values, and writes the evidence (the statement as run, and the rows it returned) for the finding.
// Blocking: the Doctor runs it on a worker thread.
#pragma once

#include "core/result.h"
#include "core/sqlconnection.h"

#include <QList>
#include <QString>
#include <QVariant>

namespace cdc::doctor {

struct SqlRows
{
    QString statement; // as shown in evidence: placeholders replaced by the quoted values
    QList<QVariantList> rows;
    QString error; // empty when the statement ran
    QString code;  // the server's error code (PostgreSQL's SQLSTATE, "58P01"; MySQL's number) when it failed

    bool ok() const { return error.isEmpty(); }
    QVariant value(int row, int column) const;
    // "statement\n→ a | b\n→ c | d" (or "→ (no rows)" / "→ error: ...").
    QString evidence() const;
};

class SqlProbe
{
public:
    // Opens a connection of its own; `password` is used for this connection only.
    SqlProbe(const SqlEndpoint &endpoint, const QString &password, int timeoutSeconds);
    ~SqlProbe();
    SqlProbe(const SqlProbe &) = delete;
    SqlProbe &operator=(const SqlProbe &) = delete;

    bool isOpen() const { return m_openError.isEmpty(); }
    QString openError() const { return m_openError; }
    const SqlEndpoint &endpoint() const { return m_endpoint; }

    SqlRows query(const QString &statement, const QVariantList &values = {});

private:
    SqlEndpoint m_endpoint;
    QString m_connection;
    QString m_openError;
};

// SQL text of a name: "public"."outbox" for PostgreSQL, `capstone`.`outbox` for MySQL.
QString quotedIdentifier(const QString &name, bool postgres);
// 'it''s'
QString quotedLiteral(const QString &text);

} // namespace cdc::doctor
