// "Test connection" for the wizards: connects through Qt SQL like Debezium will, reports the server
// version and the server settings Debezium needs. Blocking: run it off the GUI thread.
#pragma once

#include "core/result.h"
#include "debezium/connectoranswers.h"

#include <QString>
#include <QStringList>

namespace cdc::debezium {

struct ConnectionCheck
{
    QString serverVersion;
    QStringList problems; // settings Debezium will trip over (wal_level, binlog_format, grants, ...)
};

// `password` is the real password for this one check; it is not kept anywhere.
Result<ConnectionCheck> checkConnection(const ConnectorAnswers &answers, const QString &password,
                                        int timeoutSeconds = 5);

} // namespace cdc::debezium
