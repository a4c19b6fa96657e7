// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing Kafka Connect 4.x JSON answers into typed values; describing offsets and stack traces.
#include "connecttypes.h"

#include "topology/projectfile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace cdc::connect {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectTypes", text);
}

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// Errors name the answer ("GET /connectors/{name}/status") and the JSON pointer of the problem.
class Shape
{
public:
    explicit Shape(QString answer) : m_answer(std::move(answer)) {}

    Error error(const QString &pointer, const QString &what) const
    {
        return Error{
            tr("Kafka Connect's answer to %1 is not what Connect 4.x sends: %2").arg(m_answer, what),
            pointer.isEmpty() ? QStringLiteral("/") : pointer,
            tr("Check that the cluster URL points at a Kafka Connect worker, not a proxy or another service.")};
    }

    Result<QJsonValue> parse(const QByteArray &json) const
    {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            const QString start = QString::fromUtf8(json.left(60)).simplified();
            return Error{tr("Kafka Connect's answer to %1 is not JSON (%2 at byte %3): \"%4\"")
                             .arg(m_answer, parseError.errorString())
                             .arg(parseError.offset)
                             .arg(start),
                         {},
                         tr("Check that the cluster URL points at a Kafka Connect worker.")};
        }
        if (doc.isObject())
            return QJsonValue(doc.object());
        return QJsonValue(doc.array());
    }

    Result<QJsonObject> object(const QJsonValue &value, const QString &pointer) const
    {
        if (!value.isObject())
            return error(pointer, tr("expected an object, found %1").arg(kindOf(value)));
        return value.toObject();
    }

    Result<QJsonArray> array(const QJsonValue &value, const QString &pointer) const
    {
        if (!value.isArray())
            return error(pointer, tr("expected a list, found %1").arg(kindOf(value)));
        return value.toArray();
    }

    // A text field; `required` ones must be present, optional ones may also be null.
    Result<QString> text(const QJsonObject &object, const QString &key, const QString &pointer,
                         bool required = true) const
    {
        const QJsonValue value = object.value(key);
        const QString at = pointer + u'/' + key;
        if (value.isUndefined() || value.isNull()) {
            if (required)
                return error(at, tr("\"%1\" is missing").arg(key));
            return QString();
        }
        if (!value.isString())
            return error(at, tr("\"%1\" must be text, found %2").arg(key, kindOf(value)));
        return value.toString();
    }

    Result<int> integer(const QJsonObject &object, const QString &key, const QString &pointer) const
    {
        const QJsonValue value = object.value(key);
        const QString at = pointer + u'/' + key;
        if (value.isUndefined())
            return error(at, tr("\"%1\" is missing").arg(key));
        const double d = value.toDouble(std::nan(""));
        if (!value.isDouble() || d != std::floor(d) || std::abs(d) > 2147483647.0)
            return error(at, tr("\"%1\" must be a whole number, found %2").arg(key, kindOf(value)));
        return int(d);
    }

    // Connect stores every config value as text; numbers and booleans are taken as their text.
    Result<QMap<QString, QString>> config(const QJsonValue &value, const QString &pointer) const
    {
        auto object = this->object(value, pointer);
        if (!object)
            return object.error();
        QMap<QString, QString> config;
        for (auto it = object.value().constBegin(); it != object.value().constEnd(); ++it) {
            const QJsonValue v = it.value();
            if (v.isNull())
                config.insert(it.key(), QString());
            else if (v.isString() || v.isBool() || v.isDouble())
                config.insert(it.key(), scalarText(v));
            else
                return error(pointer + u'/' + it.key(), tr("config values must be text, found %1").arg(kindOf(v)));
        }
        return config;
    }

    static QString kindOf(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null: return tr("null");
        case QJsonValue::Bool: return tr("a boolean");
        case QJsonValue::Double: return tr("a number");
        case QJsonValue::String: return tr("text");
        case QJsonValue::Array: return tr("a list");
        case QJsonValue::Object: return tr("an object");
        case QJsonValue::Undefined: return tr("nothing");
        }
        return tr("something else");
    }

private:
    QString m_answer;
};

