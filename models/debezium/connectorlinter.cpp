// SPDX-License-Identifier: GPL-3.0-or-later
// The linter's rules. Each rule is a few lines; messages say what is wrong and what to do.
#include "connectorlinter.h"

#include "debezium/transformlint.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <functional>

namespace cdc::debezium {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectorLinter", text);
}

const QString kEventRouter = QStringLiteral("io.debezium.transforms.outbox.EventRouter");
const QString kJsonConverter = QStringLiteral("org.apache.kafka.connect.json.JsonConverter");

class Lint
{
public:
    Lint(const ConnectorConfig &c, const PropertyCatalog &catalog, std::vector<Diagnostic> &out)
        : m_c(c)
        , m_catalog(catalog)
        , m_out(out)
        , m_spec(catalog.connectorForClass(c.value(QStringLiteral("connector.class"))))
    {}

    void add(Severity s, const QString &rule, const QString &property, const QString &message,
             const QString &suggestion = {}, std::optional<ConfigFix> fix = std::nullopt)
    {
        m_out.push_back({s, rule, m_c.name, property, message, suggestion, std::move(fix)});
    }

    void run()
    {
        const QString cls = m_c.value(QStringLiteral("connector.class"));
        if (!m_spec) {
            add(Severity::Error, QStringLiteral("connector-class"), QStringLiteral("connector.class"),
                cls.isEmpty() ? tr("The connector has no connector.class.")
                              : tr("%1 is not a Debezium PostgreSQL, MySQL or MariaDB connector.").arg(cls),
                tr("Use io.debezium.connector.postgresql.PostgresConnector, io.debezium.connector.mysql.MySqlConnector "
                   "or io.debezium.connector.mariadb.MariaDbConnector."));
            return;
        }
        renamesAndValues();
        requiredAndTypes();
        passwords();
        tasks();
        topicPrefix();
        exactlyOnce();
        if (m_spec->id == QLatin1String("postgres"))
            postgres();
        else
            mysql();
        outboxRouter();
        lintPluginsAndNames(m_c, *m_spec, m_catalog, m_out);
    }

private:
    void renamesAndValues()
    {
        for (auto it = m_c.config.cbegin(); it != m_c.config.cend(); ++it) {
            for (const RenameRule &rule : m_catalog.renames()) {
                if (!rule.appliesTo(m_spec->id))
                    continue;
                const QString newName = rule.rename(it.key());
                if (newName.isEmpty())
                    continue;
                // Debezium reads the new name when both are there: the old one is dead weight that
                // misleads a reader, not a fault; the connector runs.
                if (m_c.config.contains(newName)) {
                    add(Severity::Warning, QStringLiteral("renamed-conflict"), it.key(),
                        rule.stillRead ? tr("%1 is deprecated since Debezium %3 for %2, and both are set: the old "
                                            "one only confuses readers.")
                                             .arg(it.key(), newName, rule.since)
                                       : tr("%1 was renamed to %2 in Debezium %3, and both are set: Debezium 3 reads "
                                            "%2 and ignores %1.")
                                             .arg(it.key(), newName, rule.since),
                        tr("Remove the old key %1.").arg(it.key()),
                        ConfigFix{ConfigFix::Kind::Remove, it.key(), {}, {}});
                    continue;
                }
                const QString newValue = rule.values.value(it.value().trimmed(), it.value());
                const ConfigFix fix = rule.values.isEmpty()
                                          ? ConfigFix{ConfigFix::Kind::Rename, it.key(), {}, newName}
                                          : ConfigFix{ConfigFix::Kind::Replace, it.key(), newValue, newName};
                const QString suggestion = rule.values.isEmpty() ? tr("Rename it to %1.").arg(newName)
                                                                 : tr("Set %1=%2 instead.").arg(newName, newValue);
                if (rule.stillRead)
                    add(Severity::Warning, QStringLiteral("deprecated"), it.key(),
                        tr("%1 is deprecated since Debezium %2; it still works, but %3 replaces it.")
                            .arg(it.key(), rule.since, newName),
                        suggestion, fix);
                else
                    add(Severity::Warning, QStringLiteral("renamed"), it.key(),
                        tr("%1 was renamed to %2 in Debezium %3; current Debezium ignores the old name.")
                            .arg(it.key(), newName, rule.since),
                        suggestion, fix);
            }
            if (const PropertySpec *spec = m_catalog.property(m_spec->id, it.key())) {
                if (const auto renamed = spec->renamedValues.constFind(it.value());
                    renamed != spec->renamedValues.cend()) {
                    // The 3.5 worker refuses each of these values (checked by tst_lintonworker).
                    add(Severity::Error, QStringLiteral("renamed-value"), it.key(),
                        tr("Debezium 3 refuses %1=%2; the value is now %3.").arg(it.key(), it.value(), *renamed),
                        tr("Set %1 to %2.").arg(it.key(), *renamed),
                        ConfigFix{ConfigFix::Kind::Set, it.key(), *renamed, {}});
                }
            }
        }
    }

