// SPDX-License-Identifier: GPL-3.0-or-later
// Connector configs out of projects and out of files users bring.
#include "connectorconfig.h"

#include "core/textposition.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace cdc::debezium {

namespace {

using json = nlohmann::json;

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectorConfig", text);
}

Result<QMap<QString, QString>> flatten(const json &object, const QString &where, QStringList &nullKeys)
{
    QMap<QString, QString> out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        const json &v = it.value();
        if (v.is_null())
            nullKeys << key;
        else if (v.is_string())
            out.insert(key, QString::fromStdString(v.get<std::string>()));
        else if (v.is_boolean())
            out.insert(key, v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (v.is_number())
            out.insert(key, QString::fromStdString(v.dump()));
        else
            return Error{tr("A config value must be text, a number, true/false or null."), where + u'/' + key, {}};
    }
    return out;
}

} // namespace

bool isConfigProviderReference(const QString &value)
{
    static const QRegularExpression reference(QStringLiteral(R"(^\$\{[A-Za-z0-9_.-]+:[^}]*\}$)"));
    return reference.match(value.trimmed()).hasMatch();
}

bool containsConfigProviderReference(const QString &value)
{
    static const QRegularExpression reference(QStringLiteral(R"(\$\{[A-Za-z0-9_.-]+:[^}]+\})"));
    return reference.match(value).hasMatch();
}

std::vector<ConnectorConfig> connectorsOf(const topology::Project &project)
{
    std::vector<ConnectorConfig> out;
    for (const topology::Node &node : project.nodes) {
        if (node.kind != topology::NodeKind::Connector)
            continue;
        ConnectorConfig c;
        c.name = node.name;
        c.config = node.properties;
        c.nodeId = node.id;
        for (const topology::Edge &edge : project.edges) {
            if (edge.to != node.id)
                continue;
            for (const topology::Node &from : project.nodes) {
                if (from.id != edge.from)
                    continue;
                if (from.kind == topology::NodeKind::PostgresDatabase ||
                    from.kind == topology::NodeKind::MySqlDatabase) {
                    c.databaseNodeId = from.id;
                    c.databaseKind = topology::nodeKindKey(from.kind);
                }
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

Result<ImportedConfigs> importConnectorJson(const QByteArray &bytes, const QString &sourceName)
{
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error &e) {
        return Error{tr("The file is not valid JSON."), sourceName + u':' + lineColumnAt(bytes, e.byte), {}};
    }
    if (!doc.is_object())
        return Error{tr("Expected a JSON object: a connector config or a project."), sourceName, {}};

    ImportedConfigs result;
    if (doc.contains("format")) { // only project files carry a format version
        auto project = topology::parseProject(bytes, sourceName);
        if (!project)
            return project.error();
        result.form = ImportedConfigs::Form::Project;
        result.connectors = connectorsOf(project.value());
        result.project = std::move(project).value();
        return result;
    }
    ConnectorConfig connector;
    if (doc.contains("config") && doc["config"].is_object()) {
        result.form = ImportedConfigs::Form::PostBody;
        auto config = flatten(doc["config"], sourceName + QStringLiteral(":/config"), result.nullKeys);
        if (!config)
            return config.error();
        connector.config = config.value();
        connector.name = doc.contains("name") && doc["name"].is_string()
                             ? QString::fromStdString(doc["name"].get<std::string>())
                             : connector.config.value(QStringLiteral("name"));
    } else {
        auto config = flatten(doc, sourceName + QStringLiteral(":"), result.nullKeys);
        if (!config)
            return config.error();
        connector.config = config.value();
        connector.name = connector.config.value(QStringLiteral("name"));
    }
    connector.config.remove(QStringLiteral("name"));
    if (!connector.config.contains(QStringLiteral("connector.class")))
        return Error{tr("This is not a connector config: it has no \"connector.class\"."), sourceName, {}};
    result.connectors.push_back(std::move(connector));
    return result;
}

} // namespace cdc::debezium
