// SPDX-License-Identifier: GPL-3.0-or-later
// The connector linter's rules on what a config plugs in and on names users mistype: classes of
// transforms, predicates and converters that do not exist (offline from the catalog, connected from the
// worker's plugin list), transform options that a transform does not read or no longer reads,
// properties of an alias that is not listed, and properties of another connector.
#pragma once

#include "debezium/connectorlinter.h"

namespace cdc::debezium {

// Offline rules for one connector, appended to `out`. `spec` is the connector's catalog entry.
void lintPluginsAndNames(const ConnectorConfig &connector, const ConnectorSpec &spec, const PropertyCatalog &catalog,
                         std::vector<Diagnostic> &out);

// The class-valued properties of a config: property name -> class, for transforms.*.type,
// predicates.*.type, key/value/header.converter and the type of each Debezium converter.
QMap<QString, QString> classProperties(const ConnectorConfig &connector);

} // namespace cdc::debezium
