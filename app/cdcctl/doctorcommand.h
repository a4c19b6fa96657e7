// SPDX-License-Identifier: GPL-3.0-or-later
// `cdcctl doctor`: the Doctor's checks of a project, headless: one line per finding (with --details, the
// evidence and the fix under it), or one JSON document; exit 1 when any check found an error.
#pragma once

#include <QCommandLineParser>

namespace cdc::cli {

void describeDoctor(QCommandLineParser &parser);
int runDoctor(const QCommandLineParser &parser);

} // namespace cdc::cli
