// SPDX-License-Identifier: GPL-3.0-or-later
// The properties a node of each kind understands, for the editor.
#include "propertyhints.h"

#include <QCoreApplication>

namespace cdc::topology {

QList<PropertyHint> nodePropertyHints(NodeKind kind)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("NodeKind", text); };
    if (kind != NodeKind::Consumer)
        return {};
    return {
        {QStringLiteral("group.id"), QStringLiteral("unified-orders"),
         tr("The Kafka consumer group the job commits its offsets under, at each checkpoint; the Lag panel charts "
            "its lag.")},
        {QStringLiteral("startup.mode"), QStringLiteral("group-offsets"),
         tr("Where a run starts reading: group-offsets (where the group stopped, else the earliest), earliest-offset "
            "or latest-offset.")},
        {QStringLiteral("parallelism"), QStringLiteral("1"),
         tr("How many parallel instances each operator runs (1 to 1024).")},
        {QStringLiteral("flink.rest.url"), QStringLiteral("http://127.0.0.1:8081"),
         tr("A Flink JobManager's REST address: Run submits the job to that cluster and watches it there. Empty: Run "
            "starts a local Flink in a child process.")},
    };
}

} // namespace cdc::topology
