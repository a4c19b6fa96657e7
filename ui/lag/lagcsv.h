// SPDX-License-Identifier: GPL-3.0-or-later
// Every lag series of a monitor over one time range as one CSV file, for a spreadsheet or a bug report.
#pragma once

#include "core/result.h"

#include <QString>

namespace cdc::lag {
class LagMonitor;
}

namespace cdc::ui {

// "series,label,unit,time_iso,time_ms,min,max,mean" rows, series after series, each at the finest tier
// that covers [fromMs, toMs] (TimeSeries::writeCsv); written atomically.
Result<void> writeLagCsv(const lag::LagMonitor &monitor, qint64 fromMs, qint64 toMs, const QString &path);

} // namespace cdc::ui
