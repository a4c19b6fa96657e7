// SPDX-License-Identifier: GPL-3.0-or-later
// What a Kafka Connect worker answers, as typed values: server info, plugins, connectors with their
// status and config, validation results and source offsets. Parsing from Connect's JSON shapes lives here.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace cdc::topology {
struct ConnectClusterEntry; // topology/projectfile.h
} // namespace cdc::topology

namespace cdc::connect {

// One Kafka Connect cluster a project talks to. The password is a reference (`${env:NAME}`,
// `${file:/path:key}`), resolved only when a request is made; it is never stored in plain text.
struct ClusterSettings
{
    QString name = QStringLiteral("local");
    QUrl url = QUrl(QStringLiteral("http://localhost:8083"));
    QString username;          // basic auth when not empty
    QString passwordReference; // ${env:…} or ${file:…:key}
    QString caFile;            // PEM file with the CA that signed the worker's certificate (HTTPS)
    int timeoutMs = 10000;     // per request
    int readRetries = 2;       // GETs only; writes are never retried

    bool operator==(const ClusterSettings &) const = default;
};

struct ServerInfo
{
    QString version;
    QString commit;
    QString clusterId;
};

struct PluginInfo
{
    QString className;
    QString type; // "source" / "sink" / "converter" / ...
    QString version;
};

struct TaskStatus
{
    int id = 0;
    QString state; // RUNNING, FAILED, PAUSED, UNASSIGNED, RESTARTING, STOPPED
    QString workerId;
    QString trace; // the full stack trace when FAILED
};

struct ConnectorStatus
{
    QString name;
    QString state;
    QString workerId;
    QString type; // "source" / "sink"
    QString trace;
    QList<TaskStatus> tasks;
};

struct ConnectorInfo
{
    QString name;
    QString type;
    QMap<QString, QString> config;
    QList<int> taskIds;

    QString connectorClass() const { return config.value(QStringLiteral("connector.class")); }
};

// One row of GET /connectors?expand=status&expand=info.
struct ConnectorOverview
{
    ConnectorStatus status;
    ConnectorInfo info;
};

struct PropertyValidation
{
    QString name;
    QString value;
    QString group;
    QString documentation;
    bool required = false;
    QStringList errors;
};

struct ValidationResult
{
    QString connectorClass;
    int errorCount = 0;
    QList<PropertyValidation> properties; // every property the plugin knows
    QList<PropertyValidation> withErrors() const;
};

// One source partition's offset, as GET /connectors/{name}/offsets gives it.
struct SourceOffset
{
    QJsonObject partition; // e.g. {"server": "capstone"}
    QJsonObject offset;    // e.g. {"lsn": 2394812, "txId": 771} or {"file": "mysql-bin.000003", "pos": 1234}

    // "LSN 0/248A3C0 (txId 771)", "binlog mysql-bin.000003:1234", "GTID 0-1-42", or the JSON when unknown.
    QString describe() const;
};

struct ConnectorOffsets
{
    QList<SourceOffset> offsets;
};

// The worker's own words on a failed task: the first line that says what happened
// (the exception's message, or a "Caused by:" deeper down that names the real cause).
QString firstUsefulTraceLine(const QString &trace);

// Parsing Connect's JSON. Each returns a clear error when the shape is not what Connect sends.
Result<ServerInfo> parseServerInfo(const QByteArray &json);
Result<QList<PluginInfo>> parsePlugins(const QByteArray &json);
Result<ConnectorStatus> parseConnectorStatus(const QByteArray &json);
Result<ConnectorInfo> parseConnectorInfo(const QByteArray &json);
Result<QMap<QString, QString>> parseConnectorConfig(const QByteArray &json);      // GET /connectors/{n}/config
Result<QList<ConnectorOverview>> parseConnectorOverviews(const QByteArray &json); // sorted by name
Result<ValidationResult> parseValidation(const QByteArray &json);
Result<ConnectorOffsets> parseOffsets(const QByteArray &json);
Result<QStringList> parseConnectorNames(const QByteArray &json); // GET /connectors
Result<QStringList> parseConnectorTopics(const QByteArray &json, const QString &connector);

// A connector config map as a JSON object (every value a string, as Connect stores them).
QJsonObject configToJson(const QMap<QString, QString> &config);
// True for keys whose values are secrets (password, secret, token, key material); shown masked.
bool isSecretKey(const QString &key);

// A cluster as the project file keeps it, and back (timeout and retries keep their defaults).
// Include topology/projectfile.h to call these.
ClusterSettings clusterFromProject(const topology::ConnectClusterEntry &entry);
topology::ConnectClusterEntry clusterToProject(const ClusterSettings &settings);

} // namespace cdc::connect
