// SPDX-License-Identifier: GPL-3.0-or-later
// The parsed form of the query language, shared by its parser and its matcher: one term (field,
// comparison, value, JSON path) and how it compares a value, and the parser into OR-ed groups of terms.
#pragma once

#include "core/result.h"
#include "stream/eventquery.h"
#include "stream/jsonpathscan.h"
#include "stream/queryfields.h"
#include "stream/querytext.h"

#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdc::stream {

using queryfields::Cmp;
using queryfields::Field;
using querytext::Needle;
using querytext::Number;

struct EventQuery::Term
{
    Field field = Field::Text;
    Cmp cmp = Cmp::Glob;
    bool negated = false;
    quint32 mask = 0;             // source, op, kind, late, gap: the accepted values as bits
    std::optional<Number> number; // the value, when it is a number
    std::string pattern;          // UTF-8; lower-case for Glob
    std::string name;             // header name
    std::vector<JsonStep> path;   // JSON: from the (unwrapped) value root
    std::vector<JsonStep> after;  // payload.* of a change event: "after" + path
    std::vector<JsonStep> before; // ... of a delete: "before" + path
    bool payloadRoot = false;
    Needle needle; // free text; for JSON the quoted last key, which must occur in the bytes
    int slot = -1; // the Matcher's per-id cache (type, entity, topic)

    template<typename T>
    bool order(T value, T query) const
    {
        switch (cmp) {
        case Cmp::Greater: return value > query;
        case Cmp::GreaterEqual: return value >= query;
        case Cmp::Less: return value < query;
        case Cmp::LessEqual: return value <= query;
        case Cmp::Exists: return true;
        case Cmp::Glob:
        case Cmp::Equal: break;
        }
        return value == query;
    }

    // Strings, JSON scalars and header values. Numbers compare as numbers when both sides are numbers.
    bool compareText(std::string_view text) const
    {
        if (cmp == Cmp::Exists)
            return !text.empty();
        if (number) {
            if (const auto n = querytext::parseNumber(text))
                return n->integral && number->integral ? order(n->integer, number->integer)
                                                       : order(n->value, number->value);
            if (cmp != Cmp::Glob && cmp != Cmp::Equal)
                return false;
        }
        return cmp == Cmp::Glob ? querytext::globMatch(pattern, text) : text == pattern;
    }

    // The value at a JSON path's end, whichever reader found it.
    bool compareJson(const JsonValue &value) const
    {
        switch (value.type) {
        case JsonType::Null: return cmp != Cmp::Exists && pattern == "null";
        case JsonType::Object:
        case JsonType::Array: return cmp == Cmp::Exists;
        case JsonType::String:
        case JsonType::Number:
        case JsonType::Boolean: break;
        }
        return compareText(value.text);
    }
};

using QueryGroups = std::vector<std::vector<EventQuery::Term>>; // OR of ANDs

// `text` as OR-ed groups of ANDed terms, each group sorted cheapest first; none for a blank text.
// Error::where is "column N" (1-based).
std::optional<Error> parseQueryTerms(const QString &text, QueryGroups &groups);

} // namespace cdc::stream
