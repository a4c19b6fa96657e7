// SPDX-License-Identifier: GPL-3.0-or-later
// What one Doctor check found: severity, the evidence it rests on (the query or REST call and what came
// back), the fix to copy, whether applying it from the tool is safe, and the troubleshooting entry it
// belongs to. Formatting for the CLI (text and JSON) lives here too.
#pragma once

#include "core/sqlconnection.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace cdc::doctor {

enum class Severity { Ok, Info, Warning, Error };
enum class Area { Project, PostgreSQL, MySQL, KafkaConnect, Kafka, Consumer };

QString severityName(Severity severity); // "ok", "info", "warning", "error"
QString areaName(Area area); // "Project", "PostgreSQL", "MySQL/MariaDB", "Kafka Connect", "Kafka", "Unified consumer"

// What the Apply button does. Only findings whose fix is safe to run without a person's judgement
// carry one (creating a missing publication, restarting a FAILED connector's tasks).
struct ApplyAction
{
    enum class Kind { None, Sql, RestartConnector } kind = Kind::None;
    SqlEndpoint endpoint;      // Sql: where to run `statement`
    QString passwordReference; // Sql: ${env:…}/${file:…}; resolved only when applied
    QString statement;         // Sql: one statement
    QString connectUrl;        // RestartConnector: the worker
    QString connector;         // RestartConnector: its name
};

struct Finding
{
    QString check; // stable id of the check, e.g. "pg.wal-level"
    Area area = Area::Project;
    Severity severity = Severity::Ok;
    QString subject;      // what was looked at: "PostgreSQL 127.0.0.1:5432", a connector's name, ...
    QString databaseKind; // "postgres", "mysql" or empty: which side of the pipeline (for the checklist)
    QString title;        // one sentence
    QString evidence;     // the query or request, and what it returned; never a password
    QString fix;          // SQL or config text a person can copy; empty when nothing is to be done
    QString guide;        // id of the troubleshooting entry, may be empty
    ApplyAction apply;    // kind None unless applying the fix is safe

    bool applicable() const { return apply.kind != ApplyAction::Kind::None; }
};

using Findings = std::vector<Finding>;

// Counts by severity, and the worst one (Ok for none).
struct FindingCounts
{
    int ok = 0, info = 0, warning = 0, error = 0;
};
FindingCounts countFindings(const Findings &findings);
Severity worstSeverity(const Findings &findings);

// "ERROR  pg.wal-level  PostgreSQL 127.0.0.1:5432: wal_level is replica; ..." then indented evidence and fix.
QString formatFinding(const Finding &finding, bool withDetails);
QJsonObject findingToJson(const Finding &finding);
// "1 error", "3 warnings", "2 notes", "14 passed".
QString countText(Severity severity, int n);
// "2 errors, 1 warning, 14 passed"
QString summaryText(const FindingCounts &counts);

} // namespace cdc::doctor
