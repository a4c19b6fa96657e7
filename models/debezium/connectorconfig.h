// SPDX-License-Identifier: GPL-3.0-or-later
// A connector's configuration as Kafka Connect takes it, where it sits in a project, and how one is
// read from a file a user brings (the POST body, the flat config map, or a project).
#pragma once

#include "core/result.h"
#include "topology/projectfile.h"

#include <QMap>
#include <QString>

#include <vector>

namespace cdc::debezium {

struct ConnectorConfig
{
    QString name;
    QMap<QString, QString> config;
    QString nodeId;         // the connector's node in the project, if any
    QString databaseNodeId; // the database node that feeds it, if any
    QString databaseKind;   // "postgres" / "mysql" from that node; empty when unknown

    QString value(const QString &key, const QString &fallback = {}) const { return config.value(key, fallback); }
};

// The connectors of a project, each with the database node that feeds it.
std::vector<ConnectorConfig> connectorsOf(const topology::Project &project);

// What a JSON file held.
struct ImportedConfigs
{
    enum class Form { PostBody, FlatConfig, Project } form = Form::FlatConfig;
    std::vector<ConnectorConfig> connectors;
    std::optional<topology::Project> project; // set for Form::Project
    QStringList nullKeys; // keys whose value was JSON null: Kafka Connect takes them as unset, so they are left out
};

// Reads a connector config in any of the three forms. Numbers and booleans become text, as Kafka
// Connect would take them; a null value is left out, as Connect takes it as unset. Errors name the line
// and column.
Result<ImportedConfigs> importConnectorJson(const QByteArray &bytes, const QString &sourceName);

// True for `${provider:...}` references that Kafka Connect resolves at run time.
bool isConfigProviderReference(const QString &value);
// True when such a reference appears anywhere in the value: Kafka Connect resolves it inside a larger
// value too (a JAAS line, user:${env:PW}).
bool containsConfigProviderReference(const QString &value);

} // namespace cdc::debezium
