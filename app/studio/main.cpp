// SPDX-License-Identifier: GPL-3.0-or-later
// cdc-studio: the GUI. Parses the command line, loads the project or the capstone template, shows the window.
#include "core/buildinfo.h"
#include "core/messagelog.h"
#include "mainwindow/mainwindow.h"
#include "sandbox/sandboxcontroller.h"
#include "topology/autosave.h"
#include "topology/projectdocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <vector>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("CDC Studio"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("cdc-studio.invalid"));
    QCoreApplication::setApplicationName(QStringLiteral("cdc-studio"));
    QCoreApplication::setApplicationVersion(cdc::buildinfo::applicationVersion());
}

void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Design and operate Debezium change-data-capture pipelines."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("template"),
                      QCoreApplication::translate("main", "Open a bundled template (default: capstone)."),
                      QStringLiteral("id"), QStringLiteral("capstone")});
    parser.addOption({QStringLiteral("demo"),
                      QCoreApplication::translate("main", "Open the capstone and start the sandbox: Kafka, Kafka "
                                                          "Connect and both databases simulated in-process.")});
    parser.addOption({QStringLiteral("rate"),
                      QCoreApplication::translate("main", "With --demo: events per second (1 to 50000)."),
                      QStringLiteral("events/s")});
    parser.addOption({QStringLiteral("screenshot"),
                      QCoreApplication::translate("main", "Save a picture of the main window to a PNG file once it "
                                                          "is up, then quit (for install tests and documentation)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("screenshot-delay"),
                      QCoreApplication::translate("main", "With --screenshot: milliseconds to wait after start-up "
                                                          "(default 1000)."),
                      QStringLiteral("ms"), QStringLiteral("1000")});
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QCoreApplication::translate("main", "A project file to open."),
                                 QStringLiteral("[project]"));
}

// --version and --help must work with no display, so they are answered before QApplication exists.
bool wantsTextOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--version", "-v", "--help", "-h", "-?", "--help-all"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        describeOptions(parser);
        parser.parse(QCoreApplication::arguments());
        if (parser.isSet(QStringLiteral("version"))) {
            std::fputs(qPrintable(cdc::buildinfo::versionReport(QStringLiteral("cdc-studio"))), stdout);
            return 0;
        }
        parser.showHelp(0);
    }

    QApplication app(argc, argv);
    cdc::messagelog::install(); // the recent log, for Help ▸ Report a Problem
    setIdentity();
    QApplication::setApplicationDisplayName(cdc::buildinfo::applicationName());
    QApplication::setDesktopFileName(QStringLiteral("invalid.cdc_studio.CdcStudio")); // packaging/, the .desktop
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/cdc-studio.svg")));

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);
    const bool demo = parser.isSet(QStringLiteral("demo"));
    int rate = -1;
    if (parser.isSet(QStringLiteral("rate"))) {
        bool ok = false;
        rate = parser.value(QStringLiteral("rate")).toInt(&ok);
        if (!ok || rate < 1 || rate > 50000) {
            std::fputs("cdc-studio: --rate takes a number of events per second from 1 to 50000\n", stderr);
            return 64;
        }
    }

    const QString screenshotFile = parser.value(QStringLiteral("screenshot"));
    bool delayOk = false;
    const int screenshotDelay = parser.value(QStringLiteral("screenshot-delay")).toInt(&delayOk);
    if (!delayOk || screenshotDelay < 0) {
        std::fputs("cdc-studio: --screenshot-delay takes a number of milliseconds\n", stderr);
        return 64;
    }

    cdc::topology::ProjectDocument document;
    cdc::ui::MainWindow window(&document);
    window.restoreWindowState();

    const QStringList positional = parser.positionalArguments();
    bool opened = false;
    if (!positional.isEmpty())
        opened = window.openProject(positional.constFirst());
    if (!opened && !demo)
        window.openTemplate(parser.value(QStringLiteral("template")));
    window.show();
    if (demo && !window.sandbox()->start(rate))
        window.openTemplate(parser.value(QStringLiteral("template"))); // the error is shown; the capstone stays

    // A picture of the window as a user first sees it, then a normal exit: nobody is there to answer
    // questions, so the recovery offer below is skipped.
    if (!screenshotFile.isEmpty()) {
        QTimer::singleShot(screenshotDelay, &window, [&window, screenshotFile] {
            const bool saved = window.grab().save(screenshotFile, "PNG");
            if (!saved)
                std::fprintf(stderr, "cdc-studio: cannot save the screenshot to %s\n", qPrintable(screenshotFile));
            QApplication::exit(saved ? 0 : 1);
        });
    }

    // Work the last session did not save (it crashed or was killed) is offered back once.
    const QString recoveryFolder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
    const std::vector<cdc::topology::RecoverableProject> leftovers =
        screenshotFile.isEmpty() ? cdc::topology::Autosave::leftovers(recoveryFolder)
                                 : std::vector<cdc::topology::RecoverableProject>{};
    if (!leftovers.empty()) {
        const auto &latest = leftovers.front();
        const QString what = latest.originalPath.isEmpty() ? QCoreApplication::translate("main", "an unsaved project")
                                                           : latest.originalPath;
        const auto answer = QMessageBox::question(
            &window, QCoreApplication::translate("main", "Recover unsaved work?"),
            QCoreApplication::translate("main", "CDC Studio did not close normally. Recover the changes to %1 from %2?")
                .arg(what, QLocale().toString(latest.savedAt.toLocalTime(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes) {
            if (auto r = cdc::topology::Autosave::recover(latest, &document); !r)
                QMessageBox::warning(&window, QCoreApplication::translate("main", "Cannot recover"),
                                     r.error().toString());
        }
    }
    cdc::topology::Autosave autosave(&document, recoveryFolder);

    const int status = QApplication::exec();
    autosave.discard(); // a normal end: the user saved or chose to discard
    return status;
}
