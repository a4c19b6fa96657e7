// Shared bits of the GUI tests: where screenshots go, and the dark palette they are also taken in.
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPalette>
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

inline QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x34, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    p.setColor(QPalette::ToolTipBase, QColor(0x34, 0x37, 0x3c));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6f, 0x72, 0x78));
    return p;
}

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
