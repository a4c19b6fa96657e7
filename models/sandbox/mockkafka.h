// SPDX-License-Identifier: GPL-3.0-or-later
// An in-process Kafka: librdkafka's mock cluster on loopback, with the capstone's topics. Any Kafka
// client (kcat, the event viewer) can read it at bootstrap().
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace cdc::sandbox {

class MockKafka
{
public:
    MockKafka();
    ~MockKafka();
    MockKafka(const MockKafka &) = delete;
    MockKafka &operator=(const MockKafka &) = delete;

    // One broker on 127.0.0.1 (a free port). Creates the topics, `partitions` each (a schema history
    // topic, schema-changes.*, one: Debezium requires it). Partitions keep ~5 MiB each; see the .cpp.
    Result<void> start(const QStringList &topics, int partitions = 3);
    void stop();
    bool isRunning() const;
    QString bootstrap() const; // "127.0.0.1:PORT"
    Result<void> createTopic(const QString &topic, int partitions);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The topics the capstone writes: outbox.event.{postgres,mysql}.order, the raw table topics and the
// MySQL schema history topic.
QStringList capstoneTopics();

} // namespace cdc::sandbox
