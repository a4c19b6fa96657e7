// SPDX-License-Identifier: GPL-3.0-or-later
// "Test connection" for the wizards: connects through Qt SQL like Debezium will, reports the server
// version and the server settings Debezium needs. Blocking: run it off the GUI thread. Also where a
// new connector's database defaults come from (the project's database nodes, or the sandbox's
// simulated databases), and the test against a simulated database, which never blocks.
#pragma once

#include "core/result.h"
#include "debezium/connectoranswers.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace cdc::debezium {

struct ConnectionCheck
{
    QString serverVersion;
    QStringList problems; // settings Debezium will trip over (wal_level, binlog_format, grants, ...)
};

// `password` is the real password for this one check; it is not kept anywhere.
// Whether PostgreSQL's answer to making a slot with a decoding plugin (its SQLSTATE `code` and message
// `error`) says the server has no usable plugin of that name: no such file (58P01), or a library that is
// not an output plugin.
bool isMissingDecodingPlugin(const QString &code, const QString &error);

Result<ConnectionCheck> checkConnection(const ConnectorAnswers &answers, const QString &password,
                                        int timeoutSeconds = 5);

// A database a connector can read: a database node of the project, or one the sandbox simulates.
struct DatabaseTarget
{
    QString kind; // "postgres" or "mysql"
    bool mariadb = false;
    QString host;
    int port = 0;
    QString database;
    QString user;
    QString passwordReference;
    QString outboxTable;
    QStringList tables; // every table it serves (simulated databases), for the connection test's message
};

// The project's database nodes as targets, in node order.
std::vector<DatabaseTarget> databaseTargets(const topology::Project &project);
// Fills host, port, database, user, password reference and outbox table of a new connector from the
// first target of its kind (a MySQL connector on a MariaDB target becomes a MariaDB one); unchanged
// when there is none.
void applyDatabaseDefaults(ConnectorAnswers &answers, const std::vector<DatabaseTarget> &targets);
// The connection test when the databases are simulated: passes for a target of the connector's kind
// at its host, port and database (any spelling of loopback), and fails saying what is served instead.
Result<ConnectionCheck> checkSimulatedConnection(const ConnectorAnswers &answers,
                                                 const std::vector<DatabaseTarget> &simulated);

} // namespace cdc::debezium
