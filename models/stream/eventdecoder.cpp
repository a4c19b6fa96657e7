// SPDX-License-Identifier: GPL-3.0-or-later
// Decoding Debezium messages with simdjson's on-demand API.
#include "eventdecoder.h"

#include <QCoreApplication>

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace cdc::stream {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EventDecoder", text);
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

SourceTag tagFromTopic(std::string_view topic)
{
    if (startsWith(topic, "outbox.event.postgres."))
        return SourceTag::Postgres;
    if (startsWith(topic, "outbox.event.mysql."))
        return SourceTag::MySql;
    return SourceTag::Unknown;
}

SourceTag tagFromConnector(std::string_view connector)
{
    if (connector == "postgresql")
        return SourceTag::Postgres;
    if (connector == "mysql" || connector == "mariadb")
        return SourceTag::MySql;
    return SourceTag::Unknown;
}

// A unified row's source_database, as the generated job writes it ("postgres", "mysql").
SourceTag tagFromDatabase(std::string_view database)
{
    if (database == "postgres" || database == "postgresql")
        return SourceTag::Postgres;
    if (database == "mysql" || database == "mariadb")
        return SourceTag::MySql;
    return SourceTag::Unknown;
}

std::string_view header(const RawMessage &m, std::string_view name)
{
    for (const RawHeader &h : m.headers) {
        if (h.name == name && h.value)
            return {h.value, h.valueLength};
    }
    return {};
}

// The last dotted part of an outbox topic: outbox.event.postgres.order -> order.
std::string_view aggregateTypeOf(std::string_view topic)
{
    const std::size_t dot = topic.rfind('.');
    return dot == std::string_view::npos ? topic : topic.substr(dot + 1);
}

// Errors that only say "not there" or "not of that type"; anything else means the document is broken
// and must not be read further (simdjson's on-demand iterator is then unusable).
bool benign(simdjson::error_code error)
{
    return error == simdjson::SUCCESS || error == simdjson::NO_SUCH_FIELD || error == simdjson::INCORRECT_TYPE;
}

// simdjson's raw tokens run up to the next token: without the whitespace after them.
std::string_view trimmedToken(std::string_view token)
{
    while (!token.empty() &&
           (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t'))
        token.remove_suffix(1);
    return token;
}

// The raw JSON text of a value (an object or array whole), or empty for null.
simdjson::error_code rawValue(simdjson::ondemand::value value, std::string_view &raw)
{
    raw = {};
    simdjson::ondemand::json_type type;
    if (auto error = value.type().get(type))
        return error;
    if (type == simdjson::ondemand::json_type::object) {
        simdjson::ondemand::object inner;
        if (auto error = value.get_object().get(inner))
            return error;
        return inner.raw_json().get(raw);
    }
    if (type == simdjson::ondemand::json_type::array) {
        simdjson::ondemand::array inner;
        if (auto error = value.get_array().get(inner))
            return error;
        return inner.raw_json().get(raw);
    }
    if (type != simdjson::ondemand::json_type::null)
        raw = trimmedToken(value.raw_json_token());
    return simdjson::SUCCESS;
}

// A string field's text; a value of another type is treated as absent.
simdjson::error_code stringValue(simdjson::ondemand::value value, std::string_view &text, bool &present)
{
    const simdjson::error_code error = value.get_string().get(text);
    present = error == simdjson::SUCCESS;
    return benign(error) ? simdjson::SUCCESS : error;
}

// What one pass over an envelope (or an outbox body) found.
struct Envelope
{
    char op = 0;
    bool hasOp = false;
    std::string_view before, after, ddl; // raw JSON text in the value
    bool hasDdl = false;
    SourceTag connector = SourceTag::Unknown;
    std::string_view db, schema, table, type; // in simdjson's string buffer, until the next parse
    qint64 tsMs = -1;
    // A unified row's fields (the generated job's sink): also in simdjson's string buffer.
    std::string_view sourceDatabase, eventId, eventType, aggregateType;
    bool hasSourceDatabase = false;
    std::string_view payloadText; // the raw token of a "payload" that is a JSON string, quotes included
};

simdjson::error_code keyAndValue(simdjson::simdjson_result<simdjson::ondemand::field> field, std::string_view &key,
                                 simdjson::ondemand::value &value)
{
    if (auto error = field.unescaped_key().get(key))
        return error;
    return field.value().get(value);
}

simdjson::error_code readSource(simdjson::ondemand::object source, Envelope &env)
{
    for (auto field : source) {
        std::string_view key, text;
        simdjson::ondemand::value value;
        if (auto error = keyAndValue(field, key, value))
            return error;
        bool present = false;
        if (key == "ts_ms") {
            int64_t ts;
            const auto error = value.get_int64().get(ts);
            if (!benign(error))
                return error;
            if (!error)
                env.tsMs = ts;
            continue;
        }
        if (key != "connector" && key != "db" && key != "schema" && key != "table")
            continue;
        if (auto error = stringValue(value, text, present))
            return error;
        if (!present)
            continue;
        if (key == "connector")
            env.connector = tagFromConnector(text);
        else if (key == "db")
            env.db = text;
        else if (key == "schema")
            env.schema = text;
        else
            env.table = text;
    }
    return simdjson::SUCCESS;
}

// One in-order pass over an object's fields, every error checked. (No unordered lookups: simdjson's
// wrap-around search trusts that the object was already validated, which broken input breaks.)
// At the root, `payload` receives the schema/payload wrapper's inner object.
struct RootShape
{
    bool hasSchema = false;
    bool hasPayload = false;
    bool payloadIsObject = false;
};

simdjson::error_code readEnvelope(simdjson::ondemand::object object, Envelope &env, Envelope *payload, RootShape *shape)
{
    for (auto field : object) {
        std::string_view key, text;
        simdjson::ondemand::value value;
        if (auto error = keyAndValue(field, key, value))
            return error;
        bool present = false;
        if (key == "op") {
            if (auto error = stringValue(value, text, present))
                return error;
            if (present && !text.empty()) {
                env.hasOp = true;
                env.op = text.front();
            }
        } else if (key == "before" || key == "after") {
            if (auto error = rawValue(value, key == "before" ? env.before : env.after))
                return error;
        } else if (key == "source") {
            simdjson::ondemand::object source;
            const auto error = value.get_object().get(source);
            if (!benign(error))
                return error;
            if (!error)
                if (auto inner = readSource(source, env))
                    return inner;
        } else if (key == "ddl") {
            simdjson::ondemand::json_type type;
            if (auto error = value.type().get(type))
                return error;
            if (type == simdjson::ondemand::json_type::string) {
                env.hasDdl = true;
                env.ddl = trimmedToken(value.raw_json_token());
            }
        } else if (key == "type") {
            if (auto error = stringValue(value, text, present))
                return error;
            if (present)
                env.type = text;
        } else if (shape && key == "schema") {
            shape->hasSchema = true;
        } else if (shape && key == "payload") {
            shape->hasPayload = true;
            simdjson::ondemand::json_type type;
            if (auto error = value.type().get(type))
                return error;
            if (type == simdjson::ondemand::json_type::string) {
                env.payloadText = trimmedToken(value.raw_json_token());
                continue;
            }
            simdjson::ondemand::object inner;
            const auto error = value.get_object().get(inner);
            if (!benign(error))
                return error;
            if (!error) {
                shape->payloadIsObject = true;
                if (auto nested = readEnvelope(inner, *payload, nullptr, nullptr))
                    return nested;
            }
        } else if (shape &&
                   (key == "source_database" || key == "event_id" || key == "event_type" || key == "aggregate_type")) {
            if (auto error = stringValue(value, text, present))
                return error;
            if (!present)
                continue;
            if (key == "source_database") {
                env.sourceDatabase = text;
                env.hasSourceDatabase = true;
            } else {
                (key == "event_id" ? env.eventId : key == "event_type" ? env.eventType : env.aggregateType) = text;
            }
        }
    }
    return simdjson::SUCCESS;
}

// simdjson reads past the end of its input: a reusable padded copy.
struct PaddedCopy
{
    simdjson::padded_string buffer;

    simdjson::padded_string_view load(const char *data, std::size_t size)
    {
        if (buffer.size() < size || buffer.size() > size * 4 + 4096)
            buffer = simdjson::padded_string(size);
        if (size)
            std::memcpy(buffer.data(), data, size);
        // simdjson may read the padding of an unbalanced document: never let a previous message's
        // bytes decide how this one is read.
        std::memset(buffer.data() + size, 0, simdjson::SIMDJSON_PADDING);
        return simdjson::padded_string_view(buffer.data(), size, buffer.size() + simdjson::SIMDJSON_PADDING);
    }
    quint32 offsetOf(std::string_view part) const { return quint32(part.data() - buffer.data()); }
};

} // namespace

QString sourceTagName(SourceTag tag)
{
    switch (tag) {
    case SourceTag::Postgres: return QStringLiteral("postgres");
    case SourceTag::MySql: return QStringLiteral("mysql");
    case SourceTag::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Change: return QStringLiteral("change");
    case EventKind::Outbox: return QStringLiteral("outbox");
    case EventKind::Tombstone: return QStringLiteral("tombstone");
    case EventKind::Heartbeat: return QStringLiteral("heartbeat");
    case EventKind::SchemaChange: return QStringLiteral("schema-change");
    case EventKind::Undecodable: return QStringLiteral("undecodable");
    }
    return {};
}

QString DecodedEvent::summary(QByteArrayView value) const
{
    return QString::fromUtf8(value.sliced(summaryOffset, summaryLength)).simplified();
}

QString DecodedEvent::aggregateId(QByteArrayView key) const
{
    return QString::fromUtf8(key.sliced(idOffset, idLength));
}

QString DecodedEvent::compositeKey(QByteArrayView key) const
{
    const QString id = aggregateId(key);
    if (id.isEmpty())
        return {};
    switch (source) {
    case SourceTag::Postgres: return QStringLiteral("PG-") + id;
    case SourceTag::MySql: return QStringLiteral("MY-") + id;
    case SourceTag::Unknown: break;
    }
    return id;
}

struct EventDecoder::Parser
{
    simdjson::ondemand::parser parser;
    simdjson::ondemand::parser keyParser;
    std::string entity; // schema.table of the last change event
    PaddedCopy value;
    PaddedCopy key;
};

EventDecoder::EventDecoder() : m_parser(std::make_unique<Parser>()) {}
EventDecoder::~EventDecoder() = default;

RawMessage rawView(const KafkaMessage &m, std::vector<RawHeader> &headers)
{
    headers.clear();
    for (const auto &[name, value] : m.headers)
        headers.push_back({std::string_view(name.constData(), std::size_t(name.size())), value.constData(),
                           std::size_t(value.size())});
    RawMessage raw;
    raw.topic = std::string_view(m.topic.constData(), std::size_t(m.topic.size()));
    raw.partition = m.partition;
    raw.offset = m.offset;
    raw.timestampMs = m.timestampMs;
    raw.key = std::string_view(m.key.constData(), std::size_t(m.key.size()));
    if (m.value) {
        raw.value = m.value->constData();
        raw.valueLength = std::size_t(m.value->size());
    }
    raw.headers = headers;
    return raw;
}

DecodedEvent EventDecoder::decode(const KafkaMessage &m)
{
    std::vector<RawHeader> headers;
    return decode(rawView(m, headers));
}

DecodedEvent EventDecoder::decode(const RawMessage &m, SourceTag routed)
{
    return decode(m, TopicRoute{routed, false});
}

DecodedEvent EventDecoder::decode(const RawMessage &m, TopicRoute route)
{
    const SourceTag routed = route.source;
    DecodedEvent e;
    // StringConverter keys arrive as they are; JsonConverter string keys arrive quoted.
    const std::string_view key = m.key;
    if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
        e.idOffset = 1;
        e.idLength = quint32(key.size() - 2);
    } else {
        e.idLength = quint32(key.size());
    }
    const quint32 plainIdOffset = e.idOffset, plainIdLength = e.idLength;
    const SourceTag topicTag = routed != SourceTag::Unknown ? routed : tagFromTopic(m.topic);
    e.source = topicTag;
    if (startsWith(m.topic, "__debezium-heartbeat")) {
        e.kind = EventKind::Heartbeat;
        return e;
    }
    if (!m.value) {
        e.kind = EventKind::Tombstone;
        decodeKeyId(m.key, e); // a delete's tombstone carries the row's key
        return e;
    }
    const std::string_view bytes(m.value, m.valueLength);
    auto wholeValue = [&] {
        e.summaryOffset = 0;
        e.summaryLength = quint32(std::min<std::size_t>(bytes.size(), DecodedEvent::kSummaryBytes));
    };
    if (bytes.empty()) {
        e.problem = tr("The value is empty (zero bytes, not a tombstone).");
        return e;
    }

    // Parse in place when the bytes after the value are zero padding (the ingest's pages), else a copy.
    static_assert(simdjson::SIMDJSON_PADDING <= kValuePadding);
    const simdjson::padded_string_view view =
        m.valuePadded ? simdjson::padded_string_view(bytes.data(), bytes.size(), bytes.size() + kValuePadding)
                      : m_parser->value.load(bytes.data(), bytes.size());
    const char *const base = view.data();
    auto fail = [&](simdjson::error_code error, const char *what) {
        e = DecodedEvent{};
        e.idOffset = plainIdOffset;
        e.idLength = plainIdLength;
        e.source = topicTag;
        e.kind = EventKind::Undecodable;
        e.problem = tr("%1: %2").arg(QLatin1String(what), QString::fromUtf8(simdjson::error_message(error)));
        wholeValue();
        decodeKeyId(m.key, e); // the row's id still shows, even when its value is broken
        return e;
    };
    auto setSummary = [&](std::string_view part) {
        e.summaryOffset = quint32(part.data() - base);
        e.summaryLength = quint32(std::min<std::size_t>(part.size(), DecodedEvent::kSummaryBytes));
    };

    simdjson::ondemand::document doc;
    if (auto error = m_parser->parser.iterate(view).get(doc))
        return fail(error, "not JSON");
    // On-demand parsing reads only what it is asked for: walk the whole document once first, so that a
    // truncated or unbalanced value is flagged instead of shown as if it were whole.
    {
        std::string_view all;
        if (auto error = doc.raw_json().get(all))
            return fail(error, "broken JSON");
        if (!doc.is_alive())
            return fail(simdjson::TAPE_ERROR, "broken JSON");
        const std::size_t end = std::size_t(all.data() - base) + all.size();
        for (std::size_t i = end; i < bytes.size(); ++i) {
            const char c = bytes[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return fail(simdjson::TRAILING_CONTENT,
                            all.starts_with('{') || all.starts_with('[') ? "broken JSON" : "not JSON");
        }
        doc.rewind();
    }

    simdjson::ondemand::json_type rootType;
    if (auto error = doc.type().get(rootType))
        return fail(error, "broken JSON");
    if (rootType != simdjson::ondemand::json_type::object) {
        // An outbox payload may be a JSON string (table.expand.json.payload=false) or any value.
        if (e.source == SourceTag::Unknown)
            return fail(simdjson::INCORRECT_TYPE, "not a JSON object");
        e.kind = EventKind::Outbox;
        wholeValue();
        e.eventType = header(m, "eventType");
        e.eventId = header(m, "id");
        e.entity = aggregateTypeOf(m.topic);
        return e;
    }
    simdjson::ondemand::object root;
    if (auto error = doc.get_object().get(root))
        return fail(error, "broken JSON");
    Envelope outer, inner;
    RootShape shape;
    if (auto error = readEnvelope(root, outer, &inner, &shape))
        return fail(error, "broken JSON");
    // The JsonConverter with schemas.enable=true wraps everything in {"schema":…, "payload":…}.
    // (An outbox event's own body may also have a "payload" field, so the "schema" beside it decides.)
    const bool wrapped = shape.hasSchema && shape.hasPayload;
    if (wrapped && !shape.payloadIsObject)
        return fail(simdjson::INCORRECT_TYPE, "the schema/payload wrapper holds no object");
    const Envelope &env = wrapped ? inner : outer;

    if (env.hasOp) {
        e.kind = EventKind::Change;
        e.op = env.op;
        if (routed == SourceTag::Unknown && env.connector != SourceTag::Unknown)
            e.source = env.connector;
        e.sourceTsMs = env.tsMs;
        if (!env.table.empty() || !env.db.empty()) {
            std::string &entity = m_parser->entity;
            entity.assign(env.schema.empty() ? env.db : env.schema);
            entity += '.';
            entity += env.table;
            e.entity = entity;
        }
        const std::string_view image = e.op == 'd' ? env.before : env.after;
        if (!image.empty())
            setSummary(image);
        decodeKeyId(m.key, e);
        return e;
    }
    if (env.hasDdl) {
        // The DDL as it stands in the value, without its quotes (escapes stay as they are).
        e.kind = EventKind::SchemaChange;
        setSummary(env.ddl.substr(1, env.ddl.size() >= 2 ? env.ddl.size() - 2 : 0));
        return e;
    }
    // A row of the unified consumer's output: it names its own source; its key is the composite key.
    const bool unnamedTopic = routed == SourceTag::Unknown && !startsWith(m.topic, "outbox.event.");
    if (route.unified || (unnamedTopic && env.hasSourceDatabase && !env.eventId.empty())) {
        e.kind = EventKind::Outbox;
        if (env.hasSourceDatabase)
            e.source = tagFromDatabase(env.sourceDatabase);
        e.eventId = env.eventId;
        e.eventType = env.eventType.empty() ? header(m, "eventType") : env.eventType;
        e.entity = env.aggregateType.empty() ? aggregateTypeOf(m.topic) : env.aggregateType;
        const std::string_view prefix = e.source == SourceTag::Postgres ? "PG-"
                                        : e.source == SourceTag::MySql  ? "MY-"
                                                                        : "";
        const std::string_view id = key.substr(e.idOffset, e.idLength);
        if (!prefix.empty() && id.size() > prefix.size() && startsWith(id, prefix)) {
            e.idOffset += quint32(prefix.size());
            e.idLength -= quint32(prefix.size());
        }
        if (env.payloadText.size() >= 2)
            setSummary(env.payloadText.substr(1, env.payloadText.size() - 2));
        else
            wholeValue();
        return e;
    }
    // Anything else on an outbox topic is an event the router produced: its payload.
    e.kind = EventKind::Outbox;
    e.eventType = header(m, "eventType");
    e.eventId = header(m, "id");
    if (e.eventType.empty())
        e.eventType = env.type;
    e.entity = aggregateTypeOf(m.topic);
    wholeValue();
    if (routed == SourceTag::Unknown && e.source == SourceTag::Unknown && !startsWith(m.topic, "outbox.event."))
        return fail(simdjson::INCORRECT_TYPE, "neither a Debezium change event nor an outbox event");
    return e;
}

void EventDecoder::decodeKeyId(std::string_view key, DecodedEvent &e)
{
    // A JsonConverter key is an object of the primary key's columns ({"id":42}), possibly in the
    // schema/payload wrapper: the first column's value is the id.
    if (key.empty() || key.front() != '{')
        return;
    const simdjson::padded_string_view view = m_parser->key.load(key.data(), key.size());
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    std::string_view all;
    if (m_parser->keyParser.iterate(view).get(doc) || doc.raw_json().get(all) || !doc.is_alive())
        return; // broken: the whole key stays the id
    doc.rewind();
    if (doc.get_object().get(object))
        return;
    for (int depth = 0; depth < 2; ++depth) {
        bool descended = false;
        for (auto field : object) {
            std::string_view name;
            simdjson::ondemand::value value;
            if (field.unescaped_key().get(name) || field.value().get(value))
                return;
            if (depth == 0 && name == "schema")
                continue;
            if (depth == 0 && name == "payload") {
                simdjson::ondemand::object inner;
                if (value.get_object().get(inner) == simdjson::SUCCESS) {
                    object = inner;
                    descended = true;
                    break;
                }
            }
            std::string_view token;
            if (rawValue(value, token) || token.empty())
                return;
            if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
                token = token.substr(1, token.size() - 2);
            e.idOffset = m_parser->key.offsetOf(token);
            e.idLength = quint32(token.size());
            return;
        }
        if (!descended)
            return;
    }
}

} // namespace cdc::stream
