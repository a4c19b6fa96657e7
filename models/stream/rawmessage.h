// SPDX-License-Identifier: GPL-3.0-or-later
// A Kafka message as the consumer thread hands it on: views into librdkafka's buffers, valid only
// during the MessageSink::deliver() call that receives it. No librdkafka type leaks out of the consumer.
#pragma once

#include <QtGlobal>

#include <span>
#include <string_view>

namespace cdc::stream {

struct RawHeader
{
    std::string_view name;
    const char *value = nullptr; // nullptr: a null header value
    std::size_t valueLength = 0;
};

struct RawMessage
{
    std::string_view topic;
    qint32 partition = 0;
    qint64 offset = 0;
    qint64 timestampMs = -1; // -1 when the broker gave none
    std::string_view key;
    const char *value = nullptr; // nullptr: a tombstone
    std::size_t valueLength = 0;
    std::span<const RawHeader> headers;
    bool afterGap = false; // the partition's offset jumped forward before this message
    // At least kValuePadding zero bytes follow the value in memory, so the decoder may parse it in place.
    bool valuePadded = false;
};

inline constexpr std::size_t kValuePadding = 64;

// Receives batches on the consumer thread. Implementations decode, tag and queue; they must not block long.
class MessageSink
{
public:
    virtual ~MessageSink() = default;
    virtual void deliver(std::span<const RawMessage> batch) = 0;
    // Called on the consumer thread about every 100 ms when nothing arrived (for time-based work).
    virtual void idle() {}
};

} // namespace cdc::stream
