// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sqlconnection.h"

#include <QCoreApplication>
#include <QSqlError>

namespace cdc {

Result<QSqlDatabase> openDatabase(const QString &connectionName, const SqlEndpoint &endpoint, const QString &password,
                                  const QString &options)
{
    const QString driver = endpoint.postgres ? QStringLiteral("QPSQL") : QStringLiteral("QMYSQL");
    QSqlDatabase db = QSqlDatabase::contains(connectionName) ? QSqlDatabase::database(connectionName, false)
                                                             : QSqlDatabase::addDatabase(driver, connectionName);
    if (!db.isValid())
        return Error{
            QCoreApplication::translate("cdc::sql", "the Qt SQL driver %1 is not installed").arg(driver), driver,
            QCoreApplication::translate("cdc::sql", "Install %1.")
                .arg(endpoint.postgres ? QStringLiteral("libqt6sql6-psql") : QStringLiteral("libqt6sql6-mysql"))};
    db.setHostName(endpoint.host);
    db.setPort(endpoint.port);
    db.setDatabaseName(endpoint.database);
    db.setUserName(endpoint.user);
    db.setPassword(password);
    db.setConnectOptions(options);
    if (!db.open()) {
        const QString message = sqlErrorText(db.lastError());
        db.close();
        return Error{message, QStringLiteral("%1@%2:%3").arg(endpoint.user, endpoint.host).arg(endpoint.port), {}};
    }
    return db;
}

void closeDatabase(const QString &connectionName)
{
    if (!QSqlDatabase::contains(connectionName))
        return;
    QSqlDatabase::database(connectionName, false).close();
    QSqlDatabase::removeDatabase(connectionName);
}

QString sqlErrorText(const QSqlError &error)
{
    const QString database = error.databaseText().simplified();
    return database.isEmpty() ? error.text().simplified() : database;
}

} // namespace cdc
