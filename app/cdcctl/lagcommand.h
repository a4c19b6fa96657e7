// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl lag`: the project's lag samplers (the same as the GUI's) headless: one line per series, or
// one per sample with --watch.
#pragma once

#include <QCommandLineParser>

namespace cdc::cli {

void describeLag(QCommandLineParser &parser);
int runLag(const QCommandLineParser &parser);

} // namespace cdc::cli
