// SPDX-License-Identifier: GPL-3.0-or-later
// Shared bits of the GUI tests: where screenshots go, and the dark palette they are also taken in.
#pragma once

#include "common/theme.h"

#include <QApplication>
#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPalette>
#include <QSize>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

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

// Settings and standard paths of the test's own, away from the user's: `test` names the test binary.
inline void useTestSettings(const QString &test)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CDC Studio Tests"));
    QCoreApplication::setApplicationName(test);
}

// Before QApplication: an offscreen run gets one screen of `width`×`height` instead of offscreen's
// 800×600 (qoffscreenintegration.cpp reads its screens from a JSON config file, kept in `dir`).
inline void useOffscreenScreen(const QTemporaryDir &dir, const char *name, int width, int height)
{
    if (qgetenv("QT_QPA_PLATFORM") != "offscreen" || !dir.isValid())
        return;
    QFile config(dir.filePath(QStringLiteral("screen.json")));
    if (!config.open(QIODevice::WriteOnly))
        return;
    config.write(QStringLiteral("{\"screens\":[{\"name\":\"%1\",\"x\":0,\"y\":0,\"width\":%2,\"height\":%3,"
                                "\"logicalDpi\":96,\"logicalBaseDpi\":96,\"dpr\":1}]}")
                     .arg(QLatin1String(name))
                     .arg(width)
                     .arg(height)
                     .toUtf8());
    config.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.fileName().toLocal8Bit());
}

// The application's own dark theme (View ▸ Theme ▸ Dark): screenshots show what users see.
using ui::darkPalette;

// The rows of a screenshot test: light and dark palette, with content and empty.
inline void addScreenshotRows()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("empty");
    QTest::newRow("light") << false << false;
    QTest::newRow("dark") << true << false;
    QTest::newRow("light-empty") << false << true;
    QTest::newRow("dark-empty") << true << true;
}

} // namespace cdc::guitest

// main() of a GUI test that runs on one offscreen screen of `screenSize` (a QSize) instead of offscreen's
// 800×600: the screen must be set before QApplication exists. `screenName` names it in the JSON config.
#define CDC_GUITEST_MAIN_ON_SCREEN(TestClass, screenName, screenSize)                                                  \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        QTemporaryDir screenDir;                                                                                       \
        const QSize screen = (screenSize);                                                                             \
        cdc::guitest::useOffscreenScreen(screenDir, screenName, screen.width(), screen.height());                      \
        QApplication app(argc, argv);                                                                                  \
        TestClass test;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
