// SPDX-License-Identifier: GPL-3.0-or-later
// The verification checklist: infrastructure first, then event flow (one connector alone, then both).
// Items tick themselves from the Doctor's findings; the ones no check can see are ticked by a person.
#pragma once

#include "doctor/finding.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace cdc::doctor {

struct ChecklistItem
{
    QString id;
    QString section; // "Infrastructure", "Event flow"
    QString text;
    QStringList checks; // the findings that decide it; empty: a person ticks it
    QStringList kinds;  // databaseKind of those findings ("postgres", "mysql"); empty: any
    QString hint;       // how to do it by hand (manual items) or what it proves
};

enum class ItemState { Pending, Passed, Failed };

QString itemStateName(ItemState state); // "pending", "passed", "failed"

const std::vector<ChecklistItem> &verificationChecklist();

// The state of one item: Failed when a deciding finding is a warning or an error; Passed when every
// deciding finding is ok and each of `kinds` has one; else Pending. A manual item is Passed when its id
// is in `ticked`.
ItemState evaluateItem(const ChecklistItem &item, const Findings &findings, const QSet<QString> &ticked);

struct ChecklistProgress
{
    int passed = 0, failed = 0, pending = 0;
};
ChecklistProgress checklistProgress(const Findings &findings, const QSet<QString> &ticked);

} // namespace cdc::doctor
