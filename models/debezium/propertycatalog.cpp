// SPDX-License-Identifier: GPL-3.0-or-later
// Loading the property catalog and comparing it with a Kafka Connect worker.
#include "propertycatalog.h"

#include <QCoreApplication>
#include <QFile>

#include <nlohmann/json.hpp>

namespace cdc::debezium {

namespace {

using json = nlohmann::json;

QString str(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

QStringList strings(const json &object, const char *key)
{
    QStringList out;
    const auto it = object.find(key);
    if (it != object.end() && it->is_array()) {
        for (const json &v : *it) {
            if (v.is_string())
                out << QString::fromStdString(v.get<std::string>());
        }
    }
    return out;
}

PropertySpec readProperty(const json &p)
{
    PropertySpec spec;
    spec.name = str(p, "name");
    spec.type = str(p, "type");
    if (const auto d = p.find("default"); d != p.end() && d->is_string())
        spec.defaultValue = QString::fromStdString(d->get<std::string>());
    spec.required = p.value("required", false);
    spec.group = str(p, "group");
    spec.doc = str(p, "doc");
    spec.values = strings(p, "values");
    if (const auto rv = p.find("renamedValues"); rv != p.end() && rv->is_object()) {
        for (auto it = rv->begin(); it != rv->end(); ++it)
            spec.renamedValues.insert(QString::fromStdString(it.key()),
                                      QString::fromStdString(it.value().get<std::string>()));
    }
    spec.renamedFrom = str(p, "renamedFrom");
    spec.source = str(p, "source");
    spec.workerReports = p.value("workerReports", true);
    spec.connectors = strings(p, "connectors");
    return spec;
}

bool appliesTo(const PropertySpec &spec, const QString &connectorId)
{
    return spec.connectors.isEmpty() || spec.connectors.contains(connectorId);
}

} // namespace

QString RenameRule::rename(const QString &property) const
{
    if (!from.isEmpty())
        return property == from ? to : QString();
    if (!fromPrefix.isEmpty() && property.startsWith(fromPrefix) && !except.contains(property))
        return toPrefix + property.mid(fromPrefix.size());
    return {};
}

Result<PropertyCatalog> PropertyCatalog::parse(const QByteArray &bytes, const QString &sourceName)
{
    PropertyCatalog catalog;
    try {
        const json doc = json::parse(bytes.begin(), bytes.end());
        if (doc.value("format", 0) != 1)
            return Error{QCoreApplication::translate("PropertyCatalog", "Unknown catalog format."), sourceName, {}};
        for (const json &c : doc.at("connectors")) {
            catalog.m_connectors.push_back(
                {str(c, "id"), str(c, "class"), str(c, "title"), str(c, "database"), c.value("maxTasks", 0)});
        }
        for (const json &p : doc.at("properties"))
            catalog.m_properties.push_back(readProperty(p));
        for (const json &t : doc.at("transforms")) {
            TransformSpec transform{str(t, "id"), str(t, "class"), strings(t, "options"), {}};
            if (transform.id == QLatin1String("outbox")) {
                catalog.m_outboxClass = transform.className;
                for (const json &p : t.at("properties")) {
                    catalog.m_outbox.push_back(readProperty(p));
                    if (catalog.m_outbox.back().name != QLatin1String("type"))
                        transform.options << catalog.m_outbox.back().name;
                }
            }
            if (const auto removed = t.find("removedOptions"); removed != t.end()) {
                for (const json &o : *removed)
                    transform.removedOptions.push_back({str(o, "name"), str(o, "since"), str(o, "replacement")});
            }
            catalog.m_transforms.push_back(std::move(transform));
        }
        for (const json &r : doc.at("renames")) {
            RenameRule rule;
            rule.from = str(r, "from");
            rule.to = str(r, "to");
            rule.fromPrefix = str(r, "fromPrefix");
            rule.toPrefix = str(r, "toPrefix");
            rule.since = str(r, "since");
            rule.why = str(r, "why");
            rule.connectors = strings(r, "connectors");
            rule.except = strings(r, "except");
            if (const auto values = r.find("values"); values != r.end() && values->is_object()) {
                for (auto it = values->begin(); it != values->end(); ++it)
                    rule.values.insert(QString::fromStdString(it.key()),
                                       QString::fromStdString(it.value().get<std::string>()));
            }
            rule.stillRead = r.value("stillRead", false);
            catalog.m_renames.push_back(std::move(rule));
        }
        if (const auto classes = doc.find("classes"); classes != doc.end()) {
            catalog.m_knownClasses = strings(*classes, "known");
            for (const json &c : classes->at("removed"))
                catalog.m_removedClasses.push_back({str(c, "class"), str(c, "replacement")});
        }
        if (const auto worker = doc.find("workerProperties"); worker != doc.end()) {
            for (auto it = worker->begin(); it != worker->end(); ++it) {
                if (it.value().is_array())
                    catalog.m_workerProperties.insert(QString::fromStdString(it.key()),
                                                      strings(*worker, it.key().c_str()));
            }
        }
        for (auto it = doc.at("sources").begin(); it != doc.at("sources").end(); ++it)
            catalog.m_sources.insert(QString::fromStdString(it.key()),
                                     QString::fromStdString(it.value().get<std::string>()));
    } catch (const json::exception &e) {
        return Error{QCoreApplication::translate("PropertyCatalog", "The property catalog is broken: %1")
                         .arg(QString::fromUtf8(e.what())),
                     sourceName,
                     {}};
    }
    return catalog;
}

const PropertyCatalog &PropertyCatalog::bundled()
{
    static const PropertyCatalog catalog = [] {
        const QString path = QStringLiteral(":/catalog/debezium.json");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("The property catalog is not compiled in (%s)", qPrintable(path));
        auto parsed = parse(file.readAll(), path);
        if (!parsed)
            qFatal("%s", qPrintable(parsed.error().toString()));
        return std::move(parsed).value();
    }();
    return catalog;
}

const ConnectorSpec *PropertyCatalog::connectorById(const QString &id) const
{
    for (const ConnectorSpec &c : m_connectors) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

const ConnectorSpec *PropertyCatalog::connectorForClass(const QString &className) const
{
    for (const ConnectorSpec &c : m_connectors) {
        if (c.className == className)
            return &c;
    }
    return nullptr;
}

std::vector<const PropertySpec *> PropertyCatalog::properties(const QString &connectorId) const
{
    std::vector<const PropertySpec *> out;
    for (const PropertySpec &p : m_properties) {
        if (appliesTo(p, connectorId))
            out.push_back(&p);
    }
    return out;
}

const PropertySpec *PropertyCatalog::property(const QString &connectorId, const QString &name) const
{
    for (const PropertySpec &p : m_properties) {
        if (p.name == name && appliesTo(p, connectorId))
            return &p;
    }
    return nullptr;
}

const TransformSpec *PropertyCatalog::transformForClass(const QString &className) const
{
    for (const TransformSpec &t : m_transforms) {
        if (t.className == className)
            return &t;
    }
    return nullptr;
}

const RemovedClass *PropertyCatalog::removedClass(const QString &className) const
{
    for (const RemovedClass &c : m_removedClasses) {
        if (c.className == className)
            return &c;
    }
    return nullptr;
}

const PropertySpec *PropertyCatalog::outboxProperty(const QString &name) const
{
    for (const PropertySpec &p : m_outbox) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

namespace {
// name -> definition object of a validate answer
std::map<std::string, json> definitions(const QByteArray &answer)
{
    std::map<std::string, json> out;
    const json doc = json::parse(answer.begin(), answer.end(), nullptr, false);
    if (!doc.is_object() || !doc.contains("configs"))
        return out;
    for (const json &c : doc["configs"]) {
        if (c.contains("definition") && c["definition"].contains("name"))
            out[c["definition"]["name"].get<std::string>()] = c["definition"];
    }
    return out;
}

QString defaultOf(const json &definition)
{
    const auto it = definition.find("default_value");
    return it == definition.end() || it->is_null() ? QStringLiteral("(none)")
                                                   : QString::fromStdString(it->get<std::string>());
}
} // namespace

std::vector<CatalogDisagreement> PropertyCatalog::compareWithWorker(const QString &connectorId,
                                                                    const QByteArray &validateAnswer,
                                                                    const QString &outboxAlias) const
{
    std::vector<CatalogDisagreement> out;
    const auto worker = definitions(validateAnswer);
    auto compare = [&](const PropertySpec &spec, const QString &fullName) {
        if (!spec.workerReports)
            return;
        const auto it = worker.find(fullName.toStdString());
        if (it == worker.end()) {
            out.push_back({fullName, QStringLiteral("missing"), spec.type, QStringLiteral("(not listed)")});
            return;
        }
        const QString type = QString::fromStdString(it->second.value("type", std::string()));
        if (type != spec.type)
            out.push_back({fullName, QStringLiteral("type"), spec.type, type});
        const QString ours = spec.defaultValue.value_or(QStringLiteral("(none)"));
        if (defaultOf(it->second) != ours)
            out.push_back({fullName, QStringLiteral("default"), ours, defaultOf(it->second)});
    };
    for (const PropertySpec *spec : properties(connectorId))
        compare(*spec, spec->name);
    if (!outboxAlias.isEmpty()) {
        for (const PropertySpec &spec : m_outbox)
            compare(spec, QStringLiteral("transforms.") + outboxAlias + u'.' + spec.name);
    }
    return out;
}

QMap<QString, QString> PropertyCatalog::workerDocumentation(const QByteArray &validateAnswer)
{
    QMap<QString, QString> out;
    for (const auto &[name, definition] : definitions(validateAnswer)) {
        const auto doc = definition.find("documentation");
        if (doc != definition.end() && doc->is_string())
            out.insert(QString::fromStdString(name), QString::fromStdString(doc->get<std::string>()));
    }
    return out;
}

} // namespace cdc::debezium
