#pragma once
// The last few seconds of one stream, as the SRT messages that carried it. Received once into
// a ring, read by every subscriber at its own position: no copy per site.

#include "ts.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

namespace estrade::relay {

using Clock = std::chrono::steady_clock;

struct StoredMessage {
    std::uint64_t seq = 0;
    Clock::time_point arrived;
    std::uint16_t size = 0;
    std::array<std::uint8_t, max_srt_message> data;
};

class StreamBuffer {
public:
    explicit StreamBuffer(std::size_t capacity) : m_slots(capacity) {}

    // Where the next message is received to; it overwrites the oldest one.
    StoredMessage& next_slot() { return m_slots[m_next % m_slots.size()]; }
    std::uint64_t commit(std::uint16_t size, Clock::time_point arrived)
    {
        auto& slot = next_slot();
        slot.seq = m_next;
        slot.size = size;
        slot.arrived = arrived;
        return m_next++;
    }

    // Nothing when the message is not yet received or already overwritten.
    const StoredMessage* find(std::uint64_t seq) const
    {
        if (seq >= m_next || seq < oldest())
            return nullptr;
        return &m_slots[seq % m_slots.size()];
    }
    std::uint64_t next_seq() const { return m_next; }
    std::uint64_t oldest() const { return m_next > m_slots.size() ? m_next - m_slots.size() : 0; }
    const StoredMessage* newest() const { return m_next == 0 ? nullptr : find(m_next - 1); }

private:
    std::vector<StoredMessage> m_slots;
    std::uint64_t m_next = 0;
};

}  // namespace estrade::relay
