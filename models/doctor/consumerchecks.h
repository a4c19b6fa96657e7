// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer's prerequisites, for a project with a PyFlink consumer node: PyFlink at the
// pinned version in the Python `stack/flink fetch` made, Flink's Kafka connector jar, and Java 17 or
// newer. Blocking (it starts python and java with deadlines); run on a Doctor check's own thread.
#pragma once

#include "doctor/finding.h"
#include "topology/projectfile.h"

namespace cdc::doctor {

// A finding of the unified consumer's area (Area::Consumer) about `subject`, the consumer node.
Finding consumerFinding(const QString &check, Severity severity, const QString &subject);

// The PyFlink version the generated job is tested with (stack/consumer/requirements.txt).
inline constexpr const char *kPinnedPyFlinkVersion = "2.2.0";

// No findings when the project has no PyFlink consumer node.
Findings runConsumerChecks(const topology::Project &project, int timeoutMs);

// "17" from `java -version`'s output ("openjdk version \"17.0.13\" …", or "1.8.0_392" → 8); 0 when unknown.
int javaMajorVersion(const QString &versionOutput);

} // namespace cdc::doctor
