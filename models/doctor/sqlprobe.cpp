// SPDX-License-Identifier: GPL-3.0-or-later
// Qt SQL with per-connection timeouts; the connection name is unique, so probes may run in parallel.
#include "sqlprobe.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QUuid>

namespace cdc::doctor {

QVariant SqlRows::value(int row, int column) const
{
    if (row < 0 || row >= rows.size() || column < 0 || column >= rows.at(row).size())
        return {};
    return rows.at(row).at(column);
}

QString SqlRows::evidence() const
{
    QString text = statement;
    if (!ok())
        return text + QStringLiteral("\n→ error: ") + error;
    if (rows.isEmpty())
        return text + QStringLiteral("\n→ (no rows)");
    constexpr int kShownRows = 20;
    for (int i = 0; i < rows.size() && i < kShownRows; ++i) {
        QStringList cells;
        for (const QVariant &v : rows.at(i))
            cells << (v.isNull() ? QStringLiteral("NULL") : v.toString());
        text += QStringLiteral("\n→ ") + cells.join(QStringLiteral(" | "));
    }
    if (rows.size() > kShownRows)
        text += QStringLiteral("\n→ … %1 more rows").arg(rows.size() - kShownRows);
    return text;
}

SqlProbe::SqlProbe(const SqlEndpoint &endpoint, const QString &password, int timeoutSeconds)
    : m_endpoint(endpoint)
    , m_connection(QStringLiteral("cdc-doctor-") + QUuid::createUuid().toString(QUuid::Id128))
{
    const QString options =
        endpoint.postgres
            ? QStringLiteral("connect_timeout=%1;application_name=cdc-studio-doctor").arg(timeoutSeconds)
            : QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1;MYSQL_OPT_READ_TIMEOUT=%1").arg(timeoutSeconds);
    const Result<QSqlDatabase> opened = openDatabase(m_connection, endpoint, password, options);
    if (!opened) {
        m_openError = opened.error().what;
        return;
    }
    // A server that stops answering must not hold the Doctor for long.
    if (endpoint.postgres) {
        const SqlRows r = query(QStringLiteral("SET statement_timeout = %1").arg(timeoutSeconds * 1000));
        if (!r.ok())
            m_openError = r.error;
    }
}

SqlProbe::~SqlProbe()
{
    closeDatabase(m_connection);
}

SqlRows SqlProbe::query(const QString &statement, const QVariantList &values)
{
    SqlRows out;
    QString shown;
    int next = 0;
    for (const QChar c : statement) {
        if (c == u'?' && next < values.size())
            shown += quotedLiteral(values.at(next++).toString());
        else
            shown += c;
    }
    out.statement = shown;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen()) {
        out.error = m_openError.isEmpty() ? QStringLiteral("not connected") : m_openError;
        return out;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    bool ok = false;
    if (values.isEmpty()) {
        ok = q.exec(statement);
    } else {
        ok = q.prepare(statement);
        for (const QVariant &v : values)
            q.addBindValue(v);
        ok = ok && q.exec();
    }
    if (!ok) {
        out.error = sqlErrorText(q.lastError());
        out.code = q.lastError().nativeErrorCode();
        return out;
    }
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < q.record().count(); ++i)
            row << q.value(i);
        out.rows << row;
    }
    return out;
}

QString quotedIdentifier(const QString &name, bool postgres)
{
    const QChar quote = postgres ? u'"' : u'`';
    QStringList parts;
    for (QString part : name.split(u'.')) {
        part.replace(quote, QString(quote) + quote);
        parts << quote + part + quote;
    }
    return parts.join(u'.');
}

QString quotedLiteral(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\'', QStringLiteral("''"));
    return u'\'' + escaped + u'\'';
}

} // namespace cdc::doctor
