// SPDX-License-Identifier: GPL-3.0-or-later
// Before a run: does each source pattern of the job match a topic on its brokers yet? Flink matches a
// topic-pattern against the whole name and finds new topics every 10 s, so a pattern with no topic is a
// warning (the job waits for it), never a reason not to run. Asking the brokers blocks (librdkafka
// metadata, with a deadline): the GUI runs it on the thread pool.
#pragma once

#include "core/result.h"
#include "debezium/outboxartifacts.h"

#include <QString>
#include <QStringList>

namespace cdc::consumer {

// The patterns among `patterns` that match none of `topics`, Flink's way (the whole name), in order.
// An invalid pattern matches nothing.
QStringList unmatchedTopicPatterns(const QStringList &patterns, const QStringList &topics);

// "outbox\.event\.mysql\..*" → "outbox.event.mysql.*" when it is that simple; else the pattern as it is.
QString readableTopicPattern(const QString &pattern);

// "No topic matches outbox.event.mysql.* on 127.0.0.1:19092 yet — the job will wait for it."
QString noTopicWarning(const QString &pattern, const QString &bootstrap);

// Blocking: every topic the brokers at `bootstrap` know, or why there is no answer within `timeoutMs`.
Result<QStringList> listTopics(const QString &bootstrap, int timeoutMs);

// Blocking: one warning per source pattern of `job` with no topic yet, or one that the brokers did not
// answer; empty when every pattern has a topic.
QStringList sourceTopicWarnings(const debezium::PyFlinkJobOptions &job, int timeoutMs);

} // namespace cdc::consumer
