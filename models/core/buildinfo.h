// Versions of the application and of the libraries it runs on, for About, --version and bug reports.
#pragma once

#include <QString>

namespace cdc::buildinfo {

QString applicationName();    // "CDC Studio"
QString applicationVersion(); // from the top-level CMakeLists.txt
QString qtRuntimeVersion();
QString librdkafkaVersion(); // of the library loaded at run time
QString buildType();

// One line per component, as printed by `--version`.
QString versionReport(const QString &programName);

} // namespace cdc::buildinfo
