// SPDX-License-Identifier: GPL-3.0-or-later
// The query language's parser: terms separated by spaces, OR between groups, errors with their column.
#include "stream/queryterm.h"

#include <QCoreApplication>

#include <algorithm>
#include <iterator>

namespace cdc::stream {

using namespace queryfields;
using namespace querytext;

namespace {

using Term = EventQuery::Term;
using Groups = QueryGroups;

QString tr(const char *text)
{
    return QCoreApplication::translate("EventQuery", text);
}

QString knownFieldsHint()
{
    return tr("Known fields: source, op, kind, type, table (entity, aggregate), topic, key, partition, offset, "
              "late, gap, redelivered, header.NAME, payload.PATH, after.PATH, before.PATH. Quote text with ':' to "
              "search for it.");
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
                JsonStep step{parts[k].toStdString(), std::nullopt};
                if (const auto index = parseNumber(step.key)) // "1e2" indexes 1, "inf" 0: as always
                    step.index = index->integer;
                term.path.push_back(std::move(step));
            }
            term.after = term.before = term.path;
            term.after.insert(term.after.begin(), JsonStep{"after", std::nullopt});
            term.before.insert(term.before.begin(), JsonStep{"before", std::nullopt});
            // A key the bytes must contain; non-ASCII keys may arrive escaped (\u00e9), so not those.
            for (auto it = term.path.rbegin(); it != term.path.rend(); ++it) {
                if (it->index)
                    continue;
                const std::string &key = it->key;
                if (std::none_of(key.begin(), key.end(), [](char c) { return c == '"' || c == '\\' || c & 0x80; }))
                    term.needle = makeNeedle('"' + key + '"', false);
                break;
            }
        } else {
            const auto *known = std::find_if(std::begin(kFields), std::end(kFields),
                                             [&](const auto &f) { return lower == QStringView(f.first); });
            if (known == std::end(kFields))
                return !fail(nameAt, tr("Unknown field '%1'.").arg(name), knownFieldsHint());
            term.field = known->second;
        }
        if (term.field <= Field::Redelivered)
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
        const Field field = term.field == Field::Gap || term.field == Field::Redelivered ? Field::Late : term.field;
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

std::optional<Error> parseQueryTerms(const QString &text, QueryGroups &groups)
{
    return Parser(text).run(groups);
}

} // namespace cdc::stream