    void requiredAndTypes()
    {
        for (const PropertySpec *spec : m_catalog.properties(m_spec->id)) {
            const QString value = m_c.value(spec->name).trimmed();
            if (spec->required && value.isEmpty() && spec->name != QLatin1String("name")) {
                add(Severity::Error, QStringLiteral("required"), spec->name, tr("%1 is required.").arg(spec->name),
                    spec->doc);
                continue;
            }
            if (!value.isEmpty())
                checkType(*spec, spec->name, value);
        }
    }

    void checkType(const PropertySpec &spec, const QString &name, const QString &value)
    {
        if (isConfigProviderReference(value))
            return;
        bool ok = true;
        if (spec.type == QLatin1String("INT") || spec.type == QLatin1String("SHORT"))
            value.toInt(&ok);
        else if (spec.type == QLatin1String("LONG"))
            value.toLongLong(&ok);
        else if (spec.type == QLatin1String("DOUBLE"))
            value.toDouble(&ok);
        else if (spec.type == QLatin1String("BOOLEAN"))
            ok = value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
                 value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0;
        if (!ok) {
            add(Severity::Error, QStringLiteral("type"), name,
                tr("%1 must be %2, not \"%3\".").arg(name, typeDescription(spec.type), value));
            return;
        }
        if (!spec.values.isEmpty() && !spec.renamedValues.contains(value) &&
            !spec.values.contains(value, Qt::CaseInsensitive)) {
            add(Severity::Error, QStringLiteral("value"), name, tr("%1 does not accept \"%2\".").arg(name, value),
                tr("Choose one of: %1.").arg(spec.values.join(QStringLiteral(", "))));
        }
    }

    static QString typeDescription(const QString &type)
    {
        if (type == QLatin1String("BOOLEAN"))
            return tr("true or false");
        if (type == QLatin1String("DOUBLE"))
            return tr("a number");
        return tr("a whole number");
    }

    // A JAAS line holds its secret in password="..."; the rest (module, user name) is not secret.
    static bool jaasHasLiteralPassword(const QString &jaas)
    {
        static const QRegularExpression password(
            QStringLiteral(R"re((?:^|[\s;])password\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;]+)))re"),
            QRegularExpression::CaseInsensitiveOption);
        for (auto it = password.globalMatch(jaas); it.hasNext();) {
            const auto m = it.next();
            const QString value = m.captured(1) + m.captured(2) + m.captured(3);
            if (!value.isEmpty() && !containsConfigProviderReference(value))
                return true;
        }
        return false;
    }

