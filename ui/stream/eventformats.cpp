// SPDX-License-Identifier: GPL-3.0-or-later
// Diffs, pretty printing, hex dumps and JSON Lines files. JSON goes through nlohmann's ordered_json,
// which keeps Debezium's key order and 64-bit numbers exact.
#include "eventformats.h"

#include "stream/eventjson.h"

#include <QDir>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <climits>
#include <string>

namespace cdc::ui {

namespace {

using OrderedJson = nlohmann::ordered_json;
constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

OrderedJson parseJson(QByteArrayView bytes)
{
    return OrderedJson::parse(bytes.data(), bytes.data() + bytes.size(), nullptr, false);
}

QString compact(const OrderedJson &value)
{
    return QString::fromStdString(value.dump(-1, ' ', false, kReplace));
}

void diffObjects(const QString &prefix, const OrderedJson &before, const OrderedJson &after,
                 std::vector<FieldChange> &out)
{
    for (const auto &[name, old] : before.items()) {
        const QString field = prefix + QString::fromStdString(name);
        const auto now = after.find(name);
        if (now == after.end())
            out.push_back({field, compact(old), {}});
        else if (old.is_object() && now->is_object())
            diffObjects(field + u'.', old, *now, out);
        else if (old != *now)
            out.push_back({field, compact(old), compact(*now)});
    }
    for (const auto &[name, now] : after.items()) {
        if (!before.contains(name))
            out.push_back({prefix + QString::fromStdString(name), {}, compact(now)});
    }
}

} // namespace

std::vector<FieldChange> changedFields(QByteArrayView value)
{
    OrderedJson doc = parseJson(value);
    if (!doc.is_object())
        return {};
    if (doc.contains("schema") && doc.contains("payload") && doc["payload"].is_object())
        doc = OrderedJson(doc["payload"]);
    const auto before = doc.find("before");
    const auto after = doc.find("after");
    if (before == doc.end() || after == doc.end() || !before->is_object() || !after->is_object())
        return {};
    std::vector<FieldChange> out;
    diffObjects({}, *before, *after, out);
    return out;
}

QString prettyJson(QByteArrayView bytes)
{
    const OrderedJson doc = parseJson(bytes);
    if (doc.is_discarded())
        return {};
    return QString::fromStdString(doc.dump(2, ' ', false, kReplace));
}

QString hexDump(QByteArrayView bytes, qsizetype limit)
{
    const qsizetype shown = qMin(bytes.size(), limit);
    QString out;
    out.reserve(shown / 16 * 80 + 80);
    for (qsizetype at = 0; at < shown; at += 16) {
        out += QStringLiteral("%1  ").arg(at, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = at; i < at + 16; ++i) {
            if (i < shown) {
                const auto byte = quint8(bytes[i]);
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == at + 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    if (bytes.size() > shown)
        out += EventFormats::tr("… %n more byte(s)", nullptr, int(qMin<qsizetype>(bytes.size() - shown, INT_MAX)));
    return out;
}

JsonLinesOutcome writeJsonLines(const stream::EventSnapshot &snapshot,
                                const std::optional<std::vector<quint64>> &sequences, const QString &path,
                                const std::function<bool(qsizetype, qsizetype)> &progress)
{
    const QString where = QDir::toNativeSeparators(path);
    const qsizetype total = sequences ? qsizetype(sequences->size()) : snapshot.size();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {false, false, 0,
                EventFormats::tr("Cannot write %1: %2. Choose another folder.").arg(where, file.errorString())};
    QByteArray chunk;
    qsizetype written = 0;
    bool failed = false;
    for (qsizetype i = 0; i < total && !failed; ++i) {
        const qsizetype row = sequences ? qsizetype((*sequences)[std::size_t(i)] - snapshot.firstSequence()) : i;
        if (row < 0 || row >= snapshot.size())
            continue; // dropped from the store before the export began
        stream::appendEventJsonLine(chunk, snapshot.at(row));
        ++written;
        if (chunk.size() > (1 << 20)) {
            failed = file.write(chunk) != chunk.size();
            chunk.clear();
            if (progress && !progress(i + 1, total)) {
                file.cancelWriting();
                return {false, true, 0, EventFormats::tr("Export cancelled; no file was written.")};
            }
        }
    }
    if (!failed && !chunk.isEmpty())
        failed = file.write(chunk) != chunk.size();
    if (failed || !file.commit())
        return {false, false, written, EventFormats::tr("Cannot write %1: %2.").arg(where, file.errorString())};
    if (progress)
        progress(total, total);
    return {true, false, written,
            EventFormats::tr("Exported %n event(s) to %1", nullptr, int(qMin<qsizetype>(written, INT_MAX))).arg(where)};
}

} // namespace cdc::ui
