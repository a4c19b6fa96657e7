// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the event decoder: turns the fuzzer's bytes into a Kafka message and checks
// what EventDecoder::decode() guarantees. A broken guarantee traps, which libFuzzer reports as a crash.
//
// Input layout (so that the fuzzer reaches every path of the decoder):
//   byte 0        flags: bits 0-2 pick the topic from kTopics (7: the topic is the next line),
//                 bit 3 makes a tombstone, bit 4 adds an eventType header (its value is a line),
//                 bit 5 adds a null eventType header and an unrelated header before it,
//                 bit 7 has the reused decoder first decode the message with '}' bytes after its key
//                 and value, so that its buffers hold stale bytes past the end of the next input
//   then          [topic '\n'] key '\n' [eventType '\n'] value (the value may contain '\n')
// Flags in 0x40-0x7f are printable, so the seeds in corpus/ read as text ('B' = pg.public.orders).
#include "stream/eventdecoder.h"
#include "stream/rawmessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace cdc::stream;

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz_eventdecoder: broken invariant at line %d: %s\n", __LINE__, #condition);        \
            __builtin_trap();                                                                                          \
        }                                                                                                              \
    } while (false)

namespace {

constexpr std::string_view kTopics[] = {
    "outbox.event.postgres.order", // outbox, PostgreSQL
    "outbox.event.mysql.order",    // outbox, MariaDB/MySQL
    "pg.public.orders",            // change events, PostgreSQL
    "mysql.capstone.orders",       // change events, MariaDB
    "__debezium-heartbeat.pg",     // heartbeats
    "schema-changes.capstone",     // MariaDB schema history
    "outbox.event.other.order",    // an outbox topic of no known database
};
constexpr unsigned kTopicFromInput = 7;
constexpr unsigned kTombstone = 0x08;
constexpr unsigned kEventTypeHeader = 0x10;
constexpr unsigned kExtraHeaders = 0x20;
constexpr unsigned kStaleBytes = 0x80;

// The bytes up to the next '\n' (all of them when there is none); `rest` moves past the '\n'.
std::string_view takeLine(std::string_view &rest)
{
    const std::size_t newline = rest.find('\n');
    const std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    return line;
}

// A heap copy of exactly `size` bytes, so that AddressSanitizer sees any read past its end.
std::unique_ptr<char[]> exactCopy(std::string_view bytes)
{
    auto copy = std::make_unique<char[]>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), copy.get());
    return copy;
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

// The header's rule: the source comes from source.connector (change events only), else the topic.
SourceTag tagFromTopic(std::string_view topic)
{
    if (startsWith(topic, "outbox.event.postgres."))
        return SourceTag::Postgres;
    if (startsWith(topic, "outbox.event.mysql."))
        return SourceTag::MySql;
    return SourceTag::Unknown;
}

bool inside(quint32 offset, quint32 length, std::size_t size)
{
    return std::uint64_t(offset) + length <= size;
}

bool sameEvent(const DecodedEvent &a, const DecodedEvent &b)
{
    return a.kind == b.kind && a.op == b.op && a.source == b.source && a.entity == b.entity &&
           a.eventType == b.eventType && a.sourceTsMs == b.sourceTsMs && a.summaryOffset == b.summaryOffset &&
           a.summaryLength == b.summaryLength && a.idOffset == b.idOffset && a.idLength == b.idLength &&
           a.problem == b.problem;
}

void print(const char *label, const DecodedEvent &e)
{
    std::fprintf(stderr,
                 "%s: kind %s op %d source %s entity '%s' eventType '%s' sourceTsMs %lld summary %u+%u id %u+%u "
                 "problem '%s'\n",
                 label, qPrintable(eventKindName(e.kind)), int(e.op), qPrintable(sourceTagName(e.source)),
                 qPrintable(e.entityText()), qPrintable(e.eventTypeText()), static_cast<long long>(e.sourceTsMs),
                 e.summaryOffset, e.summaryLength, e.idOffset, e.idLength, qPrintable(e.problem));
}