    void passwords()
    {
        for (auto it = m_c.config.cbegin(); it != m_c.config.cend(); ++it) {
            const PropertySpec *spec = m_catalog.property(m_spec->id, it.key());
            bool plaintext = false;
            if (it.key().endsWith(QLatin1String("sasl.jaas.config"))) {
                plaintext = jaasHasLiteralPassword(it.value());
            } else {
                const bool secret = (spec && spec->type == QLatin1String("PASSWORD")) ||
                                    it.key().endsWith(QLatin1String("password"), Qt::CaseInsensitive) ||
                                    it.key().endsWith(QLatin1String("basic.auth.user.info"));
                // Kafka Connect resolves ${provider:...} anywhere in a value: user:${env:PW} is no secret.
                plaintext = secret && !it.value().trimmed().isEmpty() && !containsConfigProviderReference(it.value());
            }
            if (plaintext) {
                add(Severity::Error, QStringLiteral("plaintext-password"), it.key(),
                    tr("%1 holds a password in plain text.").arg(it.key()),
                    tr("Refer to a config provider instead, e.g. ${file:/etc/kafka/secrets.properties:%1} or "
                       "${env:DB_PASSWORD}, and keep the secret on the worker.")
                        .arg(m_spec->database == QLatin1String("postgres") ? QStringLiteral("pg.password")
                                                                           : QStringLiteral("mysql.password")));
            }
        }
    }

    void tasks()
    {
        const QString value = m_c.value(QStringLiteral("tasks.max"));
        bool ok = false;
        const int tasks = value.toInt(&ok);
        if (!ok || tasks <= 1)
            return;
        // The binlog connectors throw "Only a single connector task may be started" when Connect asks for
        // task configs: the connector shows RUNNING with no task, and nothing is captured.
        if (m_spec->maxTasks == 1)
            add(Severity::Error, QStringLiteral("tasks-max"), QStringLiteral("tasks.max"),
                tr("The %1 connector starts no task with tasks.max above 1: the worker logs \"Only a single "
                   "connector task may be started\" and the connector shows RUNNING with no task, capturing "
                   "nothing.")
                    .arg(m_spec->title),
                tr("Set tasks.max to 1."),
                ConfigFix{ConfigFix::Kind::Set, QStringLiteral("tasks.max"), QStringLiteral("1"), {}});
        else
            add(Severity::Info, QStringLiteral("tasks-max"), QStringLiteral("tasks.max"),
                tr("Debezium reads one log per database with a single task; tasks.max=%1 starts no more.").arg(tasks),
                tr("Set tasks.max to 1."),
                ConfigFix{ConfigFix::Kind::Set, QStringLiteral("tasks.max"), QStringLiteral("1"), {}});
    }

