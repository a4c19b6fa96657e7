// SPDX-License-Identifier: GPL-3.0-or-later
// Kafka Connect's vocabulary for the simulated worker: installed plugins, ConfigDef properties, the
// validate answer and the refusal texts, in Connect's own words.
#include "sandbox/connectvalidation.h"

#include "connect/connecttypes.h"

#include <vector>

namespace cdc::sandbox {

namespace {

const QString kDebeziumVersion = QStringLiteral("3.5.0.Final");
const QString kPostgresClass = QStringLiteral("io.debezium.connector.postgresql.PostgresConnector");
const QString kMySqlClass = QStringLiteral("io.debezium.connector.mysql.MySqlConnector");
const QString kMariaDbClass = QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector");

struct Plugin
{
    const char *className;
    const char *type;
    bool debezium;
};

// GET /connector-plugins lists connectors only unless ?connectorsOnly=false. Sorted as Connect sorts them.
constexpr Plugin kPlugins[] = {
    {"io.debezium.connector.mariadb.MariaDbConnector", "source", true},
    {"io.debezium.connector.mysql.MySqlConnector", "source", true},
    {"io.debezium.connector.postgresql.PostgresConnector", "source", true},
    {"org.apache.kafka.connect.mirror.MirrorCheckpointConnector", "source", false},
    {"org.apache.kafka.connect.mirror.MirrorHeartbeatConnector", "source", false},
    {"org.apache.kafka.connect.mirror.MirrorSourceConnector", "source", false},
    {"io.debezium.transforms.outbox.EventRouter", "transformation", true},
    {"org.apache.kafka.connect.json.JsonConverter", "converter", false},
    {"org.apache.kafka.connect.storage.StringConverter", "converter", false},
    {"org.apache.kafka.connect.transforms.predicates.TopicNameMatches", "predicate", false},
};

// One property of a plugin's ConfigDef, for the validate answer.
struct Property
{
    const char *name;
    const char *type;
    bool required;
    const char *defaultValue; // nullptr: no default
    const char *group;
    const char *displayName;
    const char *documentation;
};

constexpr Property kCommonProperties[] = {
    {"name", "STRING", true, nullptr, "Common", "Connector name", "Globally unique name to use for this connector."},
    {"connector.class", "STRING", true, nullptr, "Common", "Connector class",
     "Name or alias of the class for this connector."},
    {"tasks.max", "INT", false, "1", "Common", "Tasks max", "Maximum number of tasks to use for this connector."},
    {"key.converter", "CLASS", false, nullptr, "Common", "Key converter class",
     "Converter class used to convert between Kafka Connect format and the serialized form written to Kafka."},
    {"value.converter", "CLASS", false, nullptr, "Common", "Value converter class",
     "Converter class used to convert between Kafka Connect format and the serialized form written to Kafka."},
    {"transforms", "LIST", false, "", "Transforms", "Transforms",
     "Aliases for the transformations to be applied to records."},
    {"predicates", "LIST", false, "", "Predicates", "Predicates",
     "Aliases for the predicates used by transformations."},
    {"errors.tolerance", "STRING", false, "none", "Error Handling", "Error Tolerance",
     "Behavior for tolerating errors during connector operation."},
};

constexpr Property kDebeziumProperties[] = {
    {"topic.prefix", "STRING", true, nullptr, "Connector", "Topic prefix",
     "Topic prefix that identifies and provides a namespace for the particular database server/cluster."},
    {"database.hostname", "STRING", true, nullptr, "Connection", "Hostname",
     "Resolvable hostname or IP address of the database server."},
    {"database.user", "STRING", true, nullptr, "Connection", "User",
     "Name of the database user to be used when connecting to the database."},
    {"database.password", "PASSWORD", false, nullptr, "Connection", "Password",
     "Password of the database user to be used when connecting to the database."},
    {"table.include.list", "LIST", false, nullptr, "Filters", "Include Tables",
     "The tables for which changes are to be captured."},
    {"snapshot.mode", "STRING", false, "initial", "Connector Snapshot", "Snapshot mode",
     "The criteria for running a snapshot upon startup of the connector."},
};

constexpr Property kPostgresProperties[] = {
    {"database.port", "INT", false, "5432", "Connection", "Port", "Port of the database server."},
    {"database.dbname", "STRING", true, nullptr, "Connection", "Database",
     "The name of the database from which the connector should capture changes."},
    {"plugin.name", "STRING", false, "decoderbufs", "Connection Advanced Replication", "Plugin",
     "The name of the Postgres logical decoding plugin installed on the server."},
    {"slot.name", "STRING", false, "debezium", "Connection Advanced Replication", "Slot",
     "The name of the Postgres logical decoding slot created for streaming changes from a plugin."},
    {"publication.name", "STRING", false, "dbz_publication", "Connection Advanced Replication", "Publication",
     "The name of the Postgres 10+ publication used for streaming changes from a plugin."},
};

constexpr Property kMySqlProperties[] = {
    {"database.port", "INT", false, "3306", "Connection", "Port", "Port of the database server."},
    {"database.server.id", "LONG", true, nullptr, "Connection Advanced", "Cluster ID",
     "A numeric ID of this database client, which must be unique across all currently-running database "
     "processes in the cluster."},
    {"database.include.list", "LIST", false, nullptr, "Filters", "Include Databases",
     "The databases for which changes are to be captured."},
    {"schema.history.internal.kafka.bootstrap.servers", "STRING", false, nullptr, "Advanced", "Kafka broker addresses",
     "A list of host/port pairs for the schema history topic's Kafka cluster."},
    {"schema.history.internal.kafka.topic", "STRING", false, nullptr, "Advanced", "Database schema history topic name",
     "The name of the topic for the database schema history."},
};

QString latin1(const char *text)
{
    return QString::fromLatin1(text);
}

QString connectorPlugins()
{
    QStringList names;
    for (const Plugin &p : kPlugins) {
        if (QLatin1String(p.type) == QLatin1String("source"))
            names << latin1(p.className);
    }
    return names.join(QStringLiteral(", "));
}

QJsonValue textOrNull(const char *text)
{
    return text ? QJsonValue(latin1(text)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString connectVersion()
{
    return QStringLiteral("4.1.1");
}

QString hiddenValue()
{
    return QStringLiteral("[hidden]");
}

QJsonArray connectorPluginsJson(bool connectorsOnly)
{
    QJsonArray plugins;
    for (const Plugin &p : kPlugins) {
        if (connectorsOnly && QLatin1String(p.type) != QLatin1String("source"))
            continue;
        plugins.append(QJsonObject{{QStringLiteral("class"), latin1(p.className)},
                                   {QStringLiteral("type"), latin1(p.type)},
                                   {QStringLiteral("version"), p.debezium ? kDebeziumVersion : connectVersion()}});
    }
    return plugins;
}

QString resolvePlugin(const QString &name)
{
    for (const Plugin &p : kPlugins) {
        const QString full = latin1(p.className);
        const QString simple = full.section(u'.', -1);
        if (name == full || name == simple ||
            (simple.endsWith(QLatin1String("Connector")) && name == simple.chopped(9)))
            return full;
    }
    return {};
}

bool isConnectorPlugin(const QString &className)
{
    for (const Plugin &p : kPlugins) {
        if (className == QLatin1String(p.className))
            return QLatin1String(p.type) == QLatin1String("source");
    }
    return false;
}

bool isDebezium(const QString &className)
{
    return className == kPostgresClass || className == kMySqlClass || className == kMariaDbClass;
}

Result<QMap<QString, QString>> configFrom(const QJsonValue &value)
{
    if (!value.isObject())
        return Error{QStringLiteral("The connector config must be a JSON object of strings."), {}, {}};
    QMap<QString, QString> config;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString())
            config.insert(it.key(), v.toString());
        else if (v.isBool())
            config.insert(it.key(), v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (v.isDouble())
            config.insert(it.key(), QString::number(v.toDouble(), 'g', 17));
        else if (!v.isNull())
            return Error{QStringLiteral("The value of \"%1\" must be a string.").arg(it.key()), {}, {}};
    }
    return config;
}

QJsonObject validationJson(const QString &className, const QMap<QString, QString> &config)
{
    std::vector<const Property *> properties;
    for (const Property &p : kCommonProperties)
        properties.push_back(&p);
    if (isDebezium(className)) {
        for (const Property &p : kDebeziumProperties)
            properties.push_back(&p);
        if (className == kPostgresClass) {
            for (const Property &p : kPostgresProperties)
                properties.push_back(&p);
        } else {
            for (const Property &p : kMySqlProperties)
                properties.push_back(&p);
        }
    }

    QJsonArray configs;
    QStringList groups;
    int errorCount = 0;
    int order = 0;
    for (const Property *p : properties) {
        const QString name = latin1(p->name);
        const QString group = latin1(p->group);
        if (!groups.contains(group))
            groups << group;
        const bool given = config.contains(name) && !config.value(name).trimmed().isEmpty();
        const bool connectOwn = name == QLatin1String("name") || name == QLatin1String("connector.class");
        QJsonArray errors;
        if (p->required && !given) {
            errors.append(
                connectOwn
                    ? QStringLiteral("Missing required configuration \"%1\" which has no default value.").arg(name)
                    : QStringLiteral("The '%1' value is invalid: A value is required").arg(name));
        } else if (given && name == QLatin1String("database.server.id")) {
            bool ok = false;
            if (config.value(name).trimmed().toLongLong(&ok) <= 0 || !ok)
                errors.append(QStringLiteral("The 'database.server.id' value is invalid: A positive, non-zero value "
                                             "is required"));
        } else if (given && name == QLatin1String("tasks.max")) {
            bool ok = false;
            const int tasks = config.value(name).trimmed().toInt(&ok);
            if (!ok)
                errors.append(QStringLiteral("Invalid value %1 for configuration tasks.max: Not a number of type INT")
                                  .arg(config.value(name)));
            else if (tasks < 1)
                errors.append(QStringLiteral("Invalid value %1 for configuration tasks.max: Value must be at least 1")
                                  .arg(tasks));
        }
        errorCount += int(errors.size());

        QJsonValue value = p->defaultValue ? QJsonValue(latin1(p->defaultValue)) : QJsonValue(QJsonValue::Null);
        if (config.contains(name))
            value = QLatin1String(p->type) == QLatin1String("PASSWORD") || connect::isSecretKey(name)
                        ? QJsonValue(hiddenValue())
                        : QJsonValue(config.value(name));
        const QJsonObject definition{
            {QStringLiteral("name"), name},
            {QStringLiteral("type"), latin1(p->type)},
            {QStringLiteral("required"), p->required},
            {QStringLiteral("default_value"), textOrNull(p->defaultValue)},
            {QStringLiteral("importance"), p->required ? QStringLiteral("HIGH") : QStringLiteral("MEDIUM")},
            {QStringLiteral("documentation"), latin1(p->documentation)},
            {QStringLiteral("group"), group},
            {QStringLiteral("width"), QStringLiteral("MEDIUM")},
            {QStringLiteral("display_name"), latin1(p->displayName)},
            {QStringLiteral("dependents"), QJsonArray{}},
            {QStringLiteral("order"), ++order}};
        configs.append(
            QJsonObject{{QStringLiteral("definition"), definition},
                        {QStringLiteral("value"), QJsonObject{{QStringLiteral("name"), name},
                                                              {QStringLiteral("value"), value},
                                                              {QStringLiteral("recommended_values"), QJsonArray{}},
                                                              {QStringLiteral("errors"), errors},
                                                              {QStringLiteral("visible"), true}}}});
    }
    return QJsonObject{{QStringLiteral("name"), className},
                       {QStringLiteral("error_count"), errorCount},
                       {QStringLiteral("groups"), QJsonArray::fromStringList(groups)},
                       {QStringLiteral("configs"), configs}};
}

QString refusal(const QJsonObject &validation)
{
    const int count = validation.value(QStringLiteral("error_count")).toInt();
    if (count == 0)
        return {};
    QString message =
        QStringLiteral("Connector configuration is invalid and contains the following %1 error(s):").arg(count);
    for (const QJsonValue &item : validation.value(QStringLiteral("configs")).toArray()) {
        const QJsonArray errors =
            item.toObject().value(QStringLiteral("value")).toObject().value(QStringLiteral("errors")).toArray();
        for (const QJsonValue &error : errors)
            message += u'\n' + error.toString();
    }
    return message + QStringLiteral("\nYou can also find the above list of errors at the endpoint "
                                    "`/connector-plugins/{connectorType}/config/validate`");
}

QString unknownConnectorPlugin(const QString &plugin)
{
    return QStringLiteral("Failed to find any class that implements Connector and which name matches %1, available "
                          "connectors are: %2")
        .arg(plugin, connectorPlugins());
}

QString connectorTypeMismatch(const QString &included, const QString &plugin)
{
    return QStringLiteral("Included connector type %1 does not match request type %2").arg(included, plugin);
}

QString mustBeStopped(const QString &connector)
{
    return QStringLiteral("Connectors must be in the STOPPED state before their offsets can be modified. This can be "
                          "done for the specified connector by issuing a 'PUT' request to the '/connectors/%1/stop' "
                          "endpoint")
        .arg(connector);
}

} // namespace cdc::sandbox
