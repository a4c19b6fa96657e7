// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: the Events viewer under a sustained 20,000 events/s for 60 s. A feeder thread hands
// realistic ~1 KB outbox events to the real EventIngest (decode, tag, merge, queue) on that thread, as
// the consumer thread does; the GUI thread drains it exactly as EventViewer::attachPipeline() does (a
// 33 ms single-shot timer on the queue turning non-empty, then deliver(take())) into the real
// EventViewer. No broker: librdkafka's mock cluster keeps only ~5 MB per partition, so a consumer
// briefly behind at 20 MB/s falls off its log and loses events, which would measure the mock.
// Measures the GUI event loop's lateness (a 5 ms precise timer) with and without the stream, the time
// from "produce" (the feeder's clock, in a header) to the row in the model and to the end of the first
// repaint of the table that shows it (what the user sees), and the time each repaint takes. Asserts
// nothing about speed; asserts that every event arrived and that the table was repainted.
#include "support/samplemessages.h"

#include "stream/eventingest.h"
#include "stream/eventstore.h"
#include "stream/eventtablemodel.h"
#include "stream/eventviewer.h"
#include "stream/sourcerouting.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMainWindow>
#include <QTableView>
#include <QTest>
#include <QTimer>

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
        // A real event loop: QTest::qWait() sleeps 10 ms between its rounds of event processing.
        QEventLoop loop;
        QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
        m_timer.start();
        loop.exec();
        m_timer.stop();
        return m_lateness;
    }

private:
    QTimer m_timer;
    qint64 m_last = 0;
    std::vector<double> m_lateness;
};

// Times the repaints of the table: a filter on the top-level window runs each window update itself, so
// it knows when the backing store has been painted (and flushed) with the table's new content.
class RepaintClock : public QObject
{
public:
    RepaintClock(QWidget *window, QWidget *viewport) : m_window(window), m_viewport(viewport)
    {
        window->installEventFilter(this);
        viewport->installEventFilter(this);
    }
    // Called with the produce time of the oldest event of each inserted batch.
    void rowsInserted(qint64 producedNs) { m_waiting.push_back(producedNs); }
    std::vector<double> showMs, paintMs;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_viewport && event->type() == QEvent::Paint) {
            m_viewportPainted = true;
            return false;
        }
        if (watched != m_window || event->type() != QEvent::UpdateRequest || m_inUpdate)
            return false;
        m_viewportPainted = false;
        const std::size_t waiting = m_waiting.size(); // rows inserted before this update
        const qint64 start = nowNs();
        m_inUpdate = true;
        static_cast<QObject *>(m_window)->event(event); // paints the dirty widgets and flushes
        m_inUpdate = false;
        const qint64 end = nowNs();
        if (m_viewportPainted) {
            paintMs.push_back(double(end - start) / 1e6);
            for (std::size_t k = 0; k < waiting; ++k)
                showMs.push_back(double(end - m_waiting[k]) / 1e6);
            m_waiting.erase(m_waiting.begin(), m_waiting.begin() + qsizetype(waiting));
        }
        return true;
    }

private:
    QWidget *m_window;
    QWidget *m_viewport;
    std::vector<qint64> m_waiting;
    bool m_viewportPainted = false;
    bool m_inUpdate = false;
};

