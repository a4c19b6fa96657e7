// SPDX-License-Identifier: GPL-3.0-or-later
// Line by line, so "a&&b" markers only match when both parts say it in the same sentence.
#include "tracematcher.h"

#include <QStringList>

namespace cdc::doctor {

namespace {

bool lineMatches(const QString &lowerLine, const QString &marker)
{
    const QStringList parts = marker.split(QStringLiteral("&&"));
    for (const QString &part : parts) {
        if (!lowerLine.contains(part))
            return false;
    }
    return true;
}

} // namespace

std::optional<TraceMatch> matchTrace(const QString &trace)
{
    const QStringList lines = trace.split(u'\n', Qt::SkipEmptyParts);
    for (const GuideEntry &entry : troubleshootingGuide()) {
        for (const QString &line : lines) {
            const QString lower = line.toLower();
            // Stack frames name classes, not causes ("at io.debezium.connector.mysql.MySqlSchemaHistory...").
            if (lower.trimmed().startsWith(QLatin1String("at ")))
                continue;
            for (const QString &marker : entry.traceMarkers) {
                if (lineMatches(lower, marker))
                    return TraceMatch{&entry, line.trimmed()};
            }
        }
    }
    return std::nullopt;
}

} // namespace cdc::doctor
