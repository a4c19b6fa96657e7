// SPDX-License-Identifier: GPL-3.0-or-later
// A cheap, read-only view of one stored event: its compact record and the strings it refers to.
// Everything the table, the filter, the details pane and the exports read goes through it.
#pragma once

#include "stream/eventrecord.h"
#include "stream/stringtable.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace cdc::stream {

class EventView
{
public:
    EventView() = default;
    EventView(const EventRecord *record, const StringTable *strings, quint64 sequence)
        : m_record(record)
        , m_strings(strings)
        , m_sequence(sequence)
    {}

    bool isValid() const { return m_record != nullptr; }
    const EventRecord &record() const { return *m_record; }
    quint64 sequence() const { return m_sequence; } // position in the stream since the store began

    QByteArrayView key() const { return {m_record->key(), qsizetype(m_record->keyLength)}; }
    // The value; empty for a tombstone (check hasValue()).
    QByteArrayView value() const { return {m_record->value(), qsizetype(m_record->valueLength)}; }
    bool hasValue() const { return m_record->hasValue(); }
    std::vector<std::pair<QByteArray, std::optional<QByteArray>>> headers() const;
    std::optional<QByteArray> header(QByteArrayView name) const;

    QString topic() const { return m_strings->at(m_record->topic); }
    QString entity() const { return m_strings->at(m_record->entity); }
    QString eventType() const { return m_strings->at(m_record->eventType); }
    QString problem() const { return m_strings->at(m_record->problem); }

    QByteArrayView aggregateIdBytes() const
    {
        return {m_record->key() + m_record->idOffset, qsizetype(m_record->idLength)};
    }
    QString aggregateId() const { return QString::fromUtf8(aggregateIdBytes()); }
    // "PG-42" / "MY-42": the id that stays unique when both databases use 42.
    QString compositeKey() const;
    // The first characters of after/before or the payload, on one line.
    QString summary() const;

private:
    const EventRecord *m_record = nullptr;
    const StringTable *m_strings = nullptr;
    quint64 m_sequence = 0;
};

// Headers in the record's encoding (see EventRecord), for whoever builds records.
void appendEncodedHeader(QByteArray &out, QByteArrayView name, std::optional<QByteArrayView> value);
std::size_t encodedHeaderSize(QByteArrayView name, std::optional<QByteArrayView> value);
char *writeEncodedHeader(char *out, QByteArrayView name, std::optional<QByteArrayView> value);
// Views of the encoded headers at `at` (`length` bytes), appended to `out`; they point into those bytes.
void readEncodedHeaders(const char *at, std::size_t length, std::vector<RawHeader> &out);

} // namespace cdc::stream
