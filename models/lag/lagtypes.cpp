// SPDX-License-Identifier: GPL-3.0-or-later
// Units and their text, threshold levels, the thresholds' JSON in the project file, alert messages.
#include "lag/lagtypes.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>
#include <cstdint>
#include <iterator>

namespace cdc::lag {

namespace {

using json = nlohmann::json;

QString tr(const char *text)
{
    return QCoreApplication::translate("LagTypes", text);
}

// Fixed, so values read the same on every machine and in every test ("1,204", "12.4").
const QLocale &numberLocale()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

QString oneDecimal(double value)
{
    return numberLocale().toString(value, 'f', 1);
}

QString formatBytes(double bytes)
{
    if (std::round(bytes) < 1024)
        return QString::number(qRound64(bytes)) + QStringLiteral(" B");
    static const char *const units[] = {"KB", "MB", "GB"};
    double scaled = bytes / 1024;
    std::size_t unit = 0;
    // Rounding decides: 1023.97 KB reads "1.0 MB", not "1024.0 KB".
    while (unit + 1 < std::size(units) && std::round(scaled * 10) / 10 >= 1024) {
        scaled /= 1024;
        ++unit;
    }
    return oneDecimal(scaled) + u' ' + QLatin1String(units[unit]);
}

QString formatMilliseconds(double ms)
{
    if (std::round(ms) < 1000)
        return QString::number(qRound64(ms)) + QStringLiteral(" ms");
    const double tenths = std::round(ms / 100);
    if (tenths < 600)
        return oneDecimal(tenths / 10) + QStringLiteral(" s");
    const qint64 seconds = qRound64(ms / 1000);
    if (seconds < 3600)
        return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    const qint64 minutes = qRound64(ms / 60'000);
    return QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString formatMessages(double messages)
{
    const qint64 n = qRound64(messages);
    return numberLocale().toString(n) + (n == 1 ? QStringLiteral(" message") : QStringLiteral(" messages"));
}

QString formatMagnitude(LagUnit unit, double value)
{
    switch (unit) {
    case LagUnit::Bytes: return formatBytes(value);
    case LagUnit::Milliseconds: return formatMilliseconds(value);
    case LagUnit::Messages: return formatMessages(value);
    }
    return QString::number(value);
}

// One section of the "lag" object and the thresholds it sets.
struct Section
{
    const char *name;
    const char *warningKey;
    const char *criticalKey;
    LagThreshold LagThresholds::*member;
    LagUnit unit;
};

constexpr Section kSections[] = {
    {"postgres", "warningBytes", "criticalBytes", &LagThresholds::postgresBytes, LagUnit::Bytes},
    {"mysql", "warningMs", "criticalMs", &LagThresholds::mysqlMs, LagUnit::Milliseconds},
    {"consumer", "warningMessages", "criticalMessages", &LagThresholds::consumerMessages, LagUnit::Messages},
};

QString pointerOf(const char *section, const char *key = nullptr)
{
    QString pointer = QStringLiteral("/lag/") + QLatin1String(section);
    if (key)
        pointer += u'/' + QLatin1String(key);
    return pointer;
}

Result<void> readBound(const json &section, const Section &which, const char *key, double &out)
{
    const auto it = section.find(key);
    if (it == section.end())
        return {};
    const QString name = QLatin1String(which.name) + u'.' + QLatin1String(key);
    if (!it->is_number())
        return Error{tr("The lag threshold \"%1\" must be a number (%2), not %3.")
                         .arg(name, unitName(which.unit), QString::fromUtf8(it->type_name())),
                     pointerOf(which.name, key), tr("Write a number without quotes; 0 turns the threshold off.")};
    const double value = it->get<double>();
    if (value < 0)
        return Error{tr("The lag threshold \"%1\" must not be negative (it is %2).").arg(name).arg(value),
                     pointerOf(which.name, key), tr("Write 0 to turn the threshold off.")};
    out = value;
    return {};
}

json number(double value)
{
    // Whole numbers stay whole in the file: 268435456, not 268435456.0.
    if (value == std::floor(value) && std::abs(value) < 9.0e15)
        return json(static_cast<std::int64_t>(value));
    return json(value);
}

} // namespace

QString unitName(LagUnit unit)
{
    switch (unit) {
    case LagUnit::Bytes: return QStringLiteral("bytes");
    case LagUnit::Milliseconds: return QStringLiteral("ms");
    case LagUnit::Messages: return QStringLiteral("messages");
    }
    return {};
}

QString formatValue(LagUnit unit, double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("n/a");
    const QString text = formatMagnitude(unit, std::abs(value));
    // No "-0 ms" for a value that rounds to nothing.
    if (value < 0 && text != formatMagnitude(unit, 0))
        return u'-' + text;
    return text;
}

QString levelName(LagLevel level)
{
    switch (level) {
    case LagLevel::Ok: return QStringLiteral("ok");
    case LagLevel::Warning: return QStringLiteral("warning");
    case LagLevel::Critical: return QStringLiteral("critical");
    }
    return {};
}

LagLevel LagThreshold::levelFor(double value) const
{
    if (critical > 0 && value >= critical)
        return LagLevel::Critical;
    if (warning > 0 && value >= warning)
        return LagLevel::Warning;
    return LagLevel::Ok;
}

const LagThreshold &LagThresholds::forSeries(const SeriesKey &key) const
{
    static const LagThreshold off{0, 0};
    const QString &kind = key.databaseKind;
    switch (key.unit) {
    case LagUnit::Bytes: return kind.isEmpty() || kind == QLatin1String("postgres") ? postgresBytes : off;
    case LagUnit::Milliseconds: return kind.isEmpty() || kind == QLatin1String("mysql") ? mysqlMs : off;
    case LagUnit::Messages: return consumerMessages;
    }
    return off;
}

Result<LagThresholds> thresholdsFromJson(const nlohmann::json &json)
{
    LagThresholds thresholds;
    if (json.is_null())
        return thresholds;
    if (!json.is_object())
        return Error{tr("The lag settings must be a JSON object, not %1.").arg(QString::fromUtf8(json.type_name())),
                     QStringLiteral("/lag"), tr("Write {\"postgres\": {...}, \"mysql\": {...}, \"consumer\": {...}}.")};
    for (const Section &section : kSections) {
        const auto it = json.find(section.name);
        if (it == json.end())
            continue;
        if (!it->is_object())
            return Error{tr("\"%1\" in the lag settings must be an object with \"%2\" and \"%3\".")
                             .arg(QLatin1String(section.name), QLatin1String(section.warningKey),
                                  QLatin1String(section.criticalKey)),
                         pointerOf(section.name),
                         tr("Write {\"%1\": {\"%2\": ..., \"%3\": ...}}, or remove \"%1\" for the defaults.")
                             .arg(QLatin1String(section.name), QLatin1String(section.warningKey),
                                  QLatin1String(section.criticalKey))};
        LagThreshold &threshold = thresholds.*section.member;
        if (auto r = readBound(*it, section, section.warningKey, threshold.warning); !r)
            return r.error();
        if (auto r = readBound(*it, section, section.criticalKey, threshold.critical); !r)
            return r.error();
        if (threshold.warning > 0 && threshold.critical > 0 && threshold.warning > threshold.critical)
            return Error{tr("The lag warning threshold \"%1.%2\" (%3) is above the critical one \"%1.%4\" (%5).")
                             .arg(QLatin1String(section.name), QLatin1String(section.warningKey),
                                  formatValue(section.unit, threshold.warning), QLatin1String(section.criticalKey),
                                  formatValue(section.unit, threshold.critical)),
                         pointerOf(section.name),
                         tr("Make the warning at most the critical threshold, or set one of them to 0 to turn it "
                            "off.")};
    }
    return thresholds;
}

nlohmann::json thresholdsToJson(const LagThresholds &thresholds)
{
    json out = json::object();
    for (const Section &section : kSections) {
        const LagThreshold &threshold = thresholds.*section.member;
        out[section.name] = {{section.warningKey, number(threshold.warning)},
                             {section.criticalKey, number(threshold.critical)}};
    }
    return out;
}

QString LagAlert::message() const
{
    const QString subject = series.label.isEmpty() ? series.id : series.label;
    QString amount = formatValue(series.unit, value);
    if (series.unit == LagUnit::Bytes && series.databaseKind == QLatin1String("postgres"))
        amount = tr("%1 of WAL retained").arg(amount);
    else if (series.unit != LagUnit::Bytes)
        amount = tr("%1 behind").arg(amount);
    if (threshold <= 0)
        return QStringLiteral("%1: %2 (%3)").arg(subject, amount, levelName(to));
    const QString bound = formatValue(series.unit, threshold);
    if (to == LagLevel::Ok)
        return tr("%1: %2 (ok again, below %3)").arg(subject, amount, bound);
    return tr("%1: %2 (%3 ≥ %4)").arg(subject, amount, levelName(to), bound);
}

} // namespace cdc::lag
