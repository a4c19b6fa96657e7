// SPDX-License-Identifier: GPL-3.0-or-later
// Names and text forms of findings.
#include "finding.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace cdc::doctor {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cdc::doctor", text, nullptr, n);
}

QString indented(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line.prepend(QStringLiteral("    "));
    return lines.join(u'\n');
}

} // namespace

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Ok: return QStringLiteral("ok");
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return {};
}

QString areaName(Area area)
{
    switch (area) {
    case Area::Project: return tr("Project");
    case Area::PostgreSQL: return tr("PostgreSQL");
    case Area::MySQL: return tr("MySQL/MariaDB");
    case Area::KafkaConnect: return tr("Kafka Connect");
    case Area::Kafka: return tr("Kafka");
    case Area::Consumer: return tr("Unified consumer");
    }
    return {};
}

FindingCounts countFindings(const Findings &findings)
{
    FindingCounts c;
    for (const Finding &f : findings) {
        switch (f.severity) {
        case Severity::Ok: ++c.ok; break;
        case Severity::Info: ++c.info; break;
        case Severity::Warning: ++c.warning; break;
        case Severity::Error: ++c.error; break;
        }
    }
    return c;
}

Severity worstSeverity(const Findings &findings)
{
    Severity worst = Severity::Ok;
    for (const Finding &f : findings)
        worst = std::max(worst, f.severity);
    return worst;
}

QString formatFinding(const Finding &f, bool withDetails)
{
    QString line = severityName(f.severity).toUpper().leftJustified(8) + f.check + u' ';
    if (!f.subject.isEmpty())
        line += f.subject + QStringLiteral(": ");
    line += f.title;
    if (!withDetails)
        return line;
    if (!f.evidence.isEmpty())
        line += u'\n' + QStringLiteral("  evidence:\n") + indented(f.evidence);
    if (!f.fix.isEmpty())
        line += u'\n' + QStringLiteral("  fix:\n") + indented(f.fix);
    if (!f.guide.isEmpty())
        line += u'\n' + QStringLiteral("  guide: ") + f.guide;
    return line;
}

QJsonObject findingToJson(const Finding &f)
{
    QJsonObject o{{QStringLiteral("check"), f.check},
                  {QStringLiteral("area"), areaName(f.area)},
                  {QStringLiteral("severity"), severityName(f.severity)},
                  {QStringLiteral("subject"), f.subject},
                  {QStringLiteral("title"), f.title},
                  {QStringLiteral("evidence"), f.evidence},
                  {QStringLiteral("fix"), f.fix},
                  {QStringLiteral("guide"), f.guide},
                  {QStringLiteral("applicable"), f.applicable()}};
    if (!f.databaseKind.isEmpty())
        o.insert(QStringLiteral("databaseKind"), f.databaseKind);
    return o;
}

QString countText(Severity severity, int n)
{
    auto count = [n](const char *one, const char *many) { return n == 1 ? tr(one) : tr(many).arg(n); };
    switch (severity) {
    case Severity::Error: return count("1 error", "%1 errors");
    case Severity::Warning: return count("1 warning", "%1 warnings");
    case Severity::Info: return count("1 note", "%1 notes");
    case Severity::Ok: break;
    }
    return tr("%1 passed").arg(n);
}

QString summaryText(const FindingCounts &c)
{
    QStringList parts;
    parts << countText(Severity::Error, c.error) << countText(Severity::Warning, c.warning);
    if (c.info > 0)
        parts << countText(Severity::Info, c.info);
    parts << countText(Severity::Ok, c.ok);
    return parts.join(QStringLiteral(", "));
}

} // namespace cdc::doctor
