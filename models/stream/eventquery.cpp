// The query language: a hand-written parser into terms, and a matcher that decides cheap terms first,
// caches per interned string id, searches bytes with SSE2, and reads JSON (simdjson on-demand) last.
#include "eventquery.h"

#include <QCoreApplication>
#include <QThread>

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cdc::stream {

namespace {

// In the order they are evaluated: cheap record fields, cached string ids, then the bytes.
enum class Field : quint8 {
    Source,
    Op,
    Kind,
    Late,
    Gap,
    Partition,
    Offset,
    Type,
    Entity,
    Topic,
    Key,
    Header,
    Text,
    Json
};
// ':' is Glob (Exists for ':*'); '!=' parses as a negated Equal.
enum class Cmp : quint8 { Glob, Exists, Equal, Greater, GreaterEqual, Less, LessEqual };

QString tr(const char *text)
{
    return QCoreApplication::translate("EventQuery", text);
}

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c | 0x20) : c;
}

std::string lowerAscii(std::string text)
{
    for (char &c : text)
        c = lowerAscii(c);
    return text;
}

// A substring to find: lower-case bytes when caseless (ASCII only; other UTF-8 bytes compare exactly).
struct Needle
{
    std::string bytes;
    bool caseless = false;
    std::size_t first = 0, second = 0; // the two bytes the SIMD scan looks for
};

// The SIMD scan looks for the first and last bytes that are not quotes (which are everywhere in JSON).
Needle makeNeedle(std::string bytes, bool caseless)
{
    Needle n{caseless ? lowerAscii(std::move(bytes)) : std::move(bytes), caseless};
    const auto first = n.bytes.find_first_not_of('"'), last = n.bytes.find_last_not_of('"');
    n.first = first == std::string::npos ? 0 : first;
    n.second = last == std::string::npos ? n.bytes.size() - std::min<std::size_t>(n.bytes.size(), 1) : last;
    return n;
}

bool equalsAt(const char *at, const Needle &n)
{
    if (!n.caseless)
        return std::memcmp(at, n.bytes.data(), n.bytes.size()) == 0;
    for (std::size_t i = 0; i < n.bytes.size(); ++i) {
        if (lowerAscii(at[i]) != n.bytes[i])
            return false;
    }
    return true;
}

