// SPDX-License-Identifier: GPL-3.0-or-later
// Linear probing with backward-shift deletion, so that forgetting the oldest id leaves no tombstones.
#include "redeliverytracker.h"

#include <algorithm>
#include <bit>
#include <functional>

namespace cdc::stream {

namespace {

// splitmix64's finalizer: spreads the id's hash and the topic over all 64 bits.
quint64 mix(quint64 x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

} // namespace

RedeliveryTracker::RedeliveryTracker(std::size_t capacityPerSource)
    : m_capacity(std::max<std::size_t>(capacityPerSource, 1))
    , m_mask(std::bit_ceil(2 * m_capacity) - 1)
{}

std::size_t RedeliveryTracker::bytes(SourceTag source) const
{
    const Table &t = m_tables[std::size_t(source)];
    return (t.slots.capacity() + t.ring.capacity()) * sizeof(quint64);
}

void RedeliveryTracker::clear()
{
    for (Table &t : m_tables)
        t = Table{};
}

bool RedeliveryTracker::find(const Table &t, quint64 hash, std::size_t &slot) const
{
    for (slot = hash & m_mask;; slot = (slot + 1) & m_mask) {
        if (t.slots[slot] == hash)
            return true;
        if (t.slots[slot] == 0)
            return false;
    }
}

void RedeliveryTracker::erase(Table &t, std::size_t hole)
{
    // Move back every entry after the hole whose home slot does not lie between the hole and itself.
    for (std::size_t j = (hole + 1) & m_mask; t.slots[j] != 0; j = (j + 1) & m_mask) {
        const std::size_t home = t.slots[j] & m_mask;
        const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (stays)
            continue;
        t.slots[hole] = t.slots[j];
        hole = j;
    }
    t.slots[hole] = 0;
}

bool RedeliveryTracker::seenBefore(SourceTag source, quint32 topic, std::string_view id)
{
    if (id.empty())
        return false;
    Table &t = m_tables[std::size_t(source)];
    if (t.slots.empty()) {
        t.slots.assign(m_mask + 1, 0);
        t.ring.assign(m_capacity, 0);
    }
    quint64 hash = mix(std::hash<std::string_view>{}(id) ^ (quint64(topic) * 0x9e3779b97f4a7c15ull));
    hash += hash == 0; // 0 marks an empty slot
    std::size_t slot;
    if (find(t, hash, slot))
        return true;
    if (t.count == m_capacity) { // forget the oldest; the new id takes its place in the ring
        std::size_t oldest;
        if (find(t, t.ring[t.next], oldest))
            erase(t, oldest);
        find(t, hash, slot); // the erase may have moved the free slot
    } else {
        ++t.count;
    }
    t.slots[slot] = hash;
    t.ring[t.next] = hash;
    t.next = (t.next + 1) % m_capacity;
    return false;
}

} // namespace cdc::stream
