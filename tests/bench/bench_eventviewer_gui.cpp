// Benchmark: the Events viewer under a sustained 20,000 events/s for 60 s. A producer thread writes
// realistic ~1 KB outbox events into librdkafka's mock cluster (in this process; the broker is not
// what is measured), the real EventPipeline consumes, decodes and merges on its thread, and the real
// EventViewer drains it on the GUI thread. Measures the GUI event loop's lateness (a 5 ms precise timer)
// with and without the stream, and the time from produce to the row in the model. Asserts nothing
// about speed; asserts that the events arrived.
#include "support/samplemessages.h"

#include "stream/eventpipeline.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"
#include "stream/sourcerouting.h"
#include "stream/eventviewer.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace cdc::stream;

namespace {

constexpr int kRatePerSecond = 20'000;
constexpr int kStreamSeconds = 60;
constexpr int kReferenceSeconds = 10;
constexpr int kTimerMs = 5;
const char *const kProducedHeader = "bench-produced-ns";

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Percentiles
{
    double p50 = 0, p99 = 0, max = 0;
    std::size_t count = 0;
};

Percentiles percentiles(std::vector<double> v)
{
    Percentiles p;
    p.count = v.size();
    if (v.empty())
        return p;
    std::sort(v.begin(), v.end());
    p.p50 = v[(v.size() - 1) / 2];
    p.p99 = v[std::size_t(double(v.size() - 1) * 0.99)];
    p.max = v.back();
    return p;
}

// Lateness of a 5 ms precise timer on the GUI thread: each interval minus 5 ms, in ms.
class LatenessProbe : public QObject
{
public:
    LatenessProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kTimerMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = nowNs();
            if (m_last)
                m_lateness.push_back(double(now - m_last) / 1e6 - kTimerMs);
            m_last = now;
        });
    }
    std::vector<double> run(int seconds)
    {
        m_lateness.clear();
        m_last = 0;
        m_timer.start();
        QTest::qWait(seconds * 1000);
        m_timer.stop();
        return m_lateness;
    }

private:
    QTimer m_timer;
    qint64 m_last = 0;
    std::vector<double> m_lateness;
};

struct KafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};

