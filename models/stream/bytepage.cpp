// SPDX-License-Identifier: GPL-3.0-or-later
// Mapping, faulting in and recycling event pages.
#include "bytepage.h"

#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace cdc::stream {

namespace {
constexpr int kFillerNice = 10;
}

BytePage::BytePage(std::size_t capacity) : m_bytes(static_cast<char *>(std::malloc(capacity))), m_capacity(capacity)
{
    if (!m_bytes)
        throw std::bad_alloc();
}

BytePage::BytePage(char *bytes, std::shared_ptr<PagePool> pool)
    : m_bytes(bytes)
    , m_capacity(kDefaultSize)
    , m_pool(std::move(pool))
{}

BytePage::~BytePage()
{
    if (m_pool)
        m_pool->giveBack(m_bytes);
    else
        std::free(m_bytes);
}

std::shared_ptr<PagePool> PagePool::create(std::size_t ready, int idleMs)
{
    std::shared_ptr<PagePool> pool(new PagePool(ready, idleMs));
    pool->m_filler = std::thread([raw = pool.get()] { raw->fill(); });
    return pool;
}

PagePool::PagePool(std::size_t ready, int idleMs) : m_ready(ready), m_idle(qMax(idleMs, 1)) {}

PagePool::~PagePool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wanted.notify_all();
    if (m_filler.joinable())
        m_filler.join();
    for (char *page : m_free)
        unmapPage(page);
}

std::shared_ptr<BytePage> PagePool::take()
{
    char *bytes = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            bytes = m_free.back();
            m_free.pop_back();
        }
        m_peakInUse = std::max(m_peakInUse, ++m_inUse);
        m_lastTake = Clock::now();
    }
    m_wanted.notify_one();
    if (!bytes)
        bytes = mapPage(); // the filler is behind: fault it in here
    return std::make_shared<BytePage>(bytes, shared_from_this());
}

void PagePool::giveBack(char *bytes)
{
    {
        std::lock_guard lock(m_mutex);
        --m_inUse;
        if (!m_stopping && m_free.size() + m_inUse < std::max(m_peakInUse, m_ready)) {
            m_free.push_back(bytes);
            return;
        }
    }
    unmapPage(bytes);
}

std::size_t PagePool::freePages() const
{
    std::lock_guard lock(m_mutex);
    return m_free.size();
}

std::size_t PagePool::mappedPages() const
{
    std::lock_guard lock(m_mutex);
    return m_free.size() + m_inUse;
}

// The filler thread: keeps `m_ready` pages faulted in so the consumer never waits for the kernel.
void PagePool::fill()
{
    // Below the consumer and librdkafka's threads: on a machine with few cores the zeroing should
    // fill their gaps, not take their turns (take() faults a page in itself when the filler is behind).
    setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), kFillerNice);
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_free.size() >= m_ready) {
            if (m_wanted.wait_for(lock, m_idle) == std::cv_status::timeout)
                trimWhenIdle(lock);
            continue;
        }
        lock.unlock();
        char *page = mapPage();
        lock.lock();
        m_free.push_back(page);
    }
}

// Pages kept for a refill that has not come: back to the system, all but the `ready` ones.
void PagePool::trimWhenIdle(std::unique_lock<std::mutex> &lock)
{
    if (Clock::now() - m_lastTake < m_idle || m_free.size() <= m_ready)
        return;
    std::vector<char *> surplus(m_free.begin() + std::ptrdiff_t(m_ready), m_free.end());
    m_free.resize(m_ready);
    m_peakInUse = m_inUse; // what is kept from now on follows the use that comes
    lock.unlock();
    for (char *page : surplus)
        unmapPage(page);
    lock.lock();
}

char *PagePool::mapPage()
{
    // Huge pages need 2 MiB alignment: map one page more, keep the aligned middle, return the rest.
    constexpr std::size_t size = BytePage::kDefaultSize;
    const std::size_t span = size * 2;
    void *mapped = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (start + size - 1) & ~std::uintptr_t(size - 1);
    if (aligned > start)
        munmap(mapped, aligned - start);
    if (start + span > aligned + size)
        munmap(reinterpret_cast<void *>(aligned + size), start + span - (aligned + size));
    char *page = reinterpret_cast<char *>(aligned);
    madvise(page, size, MADV_HUGEPAGE); // a hint: fine if the kernel says no
    // Touch every 4 KiB so the kernel's zeroing happens here, not when events are copied in.
    for (std::size_t at = 0; at < size; at += 4096)
        page[at] = 0;
    return page;
}

void PagePool::unmapPage(char *bytes)
{
    munmap(bytes, BytePage::kDefaultSize);
}

} // namespace cdc::stream
