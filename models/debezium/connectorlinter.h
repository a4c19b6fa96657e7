// SPDX-License-Identifier: GPL-3.0-or-later
// Checks connector configs: each problem as a diagnostic with severity, property, message and a fix.
// Single-connector rules look at one config; project rules look across all connectors of a project.
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
    enum class Kind { Set, Rename, Remove } kind = Kind::Set;
    QString property;
    QString value;       // Set: the new value
    QString newProperty; // Rename: the new name
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

// Applies one fix; returns the changed config.
QMap<QString, QString> applyFix(QMap<QString, QString> config, const ConfigFix &fix);
// Applies every rename and value migration the catalog knows: the one-click migration of an old config.
QMap<QString, QString> migrate(const ConnectorConfig &connector, const PropertyCatalog &catalog);

// The database kind ("postgres"/"mysql") a connector reads, from its class or its database node.
QString databaseKindOf(const ConnectorConfig &connector, const PropertyCatalog &catalog);

} // namespace cdc::debezium
