// SPDX-License-Identifier: GPL-3.0-or-later
// Realistic Debezium messages for tests and benchmarks: outbox events after the Event Router from both
// databases (the same order ids on both sides) and raw change events, about `size` bytes each.
#pragma once

#include "stream/eventdecoder.h"

#include <QByteArray>

#include <vector>

namespace cdc::testsupport {

// Message i of a stream: even i from PostgreSQL, odd from MySQL; i % 4 >= 2 raw change events
// (unless outboxOnly). Order ids repeat every 5000 events.
inline stream::KafkaMessage sampleMessage(int i, int size = 1000, bool outboxOnly = false)
{
    const bool postgres = i % 2 == 0;
    const QByteArray id = QByteArray::number((i / 2) % 5000);
    stream::KafkaMessage m;
    m.offset = i / 2;
    m.timestampMs = 1764000000000 + i;
    m.key = id;
    if (outboxOnly || i % 4 < 2) {
        m.topic = postgres ? "outbox.event.postgres.order" : "outbox.event.mysql.order";
        m.headers = {{"id", QByteArray::number(i)}, {"eventType", i % 3 ? "OrderCreated" : "OrderPaid"}};
        QByteArray value = "{\"orderId\":" + id + ",\"customer\":\"customer-" + QByteArray::number(i % 97) +
                           "\",\"total\":" + QByteArray::number(i % 1000) +
                           ".50,\"lines\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-7\",\"qty\":1}],\"note\":\"";
        value += QByteArray(qMax(0, size - int(value.size()) - 2), 'x') + "\"}";
        m.value = value;
    } else {
        m.topic = postgres ? "pg.public.orders" : "mysql.capstone.orders";
        m.key = "{\"id\":" + id + "}";
        QByteArray value =
            "{\"before\":{\"id\":" + id + ",\"status\":\"NEW\",\"total\":" + QByteArray::number(i % 1000) +
            "},\"after\":{\"id\":" + id + ",\"status\":\"PAID\",\"total\":" + QByteArray::number(i % 1000) +
            ",\"note\":\"" + QByteArray(qMax(0, size - 420), 'y') +
            "\"},\"source\":{\"version\":\"3.5.0.Final\",\"connector\":\"" + (postgres ? "postgresql" : "mariadb") +
            "\",\"name\":\"x\",\"ts_ms\":" + QByteArray::number(1764000000000 + i) +
            ",\"db\":\"capstone\",\"schema\":" + (postgres ? "\"public\"" : "null") +
            ",\"table\":\"orders\"},\"op\":\"u\",\"ts_ms\":" + QByteArray::number(1764000000100 + i) + "}";
        m.value = value;
    }
    return m;
}

inline std::vector<stream::KafkaMessage> sampleMessages(int count, int size = 1000, int first = 0)
{
    std::vector<stream::KafkaMessage> out;
    out.reserve(std::size_t(count));
    for (int i = first; i < first + count; ++i)
        out.push_back(sampleMessage(i, size));
    return out;
}

} // namespace cdc::testsupport