// Two anchor bytes compared 16 positions at a time, candidates verified in full.
bool contains(const char *hay, std::size_t size, const Needle &n)
{
    const std::size_t m = n.bytes.size();
    if (m == 0)
        return true;
    if (size < m)
        return false;
    std::size_t i = 0;
#ifdef __SSE2__
    auto isLetter = [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
    const char a = n.bytes[n.first], b = n.bytes[n.second];
    const __m128i wantA = _mm_set1_epi8(a), wantB = _mm_set1_epi8(b);
    const __m128i foldA = _mm_set1_epi8(n.caseless && isLetter(a) ? 0x20 : 0);
    const __m128i foldB = _mm_set1_epi8(n.caseless && isLetter(b) ? 0x20 : 0);
    for (; i + m + 15 <= size; i += 16) {
        const auto *pa = reinterpret_cast<const __m128i *>(hay + i + n.first);
        const auto *pb = reinterpret_cast<const __m128i *>(hay + i + n.second);
        const __m128i hitA = _mm_cmpeq_epi8(_mm_or_si128(_mm_loadu_si128(pa), foldA), wantA);
        const __m128i hitB = _mm_cmpeq_epi8(_mm_or_si128(_mm_loadu_si128(pb), foldB), wantB);
        for (unsigned bits = unsigned(_mm_movemask_epi8(_mm_and_si128(hitA, hitB))); bits; bits &= bits - 1) {
            if (equalsAt(hay + i + unsigned(__builtin_ctz(bits)), n))
                return true;
        }
    }
#endif
    for (; i + m <= size; ++i) {
        if (equalsAt(hay + i, n))
            return true;
    }
    return false;
}

std::size_t utf8Length(char lead)
{
    const auto c = static_cast<unsigned char>(lead);
    return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

// `*` any run, `?` one character (a UTF-8 sequence); the pattern is lower-case, the text is folded.
bool globMatch(std::string_view pattern, std::string_view text)
{
    std::size_t p = 0, t = 0, star = std::string_view::npos, starText = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = ++p;
            starText = t;
        } else if (p < pattern.size() && pattern[p] == '?') {
            ++p;
            t = std::min(text.size(), t + utf8Length(text[t]));
        } else if (p < pattern.size() && pattern[p] == lowerAscii(text[t])) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star;
            starText = std::min(text.size(), starText + utf8Length(text[starText]));
            t = starText;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

struct Number
{
    double value = 0;
    qint64 integer = 0;
    bool integral = false;
};

std::optional<Number> parseNumber(std::string_view text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    Number n;
    const char *end = text.data() + text.size();
    if (text.empty())
        return std::nullopt;
    if (auto [at, ec] = std::from_chars(text.data(), end, n.integer); ec == std::errc() && at == end) {
        n.integral = true;
        n.value = double(n.integer);
        return n;
    }
    if (auto [at, ec] = std::from_chars(text.data(), end, n.value); ec == std::errc() && at == end)
        return n;
    return std::nullopt;
}

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

} // namespace

struct EventQuery::Term
{
    Field field = Field::Text;
    Cmp cmp = Cmp::Glob;
    bool negated = false;
    quint32 mask = 0;                // source, op, kind, late, gap: the accepted values as bits
    std::optional<Number> number;    // the value, when it is a number
    std::string pattern;             // UTF-8; lower-case for Glob
    std::string name;                // header name
    std::vector<std::string> path;   // JSON: from the (unwrapped) value root
    std::vector<std::string> after;  // payload.* of a change event: "after" + path
    std::vector<std::string> before; // ... of a delete: "before" + path
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
            if (const auto n = parseNumber(text))
                return n->integral && number->integral ? order(n->integer, number->integer)
                                                       : order(n->value, number->value);
            if (cmp != Cmp::Glob && cmp != Cmp::Equal)
                return false;
        }
        return cmp == Cmp::Glob ? globMatch(pattern, text) : text == pattern;
    }
};

namespace {

using Term = EventQuery::Term;
using Groups = std::vector<std::vector<Term>>;

// clang-format off
constexpr std::pair<const char16_t *, Field> kFields[] = {
    {u"source", Field::Source}, {u"op", Field::Op}, {u"kind", Field::Kind}, {u"type", Field::Type},
    {u"table", Field::Entity}, {u"entity", Field::Entity}, {u"aggregate", Field::Entity}, {u"topic", Field::Topic},
    {u"key", Field::Key}, {u"partition", Field::Partition}, {u"offset", Field::Offset}, {u"late", Field::Late},
    {u"gap", Field::Gap}};
// The values of the enumerated fields (gap: as late's), with their bits; completion offers the first name.
struct ValueName { Field field; quint32 bits; const char16_t *names; };
constexpr ValueName kValues[] = {
    {Field::Source, 1u << int(SourceTag::Postgres), u"postgres pg postgresql"},
    {Field::Source, 1u << int(SourceTag::MySql), u"mysql my mariadb"},
    {Field::Source, 1u << int(SourceTag::Unknown), u"unknown"},
    {Field::Op, 1, u"c create"}, {Field::Op, 2, u"u update"}, {Field::Op, 4, u"d delete"}, {Field::Op, 8, u"r read"},
    {Field::Op, 16, u"t truncate"},
    {Field::Kind, 1u << int(EventKind::Change), u"change"}, {Field::Kind, 1u << int(EventKind::Outbox), u"outbox"},
    {Field::Kind, 1u << int(EventKind::Tombstone), u"tombstone"},
    {Field::Kind, 1u << int(EventKind::Heartbeat), u"heartbeat"},
    {Field::Kind, 1u << int(EventKind::SchemaChange), u"schema-change"},
    {Field::Kind, 1u << int(EventKind::Undecodable), u"undecodable"},
    {Field::Late, 2, u"true yes"}, {Field::Late, 1, u"false no"}};
// clang-format on

QStringList valueNames(const ValueName &v)
{
    return QString::fromUtf16(v.names).split(u' ');
}

QString knownFieldsHint()
{
    return tr("Known fields: source, op, kind, type, table (entity, aggregate), topic, key, partition, offset, "
              "late, gap, header.NAME, payload.PATH, after.PATH, before.PATH. Quote text with ':' to search for it.");
}

class Parser
{
public:
    explicit Parser(const QString &text) : m_text(text) {}

