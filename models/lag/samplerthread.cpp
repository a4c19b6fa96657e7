// SPDX-License-Identifier: GPL-3.0-or-later
// Sampler threads that end on their own: quit, finish the call in progress, delete their worker.
#include "samplerthread.h"

#include "lag/lagsampler.h"
#include "lag/samplerhealth.h"

#include <QThread>
#include <QTimer>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace cdc::lag {

namespace {

// Workers alive, so that tools can wait for them before the process tears down the SQL drivers.
struct LiveWorkers
{
    std::mutex mutex;
    std::condition_variable gone;
    int count = 0;
};

LiveWorkers &liveWorkers()
{
    static LiveWorkers live;
    return live;
}

} // namespace

SamplerWorker::~SamplerWorker() = default;

void SamplerWorker::begin(int intervalMs)
{
    if (m_stopping)
        return;
    if (intervalMs > 0) {
        m_timer = new QTimer(this);
        m_timer->setInterval(intervalMs);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (!m_stopping)
                sampleOnce();
        });
        m_timer->start();
    }
    sampleOnce();
}

QThread *SamplerThread::start(SamplerWorker *worker, const QString &name, int intervalMs)
{
    auto *thread = new QThread;
    thread->setObjectName(name);
    worker->moveToThread(thread);
    {
        LiveWorkers &live = liveWorkers();
        std::lock_guard lock(live.mutex);
        ++live.count;
    }
    // `destroyed` comes from ~QObject on the worker's thread, after the worker has closed its connections.
    // (No context object: the call is direct, whatever is being torn down.)
    QObject::connect(worker, &QObject::destroyed, [] {
        LiveWorkers &live = liveWorkers();
        std::lock_guard lock(live.mutex);
        --live.count;
        live.gone.notify_all();
    });
    // Deferred deletes of a thread's objects run as the thread finishes (Qt processes them there).
    QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater, Qt::DirectConnection);
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    QMetaObject::invokeMethod(
        worker, [worker, intervalMs] { worker->begin(intervalMs); }, Qt::QueuedConnection);
    return thread;
}

void SamplerThread::release(QThread *thread, SamplerWorker *worker)
{
    if (worker)
        worker->requestStop();
    if (thread)
        thread->quit();
}

bool SamplerThread::waitForAll(int timeoutMs)
{
    LiveWorkers &live = liveWorkers();
    std::unique_lock lock(live.mutex);
    return live.gone.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&live] { return live.count == 0; });
}

int SamplerThread::running()
{
    LiveWorkers &live = liveWorkers();
    std::lock_guard lock(live.mutex);
    return live.count;
}

void SamplerWorkerHandle::start(SamplerWorker *worker, const QString &threadName, int intervalMs,
                                const QString &problemPart)
{
    stop();
    const quint64 generation = ++m_generation;
    // Queued (the worker is on its thread): what arrives after stop() belongs to an old generation.
    QObject::connect(worker, &SamplerWorker::sampled, m_sampler,
                     [this, generation](const SeriesKey &key, qint64 timeMs, double value) {
                         if (isCurrent(generation))
                             Q_EMIT m_sampler->sampled(key, timeMs, value);
                     });
    if (!problemPart.isEmpty()) {
        QObject::connect(worker, &SamplerWorker::problem, m_sampler,
                         [this, generation, problemPart](const QString &message) {
                             if (isCurrent(generation))
                                 m_health->report(problemPart, message);
                         });
    }
    m_worker = worker;
    m_thread = SamplerThread::start(worker, threadName, intervalMs);
}

void SamplerWorkerHandle::stop()
{
    ++m_generation;
    if (!m_worker)
        return;
    QObject::disconnect(m_worker, nullptr, m_sampler, nullptr);
    SamplerThread::release(m_thread, m_worker);
    m_thread = nullptr;
    m_worker = nullptr;
}

} // namespace cdc::lag
