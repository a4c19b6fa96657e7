// SPDX-License-Identifier: GPL-3.0-or-later
// The troubleshooting guide as data: symptom -> cause -> check -> fix, each entry naming the Doctor
// checks that detect it, and the patterns of a FAILED task's trace that point to it.
#pragma once

#include "doctor/finding.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace cdc::doctor {

struct GuideEntry
{
    QString id;         // stable, used as the finding's `guide` and as an anchor
    QString symptom;    // what a person sees
    QString cause;      // why it happens
    QString check;      // how to confirm it by hand
    QString fix;        // what to do
    QStringList checks; // the Doctor checks that detect it ("pg.wal-level", ...)
    // Lower-case fragments of a task's trace that point to this cause; "a&&b" needs both on one line.
    QStringList traceMarkers;
};

const std::vector<GuideEntry> &troubleshootingGuide();
const GuideEntry *findGuideEntry(const QString &id);
// The entry a check belongs to (the first that lists it), or null.
const GuideEntry *guideEntryForCheck(const QString &check);

// A database server's finding: the guide entry of `check` is linked when it is a problem (warning, error).
Finding serverFinding(Area area, const QString &check, Severity severity, const QString &server, const QString &title,
                      const QString &evidence, const QString &fix = {});

} // namespace cdc::doctor
