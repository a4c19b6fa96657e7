// SPDX-License-Identifier: GPL-3.0-or-later
// Rules on transforms, predicates, converters and stray property names.
#include "transformlint.h"

#include "debezium/namesuggestion.h"

#include <QCoreApplication>
#include <QSet>

namespace cdc::debezium {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConnectorLinter", text);
}

QStringList listOf(const ConnectorConfig &c, const QString &key)
{
    QStringList out;
    for (const QString &item : c.value(key).split(u',', Qt::SkipEmptyParts)) {
        if (!item.trimmed().isEmpty())
            out << item.trimmed();
    }
    return out;
}

// Properties that Kafka Connect or Debezium read under a prefix of their own: never strays.
bool underPassThroughPrefix(const QString &key)
{
    static const QStringList prefixes{
        QStringLiteral("transforms."),
        QStringLiteral("predicates."),
        QStringLiteral("key.converter."),
        QStringLiteral("value.converter."),
        QStringLiteral("header.converter."),
        QStringLiteral("producer.override."),
        QStringLiteral("consumer.override."),
        QStringLiteral("admin.override."),
        QStringLiteral("driver."),
        QStringLiteral("database.initial.statements"),
        QStringLiteral("schema.history."),
        QStringLiteral("signal."),
        QStringLiteral("notification."),
        QStringLiteral("topic.creation."),
        QStringLiteral("column."),
        QStringLiteral("snapshot.select.statement.overrides."),
        QStringLiteral("errors."),
        QStringLiteral("message.key.columns"),
        QStringLiteral("offset.storage."),
        QStringLiteral("internal."),
        QStringLiteral("custom.metric.tags"),
        QStringLiteral("openlineage."),
        QStringLiteral("exactly.once."),
        QStringLiteral("incremental.snapshot."),
        QStringLiteral("connector.client."),
        QStringLiteral("post.processors"),
        QStringLiteral("datatype.propagate."),
        QStringLiteral("converters"),
    };
    for (const QString &p : prefixes) {
        if (key.startsWith(p))
            return true;
    }
    return false;
}

class PluginLint
{
public:
    PluginLint(const ConnectorConfig &c, const ConnectorSpec &spec, const PropertyCatalog &catalog,
               std::vector<Diagnostic> &out)
        : m_c(c)
        , m_spec(spec)
        , m_catalog(catalog)
        , m_out(out)
    {}

    void run()
    {
        classes();
        aliases(QStringLiteral("transforms"));
        aliases(QStringLiteral("predicates"));
        transformOptions();
        foreignAndMistyped();
    }

private:
    void add(Severity s, const QString &rule, const QString &property, const QString &message,
             const QString &suggestion = {}, std::optional<ConfigFix> fix = std::nullopt)
    {
        m_out.push_back({s, rule, m_c.name, property, message, suggestion, std::move(fix)});
    }

    void classes()
    {
        const QMap<QString, QString> named = classProperties(m_c);
        for (auto it = named.cbegin(); it != named.cend(); ++it) {
            const QString &cls = it.value();
            if (const RemovedClass *removed = m_catalog.removedClass(cls)) {
                add(Severity::Error, QStringLiteral("removed-class"), it.key(),
                    tr("%1 no longer exists: the worker refuses the config with \"Class %1 could not be found\".")
                        .arg(cls),
                    tr("Use %1 (its options differ: check them).").arg(removed->replacement),
                    ConfigFix{ConfigFix::Kind::Set, it.key(), removed->replacement, {}});
                continue;
            }
            // Offline only our own namespaces can be judged: third-party classes are the worker's to know.
            const bool ours = cls.startsWith(QLatin1String("io.debezium.")) ||
                              cls.startsWith(QLatin1String("org.apache.kafka.connect."));
            if (!ours || m_catalog.isKnownClass(cls))
                continue;
            const QString meant = closestName(cls, m_catalog.knownClasses());
            add(Severity::Warning, QStringLiteral("unknown-class"), it.key(),
                tr("Neither Kafka Connect 4.1 nor Debezium 3.5 ships %1: unless a plugin of your own provides it, "
                   "the worker refuses the config.")
                    .arg(cls),
                meant.isEmpty() ? tr("Check the class name.") : tr("Did you mean %1?").arg(meant),
                meant.isEmpty() ? std::nullopt
                                : std::optional<ConfigFix>(ConfigFix{ConfigFix::Kind::Set, it.key(), meant, {}}));
        }
    }

