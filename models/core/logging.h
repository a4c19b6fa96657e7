// SPDX-License-Identifier: GPL-3.0-or-later
// Logging categories, one per core module, so a user can turn on one area (QT_LOGGING_RULES="cdc.topology.debug=true").
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcTopology)
Q_DECLARE_LOGGING_CATEGORY(lcProject)
Q_DECLARE_LOGGING_CATEGORY(lcStream)
Q_DECLARE_LOGGING_CATEGORY(lcLag)
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