Result<ConnectorStatus> readStatus(const Shape &shape, const QJsonValue &value, const QString &at)
{
    auto object = shape.object(value, at);
    if (!object)
        return object.error();
    const QJsonObject &o = object.value();
    ConnectorStatus status;
    auto name = shape.text(o, QStringLiteral("name"), at);
    if (!name)
        return name.error();
    status.name = name.value();
    auto type = shape.text(o, QStringLiteral("type"), at, false);
    if (!type)
        return type.error();
    status.type = type.value();

    auto connector = shape.object(o.value(QStringLiteral("connector")), at + QStringLiteral("/connector"));
    if (!connector)
        return connector.error();
    const QString connectorAt = at + QStringLiteral("/connector");
    auto state = shape.text(connector.value(), QStringLiteral("state"), connectorAt);
    if (!state)
        return state.error();
    auto worker = shape.text(connector.value(), QStringLiteral("worker_id"), connectorAt, false);
    if (!worker)
        return worker.error();
    auto trace = shape.text(connector.value(), QStringLiteral("trace"), connectorAt, false);
    if (!trace)
        return trace.error();
    status.state = state.value();
    status.workerId = worker.value();
    status.trace = trace.value();

    const QJsonValue tasksValue = o.value(QStringLiteral("tasks"));
    if (!tasksValue.isUndefined()) {
        auto tasks = shape.array(tasksValue, at + QStringLiteral("/tasks"));
        if (!tasks)
            return tasks.error();
        for (qsizetype i = 0; i < tasks.value().size(); ++i) {
            const QString taskAt = at + QStringLiteral("/tasks/%1").arg(i);
            auto task = shape.object(tasks.value().at(i), taskAt);
            if (!task)
                return task.error();
            TaskStatus t;
            auto id = shape.integer(task.value(), QStringLiteral("id"), taskAt);
            if (!id)
                return id.error();
            auto taskState = shape.text(task.value(), QStringLiteral("state"), taskAt);
            if (!taskState)
                return taskState.error();
            auto taskWorker = shape.text(task.value(), QStringLiteral("worker_id"), taskAt, false);
            if (!taskWorker)
                return taskWorker.error();
            auto taskTrace = shape.text(task.value(), QStringLiteral("trace"), taskAt, false);
            if (!taskTrace)
                return taskTrace.error();
            t.id = id.value();
            t.state = taskState.value();
            t.workerId = taskWorker.value();
            t.trace = taskTrace.value();
            status.tasks << t;
        }
        std::sort(status.tasks.begin(), status.tasks.end(),
                  [](const TaskStatus &a, const TaskStatus &b) { return a.id < b.id; });
    }
    return status;
}

Result<ConnectorInfo> readInfo(const Shape &shape, const QJsonValue &value, const QString &at)
{
    auto object = shape.object(value, at);
    if (!object)
        return object.error();
    const QJsonObject &o = object.value();
    ConnectorInfo info;
    auto name = shape.text(o, QStringLiteral("name"), at);
    if (!name)
        return name.error();
    auto type = shape.text(o, QStringLiteral("type"), at, false);
    if (!type)
        return type.error();
    auto config = shape.config(o.value(QStringLiteral("config")), at + QStringLiteral("/config"));
    if (!config)
        return config.error();
    info.name = name.value();
    info.type = type.value();
    info.config = config.value();

    const QJsonValue tasksValue = o.value(QStringLiteral("tasks"));
    if (!tasksValue.isUndefined()) {
        auto tasks = shape.array(tasksValue, at + QStringLiteral("/tasks"));
        if (!tasks)
            return tasks.error();
        for (qsizetype i = 0; i < tasks.value().size(); ++i) {
            const QString taskAt = at + QStringLiteral("/tasks/%1").arg(i);
            auto task = shape.object(tasks.value().at(i), taskAt);
            if (!task)
                return task.error();
            auto id = shape.integer(task.value(), QStringLiteral("task"), taskAt);
            if (!id)
                return id.error();
            info.taskIds << id.value();
        }
        std::sort(info.taskIds.begin(), info.taskIds.end());
    }
    return info;
}

// 24158400 → "0/170A0C0", as PostgreSQL writes an LSN.
QString lsnText(const QJsonValue &value)
{
    quint64 lsn = 0;
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d < 0)
            return QString::number(d);
        lsn = quint64(d);
    } else if (value.isString()) {
        bool ok = false;
        lsn = value.toString().toULongLong(&ok);
        if (!ok)
            return value.toString();
    } else {
        return scalarText(value);
    }
    return QString::number(lsn >> 32, 16).toUpper() + u'/' + QString::number(lsn & 0xFFFFFFFFu, 16).toUpper();
}

bool truthy(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString())
        return !value.toString().isEmpty() && value.toString().compare(QStringLiteral("false"), Qt::CaseInsensitive);
    return false;
}

} // namespace

QList<PropertyValidation> ValidationResult::withErrors() const
{
    QList<PropertyValidation> refused;
    for (const PropertyValidation &p : properties)
        if (!p.errors.isEmpty())
            refused << p;
    return refused;
}

