// SPDX-License-Identifier: GPL-3.0-or-later
// "Did you mean …": the known name closest to one a user typed, for the linter's typo findings.
#pragma once

#include <QString>
#include <QStringList>

namespace cdc::debezium {

// The candidate a user most likely meant by `typed`: the same dotted words with one word missing or
// added (table.field.timestamp for table.field.event.timestamp), or a few letters apart. Empty when no
// candidate is close enough to suggest, or `typed` is itself a candidate.
QString closestName(const QString &typed, const QStringList &candidates);

} // namespace cdc::debezium