    void topicPrefix()
    {
        static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]+$"));
        const QString prefix = m_c.value(QStringLiteral("topic.prefix"));
        if (!prefix.isEmpty() && !valid.match(prefix).hasMatch())
            add(Severity::Error, QStringLiteral("topic-prefix"), QStringLiteral("topic.prefix"),
                tr("topic.prefix \"%1\" may hold only letters, digits, '-', '.' and '_'.").arg(prefix));
    }

    void exactlyOnce()
    {
        if (m_c.value(QStringLiteral("exactly.once.support")).compare(QLatin1String("required"), Qt::CaseInsensitive))
            return;
        add(Severity::Warning, QStringLiteral("exactly-once"), QStringLiteral("exactly.once.support"),
            tr("exactly.once.support=required: the worker refuses the connector (\"This worker does not have "
               "exactly-once source support enabled\") unless every worker of the cluster runs with "
               "exactly.once.source.support=enabled."),
            tr("Enable exactly.once.source.support on the workers first, or set exactly.once.support to requested."));
    }

    void postgres()
    {
        static const QRegularExpression slotPattern(QStringLiteral("^[a-z0-9_]{1,63}$"));
        const QString slot = m_c.value(QStringLiteral("slot.name"), QStringLiteral("debezium"));
        if (!slotPattern.match(slot).hasMatch()) {
            QString fixed = slot.toLower();
            fixed.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
            fixed.truncate(63);
            add(Severity::Error, QStringLiteral("slot-name"), QStringLiteral("slot.name"),
                tr("PostgreSQL refuses the slot name \"%1\": only lower-case letters, digits and '_', at most 63.")
                    .arg(slot),
                tr("Use \"%1\".").arg(fixed), ConfigFix{ConfigFix::Kind::Set, QStringLiteral("slot.name"), fixed, {}});
        }
        const QString plugin = m_c.value(QStringLiteral("plugin.name"));
        if (plugin.isEmpty() || plugin == QLatin1String("decoderbufs"))
            add(Severity::Warning, QStringLiteral("plugin-name"), QStringLiteral("plugin.name"),
                (plugin.isEmpty()
                     ? tr("plugin.name is not set, so the connector uses Debezium's default, decoderbufs. ")
                     : QString()) +
                    tr("Debezium's PostgreSQL images ship decoderbufs, but stock PostgreSQL and most managed "
                       "services do not; pgoutput is built into PostgreSQL 10 and later."),
                tr("Set plugin.name to pgoutput."),
                ConfigFix{ConfigFix::Kind::Set, QStringLiteral("plugin.name"), QStringLiteral("pgoutput"), {}});
    }

    void mysql()
    {
        const QString id = m_c.value(QStringLiteral("database.server.id"));
        bool ok = false;
        if (!id.isEmpty() && !isConfigProviderReference(id) && (id.toLongLong(&ok) <= 0 || !ok))
            add(Severity::Error, QStringLiteral("server-id"), QStringLiteral("database.server.id"),
                tr("database.server.id must be a positive number, not \"%1\".").arg(id));
    }

    void outboxRouter()
    {
        const QStringList aliases = m_c.value(QStringLiteral("transforms")).split(u',', Qt::SkipEmptyParts);
        for (QString alias : aliases) {
            alias = alias.trimmed();
            const QString prefix = QStringLiteral("transforms.") + alias + u'.';
            if (m_c.value(prefix + QStringLiteral("type")) != kEventRouter)
                continue;
            for (auto it = m_c.config.cbegin(); it != m_c.config.cend(); ++it) {
                if (!it.key().startsWith(prefix) || it.key() == prefix + QStringLiteral("type"))
                    continue;
                if (const PropertySpec *spec = m_catalog.outboxProperty(it.key().mid(prefix.size())))
                    checkType(*spec, it.key(), it.value().trimmed());
            }
            const bool expand = m_c.value(prefix + QStringLiteral("table.expand.json.payload"))
                                    .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
            const QString converter = m_c.value(QStringLiteral("value.converter"), kJsonConverter);
            if (expand && converter != kJsonConverter)
                add(Severity::Error, QStringLiteral("outbox-expand-converter"),
                    prefix + QStringLiteral("table.expand.json.payload"),
                    tr("Expanding the JSON payload needs the JsonConverter as value.converter, not %1.").arg(converter),
                    tr("Set value.converter to %1.").arg(kJsonConverter),
                    ConfigFix{ConfigFix::Kind::Set, QStringLiteral("value.converter"), kJsonConverter, {}});
            if (!m_c.value(prefix + QStringLiteral("predicate")).isEmpty())
                continue;
            // What the 3.5 router does without a predicate: records that are not change events
            // (heartbeats, schema changes) come back unchanged, tombstones are dropped, and every change
            // event is read as an outbox row, so a row of another table fails the task.
            const QStringList tables = m_c.value(QStringLiteral("table.include.list")).split(u',', Qt::SkipEmptyParts);
            const bool heartbeats =
                m_c.value(QStringLiteral("heartbeat.interval.ms"), QStringLiteral("0")) != QLatin1String("0");
            const bool schemaChanges =
                m_spec->id != QLatin1String("postgres") &&
                m_c.value(QStringLiteral("include.schema.changes"), QStringLiteral("true")) != QLatin1String("false");
            const QString suggestion =
                tr("Add a TopicNameMatches predicate for the outbox table's topic and set %1predicate.").arg(prefix);
            if (tables.size() != 1)
                add(Severity::Warning, QStringLiteral("outbox-predicate"), prefix + QStringLiteral("predicate"),
                    tr("The Outbox Event Router has no predicate and %1, so it reads every change event as an "
                       "outbox row: a change to a table other than the outbox fails the task (\"Unable to find "
                       "... field\"). Heartbeats and schema changes pass through unchanged.")
                        .arg(tables.isEmpty() ? tr("the connector captures every table")
                                              : tr("table.include.list names %1 tables").arg(tables.size())),
                    tr("List only the outbox table in table.include.list, or: %1").arg(suggestion));
            else if (heartbeats || schemaChanges)
                add(Severity::Info, QStringLiteral("outbox-predicate"), prefix + QStringLiteral("predicate"),
                    tr("%1 pass through the Outbox Event Router unchanged: it routes only change events, and the "
                       "connector captures only %2. A predicate would say so explicitly.")
                        .arg(heartbeats ? tr("Heartbeats") : tr("Schema changes"), tables.front().trimmed()),
                    suggestion);
        }
    }

    const ConnectorConfig &m_c;
    const PropertyCatalog &m_catalog;
    std::vector<Diagnostic> &m_out;
    const ConnectorSpec *m_spec;
};

