// SPDX-License-Identifier: GPL-3.0-or-later
// The forms an event takes outside the table, with no widgets (safe on any thread): the diff of an
// update, pretty JSON and a hex dump for the details pane, and JSON Lines files (each line the core's
// stream::eventToJsonLine). Candidates for models/stream/ as they are.
#pragma once

#include "stream/eventstore.h"
#include "stream/eventview.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace cdc::ui {

class EventFormats
{
    Q_DECLARE_TR_FUNCTIONS(EventFormats)
};

// An update's changed fields, from the value's before/after (schema/payload wrapper unwrapped).
// Nested objects are compared field by field ("address.city"); values are shown as compact JSON.
struct FieldChange
{
    QString field;
    QString before; // empty when the field was added
    QString after;  // empty when the field was removed
};
std::vector<FieldChange> changedFields(QByteArrayView value);
// Indented JSON in the order of the input, or an empty string when `bytes` is not JSON.
QString prettyJson(QByteArrayView bytes);
// Offset, 16 bytes in hex and their ASCII per line; at most `limit` bytes, then a line saying how many more.
QString hexDump(QByteArrayView bytes, qsizetype limit = 64 * 1024);

// Writes events of `snapshot` to `path` as JSON Lines through QSaveFile: the rows with these sequence
// numbers (in that order), or every row when `sequences` is nullopt. `progress(done, total)` is called
// after every megabyte or so; returning false cancels (nothing is written). Any thread.
struct JsonLinesOutcome
{
    bool ok = false;
    bool cancelled = false;
    qsizetype written = 0;
    QString message; // what happened, for a person
};
JsonLinesOutcome writeJsonLines(const stream::EventSnapshot &snapshot,
                                const std::optional<std::vector<quint64>> &sequences, const QString &path,
                                const std::function<bool(qsizetype, qsizetype)> &progress = {});

} // namespace cdc::ui
