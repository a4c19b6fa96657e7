// SPDX-License-Identifier: GPL-3.0-or-later
// The prefix path scanner: a cursor over the bytes that checks every byte on the path's own levels,
// skips other values (SSE2 searches inside strings and skipped containers), and gives up (unsure) at
// the first thing it does not expect.
#include "jsonpathscan.h"

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cdc::stream {

namespace {

constexpr int kMaxDepth = 64; // deeper nesting: unsure, simdjson decides
constexpr quint64 kObjectBit = 1;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

// What may follow a scalar inside a container.
bool endsScalar(char c)
{
    return isSpace(c) || c == ',' || c == ']' || c == '}';
}

// The first byte in [from, end) that ends a string's plain run: '"', '\\' or a control character.
const char *stringStop(const char *from, const char *end)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1f);
    for (; end - from >= 16; from += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
        const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash));
        const __m128i hits = _mm_or_si128(special, _mm_cmpeq_epi8(_mm_max_epu8(bytes, control), control));
        if (const int bits = _mm_movemask_epi8(hits))
            return from + __builtin_ctz(unsigned(bits));
    }
#endif
    while (from < end && *from != '"' && *from != '\\' && static_cast<unsigned char>(*from) >= 0x20)
        ++from;
    return from;
}

// The first byte in [from, end) that matters when skipping a container: '"', '[', ']', '{' or '}'.
// ('[' and ']' are '{' and '}' without the 0x20 bit, and no other bytes fold onto those two.)
const char *containerStop(const char *from, const char *end)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
    const __m128i fold = _mm_set1_epi8(0x20);
    for (; end - from >= 16; from += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
        const __m128i folded = _mm_or_si128(bytes, fold);
        const __m128i brackets = _mm_or_si128(_mm_cmpeq_epi8(folded, open), _mm_cmpeq_epi8(folded, close));
        if (const int bits = _mm_movemask_epi8(_mm_or_si128(brackets, _mm_cmpeq_epi8(bytes, quote))))
            return from + __builtin_ctz(unsigned(bits));
    }
#endif
    while (from < end && *from != '"' && (*from | 0x20) != '{' && (*from | 0x20) != '}')
        ++from;
    return from;
}

class PathScan
{
public:
    PathScan(std::string_view json, std::span<const JsonStep> path, bool wholeArrayAtEnd, JsonValueTest test)
        : m_at(json.data())
        , m_end(json.data() + json.size())
        , m_path(path)
        , m_wholeArrayAtEnd(wholeArrayAtEnd)
        , m_test(test)
    {}

    JsonScan run()
    {
        for (const JsonStep &step : m_path) {
            if (step.key.find('"') != std::string::npos)
                return JsonScan::Unsure;
        }
        // (simdjson also wants the root's '}' last, which the precondition implies: not read here, as
        // the value's end is one more cache miss per event.)
        space();
        if (m_at == m_end || *m_at != '{')
            return JsonScan::Unsure;
        const char *firstKey = m_at + 1;
        while (firstKey < m_end && isSpace(*firstKey))
            ++firstKey;
        if (m_end - firstKey >= 8 && std::memcmp(firstKey, "\"schema\"", 8) == 0) {
            // The JsonConverter's wrapper: its "payload" must hold an object.
            if (const JsonScan found = find("payload"); found != JsonScan::Yes)
                return found;
            if (*m_at != '{')
                return JsonScan::No;
        }
        if (m_path.empty())
            return pass(JsonValue{JsonType::Object, {}});
        return field(m_path.data(), 0);
    }

private:
    JsonScan pass(const JsonValue &value) const
    {
        return m_test.test(m_test.context, value) ? JsonScan::Yes : JsonScan::No;
    }

    void space()
    {
        while (m_at < m_end && isSpace(*m_at))
            ++m_at;
    }

    // After a value inside a container: true at ',' or the container's closing bracket.
    bool atSeparator() const { return m_at < m_end && (*m_at == ',' || *m_at == ']' || *m_at == '}'); }

