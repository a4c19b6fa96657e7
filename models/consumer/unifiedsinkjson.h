// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer's rows as its Kafka sink writes them: the generated job's sink table with
// 'value.format' = 'json' (Flink's JSON format, fields in the table's order) and the composite key as
// the record key. Whatever writes a unified topic without Flink (the sandbox) writes this.
#pragma once

#include "consumer/unifiedrows.h"

#include <QByteArray>
#include <QString>

namespace cdc::consumer {

// {"composite_key":"PG-7","aggregate_id":"7","aggregate_type":"order","source_database":"postgres",
//  "event_type":"OrderCreated","event_id":"…","event_time":"2026-12-07 14:21:04.784Z","payload":"…"}
// `payloadIsNull`: the record had no value (a tombstone), written as null.
QByteArray unifiedSinkJson(const UnifiedRow &row, qint64 eventTimeMs, bool payloadIsNull = false);

// A TIMESTAMP_LTZ as Flink's JSON format writes it by default ('json.timestamp-format.standard' SQL):
// "2026-12-07 14:21:04.784Z", the fraction without trailing zeros, none for a whole second.
QString flinkJsonTimestamp(qint64 epochMs);
// The same instant as the print sink shows it (java.time.Instant): "2026-12-07T14:21:04.784Z".
QString instantText(qint64 epochMs);

} // namespace cdc::consumer
