// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl bench ingest`: the live path's throughput on the real broker next to kcat's on the same topics.
#pragma once

#include <QCommandLineParser>

namespace cdc::cli {

// Exit code when the broker is not there and CDC_REQUIRE_STACK is not 1 (CTest's SKIP_RETURN_CODE).
inline constexpr int kExitSkipped = 77;

void describeBench(QCommandLineParser &parser);
int runBench(const QCommandLineParser &parser);

} // namespace cdc::cli
