// SPDX-License-Identifier: GPL-3.0-or-later
// Sample Debezium messages for the query language's tests (in a header: moc does not read raw strings well).
#pragma once

#include <QByteArray>

// Outbox events after the Event Router (the value is the payload itself).
inline const QByteArray kOutboxPostgres =
    R"({"orderId":42,"total":150.5,"customer":"Customer-42","lines":[{"sku":"A-1","qty":2},{"sku":"B-7","qty":1}],)"
    R"("tags":["urgent","gift"],"paid":true,"coupon":null})";
inline const QByteArray kOutboxMySql = R"({"orderId":42,"total":99,"customer":"ann","note":"Ünïcode café"})";
// Change events: a PostgreSQL create, a MariaDB delete.
inline const QByteArray kPostgresCreate =
    R"({"before":null,"after":{"id":7,"customer":"bob","total":"10.50"},"source":{"connector":"postgresql",)"
    R"("ts_ms":1764000000123,"db":"capstone","schema":"public","table":"orders"},"op":"c","ts_ms":1764000000200})";
inline const QByteArray kMariaDbDelete =
    R"({"before":{"id":8,"customer":"carl","total":300},"after":null,"source":{"connector":"mariadb",)"
    R"("ts_ms":1764000000999,"db":"capstone","table":"orders"},"op":"d","ts_ms":1764000001000})";
// The JsonConverter's schema/payload wrapper around a PostgreSQL update and around an outbox payload.
inline const QByteArray kWrappedUpdate =
    R"({"schema":{"type":"struct","fields":[{"field":"total"}]},"payload":{"before":{"id":9,"total":100},)"
    R"("after":{"id":9,"total":200},"source":{"connector":"postgresql","ts_ms":1,"db":"capstone","schema":"public",)"
    R"("table":"orders"},"op":"u","ts_ms":2}})";
inline const QByteArray kWrappedOutbox = R"({"schema":{"type":"struct"},"payload":{"orderId":5,"total":500}})";
inline const char *const kChangeKey7 = R"({"id":7})";
inline const char *const kChangeKey9 = R"({"id":9})";