    std::optional<Error> run(Groups &groups)
    {
        groups.assign(1, {});
        qsizetype i = 0, orAt = 0;
        int slots = 0;
        for (;;) {
            while (i < m_text.size() && m_text[i].isSpace())
                ++i;
            if (i >= m_text.size())
                break;
            if (QStringView(m_text).mid(i, 2) == u"OR" && wordEnds(i + 2)) {
                if (groups.back().empty())
                    return fail(i, tr("OR needs a term on each side."), {});
                orAt = i;
                i += 2;
                groups.emplace_back();
                continue;
            }
            Term term;
            if (!parseTerm(i, term))
                return m_error;
            if (term.field == Field::Type || term.field == Field::Entity || term.field == Field::Topic)
                term.slot = slots++;
            groups.back().push_back(std::move(term));
        }
        if (groups.back().empty() && groups.size() > 1)
            return fail(orAt, tr("OR needs a term on each side."), {});
        if (groups.back().empty())
            groups.clear();
        for (auto &group : groups)
            std::stable_sort(group.begin(), group.end(),
                             [](const Term &a, const Term &b) { return a.field < b.field; });
        return std::nullopt;
    }

private:
    bool wordEnds(qsizetype i) const { return i >= m_text.size() || m_text[i].isSpace(); }

    std::optional<Error> fail(qsizetype at, const QString &what, const QString &hint)
    {
        m_error = Error{what, QStringLiteral("column %1").arg(at + 1), hint};
        return m_error;
    }

    // At a '"': the text up to the closing quote, with \" and \\ unescaped; `i` ends after the quote.
    bool quoted(qsizetype &i, QString &out)
    {
        const qsizetype start = i++;
        for (; i < m_text.size(); ++i) {
            if (m_text[i] == u'\\' && i + 1 < m_text.size()) {
                out += m_text[++i];
            } else if (m_text[i] == u'"') {
                ++i;
                if (wordEnds(i))
                    return true;
                fail(i, tr("A space must follow the closing quote."), {});
                return false;
            } else {
                out += m_text[i];
            }
        }
        fail(start, tr("The quote is not closed."), tr("Close it with \", and write \\\" for a quote inside."));
        return false;
    }

    bool parseTerm(qsizetype &i, Term &term)
    {
        if (m_text[i] == u'-') {
            if (wordEnds(i + 1))
                return !fail(i, tr("Nothing follows '-'."),
                             tr("Write the term to exclude right after it, e.g. -op:d."));
            term.negated = true;
            ++i;
        }
        QString word;
        if (m_text[i] == u'"')
            return quoted(i, word) && freeText(word, term);
        const qsizetype nameAt = i;
        auto isOperator = [&](qsizetype at) {
            const QChar c = m_text[at];
            return c == u':' || c == u'=' || c == u'<' || c == u'>' ||
                   (c == u'!' && at + 1 < m_text.size() && m_text[at + 1] == u'=');
        };
        while (!wordEnds(i) && !isOperator(i) && m_text[i] != u'"')
            ++i;
        const QString name = m_text.mid(nameAt, i - nameAt);
        if (wordEnds(i))
            return freeText(name, term);
        if (m_text[i] == u'"')
            return !fail(i, tr("A quote inside a word."), tr("Quote the whole text, or the whole value after ':'."));
        const qsizetype opAt = i;
        const QChar op = m_text[i++];
        const bool orEqual = (op != u':' && op != u'=') && i < m_text.size() && m_text[i] == u'=';
        i += orEqual;
        const QString opText = m_text.mid(opAt, i - opAt);
        term.cmp = op == u':'   ? Cmp::Glob
                   : op == u'>' ? (orEqual ? Cmp::GreaterEqual : Cmp::Greater)
                   : op == u'<' ? (orEqual ? Cmp::LessEqual : Cmp::Less)
                                : Cmp::Equal;
        term.negated ^= op == u'!';
        if (name.isEmpty())
            return !fail(nameAt, tr("A field name is missing before '%1'.").arg(opText), knownFieldsHint());
        const qsizetype valueAt = i;
        QString value;
        const bool wasQuoted = i < m_text.size() && m_text[i] == u'"';
        if (wasQuoted && !quoted(i, value))
            return false;
        for (; !wasQuoted && !wordEnds(i); ++i) {
            if (m_text[i] == u'"')
                return !fail(i, tr("A quote inside a value."), tr("Quote the whole value: field:\"...\"."));
            value += m_text[i];
        }
        if (value.isEmpty() && !wasQuoted)
            return !fail(valueAt, tr("Nothing follows '%1'.").arg(name + opText),
                         tr("Write a value, e.g. op:u, or * for any."));
        if (term.cmp == Cmp::Glob && value == u"*" && !wasQuoted)
            term.cmp = Cmp::Exists;
        return field(name, nameAt, opText, value, valueAt, term);
    }

