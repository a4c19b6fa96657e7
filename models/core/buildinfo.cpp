// Versions of the application and of the libraries it runs on.
#include "buildinfo.h"

#include "buildinfo_config.h"

#include <QStringBuilder>
#include <QtGlobal>

#include <librdkafka/rdkafka.h>

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

QString versionReport(const QString &programName)
{
    return programName % u' ' % applicationVersion() % u'\n' % QStringLiteral("Qt ") % qtRuntimeVersion() % u'\n' %
           QStringLiteral("librdkafka ") % librdkafkaVersion() % u'\n';
}

} // namespace cdc::buildinfo
