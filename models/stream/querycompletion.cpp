// SPDX-License-Identifier: GPL-3.0-or-later
// Completion for the query line edit (QueryCompletion, declared with the query language): field names,
// the enumerated fields' values, and the topics, types and tables the string table has seen.
#include "stream/eventquery.h"

#include "stream/queryfields.h"

#include <algorithm>
#include <iterator>

namespace cdc::stream {

using namespace queryfields;

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
        for (const char16_t *name : {u"source:", u"op:", u"kind:", u"type:", u"table:", u"entity:", u"aggregate:",
                                     u"topic:", u"key:", u"partition:", u"offset:", u"late:", u"gap:", u"redelivered:",
                                     u"header.", u"payload.", u"after.", u"before."})
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
    const Field enumerated = known == std::end(kFields)                                           ? Field::Text
                             : known->second == Field::Gap || known->second == Field::Redelivered ? Field::Late
                                                                                                  : known->second;
    if (enumerated <= Field::Redelivered) {
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
