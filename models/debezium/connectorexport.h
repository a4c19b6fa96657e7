// SPDX-License-Identifier: GPL-3.0-or-later
// Exports of one connector config: Kafka Connect JSON (POST and PUT bodies), a curl command, a
// .properties file for a standalone worker, and a Strimzi KafkaConnector resource.
#pragma once

#include "debezium/connectorconfig.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace cdc::debezium {

enum class ExportFormat { PostJson, PutJson, Curl, Properties, Strimzi };

struct ExportOptions
{
    QString connectUrl = QStringLiteral("http://127.0.0.1:18083");
    QString strimziCluster = QStringLiteral("my-connect-cluster");
};

QString exportConnector(const ConnectorConfig &connector, ExportFormat format, const ExportOptions &options = {});

// "json", "put", "curl", "properties", "strimzi"
std::optional<ExportFormat> exportFormatFromName(const QString &name);
QStringList exportFormatNames();

// A word as a POSIX shell reads it back unchanged ('...' with embedded quotes closed and escaped).
QString shellQuote(const QString &word);

} // namespace cdc::debezium
