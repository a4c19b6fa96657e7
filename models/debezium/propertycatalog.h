// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog of Debezium connector and Outbox Event Router properties: names, Kafka Connect types,
// defaults, groups, our explanations and their history (renames, deprecations). Kept as data in
// resources/catalog/debezium.json and checked against a real worker's validate answer.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace cdc::debezium {

struct ConnectorSpec
{
    QString id;        // "postgres", "mysql", "mariadb"
    QString className; // io.debezium.connector...
    QString title;
    QString database; // the topology's database kind: "postgres" or "mysql"
    int maxTasks = 0; // 0: no limit of its own
};

struct PropertySpec
{
    QString name;
    QString type; // Kafka Connect's: BOOLEAN, CLASS, DOUBLE, INT, LIST, LONG, PASSWORD, SHORT, STRING
    std::optional<QString> defaultValue;
    bool required = false;
    QString group;
    QString doc;
    QStringList values;                   // allowed values, for enums
    QMap<QString, QString> renamedValues; // old value -> new value
    QString renamedFrom;
    QString source;            // key into PropertyCatalog::sources()
    bool workerReports = true; // false: the worker's validate answer does not list it
    QStringList connectors;    // empty: every connector
};

struct RenameRule
{
    QString from; // exact name, or
    QString to;
    QString fromPrefix; // a prefix rename
    QString toPrefix;
    QString since;
    QString why;
    QStringList connectors;             // empty: every connector
    QStringList except = {};            // names the prefix rename leaves alone (database.jdbc.driver is MySQL's own)
    QMap<QString, QString> values = {}; // old value -> the new property's value, when the meaning moved too
    bool stillRead = false;             // deprecated, but current Debezium still reads the old name

    bool appliesTo(const QString &connectorId) const
    {
        return connectors.isEmpty() || connectors.contains(connectorId);
    }
    // The new name for `property`, or empty when this rule does not rename it.
    QString rename(const QString &property) const;
};

// A transform option that a Debezium version removed: the transform ignores it.
struct RemovedOption
{
    QString name;
    QString since;
    QString replacement;
};

// A single message transform the linter knows the options of, beyond the Outbox Event Router's catalog.
struct TransformSpec
{
    QString id;
    QString className;
    QStringList options; // every option it reads, without `transforms.<alias>.` and without `type`
    std::vector<RemovedOption> removedOptions;
};

// A class that a config may still name but that Kafka Connect or Debezium no longer ships.
struct RemovedClass
{
    QString className;
    QString replacement;
};

// A difference between the catalog and a worker's validate answer.
struct CatalogDisagreement
{
    QString property;
    QString field; // "missing", "type", "default"
    QString ours;
    QString worker;
};

class PropertyCatalog
{
public:
    static Result<PropertyCatalog> parse(const QByteArray &json, const QString &sourceName);
    // The catalog compiled into the application, parsed once.
    static const PropertyCatalog &bundled();

    const std::vector<ConnectorSpec> &connectors() const { return m_connectors; }
    const ConnectorSpec *connectorById(const QString &id) const;
    const ConnectorSpec *connectorForClass(const QString &className) const;

    // The connector's own properties (without transforms).
    std::vector<const PropertySpec *> properties(const QString &connectorId) const;
    const PropertySpec *property(const QString &connectorId, const QString &name) const;
    // The Outbox Event Router's properties, named without the `transforms.<alias>.` prefix.
    const std::vector<PropertySpec> &outboxProperties() const { return m_outbox; }
    const PropertySpec *outboxProperty(const QString &name) const;
    QString outboxClass() const { return m_outboxClass; }

    // Transforms whose options the linter checks (the Outbox Event Router, ExtractNewRecordState).
    const std::vector<TransformSpec> &transforms() const { return m_transforms; }
    const TransformSpec *transformForClass(const QString &className) const;

    // Class names Kafka 4.1 and Debezium 3.5 ship (transforms, predicates, converters), and removed ones.
    bool isKnownClass(const QString &className) const { return m_knownClasses.contains(className); }
    const QStringList &knownClasses() const { return m_knownClasses; }
    const RemovedClass *removedClass(const QString &className) const;

    // The property names the worker's validate answer lists for the connector; empty when unknown.
    QStringList workerProperties(const QString &connectorId) const { return m_workerProperties.value(connectorId); }
    // Names some connectors' answers lack although Debezium's common code defines them: any connector
    // may read them, so they never "belong to" another connector.
    QStringList sharedProperties() const { return m_workerProperties.value(QStringLiteral("shared")); }

    const std::vector<RenameRule> &renames() const { return m_renames; }
    const QMap<QString, QString> &sources() const { return m_sources; }

    // Compares with the answer of PUT /connector-plugins/{class}/config/validate for a config that
    // has the Outbox Event Router under `outboxAlias`. The worker wins: each disagreement is ours to fix.
    std::vector<CatalogDisagreement> compareWithWorker(const QString &connectorId, const QByteArray &validateAnswer,
                                                       const QString &outboxAlias) const;
    // property name -> the worker's own documentation, to show beside ours.
    static QMap<QString, QString> workerDocumentation(const QByteArray &validateAnswer);

private:
    std::vector<ConnectorSpec> m_connectors;
    std::vector<PropertySpec> m_properties;
    std::vector<PropertySpec> m_outbox;
    QString m_outboxClass;
    std::vector<TransformSpec> m_transforms;
    QStringList m_knownClasses;
    std::vector<RemovedClass> m_removedClasses;
    QMap<QString, QStringList> m_workerProperties;
    std::vector<RenameRule> m_renames;
    QMap<QString, QString> m_sources;
};

} // namespace cdc::debezium
