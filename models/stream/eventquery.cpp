// SPDX-License-Identifier: GPL-3.0-or-later
// The query language's matcher (the parser is in queryparser.cpp): it decides cheap terms first, caches
// per interned string id, searches bytes with SSE2, and reads JSON last: a prefix scan that stops at the
// path's value, and simdjson (on-demand) when the scan is unsure.
#include "eventquery.h"

#include "stream/jsonpathscan.h"
#include "stream/queryfields.h"
#include "stream/queryterm.h"
#include "stream/querytext.h"

#include <QThread>

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace cdc::stream {

using namespace queryfields;
using namespace querytext;

namespace {

constexpr quint32 kNullHeader = 0xffffffffu;

quint32 opBit(char op)
{
    switch (op) {
    case 'c': return 1;
    case 'u': return 2;
    case 'd': return 4;
    case 'r': return 8;
    case 't': return 16;
    default: return 0;
    }
}

using Term = EventQuery::Term;
using Groups = QueryGroups;

} // namespace

EventQuery::EventQuery() = default;
EventQuery::~EventQuery() = default;
EventQuery::EventQuery(const EventQuery &) = default;
EventQuery &EventQuery::operator=(const EventQuery &) = default;

Result<EventQuery> EventQuery::parse(const QString &text)
{
    auto groups = std::make_shared<Groups>();
    if (auto error = parseQueryTerms(text, *groups))
        return *error;
    EventQuery query;
    query.m_text = text;
    if (!groups->empty())
        query.m_alternatives = std::move(groups);
    return query;
}

bool EventQuery::isEmpty() const
{
    return !m_alternatives;
}

QString EventQuery::text() const
{
    return m_text;
}

struct EventQuery::Matcher::State
{
    std::shared_ptr<const Groups> groups;
    const StringTable *strings = nullptr;
    std::vector<std::vector<qint8>> idCache; // per slot and string id: -1 not known yet, 0 no, 1 yes
    simdjson::ondemand::parser parser;
    simdjson::padded_string buffer;
    simdjson::ondemand::document document;
    const EventRecord *parsed = nullptr; // whose value `document` holds (within one matches() call)
    bool parsedOk = false;
    bool wrapped = false;
    std::string composite;
    JsonReading reading = JsonReading::Scan;
    bool readsBytes = false;   // the start of the key and the value
    bool readsHeaders = false; // after the value
    quint64 events = 0;        // matched so far, and of them those that read bytes
    quint64 eventsReadingBytes = 0;
    bool readingBytes = false; // the current event

    bool byId(const Term &t, quint32 id)
    {
        auto &cache = idCache[std::size_t(t.slot)];
        if (id >= cache.size())
            cache.resize(std::max<std::size_t>(id + 1, strings->size()), -1);
        if (cache[id] < 0)
            cache[id] = t.compareText(strings->at(id).toStdString());
        return cache[id];
    }

    bool key(const Term &t, const EventView &e)
    {
        const QByteArrayView id = e.aggregateIdBytes();
        if (t.compareText(std::string_view(id.data(), std::size_t(id.size()))))
            return true;
        if (id.isEmpty() || e.record().source == SourceTag::Unknown)
            return false;
        composite.assign(e.record().source == SourceTag::Postgres ? "PG-" : "MY-");
        composite.append(id.data(), std::size_t(id.size()));
        return t.compareText(composite);
    }

    static bool header(const Term &t, const EventRecord &r)
    {
        const char *at = r.headers();
        const char *end = at + r.headersLength;
        while (at + 8 <= end) {
            quint32 nameLength, valueLength;
            std::memcpy(&nameLength, at, 4);
            const std::string_view name(at + 4, nameLength);
            std::memcpy(&valueLength, at + 4 + nameLength, 4);
            at += 8 + nameLength;
            const bool isNull = valueLength == kNullHeader;
            if (name == t.name)
                return !isNull && t.compareText(std::string_view(at, valueLength));
            at += isNull ? 0 : valueLength;
        }
        return false;
    }

    bool load(const EventRecord &r)
    {
        // (Again when an earlier term's lookup hit broken JSON: simdjson then abandons the document, and
        // rewinding it would crash.)
        if (parsed == &r && (!parsedOk || document.is_alive()))
            return parsedOk;
        parsed = &r;
        const std::size_t n = r.valueLength;
        if (buffer.size() < n || buffer.size() > n * 4 + 4096)
            buffer = simdjson::padded_string(n);
        std::memcpy(buffer.data(), r.value(), n);
        const simdjson::padded_string_view view(buffer.data(), n, buffer.size() + simdjson::SIMDJSON_PADDING);
        parsedOk = parser.iterate(view).get(document) == simdjson::SUCCESS;
        // The JsonConverter writes "schema" first: look there only, not through the whole value.
        const std::string_view value(r.value(), n);
        const auto brace = value.find_first_not_of(" \t\r\n");
        const auto key = brace == std::string_view::npos ? brace : value.find_first_not_of(" \t\r\n", brace + 1);
        wrapped = key != std::string_view::npos && value[brace] == '{' && value.substr(key, 8) == "\"schema\"";
        return parsedOk;
    }

    bool json(const Term &t, const EventRecord &r)
    {
        if (!r.hasValue() || r.valueLength == 0 || !contains(r.value(), r.valueLength, t.needle))
            return false;
        const auto &path = !t.payloadRoot || r.kind != EventKind::Change ? t.path : r.op == 'd' ? t.before : t.after;
        // The scan reads a prefix only, and simdjson rejects a value for problems anywhere in it (not
        // UTF-8, an unclosed string, ...). The decoder ran simdjson over every value it did not flag as
        // undecodable, so for those a sure answer of the scan is simdjson's.
        const bool decoded =
            r.kind == EventKind::Change || r.kind == EventKind::Outbox || r.kind == EventKind::SchemaChange;
        if (reading == JsonReading::Scan && decoded) {
            const JsonScan scan = scanJsonPath(std::string_view(r.value(), r.valueLength), path, t.cmp == Cmp::Exists,
                                               [&t](const JsonValue &v) { return t.compareJson(v); });
            if (scan != JsonScan::Unsure)
                return scan == JsonScan::Yes;
        }
        if (!load(r))
            return false;
        document.rewind();
        simdjson::ondemand::object root;
        if (document.get_object().get(root) != simdjson::SUCCESS)
            return false;
        if (wrapped) { // the JsonConverter's {"schema":…, "payload":{…}}
            simdjson::ondemand::object payload;
            if (root.find_field_unordered("schema").error() != simdjson::SUCCESS) {
                if (root.reset().error() != simdjson::SUCCESS)
                    return false;
            } else if (root.find_field_unordered("payload").get_object().get(payload) == simdjson::SUCCESS) {
                root = payload;
            } else {
                return false;
            }
        }
        if (path.empty())
            return t.compareJson(JsonValue{JsonType::Object, {}});
        simdjson::ondemand::value value;
        if (root.find_field_unordered(path.front().key).get(value) != simdjson::SUCCESS)
            return false;
        return walk(t, value, path.data() + 1, path.data() + path.size());
    }

    // Down the path; through arrays by index (lines.0) or any element (lines.sku).
    static bool walk(const Term &t, simdjson::ondemand::value value, const JsonStep *step, const JsonStep *end)
    {
        simdjson::ondemand::json_type type;
        if (value.type().get(type) != simdjson::SUCCESS)
            return false;
        if (type == simdjson::ondemand::json_type::array && !(step == end && t.cmp == Cmp::Exists)) {
            simdjson::ondemand::array array;
            if (value.get_array().get(array) != simdjson::SUCCESS)
                return false;
            const bool indexed = step != end && step->index;
            const qint64 index = indexed ? *step->index : 0;
            qint64 at = 0;
            for (auto element : array) {
                simdjson::ondemand::value item;
                if (element.get(item) != simdjson::SUCCESS)
                    return false;
                if (!indexed && walk(t, item, step, end))
                    return true;
                if (indexed && at++ == index)
                    return walk(t, item, step + 1, end);
            }
            return false;
        }
        if (step == end)
            return scalar(t, value, type);
        simdjson::ondemand::object object;
        simdjson::ondemand::value child;
        if (value.get_object().get(object) != simdjson::SUCCESS ||
            object.find_field_unordered(step->key).get(child) != simdjson::SUCCESS)
            return false;
        return walk(t, child, step + 1, end);
    }

    static bool scalar(const Term &t, simdjson::ondemand::value value, simdjson::ondemand::json_type type)
    {
        using simdjson::ondemand::json_type;
        std::string_view text;
        bool flag = false;
        switch (type) {
        case json_type::null: return t.compareJson(JsonValue{JsonType::Null, "null"});
        case json_type::object: return t.compareJson(JsonValue{JsonType::Object, {}});
        case json_type::array: return t.compareJson(JsonValue{JsonType::Array, {}});
        case json_type::number: return t.compareJson(JsonValue{JsonType::Number, value.raw_json_token()});
        case json_type::string:
            return value.get_string().get(text) == simdjson::SUCCESS &&
                   t.compareJson(JsonValue{JsonType::String, text});
        case json_type::boolean:
            return value.get_bool().get(flag) == simdjson::SUCCESS &&
                   t.compareJson(JsonValue{JsonType::Boolean, flag ? "true" : "false"});
        }
        return false;
    }

    bool evaluate(const Term &t, const EventView &e)
    {
        const EventRecord &r = e.record();
        switch (t.field) {
        case Field::Source: return t.mask & (1u << int(r.source));
        case Field::Op: return t.mask & opBit(r.op);
        case Field::Kind: return t.mask & (1u << int(r.kind));
        case Field::Late: return t.mask & (r.flags & Late ? 2 : 1);
        case Field::Gap: return t.mask & (r.flags & AfterGap ? 2 : 1);
        case Field::Redelivered: return t.mask & (r.flags & Redelivered ? 2 : 1);
        case Field::Partition: return t.cmp == Cmp::Exists || t.order(qint64(r.partition), t.number->integer);
        case Field::Offset: return t.cmp == Cmp::Exists || t.order(r.offset, t.number->integer);
        case Field::Type: return byId(t, r.eventType);
        case Field::Entity: return byId(t, r.entity);
        case Field::Topic: return byId(t, r.topic);
        case Field::Key: readingBytes = true; return key(t, e);
        case Field::Header: readingBytes = true; return header(t, r);
        case Field::Text:
            readingBytes = true;
            return contains(r.key(), r.keyLength, t.needle) || contains(r.value(), r.valueLength, t.needle);
        case Field::Json: readingBytes = true; return json(t, r);
        }
        return false;
    }
};

EventQuery::Matcher::Matcher(const EventQuery &query, const StringTable &strings, JsonReading reading)
    : m_state(std::make_unique<State>())
{
    m_state->reading = reading;
    m_state->groups = query.m_alternatives;
    m_state->strings = &strings;
    int slots = 0;
    for (const auto &group : query.m_alternatives ? *query.m_alternatives : Groups()) {
        for (const Term &t : group) {
            slots = std::max(slots, t.slot + 1);
            m_state->readsBytes |= t.field == Field::Key || t.field == Field::Text || t.field == Field::Json;
            m_state->readsHeaders |= t.field == Field::Header;
        }
    }
    m_state->idCache.resize(std::size_t(slots));
}

EventQuery::Matcher::~Matcher() = default;

void EventQuery::Matcher::prefetch(const EventSnapshot &snapshot, qsizetype row) const
{
    const State &s = *m_state;
    // Not for queries whose cheap terms decide most events: their bytes would only crowd the caches.
    if (!(s.readsBytes || s.readsHeaders) || (s.events >= 64 && s.eventsReadingBytes * 8 < s.events))
        return;
    const EventRecord &r = snapshot.at(row).record();
    if (m_state->readsBytes) { // the key and the value's start, where a JSON path's value usually is
        __builtin_prefetch(r.bytes);
        __builtin_prefetch(r.value());
        if (r.valueLength > 64)
            __builtin_prefetch(r.value() + 64);
    }
    if (m_state->readsHeaders && r.headersLength)
        __builtin_prefetch(r.headers());
}

bool EventQuery::Matcher::matches(const EventView &event)
{
    State &s = *m_state;
    if (!s.groups)
        return true;
    s.parsed = nullptr;
    s.readingBytes = false;
    bool matched = false;
    for (const auto &group : *s.groups) {
        matched =
            std::all_of(group.begin(), group.end(), [&](const Term &t) { return s.evaluate(t, event) != t.negated; });
        if (matched)
            break;
    }
    ++s.events;
    s.eventsReadingBytes += s.readingBytes;
    return matched;
}

std::vector<quint64> matchingSequences(const EventSnapshot &snapshot, const EventQuery &query, qsizetype fromRow,
                                       qsizetype toRow, int threads)
{
    fromRow = std::clamp<qsizetype>(fromRow, 0, snapshot.size());
    toRow = std::clamp<qsizetype>(toRow, fromRow, snapshot.size());
    const qsizetype rows = toRow - fromRow;
    std::vector<quint64> out;
    if (query.isEmpty()) {
        out.resize(std::size_t(rows));
        std::iota(out.begin(), out.end(), snapshot.firstSequence() + quint64(fromRow));
        return out;
    }
    constexpr qsizetype kMinRowsPerThread = 16384; // below that, starting a thread costs more than it saves
    const int wanted = threads > 0 ? threads : QThread::idealThreadCount();
    const int count = int(std::clamp<qsizetype>(rows / kMinRowsPerThread, 1, std::max(wanted, 1)));
    std::vector<std::vector<quint64>> parts(static_cast<std::size_t>(count));
    auto work = [&](int part) {
        EventQuery::Matcher matcher(query, snapshot.strings());
        const qsizetype end = fromRow + rows * (part + 1) / count;
        constexpr qsizetype kAhead = 16; // events ahead: about one memory latency of matching
        const qsizetype begin = fromRow + rows * part / count;
        for (qsizetype row = begin; row < std::min(end, begin + kAhead); ++row)
            matcher.prefetch(snapshot, row);
        for (qsizetype row = begin; row < end; ++row) {
            if (row + kAhead < end)
                matcher.prefetch(snapshot, row + kAhead);
            const EventView event = snapshot.at(row);
            if (matcher.matches(event))
                parts[std::size_t(part)].push_back(event.sequence());
        }
    };
    std::vector<std::thread> pool;
    for (int part = 1; part < count; ++part)
        pool.emplace_back(work, part);
    work(0);
    std::size_t total = parts[0].size();
    for (int part = 1; part < count; ++part) {
        pool[std::size_t(part - 1)].join();
        total += parts[std::size_t(part)].size();
    }
    out = std::move(parts[0]);
    out.reserve(total);
    for (int part = 1; part < count; ++part)
        out.insert(out.end(), parts[std::size_t(part)].begin(), parts[std::size_t(part)].end());
    return out;
}

} // namespace cdc::stream
