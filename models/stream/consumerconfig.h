// SPDX-License-Identifier: GPL-3.0-or-later
// The stream consumer's librdkafka configuration: the settings, the security options with their secrets
// resolved, `extra`, and the no-group guarantees (never commit), each rejected property an Error naming it.
#pragma once

#include "core/result.h"
#include "stream/streamconsumer.h"

#include <memory>

struct rd_kafka_conf_s; // librdkafka's rd_kafka_conf_t

namespace cdc::stream {

struct ConsumerConfigDeleter
{
    void operator()(rd_kafka_conf_s *conf) const;
};
using ConsumerConfig = std::unique_ptr<rd_kafka_conf_s, ConsumerConfigDeleter>;

// `groupId` is given to librdkafka; with `grouped` false (watching) auto-commit and the offset store are off
// whatever `settings.extra` says. Callbacks and the opaque are left to the consumer.
Result<ConsumerConfig> buildConsumerConfig(const ConsumerSettings &settings, const QString &groupId, bool grouped);

} // namespace cdc::stream
