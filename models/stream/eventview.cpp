// SPDX-License-Identifier: GPL-3.0-or-later
// Reading an event's headers, key and summary out of its raw bytes.
#include "eventview.h"

#include <cstring>

namespace cdc::stream {

namespace {

constexpr quint32 kNullHeader = 0xffffffffu;
constexpr int kSummaryLength = 120;

quint32 readU32(const char *at)
{
    quint32 v;
    std::memcpy(&v, at, sizeof v);
    return v;
}

} // namespace

std::size_t encodedHeaderSize(QByteArrayView name, std::optional<QByteArrayView> value)
{
    return 8 + std::size_t(name.size()) + (value ? std::size_t(value->size()) : 0);
}

char *writeEncodedHeader(char *out, QByteArrayView name, std::optional<QByteArrayView> value)
{
    const auto nameLength = quint32(name.size());
    std::memcpy(out, &nameLength, 4);
    if (nameLength)
        std::memcpy(out + 4, name.data(), nameLength);
    out += 4 + nameLength;
    const quint32 valueLength = value ? quint32(value->size()) : kNullHeader;
    std::memcpy(out, &valueLength, 4);
    out += 4;
    if (value && !value->isEmpty()) {
        std::memcpy(out, value->data(), std::size_t(value->size()));
        out += value->size();
    }
    return out;
}

void readEncodedHeaders(const char *at, std::size_t length, std::vector<RawHeader> &out)
{
    const char *end = at + length;
    while (at + 8 <= end) {
        const quint32 nameLength = readU32(at);
        const std::string_view name(at + 4, nameLength);
        at += 4 + nameLength;
        const quint32 valueLength = readU32(at);
        at += 4;
        if (valueLength == kNullHeader) {
            out.push_back(RawHeader{name, nullptr, 0});
        } else {
            out.push_back(RawHeader{name, at, valueLength});
            at += valueLength;
        }
    }
}

void appendEncodedHeader(QByteArray &out, QByteArrayView name, std::optional<QByteArrayView> value)
{
    const qsizetype at = out.size();
    out.resize(at + qsizetype(encodedHeaderSize(name, value)));
    writeEncodedHeader(out.data() + at, name, value);
}

std::vector<std::pair<QByteArray, std::optional<QByteArray>>> EventView::headers() const
{
    std::vector<std::pair<QByteArray, std::optional<QByteArray>>> out;
    const char *at = m_record->headers();
    const char *end = at + m_record->headersLength;
    while (at + 8 <= end) {
        const quint32 nameLength = readU32(at);
        const QByteArray name(at + 4, qsizetype(nameLength));
        at += 4 + nameLength;
        const quint32 valueLength = readU32(at);
        at += 4;
        if (valueLength == kNullHeader) {
            out.emplace_back(name, std::nullopt);
        } else {
            out.emplace_back(name, QByteArray(at, qsizetype(valueLength)));
            at += valueLength;
        }
    }
    return out;
}

std::optional<QByteArray> EventView::header(QByteArrayView name) const
{
    const char *at = m_record->headers();
    const char *end = at + m_record->headersLength;
    while (at + 8 <= end) {
        const quint32 nameLength = readU32(at);
        const QByteArrayView current(at + 4, qsizetype(nameLength));
        at += 4 + nameLength;
        const quint32 valueLength = readU32(at);
        at += 4;
        const bool isNull = valueLength == kNullHeader;
        if (current == name)
            return isNull ? std::nullopt : std::optional<QByteArray>(QByteArray(at, qsizetype(valueLength)));
        if (!isNull)
            at += valueLength;
    }
    return std::nullopt;
}

QString EventView::compositeKey() const
{
    if (m_record->idLength == 0)
        return {};
    switch (m_record->source) {
    case SourceTag::Postgres: return QStringLiteral("PG-") + aggregateId();
    case SourceTag::MySql: return QStringLiteral("MY-") + aggregateId();
    case SourceTag::Unknown: break;
    }
    return aggregateId();
}

QString EventView::summary() const
{
    if (!hasValue())
        return {};
    const QByteArrayView part(m_record->value() + m_record->summaryOffset, qsizetype(m_record->summaryLength));
    QString text = QString::fromUtf8(part.first(qMin<qsizetype>(part.size(), kSummaryLength * 2))).simplified();
    if (text.size() > kSummaryLength) {
        text.truncate(kSummaryLength - 1);
        text += u'…';
    }
    return text;
}

} // namespace cdc::stream
