// SPDX-License-Identifier: GPL-3.0-or-later
// PostgreSQL checks for the connectors that read one server and database as one role: wal_level, free
// replication slots and WAL senders, REPLICATION and SELECT on the captured tables, the publication,
// the slot (exists, active, retained WAL), replica identity, and the outbox table's columns.
// Blocking (Qt SQL): the Doctor runs it on a worker thread.
#pragma once

#include "doctor/connectchecks.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"

namespace cdc::doctor {

// `worker` (may be null, or not reached) tells whether a connector is deployed: a missing slot is an
// error only for a connector the worker runs.
Findings runPostgresChecks(const PostgresTarget &target, const WorkerState *worker, int timeoutSeconds);

} // namespace cdc::doctor