// Feeds sample outbox events at kRatePerSecond until `stop`, about a millisecond's worth per batch,
// each with its produce time in a header.
void feedAtRate(EventIngest &ingest, const std::atomic<bool> &stop, std::atomic<qint64> &produced)
{
    const qint64 start = nowNs();
    qint64 i = 0;
    std::vector<KafkaMessage> batch;
    std::vector<std::vector<RawHeader>> headers;
    std::vector<RawMessage> raws;
    while (!stop) {
        const qint64 due = (nowNs() - start) * kRatePerSecond / 1'000'000'000;
        batch.clear();
        for (; i < due; ++i) {
            KafkaMessage m = cdc::testsupport::sampleMessage(int(i % 1'000'000), 1000, true);
            m.offset = i / 2;
            m.headers.emplace_back(kProducedHeader, QByteArray::number(nowNs()));
            batch.push_back(std::move(m));
        }
        if (!batch.empty()) {
            headers.resize(batch.size());
            raws.clear();
            for (std::size_t k = 0; k < batch.size(); ++k)
                raws.push_back(rawView(batch[k], headers[k]));
            ingest.deliver(raws);
            produced = i;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
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

        // The consumer thread's half, fed directly; the GUI's half drained as the viewer drains a pipeline.
        EventIngest ingest(SourceRouting{}, store.sharedStrings());
        QTimer drain;
        drain.setSingleShot(true);
        drain.setInterval(33);
        std::vector<double> deliverMs; // the synchronous part of each drain (model, store, view bookkeeping)
        connect(&drain, &QTimer::timeout, viewer, [&] {
            const qint64 start = nowNs();
            viewer->deliver(ingest.take());
            deliverMs.push_back(double(nowNs() - start) / 1e6);
        });
        ingest.setNotifier([&] {
            QMetaObject::invokeMethod(
                &drain,
                [&] {
                    if (!drain.isActive())
                        drain.start();
                },
                Qt::QueuedConnection);
        });

        // Produce to row: per inserted batch, the oldest event's age when its row appears; and when the
        // table is next repainted.
        RepaintClock repaints(&window, viewer->tableView()->viewport());
        std::vector<double> show;
        qint64 rowsShown = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex &, int first, int last) {
            const qint64 now = nowNs();
            rowsShown += last - first + 1;
            const std::optional<QByteArray> produced = model.event(first).header(kProducedHeader);
            if (produced) {
                show.push_back(double(now - produced->toLongLong()) / 1e6);
                repaints.rowsInserted(produced->toLongLong());
            }
        });

        std::atomic<bool> stop{false};
        std::atomic<qint64> produced{0};
        std::thread thread(feedAtRate, std::ref(ingest), std::cref(stop), std::ref(produced));
        const std::vector<double> lateness = probe.run(kStreamSeconds);
        stop = true;
        thread.join();
        QTRY_VERIFY_WITH_TIMEOUT(rowsShown >= produced, 15000);

        const Percentiles streamed = percentiles(lateness);
        const Percentiles shown = percentiles(show);
        const Percentiles painted = percentiles(repaints.showMs);
        std::printf("viewer: the real EventViewer in a QMainWindow (1400x900, offscreen), fed through the real "
                    "EventIngest on a feeder thread (no broker), drained every 33 ms as attachPipeline() does\n");
        std::printf("stream: %lld events produced in %d s (%d/s target), %lld rows shown, store holds %lld\n",
                    static_cast<long long>(produced.load()), kStreamSeconds, kRatePerSecond,
                    static_cast<long long>(rowsShown), static_cast<long long>(store.size()));
        print("timer lateness without stream (reference)", reference);
        print("timer lateness with stream", streamed);
        print("produce to row (per batch, oldest event)", shown);
        print("produce to repainted table (per batch, oldest event)", painted);
        print("EventViewer::deliver() per drain", percentiles(deliverMs));
        print("window repaint with the table", percentiles(repaints.paintMs));
        QFile loadavg(QStringLiteral("/proc/loadavg"));
        std::printf("load average (1 min) at the end: %s\n",
                    loadavg.open(QIODevice::ReadOnly) ? loadavg.readAll().split(' ').value(0).constData() : "?");
        std::printf("lateness_p99_vs_reference=%.2f\n", reference.p99 > 0 ? streamed.p99 / reference.p99 : 0.0);
        std::printf("p99_lateness_ms=%.2f p99_show_ms=%.2f p99_painted_ms=%.2f (bars: <= 16 and <= 100)\n",
                    streamed.p99, shown.p99, painted.p99);
        std::fflush(stdout);
        QVERIFY(!show.empty());
        QVERIFY(!repaints.showMs.empty());
        QCOMPARE(rowsShown, produced.load());
    }
};

QTEST_MAIN(BenchEventViewerGui)
#include "bench_eventviewer_gui.moc"