    // transforms.<alias>.* (or predicates.<alias>.*) for an alias the list does not name: never applied.
    void aliases(const QString &listKey)
    {
        const QStringList listed = listOf(m_c, listKey);
        const QString prefix = listKey + u'.';
        QSet<QString> reported;
        for (auto it = m_c.config.cbegin(); it != m_c.config.cend(); ++it) {
            if (!it.key().startsWith(prefix))
                continue;
            const QString rest = it.key().mid(prefix.size());
            const qsizetype dot = rest.indexOf(u'.');
            if (dot <= 0)
                continue;
            const QString alias = rest.left(dot);
            if (listed.contains(alias) || reported.contains(alias))
                continue;
            reported.insert(alias);
            QString meant = closestName(alias, listed);
            if (meant.isEmpty() && listed.size() == 1)
                meant = listed.front();
            const QString what = listKey == QLatin1String("transforms") ? tr("transform") : tr("predicate");
            add(Severity::Warning, QStringLiteral("unlisted-alias"), it.key(),
                tr("%1 configures the %2 \"%3\", which %4 does not list: Kafka Connect ignores every %4.%3.* "
                   "property.")
                    .arg(it.key(), what, alias, listKey),
                meant.isEmpty() ? tr("Add %1 to %2, or remove its properties.").arg(alias, listKey)
                                : tr("Did you mean %1.%2.*? The %3 is named %2.").arg(listKey, meant, what));
        }
    }

    void transformOptions()
    {
        for (const QString &alias : listOf(m_c, QStringLiteral("transforms"))) {
            const QString prefix = QStringLiteral("transforms.") + alias + u'.';
            const TransformSpec *spec = m_catalog.transformForClass(m_c.value(prefix + QStringLiteral("type")));
            if (!spec)
                continue;
            removedOptions(*spec, prefix);
            for (auto it = m_c.config.cbegin(); it != m_c.config.cend(); ++it) {
                if (!it.key().startsWith(prefix))
                    continue;
                const QString option = it.key().mid(prefix.size());
                if (option == QLatin1String("type") || spec->options.contains(option) ||
                    std::any_of(spec->removedOptions.begin(), spec->removedOptions.end(),
                                [&](const RemovedOption &r) { return r.name == option; }))
                    continue;
                const QString meant = closestName(option, spec->options);
                add(Severity::Warning, QStringLiteral("unknown-transform-option"), it.key(),
                    tr("%1 does not read %2: the setting has no effect.").arg(spec->className, option),
                    meant.isEmpty() ? tr("Remove it, or check the transform's options.")
                                    : tr("Did you mean %1%2?").arg(prefix, meant),
                    meant.isEmpty()
                        ? std::optional<ConfigFix>(ConfigFix{ConfigFix::Kind::Remove, it.key(), {}, {}})
                        : std::optional<ConfigFix>(ConfigFix{ConfigFix::Kind::Rename, it.key(), {}, prefix + meant}));
            }
        }
    }

    // ExtractNewRecordState's drop.tombstones and delete.handling.mode: gone in 3.2, replaced by one
    // option whose value depends on both.
    void removedOptions(const TransformSpec &spec, const QString &prefix)
    {
        const QString dropTombstones = m_c.value(prefix + QStringLiteral("drop.tombstones"), QStringLiteral("true"));
        const QString deletes = m_c.value(prefix + QStringLiteral("delete.handling.mode"), QStringLiteral("drop"));
        const bool keepTombstones = dropTombstones.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0;
        QString replacementValue;
        if (deletes == QLatin1String("rewrite"))
            replacementValue = keepTombstones ? QStringLiteral("rewrite-with-tombstone") : QStringLiteral("rewrite");
        else if (deletes == QLatin1String("none"))
            replacementValue = keepTombstones ? QStringLiteral("tombstone") : QStringLiteral("delete-to-tombstone");
        else
            replacementValue = keepTombstones ? QStringLiteral("tombstone") : QStringLiteral("drop");
        for (const RemovedOption &removed : spec.removedOptions) {
            const QString key = prefix + removed.name;
            if (!m_c.config.contains(key))
                continue;
            const QString newKey = prefix + removed.replacement;
            const bool both = m_c.config.contains(newKey);
            const bool rewrite =
                removed.name == QLatin1String("delete.handling.mode") && deletes == QLatin1String("rewrite");
            add(Severity::Warning, QStringLiteral("removed-option"), key,
                tr("%1 no longer reads %2 (removed in Debezium %3): the setting is ignored%4.")
                    .arg(spec.className.section(u'.', -1), removed.name, removed.since,
                         rewrite ? tr(", so deleted rows no longer carry the __deleted field") : QString()),
                both ? tr("Remove %1; %2 decides.").arg(key, newKey)
                     : tr("Set %1=%2 instead (it covers both old options).").arg(newKey, replacementValue),
                both ? ConfigFix{ConfigFix::Kind::Remove, key, {}, {}}
                     : ConfigFix{ConfigFix::Kind::Replace, key, replacementValue, newKey});
        }
    }

