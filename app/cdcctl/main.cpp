// SPDX-License-Identifier: GPL-3.0-or-later
// cdcctl: the headless command line. Dispatches to a subcommand; runs with no display.
#include "commands.h"

#include "core/buildinfo.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace cdc::cli;

namespace {

QString usage()
{
    QString text;
    QTextStream s(&text);
    s << "Usage: cdcctl [--version] [--help] <command> [options]\n\n"
      << QCoreApplication::translate("cdcctl", "Design and operate Debezium CDC pipelines from the command line.")
      << "\n\n"
      << QCoreApplication::translate("cdcctl", "Commands:") << "\n";
    for (const Command &c : commands()) {
        s << "  " << c.name.leftJustified(10) << c.summary;
        if (!c.run)
            s << QCoreApplication::translate("cdcctl", " (not implemented yet)");
        s << "\n";
    }
    s << "\n"
      << QCoreApplication::translate("cdcctl", "Run 'cdcctl <command> --help' for a command's options.") << "\n";
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cdcctl"));
    QCoreApplication::setApplicationVersion(cdc::buildinfo::applicationVersion());
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        err << usage();
        return kExitUsage;
    }
    const QString first = args.at(1);
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        out << usage();
        return kExitOk;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out << cdc::buildinfo::versionReport(QStringLiteral("cdcctl"));
        return kExitOk;
    }

    const Command *command = findCommand(first);
    if (!command) {
        err << QCoreApplication::translate("cdcctl", "cdcctl: unknown command \"%1\".").arg(first) << "\n\n" << usage();
        return kExitUsage;
    }

    QCommandLineParser parser;
    parser.addHelpOption();
    command->describe(parser);
    if (parser.applicationDescription().isEmpty())
        parser.setApplicationDescription(command->summary);
    if (!command->run)
        parser.setApplicationDescription(
            parser.applicationDescription() +
            QCoreApplication::translate("cdcctl", " (not implemented yet; tracked in issue %1)").arg(command->issue));
    args.removeAt(1);
    args[0] = QStringLiteral("cdcctl ") + command->name;
    if (!parser.parse(args)) {
        err << QStringLiteral("cdcctl %1: ").arg(command->name) << parser.errorText() << "\n";
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // QCommandLineParser names the binary's path; name the subcommand instead.
        QString help = parser.helpText();
        const qsizetype lineEnd = help.indexOf(u'\n');
        const QString usageLine = help.left(lineEnd);
        const QString options = usageLine.mid(usageLine.indexOf(u' ', 7));
        help.replace(0, lineEnd, QStringLiteral("Usage: cdcctl ") + command->name + options);
        out << help;
        return kExitOk;
    }
    if (!command->run) {
        err << QCoreApplication::translate("cdcctl", "cdcctl %1: not implemented yet (tracked in issue %2).")
                   .arg(command->name, command->issue)
            << Qt::endl;
        return kExitNotImplemented;
    }
    return command->run(parser);
}
