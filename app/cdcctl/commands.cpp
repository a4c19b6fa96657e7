// cdcctl's subcommands. Each one only parses options and calls the core.
#include "commands.h"

#include "topology/projectfile.h"
#include "topology/templates.h"

#include <QCoreApplication>
#include <QTextStream>

namespace cdc::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cdcctl", text);
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

void describeValidate(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Check project files: that they load, and that their pipeline graph is well formed."));
    parser.addOption({QStringLiteral("template"), tr("Check a bundled template instead of a file (e.g. capstone)."),
                      QStringLiteral("id")});
    parser.addPositionalArgument(QStringLiteral("files"), tr("Project files to check."), QStringLiteral("[files...]"));
}

int runValidate(const QCommandLineParser &parser)
{
    struct Input
    {
        QString label;
        Result<topology::Project> project;
    };
    std::vector<Input> inputs;
    if (parser.isSet(QStringLiteral("template"))) {
        const QString id = parser.value(QStringLiteral("template"));
        const topology::ProjectTemplate *t = topology::findTemplate(id);
        if (!t) {
            err() << tr("cdcctl validate: no bundled template called \"%1\".").arg(id) << Qt::endl;
            return kExitUsage;
        }
        inputs.push_back({QStringLiteral("template:") + id, topology::loadTemplate(*t)});
    }
    for (const QString &file : parser.positionalArguments())
        inputs.push_back({file, topology::loadProjectFile(file)});
    if (inputs.empty()) {
        err() << tr("cdcctl validate: name a project file or --template.") << Qt::endl;
        return kExitUsage;
    }

    int failures = 0;
    for (const Input &input : inputs) {
        if (input.project) {
            const topology::Project &p = input.project.value();
            out() << tr("%1: ok (%2 nodes, %3 edges)").arg(input.label).arg(p.nodes.size()).arg(p.edges.size())
                  << Qt::endl;
        } else {
            ++failures;
            err() << tr("error: %1").arg(input.project.error().toString()) << Qt::endl;
        }
    }
    return failures == 0 ? kExitOk : kExitFailed;
}

void describeNothing(QCommandLineParser &) {}

} // namespace

const std::vector<Command> &commands()
{
    static const std::vector<Command> all{
        {QStringLiteral("validate"),
         tr("Check project files and their pipeline graph"),
         {},
         describeValidate,
         runValidate},
        {QStringLiteral("render"),
         tr("Render connector configs as Kafka Connect JSON, curl, .properties or YAML"),
         QStringLiteral("#4"),
         describeNothing,
         {}},
        {QStringLiteral("deploy"),
         tr("Deploy the project's connectors to Kafka Connect"),
         QStringLiteral("#7"),
         describeNothing,
         {}},
        {QStringLiteral("status"),
         tr("Show connectors and tasks on Kafka Connect"),
         QStringLiteral("#7"),
         describeNothing,
         {}},
        {QStringLiteral("tail"),
         tr("Follow the merged, source-tagged event stream"),
         QStringLiteral("#6"),
         describeNothing,
         {}},
        {QStringLiteral("lag"),
         tr("Print PostgreSQL WAL lag, MySQL lag and consumer lag"),
         QStringLiteral("#8"),
         describeNothing,
         {}},
        {QStringLiteral("doctor"),
         tr("Run preflight and troubleshooting checks"),
         QStringLiteral("#10"),
         describeNothing,
         {}},
        {QStringLiteral("demo"), tr("Run the sandbox headless"), QStringLiteral("#9"), describeNothing, {}},
        {QStringLiteral("bench"),
         tr("Measure decoding and consuming throughput"),
         QStringLiteral("#6"),
         describeNothing,
         {}},
    };
    return all;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

} // namespace cdc::cli
