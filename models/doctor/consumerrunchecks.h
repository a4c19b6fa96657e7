// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer as it runs: the Flink cluster its node names in flink.rest.url answers (GET
// /overview within the deadline; asked only when the property is set), and its Kafka group consumes.
// Flink's Kafka source assigns its partitions itself and never joins the group, so the group's members
// say nothing: what shows consumption is committed offsets (Flink commits them at each checkpoint) that
// exist, and that move while the group is behind (standing still while the lag grows is a warning, while
// it does not a note: the job is not running). Blocking; run on a Doctor check's own thread.
#pragma once

#include "consumer/flinkcluster.h"
#include "core/result.h"
#include "doctor/finding.h"
#include "lag/consumergrouplagsampler.h"
#include "topology/projectfile.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <vector>

namespace cdc::doctor {

// The project's PyFlink consumer node (the first), or null.
const topology::Node *pyFlinkConsumerNode(const topology::Project &project);

// Pure: the finding for the cluster at `url` from its overview, or from the failure to get it.
Finding flinkClusterFinding(const QString &subject, const QUrl &url, const Result<consumer::ClusterOverview> &answer);
// Blocking: asks the cluster of `consumer`'s flink.rest.url; nullopt when the node names none.
std::optional<Finding> checkFlinkCluster(const topology::Node &consumer, int timeoutMs);

// One partition of the group's topics, its watermarks and the group's committed offset there.
struct GroupPartition
{
    QString topic;
    int partition = 0;
    lag::PartitionOffsets offsets;
};

// The group's committed offsets over the topics the job reads, at one moment.
struct GroupOffsets
{
    QString error; // Kafka did not answer
    std::vector<GroupPartition> partitions;
    QStringList topics;

    bool anyCommitted() const;
    qint64 lag() const;      // lag::consumerGroupLag over the partitions
    qint64 messages() const; // high − low over the partitions: what there is to consume at all
};

// Blocking: committed offsets and watermarks of `group` at `bootstrap` over the topics whose whole name
// matches one of `patterns` (Flink's rule). Never joins the group, never commits.
GroupOffsets readGroupOffsets(const QString &bootstrap, const QString &group, const QStringList &patterns,
                              int timeoutMs);

// Pure: whether `group` consumes, from a first read and, when it was behind, a second one `waitedMs` later.
Finding groupConsumingFinding(const QString &subject, const QString &group, const QString &bootstrap,
                              const QStringList &patterns, const GroupOffsets &first, const GroupOffsets *second,
                              int waitedMs);

// Blocking: reads the consumer node's group; when it is behind, reads again after `settleMs` (longer than
// the job's checkpoint interval, so that a consuming job has committed once more).
Finding checkGroupConsuming(const topology::Project &project, const QString &bootstrap, int timeoutMs, int settleMs);

} // namespace cdc::doctor
