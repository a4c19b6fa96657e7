// SPDX-License-Identifier: GPL-3.0-or-later
// What is wrong with a running pipeline, as values: a FAILED connector or task, a lag series past a
// threshold, each an issue with a severity, the node it belongs to and words with the live value; and
// the one summary every view shows ("1 error, 1 warning"). Pure functions, no event loop.
#pragma once

#include "connect/connecttypes.h"
#include "doctor/finding.h"
#include "lag/lagtypes.h"

#include <QHash>
#include <QList>
#include <QString>

namespace cdc::health {

// Error: FAILED, or past a critical threshold. Warning: past a warning threshold.
enum class Severity { Ok, Warning, Error };
QString severityName(Severity severity); // "ok", "warning", "error"
Severity severityOf(lag::LagLevel level);

struct LiveIssue
{
    enum class Kind { ConnectorFailed, TaskFailed, ConsumerFailed, ConsumerWaiting, Lag, Doctor };
    Kind kind = Kind::TaskFailed;
    Severity severity = Severity::Error;
    QString key;        // stable while it lasts: "connector:NAME", "task:NAME/0", "consumer:NODE-ID", "lag:SERIES-ID",
                        // "doctor:CHECK/SUBJECT"
    QString nodeId;     // the topology node it is about; empty when no node matches
    QString subject;    // who: the connector, or the lagging node (the series' label when no node matches)
    QString title;      // what, with the live value: "task 0 FAILED", "lag warning — 4.3 MB behind"
    QString detail;     // the trace's useful line, or the series and its bound: "PostgreSQL slot debezium
                        // (warning ≥ 4.0 MB)"
    QString suggestion; // what to do about it
    QString statusText; // the status bar's words: "postgres-outbox: task 0 FAILED", "Lag: PostgreSQL warning — …"

    bool operator==(const LiveIssue &) const = default;
};

// The FAILED connectors and tasks among `connectors`, in name (task id) order. `nodeOfConnector`: a
// connector's name → its topology node.
QList<LiveIssue> connectorIssues(const QList<connect::ConnectorOverview> &connectors,
                                 const QHash<QString, QString> &nodeOfConnector);

// The unified consumer's job, FAILED or stopped unexpectedly (`state`: "FAILED", "STOPPED UNEXPECTEDLY"),
// with the line that says why and what to do.
LiveIssue consumerIssue(const QString &nodeId, const QString &nodeName, const QString &state, const QString &reason,
                        const QString &suggestion);

// The unified consumer's job runs but one of its source patterns matches no topic yet (`warning`: the
// sentence that says which, on which brokers): a warning until the topic appears.
LiveIssue consumerWaitingIssue(const QString &nodeId, const QString &nodeName, const QString &warning, int index);

// The errors and warnings of the Doctor's last run, as issues that last until its next run: what the
// Doctor found joins the one count the status bar, Diagnostics and the nodes show. Its findings of the
// project's own checks and of connector states are left out (the project's diagnostics and the
// connectors' live issues count them already). `nodeOfConnector`:
// a connector's name → its node; `nodeOfArea`: "postgres", "mysql", "connect" → the project's one node of
// that kind, when it has exactly one.
QList<LiveIssue> doctorIssues(const doctor::Findings &findings, const QHash<QString, QString> &nodeOfConnector,
                              const QHash<QString, QString> &nodeOfArea);

// A series at `level` (not Ok), worded with its current `value`: the same number and unit everywhere.
// `subject`: the node's name, or empty for the series' label.
LiveIssue lagIssue(const lag::SeriesKey &series, lag::LagLevel level, double value, const lag::LagThreshold &threshold,
                   const QString &subject);

// "PostgreSQL", "MySQL", or "consumer <label>": who is behind, for people.
QString lagSubject(const lag::SeriesKey &series);

// Errors first, then warnings; failures before lag; then by subject and key.
void sortIssues(QList<LiveIssue> &issues);

// What a node of the canvas shows.
struct NodeHealth
{
    QString state;                    // a connector node: its connector's worstState(); empty: none known
    QString stateDetail;              // said after the state: the unified consumer's rate ("120 ev/s")
    Severity severity = Severity::Ok; // the worst of its live issues
    QString summary;                  // its live issues, one a line, for the tooltip

    bool operator==(const NodeHealth &) const = default;
};

// The one summary of a pipeline's problems: the project's checks and the live issues together.
struct HealthSummary
{
    Severity severity = Severity::Ok;
    int errors = 0;
    int warnings = 0;
    QString counts; // "1 error, 1 warning", "2 errors", or "No problems": the status bar and Diagnostics say it
    // The lag's own line: the worst lag issue ("Lag: PostgreSQL warning — 4.3 MB behind (+1 more)");
    // "Lag: OK" only while there are series and no live issue at all; empty otherwise.
    QString lagText;
    Severity lagSeverity = Severity::Ok;

    bool operator==(const HealthSummary &) const = default;
};

// `issues` sorted (sortIssues); `haveLagSeries`: some lag series has samples.
HealthSummary summarize(int projectErrors, int projectWarnings, const QList<LiveIssue> &issues, bool haveLagSeries);

} // namespace cdc::health
