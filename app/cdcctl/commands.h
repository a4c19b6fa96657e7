// SPDX-License-Identifier: GPL-3.0-or-later
// cdcctl's subcommands: their names, help, options, and what each runs.
#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <vector>

namespace cdc::cli {

// Exit codes, shared by every subcommand.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailed = 1,         // the command ran and found problems (validation errors, failed checks)
    kExitNotImplemented = 2, // the subcommand exists but is not built yet
    kExitUnreadable = 2,     // a file cannot be read or parsed (validate, render)
    kExitUsage = 64,         // bad command line (as sysexits' EX_USAGE)
};

struct Command
{
    QString name;
    QString summary;
    QString issue; // where the unbuilt work is tracked; empty once implemented
    std::function<void(QCommandLineParser &)> describe;
    std::function<int(const QCommandLineParser &)> run; // empty: not implemented yet
};

const std::vector<Command> &commands();

// Shared by every subcommand: one stream each for stdout and stderr, and translation.
QString tr(const char *text);
QTextStream &out();
QTextStream &err();
const Command *findCommand(const QString &name);

} // namespace cdc::cli
