#pragma once
// Just enough MPEG-TS to serve late joiners: find the program tables (PAT, PMT), the video PID,
// and where each keyframe begins. Input is whatever an SRT message holds (n × 188 bytes).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace estrade::relay {

inline constexpr std::size_t ts_packet_size = 188;
inline constexpr std::size_t max_srt_message = 1316;  // 7 TS packets: SRT live mode's payload

struct MessageFacts {
    bool pes_start = false;       // a video PES (a new frame) begins in this message
    bool keyframe = false;        // the frame begun here, or in the last PES start, is a keyframe
    bool keyframe_here = false;   // the keyframe's first packet is in this very message
    bool tables = false;          // holds a PAT or the PMT
};

class TsInspector {
public:
    MessageFacts inspect(std::span<const std::uint8_t> message);

    // The latest PAT and PMT packets, to send a late joiner before the keyframe.
    bool has_tables() const { return m_pat && m_pmt; }
    std::vector<std::uint8_t> tables() const;
    std::optional<std::uint16_t> video_pid() const { return m_video_pid; }
    void reset() { *this = TsInspector{}; }

private:
    using Packet = std::array<std::uint8_t, ts_packet_size>;
    void read_pat(const std::uint8_t* packet);
    void read_pmt(const std::uint8_t* packet);
    bool scan_for_keyframe_nal(const std::uint8_t* payload, std::size_t size);

    std::optional<Packet> m_pat;
    std::optional<Packet> m_pmt;
    std::optional<std::uint16_t> m_pmt_pid;
    std::optional<std::uint16_t> m_video_pid;
    // A sound-only programme (a room's microphone, the return): every PES start is a place to join.
    bool m_sound_only = false;
    bool m_hevc = false;
    // Within a PES not yet classified: the start-code scanner's state across packets.
    bool m_scanning = false;
    std::uint32_t m_recent = 0xFFFFFFFF;
};

// Continuity counter check per PID, for tests and benchmarks: counts packets lost or repeated.
class ContinuityChecker {
public:
    void feed(std::span<const std::uint8_t> data);
    int errors() const { return m_errors; }
    std::size_t packets() const { return m_packets; }

private:
    std::array<int, 8192> m_last{};
    bool m_started[8192] = {};
    int m_errors = 0;
    std::size_t m_packets = 0;
};

}  // namespace estrade::relay
