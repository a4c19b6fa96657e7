// SPDX-License-Identifier: GPL-3.0-or-later
// MySQL/MariaDB checks for the connectors that read one server as one user: the binary log (on, ROW,
// FULL row images, no compression or partial JSON), binlog retention, server_id against every connector's
// database.server.id, the user's grants, and the outbox table's columns.
// Blocking (Qt SQL): the Doctor runs it on a worker thread.
#pragma once

#include "doctor/doctorplan.h"
#include "doctor/finding.h"

namespace cdc::doctor {

Findings runMySqlChecks(const MySqlTarget &target, int timeoutSeconds);

} // namespace cdc::doctor
