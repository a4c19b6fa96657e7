// SPDX-License-Identifier: GPL-3.0-or-later
// The checks of a Doctor run, in order: the project's own diagnostics, Kafka Connect, each database, Kafka
// (the database and Kafka checks need to know which connectors the worker runs). Each check is a blocking
// function with a deadline; a run (doctorrun.h) calls each on a thread of its own and stops waiting for
// it at its deadline or at Cancel.
#pragma once

#include "doctor/connectchecks.h"
#include "doctor/doctorplan.h"
#include "doctor/finding.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace cdc::doctor {

// What a check learns that later checks use: the worker's answer (which connectors are deployed).
struct DoctorContext
{
    std::optional<WorkerState> worker;
    const WorkerState *knownWorker() const { return worker ? &*worker : nullptr; }
};

struct DoctorCheck
{
    QString id;   // "connect", "postgres 127.0.0.1:5432", "kafka": names the deadline's finding
    QString what; // the progress line: "Asking Kafka at 127.0.0.1:9092"
    Area area = Area::Project;
    QString subject;    // what it asks: "Kafka 127.0.0.1:9092"
    int deadlineMs = 0; // the run stops waiting for it then
    // Blocking, on its own thread; reads and may add to its copy of the context.
    std::function<Findings(DoctorContext &context)> run;
};
using DoctorChecks = std::vector<DoctorCheck>;
// What a run is made of; tests give their own (a check that blocks, say).
using DoctorCheckFactory = std::function<DoctorChecks(const DoctorPlan &plan, const DoctorOptions &options)>;

// The project's linter and topology diagnostics as findings (area Project); one ok finding when clean.
Findings projectFindings(const topology::Project &project);

// Each check waits at most for the servers it asks, one after another, each within options.timeoutSeconds:
// four of those and two seconds more.
int checkDeadlineMs(const DoctorOptions &options);

// The checks `options` selects for `plan`, in the order above.
DoctorChecks doctorChecks(const DoctorPlan &plan, const DoctorOptions &options);

// A note (Info) that the sandbox simulates the databases and the consumer, which are therefore not checked.
Finding simulatedFinding();

// A warning that `check` did not finish within its deadline and the run went on without it.
Finding deadlineFinding(const DoctorCheck &check);

} // namespace cdc::doctor
