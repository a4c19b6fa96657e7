// SPDX-License-Identifier: GPL-3.0-or-later
// Writing connector configs in the forms people deploy them with.
#include "connectorexport.h"

#include <QUrl>

#include <nlohmann/json.hpp>

namespace cdc::debezium {

namespace {

using json = nlohmann::json;

json configObject(const ConnectorConfig &c)
{
    json config = json::object();
    for (auto it = c.config.cbegin(); it != c.config.cend(); ++it)
        config[it.key().toStdString()] = it.value().toStdString();
    return config;
}

// Java .properties escaping (ISO 8859-1 file, as a standalone worker reads it).
QString propertiesEscape(const QString &text, bool key)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        switch (ch.unicode()) {
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '=':
        case ':':
        case '#':
        case '!':
            if (key)
                out += u'\\';
            out += ch;
            break;
        case ' ':
            if (key || i == 0)
                out += u'\\';
            out += ch;
            break;
        default:
            if (ch.unicode() < 0x20 || ch.unicode() > 0x7e)
                out += QStringLiteral("\\u%1").arg(ch.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += ch;
        }
    }
    return out;
}

// A YAML double-quoted scalar.
QString yamlQuote(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar ch : text) {
        switch (ch.unicode()) {
        case '\\': out += QStringLiteral("\\\\"); break;
        case '"': out += QStringLiteral("\\\""); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        default:
            if (ch.unicode() < 0x20)
                out += QStringLiteral("\\x%1").arg(ch.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += ch;
        }
    }
    return out + u'"';
}

// Kubernetes names: lower case, digits and '-', at most 253 characters.
QString kubernetesName(const QString &name)
{
    QString out;
    for (const QChar ch : name.toLower())
        out += (ch.isLetterOrNumber() && ch.unicode() < 0x80) ? ch : u'-';
    while (out.startsWith(u'-'))
        out.remove(0, 1);
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.left(253).isEmpty() ? QStringLiteral("connector") : out.left(253);
}

} // namespace

QString shellQuote(const QString &word)
{
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    static const QMap<QString, ExportFormat> formats{
        {QStringLiteral("json"), ExportFormat::PostJson},   {QStringLiteral("put"), ExportFormat::PutJson},
        {QStringLiteral("curl"), ExportFormat::Curl},       {QStringLiteral("properties"), ExportFormat::Properties},
        {QStringLiteral("strimzi"), ExportFormat::Strimzi},
    };
    const auto it = formats.constFind(name);
    return it == formats.cend() ? std::nullopt : std::optional(*it);
}

QStringList exportFormatNames()
{
    return {QStringLiteral("json"), QStringLiteral("put"), QStringLiteral("curl"), QStringLiteral("properties"),
            QStringLiteral("strimzi")};
}

QString exportConnector(const ConnectorConfig &c, ExportFormat format, const ExportOptions &options)
{
    switch (format) {
    case ExportFormat::PostJson: {
        const json body = {{"name", c.name.toStdString()}, {"config", configObject(c)}};
        return QString::fromStdString(body.dump(2)) + u'\n';
    }
    case ExportFormat::PutJson: return QString::fromStdString(configObject(c).dump(2)) + u'\n';
    case ExportFormat::Curl: {
        // PUT .../config creates the connector or updates it; the body comes from a quoted here-document,
        // so nothing in it is expanded by the shell.
        QString base = options.connectUrl;
        while (base.endsWith(u'/'))
            base.chop(1);
        const QString url = base + QStringLiteral("/connectors/") + QString::fromUtf8(QUrl::toPercentEncoding(c.name)) +
                            QStringLiteral("/config");
        return QStringLiteral("curl -sS -X PUT -H 'Content-Type: application/json' \\\n  %1 \\\n  --data-binary @- "
                              "<<'CONNECTOR_CONFIG'\n%2\nCONNECTOR_CONFIG\n")
            .arg(shellQuote(url), QString::fromStdString(configObject(c).dump(2)));
    }
    case ExportFormat::Properties: {
        QString out = QStringLiteral("# Connector %1 for a standalone Kafka Connect worker (connect-standalone.sh).\n")
                          .arg(c.name);
        out += QStringLiteral("name=") + propertiesEscape(c.name, false) + u'\n';
        for (auto it = c.config.cbegin(); it != c.config.cend(); ++it)
            out += propertiesEscape(it.key(), true) + u'=' + propertiesEscape(it.value(), false) + u'\n';
        return out;
    }
    case ExportFormat::Strimzi: {
        QString out = QStringLiteral("apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnector\nmetadata:\n");
        out += QStringLiteral("  name: %1\n  labels:\n    strimzi.io/cluster: %2\nspec:\n")
                   .arg(kubernetesName(c.name), kubernetesName(options.strimziCluster));
        out += QStringLiteral("  class: %1\n").arg(yamlQuote(c.value(QStringLiteral("connector.class"))));
        out +=
            QStringLiteral("  tasksMax: %1\n").arg(c.value(QStringLiteral("tasks.max"), QStringLiteral("1")).toInt());
        out += QStringLiteral("  config:\n");
        for (auto it = c.config.cbegin(); it != c.config.cend(); ++it) {
            if (it.key() == QLatin1String("connector.class") || it.key() == QLatin1String("tasks.max"))
                continue;
            out += QStringLiteral("    %1: %2\n").arg(yamlQuote(it.key()), yamlQuote(it.value()));
        }
        return out;
    }
    }
    return {};
}

} // namespace cdc::debezium