    // A property that another of our connectors reads and this one does not, or a near miss of a
    // property this connector reads.
    void foreignAndMistyped()
    {
        const QStringList own = m_catalog.workerProperties(m_spec.id);
        if (own.isEmpty())
            return;
        for (auto it = m_c.config.cbegin(); it != m_c.config.cend(); ++it) {
            const QString &key = it.key();
            if (own.contains(key) || underPassThroughPrefix(key) || key == QLatin1String("name") ||
                m_catalog.property(m_spec.id, key) || renamed(key) || m_catalog.sharedProperties().contains(key))
                continue;
            QStringList owners;
            for (const ConnectorSpec &other : m_catalog.connectors()) {
                if (other.id != m_spec.id && m_catalog.workerProperties(other.id).contains(key))
                    owners << other.title;
            }
            if (!owners.isEmpty()) {
                const QString meant = closestName(key, own);
                add(Severity::Warning, QStringLiteral("foreign-property"), key,
                    (owners.size() == 1 ? tr("%1 belongs to the %2 connector; the %3 connector ignores it.")
                                        : tr("%1 belongs to the %2 connectors; the %3 connector ignores it."))
                        .arg(key, owners.join(tr(" and ")), m_spec.title),
                    meant.isEmpty() ? tr("Remove it.") : tr("The %1 connector's own is %2.").arg(m_spec.title, meant),
                    ConfigFix{ConfigFix::Kind::Remove, key, {}, {}});
                continue;
            }
            if (key.size() < 8)
                continue;
            const QString meant = closestName(key, own);
            if (!meant.isEmpty() && !m_c.config.contains(meant))
                add(Severity::Warning, QStringLiteral("unknown-property"), key,
                    tr("The %1 connector has no property %2: the setting has no effect.").arg(m_spec.title, key),
                    tr("Did you mean %1?").arg(meant), ConfigFix{ConfigFix::Kind::Rename, key, {}, meant});
        }
    }

    bool renamed(const QString &key) const
    {
        for (const RenameRule &rule : m_catalog.renames()) {
            if (!rule.rename(key).isEmpty())
                return true;
        }
        return false;
    }

    const ConnectorConfig &m_c;
    const ConnectorSpec &m_spec;
    const PropertyCatalog &m_catalog;
    std::vector<Diagnostic> &m_out;
};

} // namespace

QMap<QString, QString> classProperties(const ConnectorConfig &connector)
{
    QMap<QString, QString> out;
    for (const QString &list : {QStringLiteral("transforms"), QStringLiteral("predicates")}) {
        for (const QString &alias : listOf(connector, list)) {
            const QString key = list + u'.' + alias + QStringLiteral(".type");
            if (const QString cls = connector.value(key).trimmed(); !cls.isEmpty())
                out.insert(key, cls);
        }
    }
    for (const QString &key :
         {QStringLiteral("key.converter"), QStringLiteral("value.converter"), QStringLiteral("header.converter")}) {
        if (const QString cls = connector.value(key).trimmed(); !cls.isEmpty())
            out.insert(key, cls);
    }
    // Debezium's own converters: converters=isbn, isbn.type=com.example.IsbnConverter.
    for (const QString &name : listOf(connector, QStringLiteral("converters"))) {
        const QString key = name + QStringLiteral(".type");
        if (const QString cls = connector.value(key).trimmed(); !cls.isEmpty())
            out.insert(key, cls);
    }
    return out;
}

void lintPluginsAndNames(const ConnectorConfig &connector, const ConnectorSpec &spec, const PropertyCatalog &catalog,
                         std::vector<Diagnostic> &out)
{
    PluginLint(connector, spec, catalog, out).run();
}

} // namespace cdc::debezium