QString SourceOffset::describe() const
{
    if (offset.contains(QStringLiteral("lsn"))) {
        const QJsonValue lsn = offset.value(QStringLiteral("lsn"));
        QStringList details;
        if (offset.contains(QStringLiteral("txId")))
            details << QStringLiteral("txId ") + scalarText(offset.value(QStringLiteral("txId")));
        const QJsonValue commit = offset.value(QStringLiteral("lsn_commit"));
        if (!commit.isUndefined() && !commit.isNull() && commit != lsn)
            details << QStringLiteral("commit ") + lsnText(commit);
        const QJsonValue processed = offset.value(QStringLiteral("lsn_proc"));
        if (!processed.isUndefined() && !processed.isNull() && processed != lsn)
            details << QStringLiteral("processed ") + lsnText(processed);
        if (truthy(offset.value(QStringLiteral("snapshot"))) &&
            !truthy(offset.value(QStringLiteral("snapshot_completed"))))
            details << QStringLiteral("snapshot");
        QString text = QStringLiteral("LSN ") + lsnText(lsn);
        if (!details.isEmpty())
            text += QStringLiteral(" (") + details.join(QStringLiteral(", ")) + u')';
        return text;
    }

    QStringList parts;
    if (offset.contains(QStringLiteral("file"))) {
        QString binlog = QStringLiteral("binlog ") + scalarText(offset.value(QStringLiteral("file")));
        if (offset.contains(QStringLiteral("pos")))
            binlog += u':' + scalarText(offset.value(QStringLiteral("pos")));
        parts << binlog;
    }
    for (const QString &key : {QStringLiteral("gtids"), QStringLiteral("gtid")}) {
        const QJsonValue gtid = offset.value(key);
        if (gtid.isString() && !gtid.toString().isEmpty()) {
            parts << QStringLiteral("GTID ") + gtid.toString().simplified();
            break;
        }
    }
    if (!parts.isEmpty())
        return parts.join(QStringLiteral(", "));
    return QString::fromUtf8(QJsonDocument(offset).toJson(QJsonDocument::Compact));
}

QString firstUsefulTraceLine(const QString &trace)
{
    static const QRegularExpression causedBy(QStringLiteral(R"(^Caused by:\s*([^\s:]+)(?::\s*(.*))?$)"));
    QString first;
    QString deepestCause;
    const QStringList lines = trace.split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1String("at ")) || line.startsWith(QLatin1String("...")))
            continue;
        if (const auto m = causedBy.match(line); m.hasMatch()) {
            if (!m.captured(2).trimmed().isEmpty())
                deepestCause = m.captured(1) + QStringLiteral(": ") + m.captured(2).trimmed();
            continue;
        }
        if (first.isEmpty() && !line.startsWith(QLatin1String("Suppressed:")))
            first = line;
    }
    return deepestCause.isEmpty() ? first : deepestCause;
}

Result<ServerInfo> parseServerInfo(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    auto object = shape.object(doc.value(), {});
    if (!object)
        return object.error();
    auto version = shape.text(object.value(), QStringLiteral("version"), {});
    if (!version)
        return version.error();
    auto commit = shape.text(object.value(), QStringLiteral("commit"), {}, false);
    if (!commit)
        return commit.error();
    auto cluster = shape.text(object.value(), QStringLiteral("kafka_cluster_id"), {}, false);
    if (!cluster)
        return cluster.error();
    return ServerInfo{version.value(), commit.value(), cluster.value()};
}

Result<QList<PluginInfo>> parsePlugins(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /connector-plugins"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    auto array = shape.array(doc.value(), {});
    if (!array)
        return array.error();
    QList<PluginInfo> plugins;
    for (qsizetype i = 0; i < array.value().size(); ++i) {
        const QString at = QStringLiteral("/%1").arg(i);
        auto object = shape.object(array.value().at(i), at);
        if (!object)
            return object.error();
        auto className = shape.text(object.value(), QStringLiteral("class"), at);
        if (!className)
            return className.error();
        auto type = shape.text(object.value(), QStringLiteral("type"), at, false);
        if (!type)
            return type.error();
        auto version = shape.text(object.value(), QStringLiteral("version"), at, false);
        if (!version)
            return version.error();
        plugins << PluginInfo{className.value(), type.value(), version.value()};
    }
    return plugins;
}

Result<ConnectorStatus> parseConnectorStatus(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /connectors/{name}/status"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    return readStatus(shape, doc.value(), {});
}

