// SPDX-License-Identifier: GPL-3.0-or-later
// The part of a lag sampler that blocks (SQL, librdkafka) runs on a thread of its own, and is let go
// without waiting: stopping or destroying a sampler never blocks its owner, even during a hung query.
#pragma once

#include "lag/lagtypes.h"

#include <QObject>
#include <QString>

#include <atomic>

class QThread;
class QTimer;

namespace cdc::lag {

// Lives on its sampler's thread. With an interval, a timer there runs sampleOnce(); without one, the
// sampler asks for work through queued calls.
class SamplerWorker : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~SamplerWorker() override;

    // Thread-safe: no new round starts once asked to stop (the one in progress ends by its own timeouts).
    void requestStop() { m_stopping = true; }
    bool stopping() const { return m_stopping; }

    // On the worker's thread: a round now, then one every `intervalMs` (0: none, rounds come by request).
    void begin(int intervalMs);

Q_SIGNALS:
    void sampled(const cdc::lag::SeriesKey &key, qint64 timeMs, double value);
    // What went wrong in the last round, as a sentence; empty when the round went well.
    void problem(const QString &message);

protected:
    virtual void sampleOnce() {}

private:
    QTimer *m_timer = nullptr;
    std::atomic_bool m_stopping{false};
};

class SamplerThread
{
public:
    // Moves `worker` (no parent) to a new thread called `name`, starts it and calls begin(intervalMs)
    // there. The worker is deleted on its thread, and the thread object later, once the thread ends.
    static QThread *start(SamplerWorker *worker, const QString &name, int intervalMs);
    // Asks the thread to end and returns at once. The worker must not be touched afterwards.
    static void release(QThread *thread, SamplerWorker *worker);
    // For command-line tools and tests before they exit (never the GUI thread): waits up to `timeoutMs`
    // for every worker to be gone. False when some are still running.
    static bool waitForAll(int timeoutMs);
    static int running();
};

class LagSampler;
class SamplerHealth;

// A sampler's end of its worker: starts the worker on its own thread, passes on what the current worker
// samples (as the sampler's sampled()) and reports (to the sampler's health under one part), and after
// stop() drops whatever the old worker still sends. The three threaded samplers share it.
class SamplerWorkerHandle
{
public:
    SamplerWorkerHandle(LagSampler *sampler, SamplerHealth *health) : m_sampler(sampler), m_health(health) {}

    // Stops the previous worker first. `problemPart` empty: the worker's problem() is not connected.
    void start(SamplerWorker *worker, const QString &threadName, int intervalMs, const QString &problemPart);
    // Lets the worker go without waiting (SamplerThread::release); a new generation begins.
    void stop();
    bool isRunning() const { return m_worker != nullptr; }
    SamplerWorker *worker() const { return m_worker; } // for queued calls into it; null when stopped

    // Signals from the worker's thread (or other async sources) carry the generation they were sent in;
    // only the current one counts.
    quint64 generation() const { return m_generation; }
    bool isCurrent(quint64 generation) const { return generation == m_generation; }

private:
    LagSampler *m_sampler;
    SamplerHealth *m_health;
    QThread *m_thread = nullptr;
    SamplerWorker *m_worker = nullptr;
    quint64 m_generation = 0;
};

} // namespace cdc::lag