    bool freeText(const QString &text, Term &term)
    {
        term.field = Field::Text;
        term.needle = makeNeedle(text.toStdString(), true);
        return true;
    }

    bool field(const QString &name, qsizetype nameAt, const QString &opText, const QString &value, qsizetype valueAt,
               Term &term)
    {
        const QString lower = name.toLower();
        const bool ordered = term.cmp != Cmp::Glob && term.cmp != Cmp::Exists && term.cmp != Cmp::Equal;
        if (lower.startsWith(u"header.") && name.size() > 7) {
            term.field = Field::Header;
            term.name = name.mid(7).toStdString();
        } else if (lower.section(u'.', 0, 0) == u"payload" || lower.section(u'.', 0, 0) == u"after" ||
                   lower.section(u'.', 0, 0) == u"before") {
            term.field = Field::Json;
            const QStringList parts = name.split(u'.');
            term.payloadRoot = lower.startsWith(u"payload");
            for (qsizetype k = term.payloadRoot ? 1 : 0; k < parts.size(); ++k) {
                if (parts[k].isEmpty())
                    return !fail(nameAt, tr("'%1' has an empty step.").arg(name),
                                 tr("Write payload.a.b, not payload..b."));
                term.path.push_back(parts[k].toStdString());
            }
            term.after = term.before = term.path;
            term.after.insert(term.after.begin(), "after");
            term.before.insert(term.before.begin(), "before");
            // A key the bytes must contain; non-ASCII keys may arrive escaped (\u00e9), so not those.
            for (auto it = term.path.rbegin(); it != term.path.rend(); ++it) {
                if (parseNumber(*it))
                    continue;
                if (std::none_of(it->begin(), it->end(), [](char c) { return c == '"' || c == '\\' || c & 0x80; }))
                    term.needle = makeNeedle('"' + *it + '"', false);
                break;
            }
        } else {
            const auto *known = std::find_if(std::begin(kFields), std::end(kFields),
                                             [&](const auto &f) { return lower == QStringView(f.first); });
            if (known == std::end(kFields))
                return !fail(nameAt, tr("Unknown field '%1'.").arg(name), knownFieldsHint());
            term.field = known->second;
        }
        if (term.field <= Field::Gap)
            return enumerated(name, opText, value, valueAt, ordered, term);
        const std::string utf8 = value.toStdString();
        term.number = parseNumber(utf8);
        term.pattern = term.cmp == Cmp::Glob ? lowerAscii(utf8) : utf8;
        const bool whole = term.field == Field::Partition || term.field == Field::Offset;
        if ((ordered && !term.number) || (whole && term.cmp != Cmp::Exists && !(term.number && term.number->integral)))
            return !fail(valueAt,
                         (whole ? tr("Expected a whole number after '%1', not '%2'.")
                                : tr("Expected a number after '%1', not '%2'."))
                             .arg(opText, value),
                         tr("Write a number, e.g. payload.total>100, partition:0 or offset>=5000."));
        return true;
    }

