// SPDX-License-Identifier: GPL-3.0-or-later
// Kafka Connect's vocabulary for the simulated worker: the plugins it has installed, the ConfigDef
// properties a connector config is validated against, the validate answer (ConfigInfos) and the texts
// Connect refuses a request with. Pure functions over data; simulatedconnect.cpp serves them over HTTP.
#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace cdc::sandbox {

// The Kafka Connect version the worker reports: GET / and the version of Connect's own plugins.
QString connectVersion();
// What Connect shows instead of the value of a PASSWORD property or a secret.
QString hiddenValue();

// GET /connector-plugins: class, type and version of every installed plugin, sorted as Connect sorts
// them; the connectors only unless `connectorsOnly` is false.
QJsonArray connectorPluginsJson(bool connectorsOnly);
// A plugin's class name from its class name or Connect's aliases ("PostgresConnector", "Postgres");
// empty when no installed plugin has that name.
QString resolvePlugin(const QString &name);
// Whether `className` is an installed connector (not a transformation, converter or predicate).
bool isConnectorPlugin(const QString &className);
// Whether `className` is one of the Debezium source connectors the sandbox simulates.
bool isDebezium(const QString &className);

// A request body as Connect's flat config map (Jackson takes numbers and booleans as their text).
Result<QMap<QString, QString>> configFrom(const QJsonValue &value);
// Connect's ConfigInfos for `config` against the plugin `className`: what validate answers, and what a
// create or config update is refused with.
QJsonObject validationJson(const QString &className, const QMap<QString, QString> &config);
// AbstractHerder's refusal of an invalid config on create or update, or an empty string when valid.
QString refusal(const QJsonObject &validation);

// PUT validate's refusal of a plugin name that is no installed connector.
QString unknownConnectorPlugin(const QString &plugin);
// PUT validate's refusal of a config whose connector.class names another plugin than the URL.
QString connectorTypeMismatch(const QString &included, const QString &plugin);
// The refusal of an offsets change (DELETE or PATCH) on a connector that is not STOPPED.
QString mustBeStopped(const QString &connector);

} // namespace cdc::sandbox
