// SPDX-License-Identifier: GPL-3.0-or-later
// Kafka Connect checks: the Debezium plugins on the worker and their versions; each project connector's
// state, a FAILED task's trace matched against the guide's known causes; and MySQL server ids that clash
// with another connector already on the worker. Pure functions over what the worker answered, plus one
// blocking fetch for the Doctor's worker thread.
#pragma once

#include "connect/connecttypes.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"

#include <QList>
#include <QString>

namespace cdc::doctor {

// What the worker said, or why it said nothing.
struct WorkerState
{
    bool reached = false;
    QString url;
    QString error; // when not reached
    QList<connect::PluginInfo> plugins;
    QStringList pluginClasses; // every plugin (transforms, predicates, converters too); empty when not listed
    QList<connect::ConnectorOverview> connectors;

    const connect::ConnectorOverview *find(const QString &name) const;
};

// GET /connector-plugins (and ?connectorsOnly=false) and GET /connectors?expand=status&expand=info. Blocking: runs a
// local event loop, so call it on a worker thread (never the GUI thread).
WorkerState fetchWorkerState(const connect::ClusterSettings &cluster, int timeoutMs);

// An error finding when the worker was not reached; else one finding per connector class the project
// uses (missing: error), and a warning when the Debezium plugins on the worker differ in version.
Findings checkPlugins(const WorkerState &worker, const DoctorPlan &plan);
// Per project connector: not deployed (info), RUNNING (ok), PAUSED/STOPPED (info), UNASSIGNED or
// RESTARTING (warning), FAILED (error with the matched cause and a restart to apply).
Findings checkConnectorStates(const WorkerState &worker, const DoctorPlan &plan);
// MySQL/MariaDB project connectors whose database.server.id another connector on the worker (another
// name, same database server) already uses.
Findings checkWorkerServerIds(const WorkerState &worker, const DoctorPlan &plan);

} // namespace cdc::doctor
