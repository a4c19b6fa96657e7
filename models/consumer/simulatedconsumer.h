// SPDX-License-Identifier: GPL-3.0-or-later
// A unified consumer that runs in-process instead of on Flink (the sandbox's, where workshops may have
// no Java or Python): the ConsumerService runs and stops it in place of the PyFlink job, and shows its
// state and its rows as it would the job's.
#pragma once

#include "consumer/consumerrunner.h"
#include "consumer/unifiedrows.h"
#include "core/result.h"

#include <QList>
#include <QObject>
#include <QString>

namespace cdc::topology {
struct Project;
}

namespace cdc::consumer {

class SimulatedConsumer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Runs the project's consumer node `nodeId` with the generated job's semantics: what it reads and
    // where it writes come from the project, as for the job (pyFlinkOptionsFor). Later trouble arrives
    // as stateChanged() with state() Failed.
    virtual Result<void> start(const topology::Project &project, const QString &nodeId) = 0;
    virtual void stop() = 0;

    virtual JobState state() const = 0;
    virtual QString nodeId() const = 0; // the consumer node of the current or last run
    virtual QString failureReason() const = 0;
    virtual QString sinkTopic() const = 0;
    virtual qint64 recordsWritten() const = 0; // delivered to the sink topic since it was created
    // Rows are kept for takeRows() only while wanted (headless, nobody shows them); not at first.
    virtual void setRowsWanted(bool wanted) = 0;
    // The rows produced since the last call, oldest first.
    virtual QList<UnifiedRow> takeRows() = 0;

Q_SIGNALS:
    void stateChanged();
    // takeRows() has rows (emitted once when the queue turns non-empty).
    void rowsAvailable();
};

} // namespace cdc::consumer