// Reports every connector after the first that repeats a value; `key` gives the value's scope.
void duplicates(const std::vector<ConnectorConfig> &connectors,
                const std::function<QString(const ConnectorConfig &)> &key, const QString &rule,
                const QString &property, const QString &what, std::vector<Diagnostic> &out)
{
    QHash<QString, QString> first;
    for (const ConnectorConfig &c : connectors) {
        const QString k = key(c);
        if (k.isEmpty())
            continue;
        if (const auto it = first.constFind(k); it != first.cend()) {
            out.push_back({Severity::Error, rule, c.name, property,
                           tr("%1 is also used by connector %2.").arg(what.arg(c.value(property)), *it),
                           tr("Give each connector its own %1.").arg(property), std::nullopt});
        } else {
            first.insert(k, c.name);
        }
    }
}

} // namespace

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return QStringLiteral("error");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Info: return QStringLiteral("info");
    }
    return {};
}

QString databaseKindOf(const ConnectorConfig &connector, const PropertyCatalog &catalog)
{
    if (!connector.databaseKind.isEmpty())
        return connector.databaseKind;
    const ConnectorSpec *spec = catalog.connectorForClass(connector.value(QStringLiteral("connector.class")));
    return spec ? spec->database : QString();
}

std::vector<Diagnostic> lintConnector(const ConnectorConfig &connector, const PropertyCatalog &catalog)
{
    std::vector<Diagnostic> out;
    Lint(connector, catalog, out).run();
    return out;
}

