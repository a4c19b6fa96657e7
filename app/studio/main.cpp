// cdc-studio: the GUI. Parses the command line, loads the project or the capstone template, shows the window.
#include "core/buildinfo.h"
#include "mainwindow/mainwindow.h"
#include "topology/projectdocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

#include <cstdio>
#include <cstring>

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
    setIdentity();
    QApplication::setApplicationDisplayName(cdc::buildinfo::applicationName());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/cdc-studio.svg")));

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);

    cdc::topology::ProjectDocument document;
    cdc::ui::MainWindow window(&document);
    window.restoreWindowState();

    const QStringList positional = parser.positionalArguments();
    bool opened = false;
    if (!positional.isEmpty())
        opened = window.openProject(positional.constFirst());
    if (!opened)
        window.openTemplate(parser.value(QStringLiteral("template")));

    window.show();
    return QApplication::exec();
}