    // Whether a key, as written, is the step's key. simdjson compares the written bytes and then wants
    // the closing quote, which an escaped quote right after a prefix (k\"x for k\) also gives: unsure.
    static JsonScan sameKey(std::string_view written, bool escaped, std::string_view key)
    {
        if (written == key)
            return JsonScan::Yes;
        if (escaped && key.size() < written.size() && written[key.size()] == '"' && written.starts_with(key))
            return JsonScan::Unsure;
        return JsonScan::No;
    }

    // At a string's opening quote: past its closing one, with what lies between and whether that holds
    // escapes. False for an unclosed string, a control character or a malformed escape.
    bool string(std::string_view &contents, bool &escaped)
    {
        const char *start = ++m_at;
        escaped = false;
        for (;;) {
            const char *stop = stringStop(m_at, m_end);
            if (stop == m_end || static_cast<unsigned char>(*stop) < 0x20)
                return false;
            if (*stop == '"') {
                contents = std::string_view(start, std::size_t(stop - start));
                m_at = stop + 1;
                return true;
            }
            escaped = true;
            const char *at = stop + 1;
            if (at == m_end)
                return false;
            switch (*at) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't': m_at = at + 1; break;
            case 'u':
                if (m_end - at < 5 || !isHex(at[1]) || !isHex(at[2]) || !isHex(at[3]) || !isHex(at[4]))
                    return false;
                m_at = at + 5;
                break;
            default: return false;
            }
        }
    }

    // At '-' or a digit: past a number as JSON writes them, which a separator or whitespace must follow.
    bool number()
    {
        const char *p = m_at;
        auto digits = [&] {
            const char *from = p;
            while (p < m_end && isDigit(*p))
                ++p;
            return p > from;
        };
        if (p < m_end && *p == '-')
            ++p;
        if (p < m_end && *p == '0')
            ++p;
        else if (!digits())
            return false;
        if (p < m_end && *p == '.' && (++p, !digits()))
            return false;
        if (p < m_end && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p < m_end && (*p == '+' || *p == '-'))
                ++p;
            if (!digits())
                return false;
        }
        if (p == m_end || !endsScalar(*p))
            return false;
        m_at = p;
        return true;
    }

    bool literal(std::string_view word)
    {
        if (std::size_t(m_end - m_at) <= word.size() || std::memcmp(m_at, word.data(), word.size()) != 0 ||
            !endsScalar(m_at[word.size()]))
            return false;
        m_at += word.size();
        return true;
    }

    // At an opening bracket: past the bracket that closes it. Like simdjson's skip, only strings and
    // brackets count; brackets of the wrong kind: false.
    bool container()
    {
        quint64 kinds = 0; // a bit per open level, set for an object
        int depth = 0;
        for (;;) {
            m_at = containerStop(m_at, m_end);
            if (m_at == m_end)
                return false;
            std::string_view contents;
            bool escaped = false;
            if (*m_at == '"') {
                if (!string(contents, escaped))
                    return false;
                continue;
            }
            if (*m_at == '{' || *m_at == '[') {
                if (depth == kMaxDepth)
                    return false;
                kinds = kinds << 1 | (*m_at == '{' ? kObjectBit : 0);
                ++depth;
            } else {
                if (depth == 0 || (kinds & kObjectBit) != (*m_at == '}' ? kObjectBit : 0))
                    return false;
                kinds >>= 1;
                --depth;
            }
            ++m_at;
            if (depth == 0)
                return true;
        }
    }

    // At a value's first byte: past the value.
    bool skip()
    {
        if (m_at == m_end)
            return false;
        std::string_view contents;
        bool escaped = false;
        switch (*m_at) {
        case '"': return string(contents, escaped);
        case '{':
        case '[': return container();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return (*m_at == '-' || isDigit(*m_at)) && number();
        }
    }

    // At '{': to the value of the first field named `key` (Yes), or past the object (No).
    JsonScan find(std::string_view key)
    {
        ++m_at;
        space();
        if (m_at < m_end && *m_at == '}') {
            ++m_at;
            return JsonScan::No;
        }
        for (;;) {
            std::string_view written;
            bool escaped = false;
            if (m_at == m_end || *m_at != '"' || !string(written, escaped))
                return JsonScan::Unsure;
            space();
            if (m_at == m_end || *m_at != ':')
                return JsonScan::Unsure;
            ++m_at;
            space();
            if (m_at == m_end)
                return JsonScan::Unsure;
            if (const JsonScan same = sameKey(written, escaped, key); same != JsonScan::No)
                return same;
            if (!skip())
                return JsonScan::Unsure;
            space();
            if (!atSeparator() || *m_at == ']')
                return JsonScan::Unsure;
            if (*m_at++ == '}')
                return JsonScan::No;
            space();
        }
    }

    // The walk down the path from a value's first byte. It stops at the answer: No leaves the cursor
    // anywhere inside the value.
    JsonScan walk(const JsonStep *step, int depth)
    {
        if (m_at == m_end || depth > kMaxDepth)
            return JsonScan::Unsure;
        const bool last = step == m_path.data() + m_path.size();
        if (*m_at == '[' && !(last && m_wholeArrayAtEnd))
            return elements(step, last, depth);
        if (last)
            return test();
        if (*m_at != '{') // no fields in a scalar
            return JsonScan::No;
        return field(step, depth);
    }

    // At '{': the field named by `step`, walked with the rest of the path.
    JsonScan field(const JsonStep *step, int depth)
    {
        if (const JsonScan found = find(step->key); found != JsonScan::Yes)
            return found;
        return walk(step + 1, depth + 1);
    }

    // At '[': the element the step's index names, walked with the rest of the path; without an index
    // (or at the path's end) every element with the same step, until one passes.
    JsonScan elements(const JsonStep *step, bool last, int depth)
    {
        const bool indexed = !last && step->index;
        const qint64 index = indexed ? *step->index : 0;
        ++m_at;
        space();
        if (m_at < m_end && *m_at == ']') {
            ++m_at;
            return JsonScan::No;
        }
        for (qint64 at = 0;; ++at) {
            if (indexed && at == index)
                return walk(step + 1, depth + 1);
            if (!indexed) {
                const char *element = m_at;
                if (const JsonScan passed = walk(step, depth + 1); passed != JsonScan::No)
                    return passed;
                m_at = element; // on to the next element: past this one, from its start
            }
            if (!skip())
                return JsonScan::Unsure;
            space();
            if (!atSeparator() || *m_at == '}')
                return JsonScan::Unsure;
            if (*m_at++ == ']')
                return JsonScan::No;
            space();
        }
    }

    // At the first byte of the value at the path's end: whether it passes.
    JsonScan test()
    {
        const char *start = m_at;
        JsonValue value;
        bool escaped = false;
        switch (*m_at) {
        case '{':
        case '[': value.type = *m_at == '{' ? JsonType::Object : JsonType::Array; return pass(value);
        case '"':
            value.type = JsonType::String;
            if (!string(value.text, escaped) || escaped) // unescaping is simdjson's job
                return JsonScan::Unsure;
            return pass(value);
        case 't':
        case 'f':
            value.type = JsonType::Boolean;
            if (!literal(*m_at == 't' ? "true" : "false"))
                return JsonScan::Unsure;
            break;
        case 'n':
            value.type = JsonType::Null;
            if (!literal("null"))
                return JsonScan::Unsure;
            break;
        default:
            value.type = JsonType::Number;
            if ((*m_at != '-' && !isDigit(*m_at)) || !number())
                return JsonScan::Unsure;
            space(); // the token runs to the next structural character, as simdjson's raw_json_token()
            if (!atSeparator())
                return JsonScan::Unsure;
        }
        value.text = std::string_view(start, std::size_t(m_at - start));
        return pass(value);
    }

    const char *m_at;
    const char *m_end;
    std::span<const JsonStep> m_path;
    bool m_wholeArrayAtEnd;
    JsonValueTest m_test;
};

} // namespace

JsonScan scanJsonPath(std::string_view json, std::span<const JsonStep> path, bool wholeArrayAtEnd, JsonValueTest test)
{
    return PathScan(json, path, wholeArrayAtEnd, test).run();
}

} // namespace cdc::stream
