// SPDX-License-Identifier: GPL-3.0-or-later
// What the Doctor's end-to-end tests share: the capstone project pointed at a server with names of its own,
// admin connections to the stack's servers (for per-test users, grants and slots, never server settings),
// and throwaway PostgreSQL and MariaDB servers for the server-level faults the shared stack must not get.
#pragma once

#include "core/stackenvironment.h"
#include "doctor/finding.h"
#include "topology/projectfile.h"

#include <QMap>
#include <QProcess>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace cdc::e2e {

// The capstone template, its PostgreSQL connector at host:port/database as user, its MariaDB connector at
// the stack's MariaDB, with slot, publication, history topic, names and a server id unique to `run`.
topology::Project doctorProject(const StackEnvironment &env, const QString &run);
void setConnectorProperty(topology::Project &project, const QString &kind, const QString &key, const QString &value);

// The warnings and errors, as "check" strings in order.
QStringList problemChecks(const doctor::Findings &findings);
const doctor::Finding *findingOf(const doctor::Findings &findings, const QString &check);

// A .properties file in `dir` holding `secret` under `key`; returns the ${file:...:key} reference.
QString writeSecret(const QTemporaryDir &dir, const QString &key, const QString &secret);
QString randomSecret();
int freePort();

// Creates (or deletes) a topic through librdkafka's admin API; false and `error` when the brokers refuse.
bool createTopic(const QString &bootstrap, const QString &topic, int partitions, const QMap<QString, QString> &configs,
                 QString &error);
bool deleteTopic(const QString &bootstrap, const QString &topic, QString &error);

// As the stack's superuser over its socket (root on the stack's machine only): for per-test roles, grants
// and publications. Invalid, with `error` set, when that is not possible here.
QSqlDatabase stackPostgresAdmin(const StackEnvironment &env, QString &error);
QSqlDatabase stackMariaDbAdmin(const StackEnvironment &env, QString &error);
// Runs each statement; false and `error` at the first the server refuses.
bool runSql(QSqlDatabase db, const QStringList &statements, QString &error);

// A PostgreSQL of its own in a temporary folder (initdb + postgres, as user postgres when root), with
// extra `-c name=value` settings, trust authentication and a superuser named postgres.
class ThrowawayPostgres
{
public:
    ~ThrowawayPostgres();
    bool start(const QStringList &settings);
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QSqlDatabase admin(const QString &database = QStringLiteral("postgres"));

private:
    QTemporaryDir m_dir;
    QString m_bin;
    std::unique_ptr<QProcess> m_server;
    int m_port = 0;
    QString m_error;
};

// A MariaDB of its own in a temporary folder (mariadb-install-db + mariadbd) with extra server options.
class ThrowawayMariaDb
{
public:
    ~ThrowawayMariaDb();
    bool start(const QStringList &options);
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QSqlDatabase admin(); // the OS user as root, over the socket

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_server;
    int m_port = 0;
    QString m_error;
};

} // namespace cdc::e2e