    bool enumerated(const QString &name, const QString &opText, const QString &value, qsizetype valueAt, bool ordered,
                    Term &term)
    {
        if (ordered)
            return !fail(valueAt - opText.size(), tr("'%1' does not apply to %2.").arg(opText, name),
                         tr("Use %1:VALUE, or -%1:VALUE to exclude.").arg(name));
        if (term.cmp == Cmp::Exists) {
            term.mask = term.field == Field::Op ? 31 : ~0u;
            return true;
        }
        const Field field = term.field == Field::Gap ? Field::Late : term.field;
        for (const QString &part : value.toLower().split(u',')) {
            quint32 bits = 0;
            QStringList names;
            for (const ValueName &v : kValues) {
                if (v.field == field) {
                    names.append(valueNames(v));
                    bits |= valueNames(v).contains(part) ? v.bits : 0;
                }
            }
            if (!bits)
                return !fail(valueAt, tr("Unknown value '%1' for %2.").arg(part, name),
                             tr("Use one of: %1 (several separated by commas).").arg(names.join(QStringLiteral(", "))));
            term.mask |= bits;
        }
        return true;
    }

    const QString &m_text;
    std::optional<Error> m_error;
};

} // namespace

EventQuery::EventQuery() = default;
EventQuery::~EventQuery() = default;
EventQuery::EventQuery(const EventQuery &) = default;
EventQuery &EventQuery::operator=(const EventQuery &) = default;

Result<EventQuery> EventQuery::parse(const QString &text)
{
    auto groups = std::make_shared<Groups>();
    if (auto error = Parser(text).run(*groups))
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
        if (parsed == &r)
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
        if (!r.hasValue() || r.valueLength == 0 || !contains(r.value(), r.valueLength, t.needle) || !load(r))
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
        const auto &path = !t.payloadRoot || r.kind != EventKind::Change ? t.path : r.op == 'd' ? t.before : t.after;
        if (path.empty())
            return t.cmp == Cmp::Exists;
        simdjson::ondemand::value value;
        if (root.find_field_unordered(path.front()).get(value) != simdjson::SUCCESS)
            return false;
        return walk(t, value, path.data() + 1, path.data() + path.size());
    }

    // Down the path; through arrays by index (lines.0) or any element (lines.sku).
    static bool walk(const Term &t, simdjson::ondemand::value value, const std::string *step, const std::string *end)
    {
        simdjson::ondemand::json_type type;
        if (value.type().get(type) != simdjson::SUCCESS)
            return false;
        if (type == simdjson::ondemand::json_type::array && !(step == end && t.cmp == Cmp::Exists)) {
            simdjson::ondemand::array array;
            if (value.get_array().get(array) != simdjson::SUCCESS)
                return false;
            const auto index = step != end ? parseNumber(*step) : std::nullopt;
            qint64 at = 0;
            for (auto element : array) {
                simdjson::ondemand::value item;
                if (element.get(item) != simdjson::SUCCESS)
                    return false;
                if (!index && walk(t, item, step, end))
                    return true;
                if (index && at++ == index->integer)
                    return walk(t, item, step + 1, end);
            }
            return false;
        }
        if (step == end)
            return scalar(t, value, type);
        simdjson::ondemand::object object;
        simdjson::ondemand::value child;
        if (value.get_object().get(object) != simdjson::SUCCESS ||
            object.find_field_unordered(*step).get(child) != simdjson::SUCCESS)
            return false;
        return walk(t, child, step + 1, end);
    }

    static bool scalar(const Term &t, simdjson::ondemand::value value, simdjson::ondemand::json_type type)
    {
        using simdjson::ondemand::json_type;
        std::string_view text;
        bool flag = false;
        switch (type) {
        case json_type::null: return t.cmp != Cmp::Exists && t.pattern == "null";
        case json_type::object:
        case json_type::array: return t.cmp == Cmp::Exists;
        case json_type::number: return t.compareText(value.raw_json_token());
        case json_type::string: return value.get_string().get(text) == simdjson::SUCCESS && t.compareText(text);
        case json_type::boolean:
            return value.get_bool().get(flag) == simdjson::SUCCESS && t.compareText(flag ? "true" : "false");
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
        case Field::Partition: return t.cmp == Cmp::Exists || t.order(qint64(r.partition), t.number->integer);
        case Field::Offset: return t.cmp == Cmp::Exists || t.order(r.offset, t.number->integer);
        case Field::Type: return byId(t, r.eventType);
        case Field::Entity: return byId(t, r.entity);
        case Field::Topic: return byId(t, r.topic);
        case Field::Key: return key(t, e);
        case Field::Header: return header(t, r);
        case Field::Text:
            return contains(r.key(), r.keyLength, t.needle) || contains(r.value(), r.valueLength, t.needle);
        case Field::Json: return json(t, r);
        }
        return false;
    }
};

