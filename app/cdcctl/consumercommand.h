// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl consumer`: the project's unified consumer (the generated PyFlink job) run for real.
#pragma once

#include <QCommandLineParser>

namespace cdc::cli {

void describeConsumer(QCommandLineParser &parser);
int runConsumer(const QCommandLineParser &parser);

} // namespace cdc::cli
