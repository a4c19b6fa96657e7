// SPDX-License-Identifier: GPL-3.0-or-later
// Live issues from connector states and lag levels, their order, and the summary's words.
#include "health/healthtypes.h"

#include "doctor/tracematcher.h"
#include "doctor/troubleshootingguide.h"

#include <QCoreApplication>

#include <algorithm>
#include <tuple>

namespace cdc::health {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HealthTypes", text);
}

// The line of a trace that says what happened (the same one the Connectors panel shows), and what to
// do: the troubleshooting guide's fix when the trace matches a known cause.
void describeFailure(const QString &trace, LiveIssue &issue)
{
    issue.detail =
        trace.isEmpty() ? tr("Kafka Connect gave no trace for this failure.") : connect::firstUsefulTraceLine(trace);
    if (const auto match = doctor::matchTrace(trace); match && match->entry)
        issue.suggestion = match->entry->fix;
    else if (const doctor::GuideEntry *generic = doctor::findGuideEntry(QStringLiteral("task-failed")))
        issue.suggestion = generic->fix;
}

int kindOrder(LiveIssue::Kind kind)
{
    return kind == LiveIssue::Kind::Doctor ? 2 : kind == LiveIssue::Kind::Lag ? 1 : 0;
}

QString countOf(int n, const char *one, const char *many)
{
    return n == 1 ? tr(one) : tr(many).arg(n);
}

} // namespace

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Ok: return QStringLiteral("ok");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return {};
}

Severity severityOf(lag::LagLevel level)
{
    switch (level) {
    case lag::LagLevel::Ok: return Severity::Ok;
    case lag::LagLevel::Warning: return Severity::Warning;
    case lag::LagLevel::Critical: return Severity::Error;
    }
    return Severity::Ok;
}

QList<LiveIssue> connectorIssues(const QList<connect::ConnectorOverview> &connectors,
                                 const QHash<QString, QString> &nodeOfConnector)
{
    QList<LiveIssue> out;
    for (const connect::ConnectorOverview &c : connectors) {
        const QString name = c.status.name.isEmpty() ? c.info.name : c.status.name;
        if (c.status.state == QLatin1String("FAILED")) {
            LiveIssue issue;
            issue.kind = LiveIssue::Kind::ConnectorFailed;
            issue.key = QStringLiteral("connector:") + name;
            issue.nodeId = nodeOfConnector.value(name);
            issue.subject = name;
            issue.title = tr("connector FAILED");
            issue.statusText = tr("%1 FAILED").arg(name);
            describeFailure(c.status.trace, issue);
            out << issue;
        }
        QList<connect::TaskStatus> tasks = c.status.tasks;
        std::sort(tasks.begin(), tasks.end(),
                  [](const connect::TaskStatus &a, const connect::TaskStatus &b) { return a.id < b.id; });
        for (const connect::TaskStatus &t : std::as_const(tasks)) {
            if (t.state != QLatin1String("FAILED"))
                continue;
            LiveIssue issue;
            issue.kind = LiveIssue::Kind::TaskFailed;
            issue.key = QStringLiteral("task:%1/%2").arg(name).arg(t.id);
            issue.nodeId = nodeOfConnector.value(name);
            issue.subject = name;
            issue.title = tr("task %1 FAILED").arg(t.id);
            issue.statusText = tr("%1: task %2 FAILED").arg(name).arg(t.id);
            describeFailure(t.trace, issue);
            out << issue;
        }
    }
    return out;
}

QString lagSubject(const lag::SeriesKey &series)
{
    if (series.databaseKind == QLatin1String("postgres"))
        return tr("PostgreSQL");
    if (series.databaseKind == QLatin1String("mysql"))
        return tr("MySQL");
    return tr("consumer %1").arg(series.label);
}

LiveIssue consumerIssue(const QString &nodeId, const QString &nodeName, const QString &state, const QString &reason,
                        const QString &suggestion)
{
    LiveIssue issue;
    issue.kind = LiveIssue::Kind::ConsumerFailed;
    issue.severity = Severity::Error;
    issue.key = QStringLiteral("consumer:") + nodeId;
    issue.nodeId = nodeId;
    issue.subject = nodeName;
    issue.title = QCoreApplication::translate("Health", "consumer %1").arg(state);
    issue.detail = reason;
    issue.suggestion = suggestion;
    issue.statusText = nodeName + QStringLiteral(": ") + issue.title;
    return issue;
}

LiveIssue consumerWaitingIssue(const QString &nodeId, const QString &nodeName, const QString &warning, int index)
{
    LiveIssue issue;
    issue.kind = LiveIssue::Kind::ConsumerWaiting;
    issue.severity = Severity::Warning;
    issue.key = QStringLiteral("consumer-topic:%1/%2").arg(nodeId).arg(index);
    issue.nodeId = nodeId;
    issue.subject = nodeName;
    issue.title = QCoreApplication::translate("Health", "consumer waits for a topic");
    issue.detail = warning;
    issue.suggestion = QCoreApplication::translate(
        "Health", "Deploy the connectors and write an outbox row: the Event Router creates its topics with the first "
                  "event, and the job picks them up within 10 s. Or correct the topic node's pattern.");
    issue.statusText = nodeName + QStringLiteral(": ") + issue.title;
    return issue;
}