EventQuery::Matcher::Matcher(const EventQuery &query, const StringTable &strings) : m_state(std::make_unique<State>())
{
    m_state->groups = query.m_alternatives;
    m_state->strings = &strings;
    int slots = 0;
    for (const auto &group : query.m_alternatives ? *query.m_alternatives : Groups()) {
        for (const Term &t : group)
            slots = std::max(slots, t.slot + 1);
    }
    m_state->idCache.resize(std::size_t(slots));
}

EventQuery::Matcher::~Matcher() = default;

bool EventQuery::Matcher::matches(const EventView &event)
{
    State &s = *m_state;
    if (!s.groups)
        return true;
    s.parsed = nullptr;
    for (const auto &group : *s.groups) {
        const bool all =
            std::all_of(group.begin(), group.end(), [&](const Term &t) { return s.evaluate(t, event) != t.negated; });
        if (all)
            return true;
    }
    return false;
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
        for (qsizetype row = fromRow + rows * part / count; row < end; ++row) {
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

QueryCompletion completeQuery(const QString &text, int cursor, const StringTable &strings)
{
    QueryCompletion completion;
    cursor = std::clamp(cursor, 0, int(text.size()));
    completion.replaceFrom = completion.replaceTo = cursor;
    while (completion.replaceFrom > 0 && !text[completion.replaceFrom - 1].isSpace())
        --completion.replaceFrom;
    while (completion.replaceTo < text.size() && !text[completion.replaceTo].isSpace())
        ++completion.replaceTo;
    QString typed = text.mid(completion.replaceFrom, cursor - completion.replaceFrom);
    const QString minus = typed.startsWith(u'-') ? QStringLiteral("-") : QString();
    typed.remove(0, minus.size());
    const qsizetype colon = typed.indexOf(u':');
    auto offer = [&](const QString &candidate, const QString &prefix) {
        if (candidate.startsWith(prefix, Qt::CaseInsensitive))
            completion.candidates.append(minus + candidate);
    };
    if (colon < 0) {
        for (const char16_t *name :
             {u"source:", u"op:", u"kind:", u"type:", u"table:", u"entity:", u"aggregate:", u"topic:", u"key:",
              u"partition:", u"offset:", u"late:", u"gap:", u"header.", u"payload.", u"after.", u"before."})
            offer(QString::fromUtf16(name), typed);
        return completion;
    }
    const QString field = typed.left(colon + 1);
    const QString lower = field.toLower();
    QString value = typed.mid(colon + 1);
    if (value.startsWith(u'"'))
        value.remove(0, 1);
    const auto *known = std::find_if(std::begin(kFields), std::end(kFields),
                                     [&](const auto &f) { return lower == QString::fromUtf16(f.first) + u':'; });
    const Field enumerated = known == std::end(kFields)    ? Field::Text
                             : known->second == Field::Gap ? Field::Late
                                                           : known->second;
    if (enumerated <= Field::Gap) {
        for (const ValueName &v : kValues) {
            if (v.field == enumerated)
                offer(field + valueNames(v).front(), field + value);
        }
        return completion;
    }
    if (lower != u"type:" && lower != u"topic:" && lower != u"table:" && lower != u"entity:" && lower != u"aggregate:")
        return completion;
    // The string table does not say which strings are types, topics or tables: offer those that fit.
    QStringList seen;
    for (const QString &s : strings.copy()) {
        if (!s.isEmpty() && s.startsWith(value, Qt::CaseInsensitive))
            seen.append(s);
    }
    seen.sort(Qt::CaseInsensitive);
    for (const QString &s : seen.mid(0, 50)) {
        const bool quote = s.contains(u' ') || s.contains(u'"');
        completion.candidates.append(minus + field +
                                     (quote ? u'"' + QString(s).replace(u'"', QStringLiteral("\\\"")) + u'"' : s));
    }
    return completion;
}

} // namespace cdc::stream