// Produces sample outbox events at kRatePerSecond until `stop`, each with its produce time in a header.
void produceAtRate(rd_kafka_t *rk, const std::atomic<bool> &stop, std::atomic<qint64> &produced)
{
    const qint64 start = nowNs();
    qint64 i = 0;
    while (!stop) {
        const qint64 due = (nowNs() - start) * kRatePerSecond / 1'000'000'000;
        for (; i < due && !stop; ++i) {
            const KafkaMessage m = cdc::testsupport::sampleMessage(int(i % 1'000'000), 1000, true);
            const QByteArray produced = QByteArray::number(nowNs());
            while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(m.topic.constData()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                     RD_KAFKA_V_KEY(m.key.constData(), std::size_t(m.key.size())),
                                     RD_KAFKA_V_VALUE(const_cast<char *>(m.value->constData()),
                                                      std::size_t(m.value->size())),
                                     RD_KAFKA_V_HEADER(m.headers[0].first.constData(), m.headers[0].second.constData(),
                                                       m.headers[0].second.size()),
                                     RD_KAFKA_V_HEADER(m.headers[1].first.constData(), m.headers[1].second.constData(),
                                                       m.headers[1].second.size()),
                                     RD_KAFKA_V_HEADER(kProducedHeader, produced.constData(), produced.size()),
                                     RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
                rd_kafka_poll(rk, 1);
        }
        produced = i;
        rd_kafka_poll(rk, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    rd_kafka_flush(rk, 10000);
}

void print(const char *name, const Percentiles &p)
{
    std::printf("%s: p50=%.2f ms p99=%.2f ms max=%.2f ms (n=%zu)\n", name, p.p50, p.p99, p.max, p.count);
}

} // namespace

class BenchEventViewerGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sustainedStream()
    {
        // The mock cluster lives in the producer's client.
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512] = {};
        for (const auto &[name, value] : {std::pair{"test.mock.num.brokers", "1"}, std::pair{"linger.ms", "1"},
                                          std::pair{"compression.type", "none"}, std::pair{"log_level", "3"}})
            QVERIFY2(rd_kafka_conf_set(conf, name, value, errstr, sizeof errstr) == RD_KAFKA_CONF_OK, errstr);
        std::unique_ptr<rd_kafka_t, KafkaDeleter> producer(
            rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
        QVERIFY2(producer, errstr);
        rd_kafka_mock_cluster_t *mock = rd_kafka_handle_mock_cluster(producer.get());
        QVERIFY(mock);
        QVERIFY(!rd_kafka_mock_topic_create(mock, "outbox.event.postgres.order", 1, 1));
        QVERIFY(!rd_kafka_mock_topic_create(mock, "outbox.event.mysql.order", 1, 1));
        const QString bootstrap = QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(mock));

        // The viewer as the main window shows it.
        EventStore store;
        EventTableModel model(&store);
        QMainWindow window;
        auto *viewer = new cdc::ui::EventViewer(&model, &window);
        window.setCentralWidget(viewer);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        LatenessProbe probe;
        const Percentiles reference = percentiles(probe.run(kReferenceSeconds));

        ConsumerSettings settings;
        settings.bootstrapServers = bootstrap;
        settings.start = ConsumerSettings::Start::End;
        EventPipeline pipeline(settings, SourceRouting{}, store.sharedStrings());
        QSignalSpy assigned(pipeline.consumer(), &StreamConsumer::partitionsAssigned);
        viewer->attachPipeline(&pipeline);
        QVERIFY(pipeline.start().ok());
        QVERIFY(assigned.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!assigned.isEmpty() && assigned.last().at(0).toStringList().size() == 2, 20000);

        // Produce to row: per inserted batch, the oldest event's age when its row appears.
        std::vector<double> show;
        qint64 rowsShown = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex &, int first, int last) {
            const qint64 now = nowNs();
            rowsShown += last - first + 1;
            const std::optional<QByteArray> produced = model.event(first).header(kProducedHeader);
            if (produced)
                show.push_back(double(now - produced->toLongLong()) / 1e6);
        });

        std::atomic<bool> stop{false};
        std::atomic<qint64> produced{0};
        std::thread thread(produceAtRate, producer.get(), std::cref(stop), std::ref(produced));
        const std::vector<double> lateness = probe.run(kStreamSeconds);
        stop = true;
        thread.join();
        QTRY_VERIFY_WITH_TIMEOUT(rowsShown >= produced, 15000);
        pipeline.stop();
        viewer->attachPipeline(nullptr);

        const Percentiles streamed = percentiles(lateness);
        const Percentiles shown = percentiles(show);
        std::printf("viewer: the real EventViewer in a QMainWindow (1400x900, offscreen); mock cluster in-process\n");
        std::printf("stream: %lld events produced in %d s (%d/s target), %lld rows shown, store holds %lld\n",
                    static_cast<long long>(produced.load()), kStreamSeconds, kRatePerSecond,
                    static_cast<long long>(rowsShown), static_cast<long long>(store.size()));
        print("timer lateness without stream (reference)", reference);
        print("timer lateness with stream", streamed);
        print("produce to row (per batch, oldest event)", shown);
        std::printf("lateness_p99_vs_reference=%.2f\n", reference.p99 > 0 ? streamed.p99 / reference.p99 : 0.0);
        std::printf("p99_lateness_ms=%.2f p99_show_ms=%.2f (bars: <= 16 and <= 100)\n", streamed.p99, shown.p99);
        std::fflush(stdout);
        QVERIFY(!show.empty());
        QCOMPARE(rowsShown, produced.load());
    }
};

QTEST_MAIN(BenchEventViewerGui)
#include "bench_eventviewer_gui.moc"
