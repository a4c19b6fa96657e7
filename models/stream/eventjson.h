// SPDX-License-Identifier: GPL-3.0-or-later
// One event as one compact JSON object (JSON Lines): what `cdcctl tail` prints and what the viewer
// exports and copies. The value is embedded as JSON when it is JSON (its bytes as they are), else as
// a string, and null for a tombstone.
#pragma once

#include "stream/eventview.h"

#include <QByteArray>

namespace cdc::stream {

// {"source":"postgres","compositeKey":"PG-42","topic":…,"partition":0,"offset":7,"arrivalMs":…,
//  "sourceTsMs":…|null,"kafkaTsMs":…|null,"op":"u"|null,"kind":"change","entity":…|null,
//  "eventType":…|null,"key":"42","headers":{"name":"value"|null,…},["problem":…,]"late":false,
//  "redelivered":false,"value":…}
// without a trailing newline. Header names repeat when the message repeats them. Bytes that are not
// UTF-8 (in keys, headers, values that are not JSON) are replaced by U+FFFD. Any thread.
QByteArray eventToJsonLine(const EventView &event);

// Appends eventToJsonLine(event) and a newline to `out` (for writing many lines with one buffer).
void appendEventJsonLine(QByteArray &out, const EventView &event);

} // namespace cdc::stream
