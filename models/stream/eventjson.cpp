// SPDX-License-Identifier: GPL-3.0-or-later
// Writes events as JSON Lines by hand (no DOM): strings escaped, the value validated with simdjson
// and embedded as its own bytes.
#include "eventjson.h"

#include "stream/eventdecoder.h"

#include <simdjson.h>

#include <cstring>

namespace cdc::stream {

namespace {

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void appendEscaped(QByteArray &out, QByteArrayView utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const char *run = utf8.data();
    const char *const end = utf8.data() + utf8.size();
    for (const char *at = run; at != end; ++at) {
        const auto c = static_cast<unsigned char>(*at);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, at - run);
        run = at + 1;
        switch (c) {
        case '"': out.append("\\\"", 2); break;
        case '\\': out.append("\\\\", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        case '\t': out.append("\\t", 2); break;
        case '\b': out.append("\\b", 2); break;
        case '\f': out.append("\\f", 2); break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
            out.append(escape, sizeof escape);
        }
        }
    }
    out.append(run, end - run);
}

// A JSON string of `bytes`; bytes that are not UTF-8 become U+FFFD.
void appendString(QByteArray &out, QByteArrayView bytes)
{
    out += '"';
    if (simdjson::validate_utf8(bytes.data(), std::size_t(bytes.size())))
        appendEscaped(out, bytes);
    else
        appendEscaped(out, QString::fromUtf8(bytes).toUtf8());
    out += '"';
}

void appendString(QByteArray &out, const QString &text)
{
    out += '"';
    appendEscaped(out, text.toUtf8());
    out += '"';
}

void appendStringOrNull(QByteArray &out, const QString &text)
{
    if (text.isEmpty())
        out.append("null", 4);
    else
        appendString(out, text);
}

void appendNumberOrNull(QByteArray &out, qint64 value)
{
    if (value < 0)
        out.append("null", 4);
    else
        out += QByteArray::number(value);
}

void appendField(QByteArray &out, const char *name)
{
    out += ",\"";
    out += name;
    out += "\":";
}

// Whether `bytes` is one complete JSON value (simdjson's DOM parser validates structure and UTF-8;
// the on-demand decoder does not). One parser per thread: it keeps its buffers between calls.
bool isJson(QByteArrayView bytes)
{
    thread_local simdjson::dom::parser parser;
    return parser.parse(reinterpret_cast<const uint8_t *>(bytes.data()), std::size_t(bytes.size()), true).error() ==
           simdjson::SUCCESS;
}

void appendValue(QByteArray &out, const EventView &event)
{
    if (!event.hasValue()) {
        out.append("null", 4);
        return;
    }
    QByteArrayView value = event.value();
    while (!value.isEmpty() && isJsonWhitespace(value.front()))
        value = value.sliced(1);
    while (!value.isEmpty() && isJsonWhitespace(value.back()))
        value.chop(1);
    if (value.isEmpty() || !isJson(value)) {
        appendString(out, event.value());
        return;
    }
    // Valid JSON has no raw line breaks inside strings, so any it holds are whitespace between tokens:
    // they become spaces to keep the event on one line.
    const qsizetype at = out.size();
    out.append(value.data(), value.size());
    if (std::memchr(value.data(), '\n', std::size_t(value.size())) ||
        std::memchr(value.data(), '\r', std::size_t(value.size()))) {
        for (char *c = out.data() + at, *end = out.data() + out.size(); c != end; ++c) {
            if (*c == '\n' || *c == '\r')
                *c = ' ';
        }
    }
}

} // namespace

void appendEventJsonLine(QByteArray &out, const EventView &event)
{
    const EventRecord &r = event.record();
    out.reserve(out.size() + qsizetype(r.totalBytes()) + 512);
    out += "{\"source\":";
    appendString(out, sourceTagName(r.source));
    appendField(out, "compositeKey");
    appendStringOrNull(out, event.compositeKey());
    appendField(out, "topic");
    appendString(out, event.topic());
    appendField(out, "partition");
    out += QByteArray::number(r.partition);
    appendField(out, "offset");
    out += QByteArray::number(r.offset);
    appendField(out, "arrivalMs");
    out += QByteArray::number(r.arrivalMs);
    appendField(out, "sourceTsMs");
    appendNumberOrNull(out, r.sourceTsMs);
    appendField(out, "kafkaTsMs");
    appendNumberOrNull(out, r.kafkaTsMs);
    appendField(out, "op");
    if (r.op) {
        const char op[] = {'"', r.op, '"'};
        if (static_cast<unsigned char>(r.op) >= 0x20 && r.op != '"' && r.op != '\\')
            out.append(op, sizeof op);
        else
            appendString(out, QByteArrayView(&r.op, 1));
    } else {
        out.append("null", 4);
    }
    appendField(out, "kind");
    appendString(out, eventKindName(r.kind));
    appendField(out, "entity");
    appendStringOrNull(out, event.entity());
    appendField(out, "eventType");
    appendStringOrNull(out, event.eventType());
    appendField(out, "key");
    appendString(out, event.key());
    appendField(out, "headers");
    out += '{';
    bool first = true;
    for (const auto &[name, value] : event.headers()) {
        if (!first)
            out += ',';
        first = false;
        appendString(out, QByteArrayView(name));
        out += ':';
        if (value)
            appendString(out, QByteArrayView(*value));
        else
            out.append("null", 4);
    }
    out += '}';
    if (r.problem) {
        appendField(out, "problem");
        appendString(out, event.problem());
    }
    appendField(out, "late");
    if (r.flags & Late)
        out.append("true", 4);
    else
        out.append("false", 5);
    appendField(out, "redelivered");
    if (r.flags & Redelivered)
        out.append("true", 4);
    else
        out.append("false", 5);
    appendField(out, "value");
    appendValue(out, event);
    out += "}\n";
}

QByteArray eventToJsonLine(const EventView &event)
{
    QByteArray out;
    appendEventJsonLine(out, event);
    out.chop(1);
    return out;
}

} // namespace cdc::stream
