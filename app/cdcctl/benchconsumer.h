// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl bench consumer`: the generated unified-consumer job's rate on the real broker next to kcat's.
#pragma once

#include <QCommandLineParser>

namespace cdc::cli {

void describeBenchConsumer(QCommandLineParser &parser);
// The bench topics hold `events` (filled when not); the best of `runs` runs counts.
int runBenchConsumer(const QCommandLineParser &parser, qint64 events, int runs);

} // namespace cdc::cli