Result<ConnectorInfo> parseConnectorInfo(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /connectors/{name}"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    return readInfo(shape, doc.value(), {});
}

Result<QMap<QString, QString>> parseConnectorConfig(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /connectors/{name}/config"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    return shape.config(doc.value(), {});
}

Result<QList<ConnectorOverview>> parseConnectorOverviews(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /connectors?expand=status&expand=info"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    auto object = shape.object(doc.value(), {});
    if (!object)
        return object.error();
    QList<ConnectorOverview> overviews;
    for (auto it = object.value().constBegin(); it != object.value().constEnd(); ++it) {
        const QString at = u'/' + it.key();
        auto entry = shape.object(it.value(), at);
        if (!entry)
            return entry.error();
        ConnectorOverview overview;
        overview.status.name = it.key();
        overview.info.name = it.key();
        // A connector deleted between listing and expanding has no status or info: Connect leaves it out.
        if (const QJsonValue status = entry.value().value(QStringLiteral("status")); !status.isUndefined()) {
            auto parsed = readStatus(shape, status, at + QStringLiteral("/status"));
            if (!parsed)
                return parsed.error();
            overview.status = parsed.value();
        }
        if (const QJsonValue info = entry.value().value(QStringLiteral("info")); !info.isUndefined()) {
            auto parsed = readInfo(shape, info, at + QStringLiteral("/info"));
            if (!parsed)
                return parsed.error();
            overview.info = parsed.value();
        }
        if (overview.status.type.isEmpty())
            overview.status.type = overview.info.type;
        overviews << overview;
    }
    std::sort(overviews.begin(), overviews.end(),
              [](const ConnectorOverview &a, const ConnectorOverview &b) { return a.status.name < b.status.name; });
    return overviews;
}