void checkInvariants(const RawMessage &m, const DecodedEvent &e)
{
    FUZZ_CHECK(e.kind >= EventKind::Change && e.kind <= EventKind::Undecodable);
    FUZZ_CHECK(e.source >= SourceTag::Unknown && e.source <= SourceTag::MySql);
    FUZZ_CHECK(!eventKindName(e.kind).isEmpty());
    FUZZ_CHECK(!sourceTagName(e.source).isEmpty());

    // Undecodable events always say why, and only they carry a problem.
    FUZZ_CHECK((e.kind == EventKind::Undecodable) == !e.problem.isEmpty());
    // op is the first byte of a change event's "op" (any byte: the decoder does not check the letter);
    // every other kind has none.
    if (e.kind != EventKind::Change)
        FUZZ_CHECK(e.op == 0);
    // Only change events take their source from the payload; everything else from the topic.
    if (e.kind != EventKind::Change)
        FUZZ_CHECK(e.source == tagFromTopic(m.topic));
    if (e.kind != EventKind::Change)
        FUZZ_CHECK(e.sourceTsMs == -1);

    // The topic and the tombstone decide before the value is read.
    const bool heartbeatTopic = startsWith(m.topic, "__debezium-heartbeat");
    FUZZ_CHECK((e.kind == EventKind::Heartbeat) == heartbeatTopic);
    FUZZ_CHECK((e.kind == EventKind::Tombstone) == (!heartbeatTopic && m.value == nullptr));
    // Outbox events come from outbox topics only.
    if (e.kind == EventKind::Outbox)
        FUZZ_CHECK(startsWith(m.topic, "outbox.event."));
    // Undecodable input is kept: its summary is the start of the raw value.
    if (e.kind == EventKind::Undecodable)
        FUZZ_CHECK(e.summaryOffset == 0);

    // The byte ranges lie inside the value and the key.
    FUZZ_CHECK(e.summaryLength <= DecodedEvent::kSummaryBytes);
    FUZZ_CHECK(inside(e.summaryOffset, e.summaryLength, m.value ? m.valueLength : 0));
    FUZZ_CHECK(inside(e.idOffset, e.idLength, m.key.size()));
    if (!m.value)
        FUZZ_CHECK(e.summaryOffset == 0 && e.summaryLength == 0);

    // The accessors the table uses work on those ranges.
    const QByteArrayView value(m.value ? m.value : "", qsizetype(m.value ? m.valueLength : 0));
    const QByteArrayView key(m.key.data(), qsizetype(m.key.size()));
    const QString summary = e.summary(value);
    FUZZ_CHECK(!summary.contains(u'\n') && !summary.contains(u'\t')); // one line for the table
    const QString id = e.aggregateId(key);
    const QString composite = e.compositeKey(key);
    FUZZ_CHECK(composite.isEmpty() == id.isEmpty());
    FUZZ_CHECK(id.isEmpty() || composite.endsWith(id));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const unsigned flags = data[0];
    std::string_view rest(reinterpret_cast<const char *>(data) + 1, size - 1);
    const unsigned topicIndex = flags & 0x07;
    const std::string_view topic = topicIndex == kTopicFromInput ? takeLine(rest) : kTopics[topicIndex];
    const std::string_view key = takeLine(rest);
    const std::string_view eventType = (flags & kEventTypeHeader) ? takeLine(rest) : std::string_view();
    const bool tombstone = flags & kTombstone;
    const std::string_view value = rest;

    // The consumer's view, each part in a buffer of its own exact size.
    const std::unique_ptr<char[]> topicBytes = exactCopy(topic);
    const std::unique_ptr<char[]> keyBytes = exactCopy(key);
    const std::unique_ptr<char[]> valueBytes = exactCopy(value);
    const std::unique_ptr<char[]> eventTypeBytes = exactCopy(eventType);
    std::vector<RawHeader> headers;
    if (flags & kExtraHeaders) {
        headers.push_back({"id", "7", 1});
        headers.push_back({"eventType", nullptr, 0}); // a null header value is no value
    }
    if (flags & kEventTypeHeader)
        headers.push_back({"eventType", eventTypeBytes.get(), eventType.size()});
    RawMessage raw;
    raw.topic = std::string_view(topicBytes.get(), topic.size());
    raw.key = std::string_view(keyBytes.get(), key.size());
    raw.value = tombstone ? nullptr : valueBytes.get();
    raw.valueLength = tombstone ? 0 : value.size();
    raw.headers = headers;

    // One decoder for the whole run, as on the consumer thread: its buffers are reused across inputs.
    static EventDecoder decoder;
    if (flags & kStaleBytes) {
        const std::string staleKey = std::string(key) + std::string(64, '}');
        const std::string staleValue = std::string(value) + std::string(64, '}');
        RawMessage stale = raw;
        stale.key = staleKey;
        stale.value = staleValue.data();
        stale.valueLength = staleValue.size();
        decoder.decode(stale);
    }
    const DecodedEvent event = decoder.decode(raw);
    checkInvariants(raw, event);

    // A fresh decoder, fed the same message as a KafkaMessage, agrees: nothing leaks from earlier inputs.
    KafkaMessage message;
    message.topic = QByteArray(topic.data(), qsizetype(topic.size()));
    message.key = QByteArray(key.data(), qsizetype(key.size()));
    if (!tombstone)
        message.value = QByteArray(value.data(), qsizetype(value.size()));
    if (flags & kExtraHeaders)
        message.headers.emplace_back(QByteArrayLiteral("id"), QByteArrayLiteral("7"));
    if (flags & kEventTypeHeader)
        message.headers.emplace_back(QByteArrayLiteral("eventType"),
                                     QByteArray(eventType.data(), qsizetype(eventType.size())));
    EventDecoder fresh;
    const DecodedEvent again = fresh.decode(message);
    if (!sameEvent(again, event)) {
        print("reused decoder", event);
        print("fresh decoder", again);
    }
    FUZZ_CHECK(sameEvent(again, event));

    // Parsed in place, as the ingest does with its pages (the value followed by zero padding): the same.
    if (!tombstone) {
        const std::unique_ptr<char[]> padded(new char[value.size() + kValuePadding]());
        if (!value.empty())
            std::memcpy(padded.get(), value.data(), value.size());
        RawMessage inPlace = raw;
        inPlace.value = padded.get();
        inPlace.valuePadded = true;
        static EventDecoder inPlaceDecoder;
        const DecodedEvent third = inPlaceDecoder.decode(inPlace);
        if (!sameEvent(third, event)) {
            print("reused decoder", event);
            print("in place", third);
        }
        FUZZ_CHECK(sameEvent(third, event));
    }
    return 0;
}
