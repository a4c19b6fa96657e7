// SPDX-License-Identifier: GPL-3.0-or-later
// The application's recent log lines, kept in memory for Help ▸ Report a Problem: the last lines Qt's
// logging printed (qDebug/qInfo/qWarning/qCritical, every category), with secrets masked.
#pragma once

#include <QStringList>

namespace cdc::messagelog {

// Installs a message handler that keeps the last `capacity` lines and passes every message on to the
// handler that was installed before (so stderr still gets them). Call once, after QCoreApplication.
void install(int capacity = 2000);

// The kept lines, oldest first: "HH:mm:ss.zzz W category: text". Thread-safe.
QStringList recent();

// `line` with the values of password-, secret- and token-like settings replaced by "****":
// `database.password=x`, `"database.password": "x"`, `password="x"` inside sasl.jaas.config, and so on.
// `${env:…}`/`${file:…}` references are kept, since they are names, not secrets.
QString maskSecrets(const QString &line);

} // namespace cdc::messagelog
