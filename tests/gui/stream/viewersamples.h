// SPDX-License-Identifier: GPL-3.0-or-later
// Realistic messages for the event viewer's tests: outbox events from both databases' Event Routers,
// change events (one with the JsonConverter's schema/payload wrapper) and a message that is not JSON.
// In a header: Qt 6.4's moc stops seeing a test class after raw string literals in the same file.
#pragma once

#include "stream/eventdecoder.h"

#include <QByteArray>

#include <vector>

namespace viewersamples {

using cdc::stream::KafkaMessage;

inline const QByteArray kOrderCreated = R"({"orderId":%1,"customer":"ann","total":"10.50","status":"NEW"})";
inline const QByteArray kPostgresUpdate = R"({"before":{"id":42,"customer":"ann","status":"NEW","total":"10.50"},
  "after":{"id":42,"customer":"ann","status":"PAID","total":"10.50"},
  "source":{"version":"3.5.0.Final","connector":"postgresql","name":"pg","ts_ms":1764000000123,"db":"capstone",
  "schema":"public","table":"orders","lsn":24023128},"op":"u","ts_ms":1764000000200})";
inline const QByteArray kMySqlWrappedUpdate = R"({"schema":{"type":"struct","fields":[],"optional":false},
  "payload":{"before":{"id":7,"total":"5.00","address":{"city":"Lyon"}},
  "after":{"id":7,"total":"6.00","address":{"city":"Paris"}},
  "source":{"connector":"mysql","name":"my","ts_ms":1764000000300,"db":"capstone","table":"orders"},
  "op":"u","ts_ms":1764000000400}})";
inline const QByteArray kMySqlCreate = R"({"before":null,"after":{"id":9,"customer":"bob","status":"NEW"},
  "source":{"connector":"mysql","name":"my","ts_ms":1764000000500,"db":"capstone","table":"orders"},
  "op":"c","ts_ms":1764000000600})";
inline const QByteArray kNotJson = "\x01\x02 not json at all";

inline KafkaMessage outbox(bool postgres, int id, qint64 offset)
{
    KafkaMessage m;
    m.topic =
        postgres ? QByteArrayLiteral("outbox.event.postgres.Order") : QByteArrayLiteral("outbox.event.mysql.Order");
    m.partition = 0;
    m.offset = offset;
    m.timestampMs = 1764000000000 + offset;
    m.key = '"' + QByteArray::number(id) + '"';
    m.value = QByteArray(kOrderCreated).replace("%1", QByteArray::number(id));
    m.headers = {{QByteArrayLiteral("id"),
                  QByteArrayLiteral("6f1c6a2e-0000-4000-8000-") + QByteArray::number(offset).rightJustified(12, '0')},
                 {QByteArrayLiteral("eventType"), QByteArrayLiteral("OrderCreated")}};
    return m;
}

inline KafkaMessage change(QByteArray topic, QByteArray key, QByteArray value, qint64 offset)
{
    KafkaMessage m;
    m.topic = std::move(topic);
    m.offset = offset;
    m.timestampMs = 1764000000000 + offset;
    m.key = std::move(key);
    m.value = std::move(value);
    return m;
}

// Rows 0..4: a PostgreSQL outbox event, a MySQL outbox event, a PostgreSQL update, a MySQL update in the
// schema/payload wrapper, and a message that is not JSON.
inline std::vector<KafkaMessage> mixedMessages()
{
    return {outbox(true, 42, 100), outbox(false, 42, 200),
            change("pg.public.orders", R"({"id":42})", kPostgresUpdate, 300),
            change("my.capstone.orders", R"({"id":7})", kMySqlWrappedUpdate, 400),
            change("pg.public.orders", R"({"id":43})", kNotJson, 301)};
}

// `count` outbox events alternating between the databases, offsets from `firstOffset`.
inline std::vector<KafkaMessage> outboxStream(int count, qint64 firstOffset = 0)
{
    std::vector<KafkaMessage> out;
    out.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        out.push_back(outbox(i % 3 != 2, 1000 + int(firstOffset) + i, firstOffset + i));
    return out;
}

} // namespace viewersamples