Result<ValidationResult> parseValidation(const QByteArray &json)
{
    const Shape shape(QStringLiteral("PUT /connector-plugins/{class}/config/validate"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    auto object = shape.object(doc.value(), {});
    if (!object)
        return object.error();
    const QJsonObject &o = object.value();
    ValidationResult result;
    auto name = shape.text(o, QStringLiteral("name"), {}, false);
    if (!name)
        return name.error();
    result.connectorClass = name.value();
    auto errorCount = shape.integer(o, QStringLiteral("error_count"), {});
    if (!errorCount)
        return errorCount.error();
    result.errorCount = errorCount.value();
    auto configs = shape.array(o.value(QStringLiteral("configs")), QStringLiteral("/configs"));
    if (!configs)
        return configs.error();
    for (qsizetype i = 0; i < configs.value().size(); ++i) {
        const QString at = QStringLiteral("/configs/%1").arg(i);
        auto item = shape.object(configs.value().at(i), at);
        if (!item)
            return item.error();
        auto definition =
            shape.object(item.value().value(QStringLiteral("definition")), at + QStringLiteral("/definition"));
        if (!definition)
            return definition.error();
        auto value = shape.object(item.value().value(QStringLiteral("value")), at + QStringLiteral("/value"));
        if (!value)
            return value.error();
        const QString definitionAt = at + QStringLiteral("/definition");
        const QString valueAt = at + QStringLiteral("/value");

        PropertyValidation p;
        auto propertyName = shape.text(definition.value(), QStringLiteral("name"), definitionAt);
        if (!propertyName)
            return propertyName.error();
        auto group = shape.text(definition.value(), QStringLiteral("group"), definitionAt, false);
        if (!group)
            return group.error();
        auto documentation = shape.text(definition.value(), QStringLiteral("documentation"), definitionAt, false);
        if (!documentation)
            return documentation.error();
        const QJsonValue required = definition.value().value(QStringLiteral("required"));
        if (!required.isUndefined() && !required.isBool())
            return shape.error(definitionAt + QStringLiteral("/required"),
                               tr("\"required\" must be true or false, found %1").arg(Shape::kindOf(required)));
        const QJsonValue current = value.value().value(QStringLiteral("value"));
        if (!current.isUndefined() && !current.isNull() && !current.isString() && !current.isDouble() &&
            !current.isBool())
            return shape.error(valueAt + QStringLiteral("/value"),
                               tr("a property value must be text, found %1").arg(Shape::kindOf(current)));
        const QJsonValue errors = value.value().value(QStringLiteral("errors"));
        if (!errors.isUndefined() && !errors.isNull()) {
            auto list = shape.array(errors, valueAt + QStringLiteral("/errors"));
            if (!list)
                return list.error();
            for (qsizetype e = 0; e < list.value().size(); ++e) {
                if (!list.value().at(e).isString())
                    return shape.error(valueAt + QStringLiteral("/errors/%1").arg(e),
                                       tr("errors must be text, found %1").arg(Shape::kindOf(list.value().at(e))));
                p.errors << list.value().at(e).toString();
            }
        }
        p.name = propertyName.value();
        p.group = group.value();
        p.documentation = documentation.value();
        p.required = required.toBool(false);
        p.value = current.isUndefined() || current.isNull() ? QString() : scalarText(current);
        result.properties << p;
    }
    return result;
}

Result<ConnectorOffsets> parseOffsets(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /connectors/{name}/offsets"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    auto object = shape.object(doc.value(), {});
    if (!object)
        return object.error();
    auto list = shape.array(object.value().value(QStringLiteral("offsets")), QStringLiteral("/offsets"));
    if (!list)
        return list.error();
    ConnectorOffsets offsets;
    for (qsizetype i = 0; i < list.value().size(); ++i) {
        const QString at = QStringLiteral("/offsets/%1").arg(i);
        auto item = shape.object(list.value().at(i), at);
        if (!item)
            return item.error();
        auto partition =
            shape.object(item.value().value(QStringLiteral("partition")), at + QStringLiteral("/partition"));
        if (!partition)
            return partition.error();
        SourceOffset offset;
        offset.partition = partition.value();
        const QJsonValue value = item.value().value(QStringLiteral("offset"));
        if (value.isNull() || value.isUndefined())
            continue; // a partition whose offset was reset: it has none
        auto parsed = shape.object(value, at + QStringLiteral("/offset"));
        if (!parsed)
            return parsed.error();
        if (parsed.value().isEmpty())
            continue;
        offset.offset = parsed.value();
        offsets.offsets << offset;
    }
    return offsets;
}

Result<QStringList> parseConnectorNames(const QByteArray &json)
{
    const Shape shape(QStringLiteral("GET /connectors"));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    auto list = shape.array(doc.value(), {});
    if (!list)
        return list.error();
    const QJsonArray &array = list.value();
    QStringList names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return shape.error(QStringLiteral("/%1").arg(i),
                               tr("connector names must be text, found %1").arg(Shape::kindOf(array.at(i))));
        names << array.at(i).toString();
    }
    return names;
}

Result<QStringList> parseConnectorTopics(const QByteArray &json, const QString &connector)
{
    const Shape shape(QStringLiteral("GET /connectors/%1/topics").arg(connector));
    auto doc = shape.parse(json);
    if (!doc)
        return doc.error();
    auto object = shape.object(doc.value(), {});
    if (!object)
        return object.error();
    if (!object.value().contains(connector))
        return shape.error({}, tr("there is no entry for the connector \"%1\"").arg(connector));
    const QString at = u'/' + connector;
    auto entry = shape.object(object.value().value(connector), at);
    if (!entry)
        return entry.error();
    auto topics = shape.array(entry.value().value(QStringLiteral("topics")), at + QStringLiteral("/topics"));
    if (!topics)
        return topics.error();
    QStringList names;
    for (qsizetype i = 0; i < topics.value().size(); ++i) {
        if (!topics.value().at(i).isString())
            return shape.error(at + QStringLiteral("/topics/%1").arg(i),
                               tr("topic names must be text, found %1").arg(Shape::kindOf(topics.value().at(i))));
        names << topics.value().at(i).toString();
    }
    names.sort();
    return names;
}

QJsonObject configToJson(const QMap<QString, QString> &config)
{
    QJsonObject object;
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

bool isSecretKey(const QString &key)
{
    const QString k = key.toLower();
    if (k.contains(QLatin1String("password")) || k.contains(QLatin1String("secret")) ||
        k.contains(QLatin1String("token")) || k.endsWith(QLatin1String("sasl.jaas.config")))
        return true;
    // Key material (ssl.keystore.key, ...). Not column mappings such as the outbox router's
    // "table.field.event.key", whose value is a column name.
    return k.endsWith(QLatin1String(".key")) && !k.contains(QLatin1String(".field."));
}

ClusterSettings clusterFromProject(const topology::ConnectClusterEntry &entry)
{
    ClusterSettings settings;
    settings.name = entry.name;
    settings.url = QUrl(entry.url);
    settings.username = entry.username;
    settings.passwordReference = entry.passwordReference;
    settings.caFile = entry.caFile;
    return settings;
}

topology::ConnectClusterEntry clusterToProject(const ClusterSettings &settings)
{
    return topology::ConnectClusterEntry{settings.name, settings.url.toString(), settings.username,
                                         settings.passwordReference, settings.caFile};
}

} // namespace cdc::connect
