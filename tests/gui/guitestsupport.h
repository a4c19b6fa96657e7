// Shared bits of the GUI tests: where screenshots go.
#pragma once

#include <QDir>
#include <QString>

namespace cdc::guitest {

// $CDC_TEST_OUTPUT_DIR (set by CTest to <build>/test-output), else the current folder.
inline QString outputDir()
{
    QString dir = qEnvironmentVariable("CDC_TEST_OUTPUT_DIR");
    if (dir.isEmpty())
        dir = QDir::currentPath();
    QDir().mkpath(dir);
    return dir;
}

} // namespace cdc::guitest
