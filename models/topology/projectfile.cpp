// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing project files through nlohmann/json; every error names the file and place.
#include "projectfile.h"

#include "core/buildinfo.h"
#include "core/logging.h"
#include "core/textposition.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

#include <string>

namespace cdc::topology {

namespace {

using json = nlohmann::json;

QString tr(const char *text)
{
    return QCoreApplication::translate("ProjectFile", text);
}

QString toQString(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string toStd(const QString &s)
{
    return s.toStdString();
}

// Walks the document, reporting the first problem with its JSON pointer.
class Reader
{
public:
    explicit Reader(QString sourceName) : m_source(std::move(sourceName)) {}

    Error error(const QString &pointer, const QString &what, const QString &hint = {}) const
    {
        return Error{what, m_source + u':' + pointer, hint};
    }

    Result<Project> read(const json &doc)
    {
        if (!doc.is_object())
            return error(QStringLiteral("/"), tr("A project file holds a JSON object at the top level."));
        const auto format = doc.find("format");
        if (format == doc.end())
            return error(QStringLiteral("/format"),
                         tr("The file has no \"format\" version, so it is not a CDC Studio project."));
        if (!format->is_number_integer())
            return error(QStringLiteral("/format"), tr("\"format\" must be a whole number."));
        const auto version = format->get<long long>();
        if (version > kProjectFormatVersion)
            return error(QStringLiteral("/format"),
                         tr("The file was written by a newer CDC Studio (format %1; this version reads up to %2).")
                             .arg(version)
                             .arg(kProjectFormatVersion),
                         tr("Open it with a newer CDC Studio. Nothing was changed."));
        if (version < 1)
            return error(QStringLiteral("/format"), tr("Format %1 does not exist.").arg(version));

        Project project;
        if (auto it = doc.find("project"); it != doc.end()) {
            if (!it->is_object())
                return error(QStringLiteral("/project"), tr("\"project\" must be an object."));
            if (auto r = readString(*it, "name", QStringLiteral("/project/name"), project.name); !r)
                return r.error();
            if (auto r = readString(*it, "description", QStringLiteral("/project/description"), project.description);
                !r)
                return r.error();
        }

        const auto topology = doc.find("topology");
        if (topology != doc.end()) {
            if (!topology->is_object())
                return error(QStringLiteral("/topology"), tr("\"topology\" must be an object."));
            if (auto r = readNodes(*topology, project); !r)
                return r.error();
            if (auto r = readEdges(*topology, project); !r)
                return r.error();
        }

        if (auto it = doc.find("viewer"); it != doc.end()) {
            if (!it->is_object())
                return error(QStringLiteral("/viewer"), tr("\"viewer\" must be an object."));
            project.viewer = *it;
        }

        if (auto r = readClusters(doc, project); !r)
            return r.error();

        if (auto it = doc.find("lag"); it != doc.end()) {
            if (!it->is_object())
                return error(QStringLiteral("/lag"), tr("\"lag\" must be an object."),
                             tr("Write the lag monitoring settings as {\"postgres\": {...}, \"mysql\": {...}, "
                                "\"consumer\": {...}}, or remove \"lag\" for the defaults."));
            project.lag = *it;
        }

        // Graph rules (unique ids, meaningful edges) are the model's; report them with a place.
        TopologyModel check;
        if (auto r = check.reset(project.nodes, project.edges); !r)
            return error(QStringLiteral("/topology"), r.error().where + QStringLiteral(": ") + r.error().what,
                         r.error().hint);
        return project;
    }

private:
    Result<void> readString(const json &object, const char *key, const QString &pointer, QString &out) const
    {
        const auto it = object.find(key);
        if (it == object.end())
            return {};
        if (!it->is_string())
            return error(pointer, tr("Expected text here."));
        out = toQString(it->get<std::string>());
        return {};
    }

    Result<void> readNodes(const json &topology, Project &project) const
    {
        const auto nodes = topology.find("nodes");
        if (nodes == topology.end())
            return {};
        if (!nodes->is_array())
            return error(QStringLiteral("/topology/nodes"), tr("\"nodes\" must be a list."));
        for (std::size_t i = 0; i < nodes->size(); ++i) {
            const json &item = (*nodes)[i];
            const QString at = QStringLiteral("/topology/nodes/%1").arg(i);
            if (!item.is_object())
                return error(at, tr("Each node must be an object."));
            Node node;
            const auto id = item.find("id");
            if (id == item.end() || !id->is_string() || id->get<std::string>().empty())
                return error(at + QStringLiteral("/id"), tr("Each node needs a non-empty text \"id\"."));
            node.id = toQString(id->get<std::string>());
            const auto kind = item.find("kind");
            if (kind == item.end() || !kind->is_string())
                return error(at + QStringLiteral("/kind"), tr("Each node needs a \"kind\"."));
            const auto parsedKind = nodeKindFromKey(toQString(kind->get<std::string>()));
            if (!parsedKind) {
                QStringList known;
                for (NodeKind k : allNodeKinds)
                    known << nodeKindKey(k);
                return error(at + QStringLiteral("/kind"),
                             tr("Unknown node kind \"%1\".").arg(toQString(kind->get<std::string>())),
                             tr("Known kinds: %1.").arg(known.join(QStringLiteral(", "))));
            }
            node.kind = *parsedKind;
            if (auto r = readString(item, "name", at + QStringLiteral("/name"), node.name); !r)
                return r;
            if (auto pos = item.find("position"); pos != item.end()) {
                if (!pos->is_array() || pos->size() != 2 || !(*pos)[0].is_number() || !(*pos)[1].is_number())
                    return error(at + QStringLiteral("/position"), tr("\"position\" must be a list of two numbers."));
                node.position = QPointF((*pos)[0].get<double>(), (*pos)[1].get<double>());
            }
            if (auto props = item.find("properties"); props != item.end()) {
                if (!props->is_object())
                    return error(at + QStringLiteral("/properties"), tr("\"properties\" must be an object."));
                for (auto p = props->begin(); p != props->end(); ++p) {
                    if (!p.value().is_string())
                        return error(at + QStringLiteral("/properties/") + toQString(p.key()),
                                     tr("Property values are text (as Kafka Connect takes them)."),
                                     tr("Write numbers and booleans in quotes."));
                    node.properties.insert(toQString(p.key()), toQString(p.value().get<std::string>()));
                }
            }
            project.nodes.push_back(std::move(node));
        }
        return {};
    }

    Result<void> readEdges(const json &topology, Project &project) const
    {
        const auto edges = topology.find("edges");
        if (edges == topology.end())
            return {};
        if (!edges->is_array())
            return error(QStringLiteral("/topology/edges"), tr("\"edges\" must be a list."));
        for (std::size_t i = 0; i < edges->size(); ++i) {
            const json &item = (*edges)[i];
            const QString at = QStringLiteral("/topology/edges/%1").arg(i);
            if (!item.is_object())
                return error(at, tr("Each edge must be an object with \"from\" and \"to\"."));
            const auto from = item.find("from");
            const auto to = item.find("to");
            if (from == item.end() || !from->is_string() || to == item.end() || !to->is_string())
                return error(at, tr("Each edge needs text \"from\" and \"to\" node ids."));
            project.edges.push_back(Edge{toQString(from->get<std::string>()), toQString(to->get<std::string>())});
        }
        return {};
    }

    Result<void> readClusters(const json &doc, Project &project) const
    {
        const auto clusters = doc.find("connectClusters");
        if (clusters == doc.end())
            return {};
        if (!clusters->is_array())
            return error(QStringLiteral("/connectClusters"), tr("\"connectClusters\" must be a list."));
        static const QRegularExpression reference(QStringLiteral(R"(^\$\{(env|file):[^}]+\}$)"));
        QSet<QString> names;
        for (std::size_t i = 0; i < clusters->size(); ++i) {
            const json &item = (*clusters)[i];
            const QString at = QStringLiteral("/connectClusters/%1").arg(i);
            if (!item.is_object())
                return error(at, tr("Each Kafka Connect cluster must be an object with \"name\" and \"url\"."));
            if (item.contains("password"))
                return error(at + QStringLiteral("/password"),
                             tr("A password in plain text is not kept in the project file."),
                             tr("Remove \"password\" and set \"passwordReference\" to a ${env:NAME} or "
                                "${file:/path:key} reference."));
            ConnectClusterEntry entry;
            if (auto r = readString(item, "name", at + QStringLiteral("/name"), entry.name); !r)
                return r;
            if (entry.name.trimmed().isEmpty())
                return error(at + QStringLiteral("/name"),
                             tr("Each Kafka Connect cluster needs a non-empty \"name\"."));
            if (names.contains(entry.name))
                return error(at + QStringLiteral("/name"),
                             tr("Two Kafka Connect clusters are named \"%1\".").arg(entry.name),
                             tr("Give each cluster its own name."));
            names.insert(entry.name);
            if (auto r = readString(item, "url", at + QStringLiteral("/url"), entry.url); !r)
                return r;
            if (entry.url.isEmpty())
                return error(at + QStringLiteral("/url"), tr("Each Kafka Connect cluster needs a \"url\"."),
                             tr("Write the worker's REST address, e.g. http://localhost:8083."));
            const QUrl url(entry.url, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
                return error(at + QStringLiteral("/url"),
                             tr("\"%1\" is not an http:// or https:// URL.").arg(entry.url),
                             tr("Write the worker's REST address, e.g. http://localhost:8083."));
            if (auto r = readString(item, "username", at + QStringLiteral("/username"), entry.username); !r)
                return r;
            if (auto r = readString(item, "passwordReference", at + QStringLiteral("/passwordReference"),
                                    entry.passwordReference);
                !r)
                return r;
            if (!entry.passwordReference.isEmpty() && !reference.match(entry.passwordReference).hasMatch())
                return error(at + QStringLiteral("/passwordReference"),
                             tr("\"passwordReference\" must be a ${env:NAME} or ${file:/path:key} reference; a "
                                "password in plain text is not kept in the project file."));
            if (auto r = readString(item, "caFile", at + QStringLiteral("/caFile"), entry.caFile); !r)
                return r;
            project.clusters.push_back(std::move(entry));
        }
        return {};
    }

    QString m_source;
};

} // namespace

Result<Project> parseProject(const QByteArray &bytes, const QString &sourceName)
{
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error &e) {
        return Error{tr("The file is not valid JSON."), sourceName + u':' + lineColumnAt(bytes, e.byte),
                     tr("Fix the file in a text editor, or restore a backup. Nothing was changed.")};
    }
    return Reader(sourceName).read(doc);
}

QByteArray serializeProject(const Project &project)
{
    json nodes = json::array();
    for (const Node &node : project.nodes) {
        json properties = json::object();
        for (auto it = node.properties.cbegin(); it != node.properties.cend(); ++it)
            properties[toStd(it.key())] = toStd(it.value());
        nodes.push_back({
            {"id", toStd(node.id)},
            {"kind", toStd(nodeKindKey(node.kind))},
            {"name", toStd(node.name)},
            {"position", {node.position.x(), node.position.y()}},
            {"properties", std::move(properties)},
        });
    }
    json edges = json::array();
    for (const Edge &edge : project.edges)
        edges.push_back({{"from", toStd(edge.from)}, {"to", toStd(edge.to)}});

    json doc = {
        {"format", kProjectFormatVersion},
        {"application", toStd(buildinfo::applicationName() + u' ' + buildinfo::applicationVersion())},
        {"project", {{"name", toStd(project.name)}, {"description", toStd(project.description)}}},
        {"topology", {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}}},
        {"viewer", project.viewer.is_object() ? project.viewer : json::object()},
    };
    // Written only when there are clusters, so projects without them stay as they were.
    if (!project.clusters.empty()) {
        json clusters = json::array();
        for (const ConnectClusterEntry &cluster : project.clusters) {
            json entry = {{"name", toStd(cluster.name)}, {"url", toStd(cluster.url)}};
            if (!cluster.username.isEmpty())
                entry["username"] = toStd(cluster.username);
            if (!cluster.passwordReference.isEmpty())
                entry["passwordReference"] = toStd(cluster.passwordReference);
            if (!cluster.caFile.isEmpty())
                entry["caFile"] = toStd(cluster.caFile);
            clusters.push_back(std::move(entry));
        }
        doc["connectClusters"] = std::move(clusters);
    }
    // Likewise written only when set.
    if (project.lag.is_object() && !project.lag.empty())
        doc["lag"] = project.lag;
    return QByteArray::fromStdString(doc.dump(2)) + '\n';
}

Result<Project> loadProjectFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot open the project file: %1").arg(file.errorString()), path, {}};
    return parseProject(file.readAll(), path);
}

Result<void> saveProjectFile(const QString &path, const Project &project)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{tr("Cannot write the project file: %1").arg(file.errorString()), path,
                     tr("Choose another folder, or check its permissions.")};
    const QByteArray bytes = serializeProject(project);
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return Error{tr("Writing the project file failed: %1").arg(file.errorString()), path,
                     tr("The previous file on disk is unchanged.")};
    }
    if (!file.commit())
        return Error{tr("Saving the project file failed: %1").arg(file.errorString()), path,
                     tr("The previous file on disk is unchanged.")};
    qCInfo(lcProject) << "saved" << path;
    return {};
}

} // namespace cdc::topology
