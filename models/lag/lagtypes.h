// SPDX-License-Identifier: GPL-3.0-or-later
// What lag is measured in, which series a sample belongs to, and the per-database thresholds.
// PostgreSQL lag is WAL bytes and MySQL lag is milliseconds: never on one axis, never one threshold.
#pragma once

#include "core/result.h"

#include <QMetaType>
#include <QString>

#include <nlohmann/json.hpp>

namespace cdc::lag {

enum class LagUnit { Bytes, Milliseconds, Messages };

QString unitName(LagUnit unit);                  // "bytes", "ms", "messages"
QString formatValue(LagUnit unit, double value); // "12.4 MB", "3.2 s", "1,204 messages"

// One line on a chart: a replication slot, a MySQL connector, a consumer group's partition sum, ...
struct SeriesKey
{
    QString id;    // stable: "pg-slot:outbox_postgres", "mysql-ms:mysql-outbox", "group:unified-orders"
    QString label; // what the legend says
    LagUnit unit = LagUnit::Bytes;
    QString databaseKind; // "postgres", "mysql" or empty (consumer lag): picks thresholds and colour
    QString nodeId;       // the topology node an alert colours (connector or consumer), may be empty

    bool operator==(const SeriesKey &) const = default;
};

enum class LagLevel { Ok, Warning, Critical };
QString levelName(LagLevel level);

struct LagThreshold
{
    double warning = 0;  // 0: off
    double critical = 0; // 0: off
    LagLevel levelFor(double value) const;
    bool operator==(const LagThreshold &) const = default;
};

// Kept in the project file's "lag" object.
struct LagThresholds
{
    LagThreshold postgresBytes{256.0 * 1024 * 1024, 1024.0 * 1024 * 1024}; // 256 MiB / 1 GiB of retained WAL
    LagThreshold mysqlMs{10'000, 60'000};                                  // 10 s / 60 s behind
    LagThreshold consumerMessages{10'000, 100'000};

    // By unit and database: bytes of PostgreSQL WAL, MySQL milliseconds behind, consumer messages. A
    // series whose database does not match its unit (MySQL bytes, PostgreSQL ms) gets no threshold.
    const LagThreshold &forSeries(const SeriesKey &key) const;
    bool operator==(const LagThresholds &) const = default;
};

// {"postgres": {"warningBytes": …, "criticalBytes": …}, "mysql": {"warningMs": …, "criticalMs": …},
//  "consumer": {"warningMessages": …, "criticalMessages": …}}; missing keys keep their defaults.
Result<LagThresholds> thresholdsFromJson(const nlohmann::json &json);
nlohmann::json thresholdsToJson(const LagThresholds &thresholds);

// A series crossing into another level.
struct LagAlert
{
    SeriesKey series;
    LagLevel from = LagLevel::Ok;
    LagLevel to = LagLevel::Ok;
    double value = 0;
    qint64 timeMs = 0;
    double threshold = 0;    // the bound crossed: `to`'s when rising; back to Ok, the lowest bound that is on
    QString message() const; // "PostgreSQL slot outbox_postgres: 1.2 GB of WAL retained (critical ≥ 1.0 GB)"
};

} // namespace cdc::lag

Q_DECLARE_METATYPE(cdc::lag::SeriesKey)
Q_DECLARE_METATYPE(cdc::lag::LagAlert)
