// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: decoding ~1 KB Debezium events (outbox events and change events, half PostgreSQL and
// half MariaDB) next to a plain simdjson DOM parse of the same bytes, in the same process.
// Prints decode_eps, simdjson_eps and their ratio; asserts nothing about speed.
#include "stream/eventdecoder.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <simdjson.h>

#include <cstdio>

using namespace cdc::stream;

namespace {

constexpr int kEvents = 100000;

std::vector<KafkaMessage> generate()
{
    std::vector<KafkaMessage> out;
    out.reserve(kEvents);
    const QByteArray filler(700, 'x');
    for (int i = 0; i < kEvents; ++i) {
        const bool postgres = i % 2 == 0;
        KafkaMessage m;
        m.offset = i;
        m.key = QByteArray::number(i % 5000);
        if (i % 4 < 2) { // outbox events after the Event Router
            m.topic = postgres ? "outbox.event.postgres.order" : "outbox.event.mysql.order";
            m.headers = {{"id", QByteArray::number(i)}, {"eventType", "OrderCreated"}};
            m.value = "{\"orderId\":" + m.key + ",\"customer\":\"customer-" + QByteArray::number(i % 97) +
                      "\",\"total\":" + QByteArray::number(i % 1000) +
                      ".50,\"lines\":[{\"sku\":\"A-1\",\"qty\":2},"
                      "{\"sku\":\"B-7\",\"qty\":1}],\"note\":\"" +
                      filler + "\"}";
        } else { // raw change events
            m.topic = postgres ? "pg.public.orders" : "mysql.capstone.orders";
            m.value = "{\"before\":null,\"after\":{\"id\":" + m.key + ",\"customer\":\"c\",\"note\":\"" + filler +
                      "\"},\"source\":{\"version\":\"3.5.0.Final\",\"connector\":\"" +
                      (postgres ? "postgresql" : "mariadb") +
                      "\",\"name\":\"x\",\"ts_ms\":1764000000000,\"db\":\"capstone\",\"schema\":\"public\",\"table\":"
                      "\"orders\"},"
                      "\"op\":\"c\",\"ts_ms\":1764000000100}";
        }
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace

class BenchEventDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodeVersusPlainParse()
    {
        const std::vector<KafkaMessage> messages = generate();
        qint64 bytes = 0;
        for (const KafkaMessage &m : messages)
            bytes += m.value->size();

        EventDecoder decoder;
        int decoded = 0;
        QElapsedTimer clock;
        clock.start();
        for (const KafkaMessage &m : messages)
            decoded += decoder.decode(m).kind != EventKind::Undecodable;
        const double decodeSeconds = double(clock.nsecsElapsed()) / 1e9;
        QCOMPARE(decoded, kEvents); // every generated event decodes

        simdjson::dom::parser parser;
        int parsed = 0;
        clock.restart();
        for (const KafkaMessage &m : messages) {
            simdjson::dom::element doc;
            parsed += parser.parse(m.value->constData(), std::size_t(m.value->size())).get(doc) == simdjson::SUCCESS;
        }
        const double parseSeconds = double(clock.nsecsElapsed()) / 1e9;
        QCOMPARE(parsed, kEvents);

        std::printf("machine: %d cores, simdjson %s kernel '%s', %d events of %.0f bytes on average\n",
                    QThread::idealThreadCount(), SIMDJSON_STRINGIFY(SIMDJSON_VERSION),
                    simdjson::get_active_implementation()->name().c_str(), kEvents, double(bytes) / kEvents);
        std::printf("decode_eps=%.0f decode_MBps=%.1f simdjson_eps=%.0f ratio=%.2f\n", kEvents / decodeSeconds,
                    double(bytes) / decodeSeconds / 1e6, kEvents / parseSeconds, parseSeconds / decodeSeconds);
        std::fflush(stdout);
    }
};

QTEST_GUILESS_MAIN(BenchEventDecoder)
#include "bench_eventdecoder.moc"
