// SPDX-License-Identifier: GPL-3.0-or-later
// Checks connector configs: each problem as a diagnostic with severity, property, message and a fix.
// Single-connector rules look at one config; project rules look across all connectors of a project.
// Severities: Error when the worker refuses the config or the pipeline breaks or loses data; Warning
// when it runs but will surprise; Info when it only teaches.
#pragma once

#include "debezium/connectorconfig.h"
#include "debezium/propertycatalog.h"

#include <QString>

#include <optional>
#include <vector>

namespace cdc::debezium {

enum class Severity { Error, Warning, Info };

QString severityName(Severity severity); // "error", "warning", "info"

struct ConfigFix
{
    // Replace: remove `property` and set `newProperty` to `value` (a rename whose value changes too).
    enum class Kind { Set, Rename, Remove, Replace } kind = Kind::Set;
    QString property;
    QString value;       // Set, Replace: the new value
    QString newProperty; // Rename, Replace: the new name
};

struct Diagnostic
{
    Severity severity = Severity::Error;
    QString rule;      // stable id, e.g. "slot-name", for tests and filters
    QString connector; // the connector's name
    QString property;  // may be empty
    QString message;
    QString suggestion;
    std::optional<ConfigFix> fix;
};

// The rules for one connector.
std::vector<Diagnostic> lintConnector(const ConnectorConfig &connector, const PropertyCatalog &catalog);
// Every connector's rules plus the rules across connectors (unique server ids, slots, prefixes, ...).
std::vector<Diagnostic> lintConnectors(const std::vector<ConnectorConfig> &connectors, const PropertyCatalog &catalog);

// The connected rule: class-valued properties (transforms, predicates, converters) naming a class that
// is not among `workerPlugins`, the classes of GET /connector-plugins?connectorsOnly=false. `worker`
// names the worker in messages. Debezium's own converters (converters=...) load from the connector's
// class path and are not listed by the worker, so they are left to the offline rules.
std::vector<Diagnostic> lintAgainstWorkerPlugins(const ConnectorConfig &connector, const QStringList &workerPlugins,
                                                 const QString &worker);

// Applies one fix; returns the changed config.
QMap<QString, QString> applyFix(QMap<QString, QString> config, const ConfigFix &fix);
// Applies every rename and value migration the catalog knows: the one-click migration of an old config.
QMap<QString, QString> migrate(const ConnectorConfig &connector, const PropertyCatalog &catalog);

// The database kind ("postgres"/"mysql") a connector reads, from its class or its database node.
QString databaseKindOf(const ConnectorConfig &connector, const PropertyCatalog &catalog);

} // namespace cdc::debezium
