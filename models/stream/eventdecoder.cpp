// Decoding Debezium messages with simdjson's on-demand API.
#include "eventdecoder.h"

#include <QCoreApplication>

#include <simdjson.h>

#include <string_view>

namespace cdc::stream {

namespace {

constexpr int kSummaryLength = 120;

QString tr(const char *text)
{
    return QCoreApplication::translate("EventDecoder", text);
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString summarize(std::string_view json)
{
    QString text = qs(json.substr(0, kSummaryLength * 2)).simplified();
    if (text.size() > kSummaryLength) {
        text.truncate(kSummaryLength - 1);
        text += u'…';
    }
    return text;
}

SourceTag tagFromTopic(const QByteArray &topic)
{
    if (topic.startsWith("outbox.event.postgres."))
        return SourceTag::Postgres;
    if (topic.startsWith("outbox.event.mysql."))
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

QString keyText(const QByteArray &key)
{
    // StringConverter keys arrive as they are; JsonConverter string keys arrive quoted.
    if (key.size() >= 2 && key.startsWith('"') && key.endsWith('"'))
        return QString::fromUtf8(key.mid(1, key.size() - 2));
    return QString::fromUtf8(key);
}

QByteArray header(const KafkaMessage &m, const char *name)
{
    for (const auto &[key, value] : m.headers) {
        if (key == name)
            return value;
    }
    return {};
}

// Raw JSON text of a field, or empty when absent or null.
std::string_view rawField(simdjson::ondemand::object &object, std::string_view name)
{
    simdjson::ondemand::value value;
    if (object.find_field_unordered(name).get(value) != simdjson::SUCCESS)
        return {};
    if (value.is_null())
        return {};
    std::string_view raw;
    simdjson::ondemand::object inner;
    if (value.get_object().get(inner) == simdjson::SUCCESS) {
        if (inner.raw_json().get(raw) != simdjson::SUCCESS)
            return {};
        return raw;
    }
    return value.raw_json_token();
}

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

QString DecodedEvent::compositeKey() const
{
    if (aggregateId.isEmpty())
        return {};
    switch (source) {
    case SourceTag::Postgres: return QStringLiteral("PG-") + aggregateId;
    case SourceTag::MySql: return QStringLiteral("MY-") + aggregateId;
    case SourceTag::Unknown: break;
    }
    return aggregateId;
}

struct EventDecoder::Parser
{
    simdjson::ondemand::parser parser;
    simdjson::padded_string buffer;
};

EventDecoder::EventDecoder() : m_parser(std::make_unique<Parser>()) {}
EventDecoder::~EventDecoder() = default;

DecodedEvent EventDecoder::decode(const KafkaMessage &m)
{
    DecodedEvent e;
    e.aggregateId = keyText(m.key);
    e.source = tagFromTopic(m.topic);
    if (m.topic.startsWith("__debezium-heartbeat")) {
        e.kind = EventKind::Heartbeat;
        return e;
    }
    if (!m.value) {
        e.kind = EventKind::Tombstone;
        return e;
    }
    if (m.value->isEmpty()) {
        e.problem = tr("The value is empty (zero bytes, not a tombstone).");
        return e;
    }

    // simdjson reads past the end of its input: give it a padded copy.
    const QByteArray &bytes = *m.value;
    if (m_parser->buffer.size() < std::size_t(bytes.size()) ||
        m_parser->buffer.size() > std::size_t(bytes.size()) * 4 + 4096)
        m_parser->buffer = simdjson::padded_string(std::size_t(bytes.size()));
    std::memcpy(m_parser->buffer.data(), bytes.constData(), std::size_t(bytes.size()));
    const simdjson::padded_string_view view(m_parser->buffer.data(), std::size_t(bytes.size()),
                                            m_parser->buffer.size() + simdjson::SIMDJSON_PADDING);

    auto fail = [&](simdjson::error_code error, const char *what) {
        e = DecodedEvent{};
        e.aggregateId = keyText(m.key);
        e.source = tagFromTopic(m.topic);
        e.kind = EventKind::Undecodable;
        e.problem = tr("%1: %2").arg(QLatin1String(what), QString::fromUtf8(simdjson::error_message(error)));
        e.summary = summarize(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        return e;
    };

    simdjson::ondemand::document doc;
    if (auto error = m_parser->parser.iterate(view).get(doc))
        return fail(error, "not JSON");
    simdjson::ondemand::object root;
    if (auto error = doc.get_object().get(root)) {
        // An outbox payload may be a JSON string (table.expand.json.payload=false) or any value.
        if (e.source != SourceTag::Unknown) {
            e.kind = EventKind::Outbox;
            e.summary = summarize(std::string_view(bytes.constData(), std::size_t(bytes.size())));
            e.eventType = QString::fromUtf8(header(m, "eventType"));
            const QByteArray topic = m.topic;
            e.entity = QString::fromUtf8(topic.mid(topic.lastIndexOf('.') + 1));
            return e;
        }
        return fail(error, "not a JSON object");
    }

    try {
        // The JsonConverter with schemas.enable=true wraps everything in {"schema":…, "payload":…}.
        // (An outbox event's own body may also have a "payload" field, so the "schema" beside it decides.)
        simdjson::ondemand::object object = root;
        simdjson::ondemand::value schema;
        if (root.find_field_unordered("schema").get(schema) == simdjson::SUCCESS) {
            simdjson::ondemand::value payload;
            if (root.find_field_unordered("payload").get(payload) == simdjson::SUCCESS &&
                payload.get_object().get(object) != simdjson::SUCCESS)
                return fail(simdjson::INCORRECT_TYPE, "the schema/payload wrapper holds no object");
        } else {
            root.reset();
        }

        std::string_view op;
        if (object.find_field_unordered("op").get_string().get(op) == simdjson::SUCCESS && !op.empty()) {
            e.kind = EventKind::Change;
            e.op = op.front();
            simdjson::ondemand::object source;
            if (object.find_field_unordered("source").get_object().get(source) == simdjson::SUCCESS) {
                std::string_view connector, db, schema, table;
                int64_t tsMs = -1;
                if (source.find_field_unordered("connector").get_string().get(connector) == simdjson::SUCCESS &&
                    e.source == SourceTag::Unknown)
                    e.source = tagFromConnector(connector);
                // Absent fields stay empty: PostgreSQL has schema, MySQL has none.
                if (source.find_field_unordered("db").get_string().get(db)) {
                }
                if (source.find_field_unordered("schema").get_string().get(schema)) {
                }
                if (source.find_field_unordered("table").get_string().get(table)) {
                }
                if (source.find_field_unordered("ts_ms").get_int64().get(tsMs) == simdjson::SUCCESS)
                    e.sourceTsMs = tsMs;
                e.entity = qs(schema.empty() ? db : schema) + u'.' + qs(table);
            }
            std::string_view image = rawField(object, e.op == 'd' ? "before" : "after");
            e.summary = summarize(image);
            return e;
        }
        object.reset();
        std::string_view ddl;
        if (object.find_field_unordered("ddl").get_string().get(ddl) == simdjson::SUCCESS) {
            e.kind = EventKind::SchemaChange;
            e.summary = summarize(ddl);
            return e;
        }
        // Anything else on an outbox topic is an event the router produced: its payload.
        object.reset();
        e.kind = EventKind::Outbox;
        e.eventType = QString::fromUtf8(header(m, "eventType"));
        if (e.eventType.isEmpty()) {
            std::string_view type;
            if (object.find_field_unordered("type").get_string().get(type) == simdjson::SUCCESS)
                e.eventType = qs(type);
            object.reset();
        }
        const QByteArray topic = m.topic;
        e.entity = QString::fromUtf8(topic.mid(topic.lastIndexOf('.') + 1));
        e.summary = summarize(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        if (e.source == SourceTag::Unknown && !topic.startsWith("outbox.event."))
            return fail(simdjson::INCORRECT_TYPE, "neither a Debezium change event nor an outbox event");
        return e;
    } catch (const simdjson::simdjson_error &error) {
        return fail(error.error(), "broken JSON");
    }
}

} // namespace cdc::stream