QList<LiveIssue> doctorIssues(const doctor::Findings &findings, const QHash<QString, QString> &nodeOfConnector,
                              const QHash<QString, QString> &nodeOfArea)
{
    QList<LiveIssue> out;
    for (const doctor::Finding &f : findings) {
        // The project's checks are counted already; so are connector and task states, which the
        // connectors model keeps more current than a run's snapshot of them.
        if (f.area == doctor::Area::Project || f.check == QLatin1String("connect.connector-state"))
            continue;
        if (f.severity != doctor::Severity::Error && f.severity != doctor::Severity::Warning)
            continue;
        LiveIssue issue;
        issue.kind = LiveIssue::Kind::Doctor;
        issue.severity = f.severity == doctor::Severity::Error ? Severity::Error : Severity::Warning;
        issue.key = QStringLiteral("doctor:%1/%2").arg(f.check, f.subject);
        const auto sameKey = std::count_if(out.cbegin(), out.cend(), [&](const LiveIssue &i) {
            return i.key == issue.key || i.key.startsWith(issue.key + u'#');
        });
        if (sameKey > 0)
            issue.key += u'#' + QString::number(sameKey + 1);
        issue.nodeId = nodeOfConnector.value(f.subject);
        if (issue.nodeId.isEmpty()) {
            switch (f.area) {
            case doctor::Area::PostgreSQL: issue.nodeId = nodeOfArea.value(QStringLiteral("postgres")); break;
            case doctor::Area::MySQL: issue.nodeId = nodeOfArea.value(QStringLiteral("mysql")); break;
            case doctor::Area::KafkaConnect: issue.nodeId = nodeOfArea.value(QStringLiteral("connect")); break;
            default: break;
            }
        }
        issue.subject = f.subject;
        issue.title = QCoreApplication::translate("Health", "Doctor: %1").arg(f.title);
        issue.detail = f.evidence.section(u'\n', 0, 0);
        issue.suggestion = f.fix;
        issue.statusText = QCoreApplication::translate("Health", "Doctor: %1: %2").arg(f.subject, f.title);
        out << issue;
    }
    return out;
}

LiveIssue lagIssue(const lag::SeriesKey &series, lag::LagLevel level, double value, const lag::LagThreshold &threshold,
                   const QString &subject)
{
    LiveIssue issue;
    issue.kind = LiveIssue::Kind::Lag;
    issue.severity = severityOf(level);
    issue.key = QStringLiteral("lag:") + series.id;
    issue.nodeId = series.nodeId;
    issue.subject = subject.isEmpty() ? (series.label.isEmpty() ? series.id : series.label) : subject;
    const QString amount = lag::formatValue(series.unit, value);
    issue.title = tr("lag %1 — %2 behind").arg(lag::levelName(level), amount);
    // The value is in the title (the one of now, not the one at the crossing); here what and the bound.
    const double bound = level == lag::LagLevel::Critical ? threshold.critical : threshold.warning;
    issue.detail = tr("%1 (%2 ≥ %3)")
                       .arg(series.label.isEmpty() ? series.id : series.label, lag::levelName(level),
                            lag::formatValue(series.unit, bound));
    issue.statusText = tr("Lag: %1 %2 — %3 behind").arg(lagSubject(series), lag::levelName(level), amount);
    issue.suggestion = series.unit == lag::LagUnit::Bytes && series.databaseKind == QLatin1String("postgres")
                           ? tr("The slot keeps every WAL byte until the connector confirms it: bring the connector "
                                "back, or find what slows it in the Lag panel.")
                           : tr("Find what slows the reader in the Lag panel; the thresholds are the project's "
                                "(Lag ▸ Thresholds).");
    return issue;
}

void sortIssues(QList<LiveIssue> &issues)
{
    std::stable_sort(issues.begin(), issues.end(), [](const LiveIssue &a, const LiveIssue &b) {
        return std::tuple(-int(a.severity), kindOrder(a.kind), a.subject, a.key) <
               std::tuple(-int(b.severity), kindOrder(b.kind), b.subject, b.key);
    });
}

HealthSummary summarize(int projectErrors, int projectWarnings, const QList<LiveIssue> &issues, bool haveLagSeries)
{
    HealthSummary s;
    s.errors = projectErrors;
    s.warnings = projectWarnings;
    const LiveIssue *topLag = nullptr;
    int lagCount = 0;
    for (const LiveIssue &issue : issues) {
        s.errors += issue.severity == Severity::Error;
        s.warnings += issue.severity == Severity::Warning;
        if (issue.kind == LiveIssue::Kind::Lag) {
            if (!topLag)
                topLag = &issue;
            ++lagCount;
        }
    }
    s.severity = s.errors > 0 ? Severity::Error : s.warnings > 0 ? Severity::Warning : Severity::Ok;
    if (s.errors > 0 && s.warnings > 0)
        s.counts = countOf(s.errors, "1 error", "%1 errors") + QStringLiteral(", ") +
                   countOf(s.warnings, "1 warning", "%1 warnings");
    else if (s.errors > 0)
        s.counts = countOf(s.errors, "1 error", "%1 errors");
    else if (s.warnings > 0)
        s.counts = countOf(s.warnings, "1 warning", "%1 warnings");
    else
        s.counts = tr("No problems");

    if (topLag) {
        s.lagText = topLag->statusText;
        if (lagCount > 1)
            s.lagText += tr(" (+%1 more)").arg(lagCount - 1);
        s.lagSeverity = topLag->severity;
    } else if (issues.isEmpty() && haveLagSeries) {
        s.lagText = tr("Lag: OK");
    }
    return s;
}

} // namespace cdc::health
