// SPDX-License-Identifier: GPL-3.0-or-later
// Turning wizard answers into a connector config and back.
#include "connectoranswers.h"

#include <QRegularExpression>
#include <QSet>

namespace cdc::debezium {

namespace {

const QString kPostgres = QStringLiteral("io.debezium.connector.postgresql.PostgresConnector");
const QString kMySql = QStringLiteral("io.debezium.connector.mysql.MySqlConnector");
const QString kMariaDb = QStringLiteral("io.debezium.connector.mariadb.MariaDbConnector");
const QString kRouter = QStringLiteral("io.debezium.transforms.outbox.EventRouter");
const QString kTopicNameMatches = QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
const QString kAlias = QStringLiteral("outbox");
const QString kPredicate = QStringLiteral("isOutboxTable");

QString identifier(const QString &text)
{
    QString out = text.toLower();
    out.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    return out.left(63);
}

QSet<QString> used(const std::vector<ConnectorConfig> &existing, const QString &key)
{
    QSet<QString> values;
    for (const ConnectorConfig &c : existing)
        values.insert(c.value(key));
    return values;
}

QString unused(const QSet<QString> &taken, const QString &stem, const QString &separator)
{
    if (!taken.contains(stem))
        return stem;
    for (int i = 2;; ++i) {
        const QString candidate = stem + separator + QString::number(i);
        if (!taken.contains(candidate))
            return candidate;
    }
}

// The keys buildConnectorConfig writes itself; everything else in a config is an extra.
const QSet<QString> &ownKeys()
{
    static const QSet<QString> keys{
        QStringLiteral("connector.class"),
        QStringLiteral("tasks.max"),
        QStringLiteral("database.hostname"),
        QStringLiteral("database.port"),
        QStringLiteral("database.user"),
        QStringLiteral("database.password"),
        QStringLiteral("database.dbname"),
        QStringLiteral("database.include.list"),
        QStringLiteral("table.include.list"),
        QStringLiteral("snapshot.mode"),
        QStringLiteral("topic.prefix"),
        QStringLiteral("plugin.name"),
        QStringLiteral("slot.name"),
        QStringLiteral("publication.name"),
        QStringLiteral("publication.autocreate.mode"),
        QStringLiteral("database.server.id"),
        QStringLiteral("schema.history.internal.kafka.topic"),
        QStringLiteral("schema.history.internal.kafka.bootstrap.servers"),
        QStringLiteral("include.schema.changes"),
        QStringLiteral("tombstones.on.delete"),
        QStringLiteral("transforms"),
        QStringLiteral("predicates"),
        QStringLiteral("key.converter"),
        QStringLiteral("value.converter"),
        QStringLiteral("value.converter.schemas.enable"),
    };
    return keys;
}

} // namespace

QString flavourConnectorClass(Flavour flavour)
{
    switch (flavour) {
    case Flavour::PostgreSQL: return kPostgres;
    case Flavour::MySQL: return kMySql;
    case Flavour::MariaDB: return kMariaDb;
    }
    return {};
}

QString flavourDatabaseKind(Flavour flavour)
{
    return flavour == Flavour::PostgreSQL ? QStringLiteral("postgres") : QStringLiteral("mysql");
}

QString ConnectorAnswers::effectiveTopicReplacement() const
{
    return topicReplacement.isEmpty()
               ? QStringLiteral("outbox.event.%1.${routedByValue}").arg(flavourDatabaseKind(flavour))
               : topicReplacement;
}

qint64 suggestServerId(const std::vector<ConnectorConfig> &existing)
{
    qint64 highest = 184053; // the first suggestion is 184054, the id Debezium's tutorials use
    for (const ConnectorConfig &c : existing)
        highest = std::max(highest, c.value(QStringLiteral("database.server.id")).toLongLong());
    return highest + 1;
}

ConnectorAnswers defaultAnswers(Flavour flavour, const std::vector<ConnectorConfig> &existing)
{
    ConnectorAnswers a;
    a.flavour = flavour;
    const bool postgres = flavour == Flavour::PostgreSQL;
    const QString kind = flavourDatabaseKind(flavour);
    QSet<QString> names;
    for (const ConnectorConfig &c : existing)
        names.insert(c.name);
    a.name = unused(names, kind + QStringLiteral("-outbox"), QStringLiteral("-"));
    a.port = postgres ? 5432 : 3306;
    a.database = QStringLiteral("capstone");
    a.outboxTable = postgres ? QStringLiteral("public.outbox") : QStringLiteral("capstone.outbox");
    a.passwordReference = QStringLiteral("${file:/etc/kafka/secrets.properties:%1.password}")
                              .arg(postgres ? QStringLiteral("pg") : QStringLiteral("mysql"));
    a.topicPrefix = unused(used(existing, QStringLiteral("topic.prefix")), postgres ? QStringLiteral("pg") : kind,
                           QStringLiteral("_"));
    a.slotName = unused(used(existing, QStringLiteral("slot.name")), identifier(a.name), QStringLiteral("_"));
    a.publicationName = unused(used(existing, QStringLiteral("publication.name")),
                               identifier(a.name) + QStringLiteral("_pub"), QStringLiteral("_"));
    a.serverId = suggestServerId(existing);
    a.historyTopic = unused(used(existing, QStringLiteral("schema.history.internal.kafka.topic")),
                            QStringLiteral("schema-changes.") + a.name, QStringLiteral("-"));
    return a;
}

ConnectorConfig buildConnectorConfig(const ConnectorAnswers &a)
{
    const bool postgres = a.flavour == Flavour::PostgreSQL;
    ConnectorConfig c;
    c.name = a.name;
    c.databaseKind = flavourDatabaseKind(a.flavour);
    c.config = a.extra;
    // An unanswered question leaves its property out, so the connector's default (or an imported
    // config's old name for it) applies.
    struct Writer
    {
        QMap<QString, QString> &config;
        void insert(const QString &key, const QString &value)
        {
            if (!value.isEmpty())
                config.insert(key, value);
        }
    } m{c.config};
    m.insert(QStringLiteral("connector.class"), flavourConnectorClass(a.flavour));
    m.insert(QStringLiteral("tasks.max"), QStringLiteral("1"));
    m.insert(QStringLiteral("database.hostname"), a.host);
    m.insert(QStringLiteral("database.port"), QString::number(a.port));
    m.insert(QStringLiteral("database.user"), a.user);
    if (!a.passwordReference.isEmpty())
        m.insert(QStringLiteral("database.password"), a.passwordReference);
    m.insert(QStringLiteral("topic.prefix"), a.topicPrefix);
    m.insert(QStringLiteral("snapshot.mode"), a.snapshotMode);
    m.insert(QStringLiteral("tombstones.on.delete"), QStringLiteral("false"));
    const QStringList tables = a.outboxOnly ? QStringList{a.outboxTable} : a.tables;
    if (!tables.isEmpty())
        m.insert(QStringLiteral("table.include.list"), tables.join(u','));
    if (postgres) {
        m.insert(QStringLiteral("database.dbname"), a.database);
        m.insert(QStringLiteral("plugin.name"), a.pluginName);
        m.insert(QStringLiteral("slot.name"), a.slotName);
        m.insert(QStringLiteral("publication.name"), a.publicationName);
        m.insert(QStringLiteral("publication.autocreate.mode"), a.publicationAutocreate);
    } else {
        if (!a.database.isEmpty())
            m.insert(QStringLiteral("database.include.list"), a.database);
        m.insert(QStringLiteral("database.server.id"), QString::number(a.serverId));
        m.insert(QStringLiteral("schema.history.internal.kafka.topic"), a.historyTopic);
        m.insert(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"), a.historyBootstrap);
        m.insert(QStringLiteral("include.schema.changes"), QStringLiteral("false"));
    }
    m.insert(QStringLiteral("key.converter"), a.keyConverter);
    m.insert(QStringLiteral("value.converter"), a.valueConverter);
    if (a.valueConverter.endsWith(QLatin1String("JsonConverter")))
        m.insert(QStringLiteral("value.converter.schemas.enable"),
                 a.valueSchemas ? QStringLiteral("true") : QStringLiteral("false"));

    if (a.outboxRouter) {
        const QString p = QStringLiteral("transforms.") + kAlias + u'.';
        m.insert(QStringLiteral("transforms"), kAlias);
        m.insert(p + QStringLiteral("type"), kRouter);
        m.insert(p + QStringLiteral("route.by.field"), a.routeByField);
        m.insert(p + QStringLiteral("route.topic.replacement"), a.effectiveTopicReplacement());
        m.insert(p + QStringLiteral("table.field.event.key"), a.eventKeyField);
        m.insert(p + QStringLiteral("table.expand.json.payload"),
                 a.expandPayload ? QStringLiteral("true") : QStringLiteral("false"));
        if (!a.additionalPlacement.isEmpty())
            m.insert(p + QStringLiteral("table.fields.additional.placement"), a.additionalPlacement.join(u','));
        // Only the outbox table's records go through the router; heartbeats and others pass untouched.
        const QString pp = QStringLiteral("predicates.") + kPredicate + u'.';
        m.insert(p + QStringLiteral("predicate"), kPredicate);
        m.insert(QStringLiteral("predicates"), kPredicate);
        m.insert(pp + QStringLiteral("type"), kTopicNameMatches);
        m.insert(pp + QStringLiteral("pattern"), QRegularExpression::escape(a.topicPrefix + u'.' + a.outboxTable)
                                                     .replace(QStringLiteral("\\_"), QStringLiteral("_")));
    }
    return c;
}

ConnectorAnswers answersFromConfig(const ConnectorConfig &config)
{
    const QString cls = config.value(QStringLiteral("connector.class"));
    const Flavour flavour = cls == kMariaDb ? Flavour::MariaDB : cls == kMySql ? Flavour::MySQL : Flavour::PostgreSQL;
    ConnectorAnswers a = defaultAnswers(flavour, {});
    const auto &m = config.config;
    a.name = config.name;
    a.host = m.value(QStringLiteral("database.hostname"), a.host);
    a.port = m.value(QStringLiteral("database.port"), QString::number(a.port)).toInt();
    a.user = m.value(QStringLiteral("database.user"), a.user);
    a.passwordReference = m.value(QStringLiteral("database.password"));
    a.database = flavour == Flavour::PostgreSQL ? m.value(QStringLiteral("database.dbname"))
                                                : m.value(QStringLiteral("database.include.list"));
    a.topicPrefix = m.value(QStringLiteral("topic.prefix"));
    a.snapshotMode = m.value(QStringLiteral("snapshot.mode"), QStringLiteral("initial"));
    const QStringList tables = m.value(QStringLiteral("table.include.list")).split(u',', Qt::SkipEmptyParts);
    a.outboxOnly = tables.size() == 1;
    if (a.outboxOnly)
        a.outboxTable = tables.front().trimmed();
    else
        a.tables = tables;
    a.pluginName = m.value(QStringLiteral("plugin.name"), QStringLiteral("decoderbufs"));
    a.slotName = m.value(QStringLiteral("slot.name"), QStringLiteral("debezium"));
    a.publicationName = m.value(QStringLiteral("publication.name"), QStringLiteral("dbz_publication"));
    a.publicationAutocreate = m.value(QStringLiteral("publication.autocreate.mode"), QStringLiteral("all_tables"));
    a.serverId = m.value(QStringLiteral("database.server.id")).toLongLong();
    a.historyTopic = m.value(QStringLiteral("schema.history.internal.kafka.topic"));
    a.historyBootstrap = m.value(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"));
    a.keyConverter =
        m.value(QStringLiteral("key.converter"), QStringLiteral("org.apache.kafka.connect.json.JsonConverter"));
    a.valueConverter =
        m.value(QStringLiteral("value.converter"), QStringLiteral("org.apache.kafka.connect.json.JsonConverter"));
    a.valueSchemas =
        m.value(QStringLiteral("value.converter.schemas.enable"), QStringLiteral("true")) == QLatin1String("true");

    // The router, when it is the only transform; anything else stays as it came.
    const QString p = QStringLiteral("transforms.") + kAlias + u'.';
    a.outboxRouter = m.value(QStringLiteral("transforms")) == kAlias && m.value(p + QStringLiteral("type")) == kRouter;
    QSet<QString> consumed = ownKeys();
    if (a.outboxRouter) {
        a.routeByField = m.value(p + QStringLiteral("route.by.field"), QStringLiteral("aggregatetype"));
        a.topicReplacement =
            m.value(p + QStringLiteral("route.topic.replacement"), QStringLiteral("outbox.event.${routedByValue}"));
        a.eventKeyField = m.value(p + QStringLiteral("table.field.event.key"), QStringLiteral("aggregateid"));
        a.expandPayload = m.value(p + QStringLiteral("table.expand.json.payload")) == QLatin1String("true");
        a.additionalPlacement =
            m.value(p + QStringLiteral("table.fields.additional.placement")).split(u',', Qt::SkipEmptyParts);
        for (const char *key : {"type", "route.by.field", "route.topic.replacement", "table.field.event.key",
                                "table.expand.json.payload", "table.fields.additional.placement", "predicate"})
            consumed.insert(p + QLatin1String(key));
        const QString predicate = m.value(p + QStringLiteral("predicate"));
        if (!predicate.isEmpty() && m.value(QStringLiteral("predicates")) == predicate) {
            consumed.insert(QStringLiteral("predicates.") + predicate + QStringLiteral(".type"));
            consumed.insert(QStringLiteral("predicates.") + predicate + QStringLiteral(".pattern"));
        }
    } else {
        consumed.remove(QStringLiteral("transforms"));
        consumed.remove(QStringLiteral("predicates"));
    }
    for (auto it = m.cbegin(); it != m.cend(); ++it) {
        if (!consumed.contains(it.key()))
            a.extra.insert(it.key(), it.value());
    }
    return a;
}

} // namespace cdc::debezium
