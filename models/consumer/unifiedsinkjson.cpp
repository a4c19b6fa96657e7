// SPDX-License-Identifier: GPL-3.0-or-later
// The Kafka sink's JSON records and Flink's text forms of an instant.
#include "consumer/unifiedsinkjson.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

namespace cdc::consumer {

namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

} // namespace

QByteArray unifiedSinkJson(const UnifiedRow &row, qint64 eventTimeMs, bool payloadIsNull)
{
    // ordered_json: Flink writes the fields in the sink table's order, and so do we.
    nlohmann::ordered_json json;
    json["composite_key"] = utf8(row.compositeKey);
    json["aggregate_id"] = utf8(row.aggregateId);
    json["aggregate_type"] = utf8(row.aggregateType);
    json["source_database"] = utf8(row.sourceDatabase);
    json["event_type"] =
        row.eventType.isNull() ? nlohmann::ordered_json() : nlohmann::ordered_json(utf8(row.eventType));
    json["event_id"] = utf8(row.eventId);
    json["event_time"] = utf8(flinkJsonTimestamp(eventTimeMs));
    json["payload"] = payloadIsNull ? nlohmann::ordered_json() : nlohmann::ordered_json(utf8(row.payload));
    const std::string text = json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString flinkJsonTimestamp(qint64 epochMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
    QString text = at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (const int ms = int(at.time().msec()); ms != 0) {
        QString fraction = QStringLiteral("%1").arg(ms, 3, 10, QLatin1Char('0'));
        while (fraction.endsWith(u'0'))
            fraction.chop(1);
        text += u'.' + fraction;
    }
    return text + u'Z';
}

QString instantText(qint64 epochMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
    // Instant.toString(): milliseconds as three digits, none for a whole second.
    return at.toString(at.time().msec() != 0 ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")
                                             : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

} // namespace cdc::consumer
