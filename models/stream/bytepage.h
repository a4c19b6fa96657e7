// SPDX-License-Identifier: GPL-3.0-or-later
// The memory the raw bytes of events live in: 2 MiB pages (one transparent huge page each where the
// kernel offers them), handed out by a pool that faults the next pages in on a thread of its own and
// takes pages back when the store drops them, so the consumer thread neither waits for the kernel to
// zero fresh memory nor maps and unmaps it again and again. The store owns the pool, so a stream
// that refills a cleared store (a reconnect) writes into the pages the last one used.
#pragma once

#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace cdc::stream {

class PagePool;

// Raw message bytes of many events, appended by the consumer thread and read-only once an event that
// points into it has been handed on. Events keep their page alive through `std::shared_ptr`.
class BytePage
{
public:
    static constexpr std::size_t kDefaultSize = 2 * 1024 * 1024;

    // A page of `capacity` bytes of its own (a message bigger than a default page).
    explicit BytePage(std::size_t capacity);
    // A default-size page from `pool`, which gets it back when the page goes.
    BytePage(char *bytes, std::shared_ptr<PagePool> pool);
    ~BytePage();
    BytePage(const BytePage &) = delete;
    BytePage &operator=(const BytePage &) = delete;

    char *reserve(std::size_t n) // nullptr when it does not fit
    {
        if (m_used + n > m_capacity)
            return nullptr;
        char *at = m_bytes + m_used;
        m_used += n;
        return at;
    }
    // Gives back the last `n` bytes reserved (the decoder's padding once it is done with it).
    void unreserve(std::size_t n) { m_used -= n; }
    std::size_t used() const { return m_used; }
    std::size_t capacity() const { return m_capacity; }
    const char *data() const { return m_bytes; }

private:
    char *m_bytes;
    std::size_t m_capacity;
    std::size_t m_used = 0;
    std::shared_ptr<PagePool> m_pool; // null: the page owns its memory (malloc)
};

class PagePool : public std::enable_shared_from_this<PagePool>
{
public:
    // Keeps `ready` faulted-in pages waiting. Returned pages are kept for reuse as long as the pool
    // then holds no more pages than were ever in use at once; after `idleMs` without a take() the
    // pool gives back to the system all it keeps beyond `ready`.
    static std::shared_ptr<PagePool> create(std::size_t ready = 8, int idleMs = 30000);
    ~PagePool();

    std::shared_ptr<BytePage> take();
    void giveBack(char *bytes); // from ~BytePage, on whichever thread drops the page

    std::size_t freePages() const;   // faulted in and waiting
    std::size_t mappedPages() const; // waiting or in use

private:
    PagePool(std::size_t ready, int idleMs);
    void fill();
    void trimWhenIdle(std::unique_lock<std::mutex> &lock);
    static char *mapPage();
    static void unmapPage(char *bytes);

    using Clock = std::chrono::steady_clock;
    std::size_t m_ready;
    std::chrono::milliseconds m_idle;
    mutable std::mutex m_mutex;
    std::condition_variable m_wanted;
    std::vector<char *> m_free;  // faulted in, ready to use
    std::size_t m_inUse = 0;     // taken and not yet given back
    std::size_t m_peakInUse = 0; // the most ever in use at once: the most worth keeping
    Clock::time_point m_lastTake = Clock::now();
    bool m_stopping = false;
    std::thread m_filler;
};

} // namespace cdc::stream
