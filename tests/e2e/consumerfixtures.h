// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the e2e tests of the unified consumer: the PyFlink runtime `stack/flink fetch` installed,
// waiting for a job's state, and the unified topic read back row by row (this run's rows only).
#pragma once

#include "consumer/consumerrunner.h"
#include "core/result.h"
#include "debezium/outboxartifacts.h"
#include "stackclient.h"

#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <memory>

namespace cdc::e2e {

// Without what a test needs (the stack, PyFlink, the Flink cluster) it skips and says why; in CI
// (CDC_REQUIRE_STACK=1) it fails.
#define CDC_E2E_SKIP_OR_FAIL(reason)                                                                                   \
    do {                                                                                                               \
        if (cdc::e2e::StackAvailability::required())                                                                   \
            QFAIL(qPrintable(QStringLiteral("CDC_REQUIRE_STACK=1 but ") + (reason)));                                  \
        QSKIP(qPrintable(reason));                                                                                     \
    } while (false)

// FlinkRuntime::locate(), after pointing it at the source tree's build/stack-lib when nothing else says
// where the runtime is (tests run by hand after stack/flink fetch).
Result<consumer::FlinkRuntime> locateFlinkRuntime();

// Waits, with the event loop running, until the runner is in one of `states`; false at the deadline.
bool waitForJobState(const consumer::ConsumerRunner &runner, std::initializer_list<consumer::JobState> states,
                     int timeoutMs);

// A job of a test's own on the stack: a Kafka sink to `<topicPrefix><run>`, group `<groupPrefix><run>`,
// checkpoints every 2 s (so committed offsets show quickly).
debezium::PyFlinkJobOptions testJobOptions(const StackEnvironment &env, const QString &groupPrefix,
                                           const QString &topicPrefix, const QString &run);

// The unified topic a test's job writes, read from the start; rows are kept by composite key, and only
// those whose payload carries this run's id count.
class UnifiedTopic
{
public:
    UnifiedTopic(const QString &bootstrap, const QString &topic, const QString &run);
    ~UnifiedTopic();

    // Reads until `rows` of this run's rows are there, or `timeoutMs` passes (`keepReading`: the whole
    // time, to catch late duplicates). Empty, or what went wrong: too few rows, a key that does not match
    // its payload, the reader's error.
    QString readUntil(int rows, int timeoutMs, bool keepReading = false);

    const QMap<QString, QJsonObject> &rows() const { return m_rows; }
    const QStringList &duplicates() const { return m_duplicates; }

private:
    std::unique_ptr<TopicReader> m_reader;
    QString m_run;
    QMap<QString, QJsonObject> m_rows;
    QSet<QString> m_records;
    QStringList m_duplicates;
};

} // namespace cdc::e2e
