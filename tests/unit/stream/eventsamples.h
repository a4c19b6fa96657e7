// SPDX-License-Identifier: GPL-3.0-or-later
// Sample Debezium messages for the decoder's tests (in a header: moc does not read raw strings well).
#pragma once

#include <QByteArray>

inline const QByteArray kPostgresChange = R"({"before":null,"after":{"id":42,"customer":"ann","total":"10.50"},
    "source":{"version":"3.5.0.Final","connector":"postgresql","name":"pg","ts_ms":1764000000123,"db":"capstone",
    "schema":"public","table":"orders","lsn":24023128},"op":"c","ts_ms":1764000000200})";

inline const QByteArray kMariaDbDelete = R"({"before":{"id":42,"customer":"bob"},"after":null,
    "source":{"connector":"mariadb","name":"mysql","ts_ms":1764000000999,"db":"capstone","table":"orders",
    "server_id":1,"file":"binlog.000002","pos":1234},"op":"d","ts_ms":1764000001000})";

inline const QByteArray kOutboxExpanded = R"({"orderId":42,"total":10.5})";
inline const QByteArray kOutboxAsString = R"("{\"orderId\":7}")";
inline const QByteArray kHeartbeat = R"({"ts_ms":1})";
inline const QByteArray kSchemaChange =
    R"json({"source":{"server":"mysql"},"databaseName":"capstone","ddl":"CREATE TABLE t (id INT)"})json";
inline const QByteArray kWrapperStart = R"({"schema":{"type":"struct","fields":[]},"payload":)";
inline const QByteArray kOpNotText = R"({"op":5,"after":{}})";
inline const char *const kPostgresKey = R"({"id":42})";
inline const char *const kWrappedKey = R"({"schema":{"type":"struct"},"payload":{"id":"a-7"}})";
