// The memory the raw bytes of events live in: 2 MiB pages (one transparent huge page each where the
// kernel offers them), handed out by a pool that faults the next pages in on a thread of its own and
// takes pages back when the store drops them, so the consumer thread neither waits for the kernel to
// zero fresh memory nor maps and unmaps it again and again.
#pragma once

#include <QtGlobal>

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
    // Keeps up to `ready` faulted-in pages waiting and up to `keep` returned pages for reuse.
    static std::shared_ptr<PagePool> create(std::size_t ready = 8, std::size_t keep = 64);
    ~PagePool();

    std::shared_ptr<BytePage> take();
    void giveBack(char *bytes); // from ~BytePage, on whichever thread drops the page

private:
    PagePool(std::size_t ready, std::size_t keep);
    void fill();
    static char *mapPage();
    static void unmapPage(char *bytes);

    std::size_t m_ready;
    std::size_t m_keep;
    std::mutex m_mutex;
    std::condition_variable m_wanted;
    std::vector<char *> m_free; // faulted in, ready to use
    bool m_stopping = false;
    std::thread m_filler;
};

} // namespace cdc::stream
