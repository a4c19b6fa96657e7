// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl demo`: the sandbox headless (mock Kafka, simulated Kafka Connect, both databases), for
// workshops, scripts and tests. First lines: bootstrap=HOST:PORT and connect=http://HOST:PORT; then a
// line per second with events per second and lag for each source.
#pragma once

#include <QCommandLineParser>

namespace cdc::cli {

void describeDemo(QCommandLineParser &parser);
int runDemo(const QCommandLineParser &parser);

} // namespace cdc::cli
