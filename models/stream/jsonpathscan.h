// SPDX-License-Identifier: GPL-3.0-or-later
// A strict, allocation-free reader of the value at a query's JSON path (payload.total, after.id,
// lines.0.sku) straight from the raw bytes: it walks the JSON only as far as the path needs and stops
// there, instead of indexing the whole value first. It answers "unsure" on anything it does not fully
// understand, and the query then asks simdjson; a sure answer is the one simdjson's on-demand lookup
// (EventQuery's JSON terms) gives for the same bytes.
#pragma once

#include <QtGlobal>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cdc::stream {

// One step of a path: an object key, compared with the keys as they are written (escapes and all,
// as simdjson compares them), or, in an array, the element `index` (none: every element in turn).
struct JsonStep
{
    std::string key;
    std::optional<qint64> index;
};

enum class JsonType : quint8 { Object, Array, String, Number, Boolean, Null };

// A value at the end of a path. `text`: a number's token as written, with the whitespace after it
// (simdjson's raw_json_token()); a string's contents (only strings without escapes are reported);
// "true", "false", "null"; empty for objects and arrays.
struct JsonValue
{
    JsonType type = JsonType::Null;
    std::string_view text;
};

enum class JsonScan : quint8 { No, Yes, Unsure };

// What a query term asks of a value at the path.
struct JsonValueTest
{
    const void *context = nullptr;
    bool (*test)(const void *context, const JsonValue &value) = nullptr;
};

// Whether the value at `path` in the object `json` passes `test`, with the query's semantics: the
// JsonConverter's {"schema":…, "payload":{…}} wrapper (when "schema" is the first key) is unwrapped;
// the first of duplicate keys counts; an array on the path is entered by index or, without one, any
// element that passes counts; an array at the path's end is tested whole when `wholeArrayAtEnd`
// (field:*), else element by element. An empty path tests the (unwrapped) root object.
// The scan reads a prefix only, so it cannot see a problem after the value (invalid UTF-8, an unclosed
// string, a truncated end) for which simdjson rejects the whole value: a sure answer is simdjson's for
// values that simdjson accepts as a whole (stage 1 passes, the brackets balance, only whitespace follows
// the root), as the decoder checked for every event it did not flag undecodable.
JsonScan scanJsonPath(std::string_view json, std::span<const JsonStep> path, bool wholeArrayAtEnd, JsonValueTest test);

template<typename Test>
JsonScan scanJsonPath(std::string_view json, std::span<const JsonStep> path, bool wholeArrayAtEnd, const Test &test)
{
    return scanJsonPath(json, path, wholeArrayAtEnd, JsonValueTest{&test, [](const void *context, const JsonValue &v) {
                                                                       return (*static_cast<const Test *>(context))(v);
                                                                   }});
}

} // namespace cdc::stream
