// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a PostgreSQL or MySQL/MariaDB connection through Qt SQL, in one place: the connection
// check of the wizards, the lag samplers and the tests' stack client all open their servers here.
// Connections are per thread in Qt SQL: open, use and close a name on one thread.
#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace cdc {

struct SqlEndpoint
{
    bool postgres = true; // else MySQL/MariaDB
    QString host;
    int port = 0;
    QString database; // may be empty for MySQL
    QString user;
};

// The named connection (added, or reused when it exists) set to `endpoint`, `password` and the driver's
// connect `options` ("connect_timeout=5", "MYSQL_OPT_CONNECT_TIMEOUT=5", ...), and opened. The error's
// `what` is one line: the server's own message, or that the Qt SQL driver is missing (with the Debian
// package in the hint). A connection that failed to open is left closed, still registered.
Result<QSqlDatabase> openDatabase(const QString &connectionName, const SqlEndpoint &endpoint, const QString &password,
                                  const QString &options = {});

// Closes and removes the named connection; nothing when there is none.
void closeDatabase(const QString &connectionName);

// The server's message for an error (the driver's text when the server said nothing), on one line.
QString sqlErrorText(const QSqlError &error);

} // namespace cdc
