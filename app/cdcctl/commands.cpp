// SPDX-License-Identifier: GPL-3.0-or-later
// cdcctl's subcommands. Each one only parses options and calls the core.
#include "commands.h"

#include "benchcommand.h"
#include "connect/connectclient.h"
#include "connectcommand.h"
#include "consumercommand.h"
#include "debezium/connectorconfig.h"
#include "debezium/connectorexport.h"
#include "debezium/connectorlinter.h"
#include "debezium/outboxartifacts.h"
#include "debezium/propertycatalog.h"
#include "democommand.h"
#include "doctorcommand.h"
#include "lagcommand.h"
#include "tailcommand.h"
#include "topology/projectfile.h"
#include "topology/templates.h"
#include "validation/projectvalidator.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace cdc::cli {

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

namespace {

// A project or connector file as cdcctl reads it; `label` names it in messages.
struct Input
{
    QString label;
    Result<debezium::ImportedConfigs> content;
};

Input readInput(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {file, Error{tr("Cannot read the file: %1").arg(f.errorString()), file, {}}};
    return {file, debezium::importConnectorJson(f.readAll(), file)};
}

Input readTemplate(const QString &id)
{
    const QString label = QStringLiteral("template:") + id;
    const topology::ProjectTemplate *t = topology::findTemplate(id);
    if (!t)
        return {label, Error{tr("There is no bundled template called \"%1\".").arg(id), label, {}}};
    QFile f(t->resourcePath);
    if (!f.open(QIODevice::ReadOnly))
        return {label, Error{tr("The template is not compiled in."), label, {}}};
    return {label, debezium::importConnectorJson(f.readAll(), label)};
}

void describeValidate(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Check project files or connector configs (a POST /connectors body or a flat config map): that they load, "
           "that the pipeline graph is well formed, and every connector rule. One finding per line:\n"
           "  ERROR    the worker refuses the config, or the pipeline breaks or loses data (a plaintext password\n"
           "           is an ERROR too: a team that commits one wants CI to stop);\n"
           "  WARNING  it runs, but will surprise you (an ignored old key, an option nobody reads);\n"
           "  INFO     it teaches (what a setting does that you may not expect).\n"
           "A config validated alone is checked on its own; a project also against its graph (the routing against "
           "its topic nodes). A JSON null value counts as unset, as Kafka Connect takes it.\n"
           "Exit 0 without errors, 1 with at least one ERROR (or, with --strict, a WARNING), 2 when a file cannot "
           "be read or parsed, or the worker named by --connect does not answer."));
    parser.addOption(
        {QStringLiteral("template"), tr("Check a bundled template (e.g. capstone)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("strict"), tr("Fail (exit 1) on warnings as well as on errors.")});
    parser.addOption({QStringLiteral("connect"),
                      tr("Also check every transform, predicate and converter class against the plugins of the Kafka "
                         "Connect worker at this URL (GET /connector-plugins?connectorsOnly=false)."),
                      QStringLiteral("url")});
    parser.addPositionalArgument(QStringLiteral("files"), tr("Project or connector files to check."),
                                 QStringLiteral("[files...]"));
}

// The classes of every plugin the worker at `url` has; an error when it cannot be asked.
Result<QStringList> workerPluginClasses(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
        return Error{tr("\"%1\" is not a Kafka Connect URL; give one like http://localhost:8083.").arg(url), {}, {}};
    connect::ClusterSettings settings;
    settings.url = parsed;
    settings.timeoutMs = 15000;
    connect::ConnectClient client(settings);
    const Result<QList<connect::PluginInfo>> plugins = connect::awaitAnswer<QList<connect::PluginInfo>>(
        [&client](auto done) { client.allPlugins(std::move(done)); }, 20000);
    if (!plugins)
        return plugins.error();
    QStringList classes;
    for (const connect::PluginInfo &p : plugins.value())
        classes << p.className;
    return classes;
}

int runValidate(const QCommandLineParser &parser)
{
    std::vector<Input> inputs;
    if (parser.isSet(QStringLiteral("template")))
        inputs.push_back(readTemplate(parser.value(QStringLiteral("template"))));
    for (const QString &file : parser.positionalArguments())
        inputs.push_back(readInput(file));
    if (inputs.empty()) {
        err() << tr("cdcctl validate: name a project or connector file, or --template.") << Qt::endl;
        return kExitUsage;
    }
    const bool strict = parser.isSet(QStringLiteral("strict"));
    const QString workerUrl = parser.value(QStringLiteral("connect")).trimmed();
    QStringList workerPlugins;
    if (!workerUrl.isEmpty()) {
        const Result<QStringList> classes = workerPluginClasses(workerUrl);
        if (!classes) {
            err() << tr("cdcctl validate: cannot list the plugins of %1: %2").arg(workerUrl, classes.error().toString())
                  << Qt::endl;
            return kExitUnreadable;
        }
        workerPlugins = classes.value();
    }

    bool unreadable = false;
    bool errors = false;
    bool warnings = false;
    const debezium::PropertyCatalog &catalog = debezium::PropertyCatalog::bundled();
    for (const Input &input : inputs) {
        if (!input.content) {
            unreadable = true;
            err() << QStringLiteral("ERROR ") << input.content.error().toString() << Qt::endl;
            continue;
        }
        const debezium::ImportedConfigs &content = input.content.value();
        // A project gets the editor's whole validation; a bare connector config the connector rules.
        std::vector<validation::ProjectDiagnostic> diagnostics;
        auto addLinted = [&](const std::vector<debezium::Diagnostic> &linted) {
            for (const debezium::Diagnostic &d : linted) {
                QString node = d.connector;
                for (const debezium::ConnectorConfig &c : content.connectors) {
                    if (c.name == d.connector && !c.nodeId.isEmpty())
                        node = c.nodeId;
                }
                diagnostics.push_back({d.severity, d.rule, node, d.property, d.message, d.suggestion, d.fix});
            }
        };
        if (content.project)
            diagnostics = validation::validateProject(*content.project, catalog);
        else
            addLinted(debezium::lintConnectors(content.connectors, catalog));
        if (!workerUrl.isEmpty()) {
            for (const debezium::ConnectorConfig &c : content.connectors)
                addLinted(debezium::lintAgainstWorkerPlugins(c, workerPlugins, workerUrl));
        }
        for (const QString &key : content.nullKeys) {
            if (key != QLatin1String("name"))
                diagnostics.push_back({debezium::Severity::Info,
                                       QStringLiteral("null-value"),
                                       content.connectors.front().name,
                                       key,
                                       tr("%1 is null: Kafka Connect takes it as unset.").arg(key),
                                       {},
                                       std::nullopt});
        }
        for (const validation::ProjectDiagnostic &d : diagnostics) {
            errors |= d.severity == debezium::Severity::Error;
            warnings |= d.severity == debezium::Severity::Warning;
            QString where = d.nodeId;
            if (content.project) {
                for (const topology::Node &n : content.project->nodes) {
                    if (n.id == d.nodeId)
                        where = n.name;
                }
            }
            out() << debezium::severityName(d.severity).toUpper() << u' ' << input.label << u'[' << where << u']'
                  << u' ' << (d.property.isEmpty() ? QStringLiteral("-") : d.property) << QStringLiteral(": ")
                  << d.message;
            if (!d.suggestion.isEmpty())
                out() << QStringLiteral(" — ") << d.suggestion;
            out() << Qt::endl;
        }
        if (diagnostics.empty()) {
            if (content.project)
                out() << tr("%1: ok (%2 nodes, %3 edges, %4 connectors)")
                             .arg(input.label)
                             .arg(content.project->nodes.size())
                             .arg(content.project->edges.size())
                             .arg(content.connectors.size())
                      << Qt::endl;
            else
                out() << tr("%1: ok (connector %2)").arg(input.label, content.connectors.front().name) << Qt::endl;
        }
    }
    if (unreadable)
        return kExitUnreadable;
    return errors || (strict && warnings) ? kExitFailed : kExitOk;
}

void describeRender(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Print a project's connector configs and pipeline artifacts: --list names the connectors; --connector NAME "
           "--format json|put|curl|properties|strimzi|ddl prints one export; --format pyflink prints the unified "
           "PyFlink job."));
    parser.addOption(
        {QStringLiteral("template"), tr("Render from a bundled template (e.g. capstone)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("list"), tr("List the project's connectors.")});
    parser.addOption({QStringLiteral("connector"), tr("The connector to render."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("format"), tr("json, put, curl, properties, strimzi, ddl or pyflink."),
                      QStringLiteral("format"), QStringLiteral("json")});
    parser.addOption({QStringLiteral("connect-url"), tr("Kafka Connect's URL for curl."), QStringLiteral("url"),
                      QStringLiteral("http://127.0.0.1:18083")});
    parser.addOption({QStringLiteral("strimzi-cluster"), tr("The KafkaConnect cluster for strimzi."),
                      QStringLiteral("name"), QStringLiteral("my-connect-cluster")});
    parser.addPositionalArgument(QStringLiteral("project"), tr("The project file."), QStringLiteral("[project]"));
}

int runRender(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("template")) && parser.positionalArguments().size() != 1) {
        err() << tr("cdcctl render: name one project file, or --template.") << Qt::endl;
        return kExitUsage;
    }
    const Input input = parser.isSet(QStringLiteral("template"))
                            ? readTemplate(parser.value(QStringLiteral("template")))
                            : readInput(parser.positionalArguments().constFirst());
    if (!input.content) {
        err() << QStringLiteral("ERROR ") << input.content.error().toString() << Qt::endl;
        return kExitUnreadable;
    }
    const auto &connectors = input.content.value().connectors;
    if (parser.isSet(QStringLiteral("list"))) {
        for (const debezium::ConnectorConfig &c : connectors)
            out() << c.name << u'\t' << c.value(QStringLiteral("connector.class")) << Qt::endl;
        return kExitOk;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("pyflink")) {
        const auto &project = input.content.value().project;
        out() << debezium::pyFlinkUnionJob(project ? debezium::pyFlinkOptionsFor(*project)
                                                   : debezium::PyFlinkJobOptions{});
        return kExitOk;
    }
    const QString name = parser.value(QStringLiteral("connector"));
    const auto it = std::find_if(connectors.begin(), connectors.end(),
                                 [&](const debezium::ConnectorConfig &c) { return c.name == name; });
    if (it == connectors.end()) {
        QStringList names;
        for (const debezium::ConnectorConfig &c : connectors)
            names << c.name;
        err() << tr("cdcctl render: no connector \"%1\"; the project has: %2.")
                     .arg(name, names.join(QStringLiteral(", ")))
              << Qt::endl;
        return kExitUsage;
    }
    if (format == QLatin1String("ddl")) {
        const QString cls = it->value(QStringLiteral("connector.class"));
        const auto flavour = cls.contains(QLatin1String("postgresql")) ? debezium::SqlFlavour::PostgreSQL
                             : cls.contains(QLatin1String("mariadb"))  ? debezium::SqlFlavour::MariaDB
                                                                       : debezium::SqlFlavour::MySQL;
        const QString table =
            it->value(QStringLiteral("table.include.list"), QStringLiteral("outbox")).section(u',', 0, 0);
        QString plain = table;
        plain.remove(u'\\');
        out() << debezium::outboxTableDdl(flavour, plain.trimmed());
        return kExitOk;
    }
    const auto exportFormat = debezium::exportFormatFromName(format);
    if (!exportFormat) {
        err() << tr("cdcctl render: unknown format \"%1\"; use %2, ddl or pyflink.")
                     .arg(format, debezium::exportFormatNames().join(QStringLiteral(", ")))
              << Qt::endl;
        return kExitUsage;
    }
    debezium::ExportOptions options;
    options.connectUrl = parser.value(QStringLiteral("connect-url"));
    options.strimziCluster = parser.value(QStringLiteral("strimzi-cluster"));
    out() << debezium::exportConnector(*it, *exportFormat, options);
    return kExitOk;
}

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
         {},
         describeRender,
         runRender},
        {QStringLiteral("deploy"),
         tr("Deploy the project's connectors to Kafka Connect"),
         {},
         describeDeploy,
         runDeploy},
        {QStringLiteral("status"), tr("Show connectors and tasks on Kafka Connect"), {}, describeStatus, runStatus},
        {QStringLiteral("connector"),
         tr("Pause, resume, stop, restart or delete a connector; show or reset its offsets"),
         {},
         describeConnector,
         runConnector},
        {QStringLiteral("tail"), tr("Follow the merged, source-tagged event stream"), {}, describeTail, runTail},
        {QStringLiteral("lag"), tr("Print PostgreSQL WAL lag, MySQL lag and consumer lag"), {}, describeLag, runLag},
        {QStringLiteral("doctor"), tr("Run preflight and troubleshooting checks"), {}, describeDoctor, runDoctor},
        {QStringLiteral("consumer"),
         tr("Run the unified consumer (the PyFlink job) locally or on a Flink cluster; list and stop cluster jobs"),
         {},
         describeConsumer,
         runConsumer},
        {QStringLiteral("demo"), tr("Run the sandbox headless"), {}, describeDemo, runDemo},
        {QStringLiteral("bench"), tr("Measure the live path's throughput against kcat"), {}, describeBench, runBench},
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
