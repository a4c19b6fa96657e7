// SPDX-License-Identifier: GPL-3.0-or-later
// Versions of the application and of the libraries it runs on.
#include "buildinfo.h"

#include "buildinfo_config.h"

#include <QStringBuilder>
#include <QtGlobal>

#include <librdkafka/rdkafka.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace cdc::buildinfo {

QString applicationName()
{
    return QStringLiteral("CDC Studio");
}

QString applicationVersion()
{
    return QStringLiteral(CDC_VERSION_STRING);
}

QString qtRuntimeVersion()
{
    return QString::fromLatin1(qVersion());
}

QString librdkafkaVersion()
{
    return QString::fromLatin1(rd_kafka_version_str());
}

QString buildType()
{
    return QStringLiteral(CDC_BUILD_TYPE);
}

QString licence()
{
    return QStringLiteral("GPL-3.0-or-later");
}

QList<Component> components(const QString &qcustomplotVersion)
{
    // The licences are those of the Debian 12 packages the app links (debian/copyright of each).
    return {
        {QStringLiteral("Qt"), qtRuntimeVersion(), QStringLiteral("LGPL-3.0-only OR GPL-2.0-or-later")},
        {QStringLiteral("librdkafka"), librdkafkaVersion(), QStringLiteral("BSD-2-Clause")},
        {QStringLiteral("QCustomPlot"), qcustomplotVersion, QStringLiteral("GPL-3.0-or-later")},
        {QStringLiteral("simdjson"),
         QStringLiteral("%1.%2.%3")
             .arg(int(simdjson::SIMDJSON_VERSION_MAJOR))
             .arg(int(simdjson::SIMDJSON_VERSION_MINOR))
             .arg(int(simdjson::SIMDJSON_VERSION_REVISION)),
         QStringLiteral("Apache-2.0 OR MIT")},
        {QStringLiteral("nlohmann/json"),
         QStringLiteral("%1.%2.%3")
             .arg(NLOHMANN_JSON_VERSION_MAJOR)
             .arg(NLOHMANN_JSON_VERSION_MINOR)
             .arg(NLOHMANN_JSON_VERSION_PATCH),
         QStringLiteral("MIT")},
    };
}

QString versionReport(const QString &programName)
{
    return programName % u' ' % applicationVersion() % u'\n' % QStringLiteral("Qt ") % qtRuntimeVersion() % u'\n' %
           QStringLiteral("librdkafka ") % librdkafkaVersion() % u'\n';
}

} // namespace cdc::buildinfo