std::vector<Diagnostic> lintConnectors(const std::vector<ConnectorConfig> &connectors, const PropertyCatalog &catalog)
{
    std::vector<Diagnostic> out;
    for (const ConnectorConfig &c : connectors)
        Lint(c, catalog, out).run();

    auto isPostgres = [&](const ConnectorConfig &c) { return databaseKindOf(c, catalog) == QLatin1String("postgres"); };
    auto server = [](const ConnectorConfig &c) -> QString {
        return c.value(QStringLiteral("database.hostname")) + u':' + c.value(QStringLiteral("database.port"));
    };
    // Slots belong to the PostgreSQL server; publications to one database on it.
    duplicates(
        connectors,
        [&](const ConnectorConfig &c) -> QString {
            return isPostgres(c) ? server(c) + u'/' + c.value(QStringLiteral("slot.name"), QStringLiteral("debezium"))
                                 : QString();
        },
        QStringLiteral("duplicate-slot"), QStringLiteral("slot.name"), tr("The replication slot %1 on this server"),
        out);
    duplicates(
        connectors,
        [&](const ConnectorConfig &c) -> QString {
            return isPostgres(c) ? server(c) + u'/' + c.value(QStringLiteral("database.dbname")) + u'/' +
                                       c.value(QStringLiteral("publication.name"), QStringLiteral("dbz_publication"))
                                 : QString();
        },
        QStringLiteral("duplicate-publication"), QStringLiteral("publication.name"),
        tr("The publication %1 on this database"), out);
    duplicates(
        connectors,
        [&](const ConnectorConfig &c) -> QString {
            return isPostgres(c) ? QString() : c.value(QStringLiteral("database.server.id"));
        },
        QStringLiteral("duplicate-server-id"), QStringLiteral("database.server.id"), tr("database.server.id %1"), out);
    duplicates(
        connectors, [](const ConnectorConfig &c) -> QString { return c.value(QStringLiteral("topic.prefix")); },
        QStringLiteral("duplicate-topic-prefix"), QStringLiteral("topic.prefix"), tr("topic.prefix %1"), out);
    duplicates(
        connectors,
        [&](const ConnectorConfig &c) -> QString {
            return isPostgres(c) ? QString() : c.value(QStringLiteral("schema.history.internal.kafka.topic"));
        },
        QStringLiteral("shared-schema-history"), QStringLiteral("schema.history.internal.kafka.topic"),
        tr("The schema history topic %1"), out);
    return out;
}

std::vector<Diagnostic> lintAgainstWorkerPlugins(const ConnectorConfig &connector, const QStringList &workerPlugins,
                                                 const QString &worker)
{
    std::vector<Diagnostic> out;
    const QMap<QString, QString> named = classProperties(connector);
    for (auto it = named.cbegin(); it != named.cend(); ++it) {
        const bool connectPlugin = it.key().startsWith(QLatin1String("transforms.")) ||
                                   it.key().startsWith(QLatin1String("predicates.")) ||
                                   it.key().endsWith(QLatin1String("converter"));
        if (!connectPlugin || workerPlugins.contains(it.value()))
            continue;
        out.push_back({Severity::Error, QStringLiteral("worker-missing-class"), connector.name, it.key(),
                       tr("The worker %1 has no plugin %2: it refuses the config with \"Class %2 could not be "
                          "found\".")
                           .arg(worker, it.value()),
                       tr("Install the plugin on every worker (plugin.path), or use a class the worker lists."),
                       std::nullopt});
    }
    return out;
}

QMap<QString, QString> applyFix(QMap<QString, QString> config, const ConfigFix &fix)
{
    switch (fix.kind) {
    case ConfigFix::Kind::Set: config.insert(fix.property, fix.value); break;
    case ConfigFix::Kind::Remove: config.remove(fix.property); break;
    case ConfigFix::Kind::Rename: {
        const QString value = config.take(fix.property);
        if (!config.contains(fix.newProperty))
            config.insert(fix.newProperty, value);
        break;
    }
    case ConfigFix::Kind::Replace:
        config.remove(fix.property);
        config.insert(fix.newProperty, fix.value);
        break;
    }
    return config;
}

QMap<QString, QString> migrate(const ConnectorConfig &connector, const PropertyCatalog &catalog)
{
    QMap<QString, QString> config = connector.config;
    for (const Diagnostic &d : lintConnector(connector, catalog)) {
        const bool migration = d.rule == QLatin1String("renamed") || d.rule == QLatin1String("renamed-value") ||
                               d.rule == QLatin1String("renamed-conflict") || d.rule == QLatin1String("deprecated") ||
                               d.rule == QLatin1String("removed-option");
        if (migration && d.fix)
            config = applyFix(config, *d.fix);
    }
    return config;
}

} // namespace cdc::debezium
