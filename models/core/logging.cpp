// SPDX-License-Identifier: GPL-3.0-or-later
// Definitions of the core's logging categories.
#include "logging.h"

Q_LOGGING_CATEGORY(lcTopology, "cdc.topology", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProject, "cdc.project", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStream, "cdc.stream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLag, "cdc.lag", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSandbox, "cdc.sandbox", QtInfoMsg)
