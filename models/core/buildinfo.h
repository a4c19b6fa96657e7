// SPDX-License-Identifier: GPL-3.0-or-later
// Versions of the application and of the libraries it runs on, for About, --version and bug reports.
#pragma once

#include <QList>
#include <QString>

namespace cdc::buildinfo {

QString applicationName();    // "CDC Studio"
QString applicationVersion(); // from the top-level CMakeLists.txt
QString qtRuntimeVersion();
QString librdkafkaVersion(); // of the library loaded at run time
QString buildType();

// CDC Studio's own licence, as an SPDX expression: GPL-3.0-or-later, because it links QCustomPlot (GPL-3.0).
QString licence();

// A library CDC Studio is built on: its version (run time where the library says it, else build time) and
// its licence as an SPDX expression, for About and bug reports.
struct Component
{
    QString name;
    QString version;
    QString licence;
};
QList<Component> components(const QString &qcustomplotVersion);

// One line per component, as printed by `--version`.
QString versionReport(const QString &programName);

} // namespace cdc::buildinfo
