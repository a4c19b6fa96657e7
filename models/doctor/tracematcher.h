// SPDX-License-Identifier: GPL-3.0-or-later
// A FAILED task's trace matched against the known causes of the troubleshooting guide.
#pragma once

#include "doctor/troubleshootingguide.h"

#include <QString>

#include <optional>

namespace cdc::doctor {

struct TraceMatch
{
    const GuideEntry *entry = nullptr;
    QString line; // the line of the trace that matched, trimmed
};

// The first guide entry (in guide order) with a marker on one line of `trace`; nothing when none matches.
std::optional<TraceMatch> matchTrace(const QString &trace);

} // namespace cdc::doctor
