// SPDX-License-Identifier: GPL-3.0-or-later
// The unified consumer's e2e fixtures.
#include "consumerfixtures.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace cdc::e2e {

Result<consumer::FlinkRuntime> locateFlinkRuntime()
{
    if (qEnvironmentVariableIsEmpty("CDC_STACK_LIB") && qEnvironmentVariableIsEmpty("CDC_FLINK_ENV") &&
        !qEnvironmentVariableIsEmpty("CDC_SOURCE_DIR"))
        qputenv("CDC_FLINK_ENV", qgetenv("CDC_SOURCE_DIR") + "/build/stack-lib/flink.env");
    return consumer::FlinkRuntime::locate();
}

bool waitForJobState(const consumer::ConsumerRunner &runner, std::initializer_list<consumer::JobState> states,
                     int timeoutMs)
{
    auto reached = [&] { return std::find(states.begin(), states.end(), runner.state()) != states.end(); };
    return QTest::qWaitFor(reached, timeoutMs);
}

debezium::PyFlinkJobOptions testJobOptions(const StackEnvironment &env, const QString &groupPrefix,
                                           const QString &topicPrefix, const QString &run)
{
    debezium::PyFlinkJobOptions options;
    options.bootstrapServers = env.value(QStringLiteral("KAFKA_BOOTSTRAP"));
    options.groupId = groupPrefix + run;
    options.sink = debezium::PyFlinkJobOptions::Sink::Kafka;
    options.sinkTopic = topicPrefix + run;
    options.checkpointSeconds = 2;
    return options;
}

UnifiedTopic::UnifiedTopic(const QString &bootstrap, const QString &topic, const QString &run)
    : m_reader(std::make_unique<TopicReader>(bootstrap, u'^' + QRegularExpression::escape(topic) + u'$'))
    , m_run(run)
{}

UnifiedTopic::~UnifiedTopic() = default;

QString UnifiedTopic::readUntil(int rows, int timeoutMs, bool keepReading)
{
    if (!m_reader->error().isEmpty())
        return m_reader->error();
    QElapsedTimer clock;
    clock.start();
    while ((m_rows.size() < rows || keepReading) && clock.elapsed() < timeoutMs) {
        for (const ConsumedMessage &m : m_reader->poll(200)) {
            const QString record = QStringLiteral("%1/%2").arg(m.partition).arg(m.offset);
            if (m_records.contains(record))
                continue; // a rebalance of the reader's own group
            m_records.insert(record);
            const QJsonObject row = QJsonDocument::fromJson(m.value).object();
            const QJsonObject payload =
                QJsonDocument::fromJson(row.value(QStringLiteral("payload")).toString().toUtf8()).object();
            if (payload.value(QStringLiteral("run")).toString() != m_run)
                continue;
            const QString key = QString::fromUtf8(m.key);
            const QString prefix = payload.value(QStringLiteral("database")).toString() == QLatin1String("postgres")
                                       ? QStringLiteral("PG-")
                                       : QStringLiteral("MY-");
            const QString expected = prefix + QString::number(payload.value(QStringLiteral("orderId")).toInt());
            if (key != expected || row.value(QStringLiteral("composite_key")).toString() != key)
                return QStringLiteral("record %1 is keyed %2, its payload says %3").arg(record, key, expected);
            if (m_rows.contains(key))
                m_duplicates << key;
            m_rows.insert(key, row);
        }
    }
    if (!m_reader->error().isEmpty())
        return m_reader->error();
    if (m_rows.size() < rows)
        return QStringLiteral("%1 of %2 unified rows arrived").arg(m_rows.size()).arg(rows);
    return {};
}

} // namespace cdc::e2e
