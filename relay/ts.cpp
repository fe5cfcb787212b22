#include "ts.hpp"

#include <algorithm>
#include <cstring>

namespace estrade::relay {

namespace {

constexpr std::uint8_t sync_byte = 0x47;
constexpr std::uint8_t stream_type_h264 = 0x1B;
constexpr std::uint8_t stream_type_hevc = 0x24;

std::uint16_t pid_of(const std::uint8_t* p) { return static_cast<std::uint16_t>(((p[1] & 0x1F) << 8) | p[2]); }
bool payload_unit_start(const std::uint8_t* p) { return (p[1] & 0x40) != 0; }
bool has_payload(const std::uint8_t* p) { return (p[3] & 0x10) != 0; }
bool has_adaptation(const std::uint8_t* p) { return (p[3] & 0x20) != 0; }

bool random_access(const std::uint8_t* p)
{
    return has_adaptation(p) && p[4] > 0 && (p[5] & 0x40) != 0;
}

// Offset of the payload in the packet, or 188 when there is none.
std::size_t payload_offset(const std::uint8_t* p)
{
    if (!has_payload(p))
        return ts_packet_size;
    std::size_t offset = 4;
    if (has_adaptation(p))
        offset += 1 + p[4];
    return std::min(offset, ts_packet_size);
}

// The section of a PSI packet (PAT/PMT) starting after the pointer field, or nothing.
std::span<const std::uint8_t> psi_section(const std::uint8_t* p)
{
    if (!payload_unit_start(p))
        return {};
    std::size_t offset = payload_offset(p);
    if (offset >= ts_packet_size)
        return {};
    offset += 1 + p[offset];  // pointer field
    if (offset + 3 > ts_packet_size)
        return {};
    const std::size_t length = ((p[offset + 1] & 0x0F) << 8) | p[offset + 2];
    const std::size_t end = std::min(ts_packet_size, offset + 3 + length);
    return {p + offset, end - offset};
}

}  // namespace

void TsInspector::read_pat(const std::uint8_t* packet)
{
    auto section = psi_section(packet);
    if (section.size() < 12 || section[0] != 0x00)
        return;
    // Program loop: after 8 header bytes, 4 bytes each, until the CRC (last 4).
    for (std::size_t i = 8; i + 4 <= section.size() - 4; i += 4) {
        const std::uint16_t program = static_cast<std::uint16_t>((section[i] << 8) | section[i + 1]);
        if (program != 0) {  // program 0 is the network PID
            m_pmt_pid = static_cast<std::uint16_t>(((section[i + 2] & 0x1F) << 8) | section[i + 3]);
            break;
        }
    }
    m_pat.emplace();
    std::memcpy(m_pat->data(), packet, ts_packet_size);
}

void TsInspector::read_pmt(const std::uint8_t* packet)
{
    auto section = psi_section(packet);
    if (section.size() < 16 || section[0] != 0x02)
        return;
    const std::size_t program_info_length = ((section[10] & 0x0F) << 8) | section[11];
    std::size_t i = 12 + program_info_length;
    while (i + 5 <= section.size() - 4) {
        const std::uint8_t type = section[i];
        const std::uint16_t pid = static_cast<std::uint16_t>(((section[i + 1] & 0x1F) << 8) | section[i + 2]);
        const std::size_t es_info_length = ((section[i + 3] & 0x0F) << 8) | section[i + 4];
        if ((type == stream_type_h264 || type == stream_type_hevc) && !m_video_pid) {
            m_video_pid = pid;
            m_hevc = type == stream_type_hevc;
        }
        i += 5 + es_info_length;
    }
    m_sound_only = !m_video_pid;
    m_pmt.emplace();
    std::memcpy(m_pmt->data(), packet, ts_packet_size);
}

// Looks for the first picture-bearing NAL unit of the frame: an IDR, or parameter sets, mean a keyframe.
// Returns true once the frame is classified (m_scanning ends), with the answer in the return of inspect.
bool TsInspector::scan_for_keyframe_nal(const std::uint8_t* payload, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i) {
        m_recent = (m_recent << 8) | payload[i];
        if ((m_recent & 0xFFFFFF00) != 0x00000100)
            continue;
        const std::uint8_t header = static_cast<std::uint8_t>(m_recent & 0xFF);
        if (m_hevc) {
            const int type = (header >> 1) & 0x3F;
            if (type >= 16 && type <= 23)
                return m_scanning = false, true;  // IRAP picture
            if (type == 32 || type == 33)
                return m_scanning = false, true;  // VPS/SPS come with keyframes
            if (type < 16) {
                m_scanning = false;  // an ordinary picture
                return false;
            }
        } else {
            const int type = header & 0x1F;
            if (type == 5 || type == 7)
                return m_scanning = false, true;  // IDR slice, or SPS (sent before each IDR)
            if (type == 1) {
                m_scanning = false;
                return false;
            }
        }
    }
    return false;
}

MessageFacts TsInspector::inspect(std::span<const std::uint8_t> message)
{
    MessageFacts facts;
    for (std::size_t at = 0; at + ts_packet_size <= message.size(); at += ts_packet_size) {
        const std::uint8_t* p = message.data() + at;
        if (p[0] != sync_byte)
            continue;
        const std::uint16_t pid = pid_of(p);
        if (pid == 0) {
            read_pat(p);
            facts.tables = true;
            continue;
        }
        if (m_pmt_pid && pid == *m_pmt_pid) {
            read_pmt(p);
            facts.tables = true;
            continue;
        }
        if (m_sound_only) {
            if (payload_unit_start(p))
                facts.pes_start = facts.keyframe = facts.keyframe_here = true;
            continue;
        }
        const bool is_video = m_video_pid ? pid == *m_video_pid : random_access(p);
        if (!is_video)
            continue;
        if (payload_unit_start(p)) {
            facts.pes_start = true;
            m_scanning = true;
            m_recent = 0xFFFFFFFF;
            if (random_access(p)) {
                // The muxer says so: no need to look inside.
                facts.keyframe = facts.keyframe_here = true;
                m_scanning = false;
                continue;
            }
        }
        if (m_scanning) {
            const std::size_t offset = payload_offset(p);
            if (offset < ts_packet_size && scan_for_keyframe_nal(p + offset, ts_packet_size - offset)) {
                facts.keyframe = true;
                facts.keyframe_here = facts.pes_start;
            }
        }
    }
    return facts;
}

std::vector<std::uint8_t> TsInspector::tables() const
{
    std::vector<std::uint8_t> out;
    if (!has_tables())
        return out;
    out.insert(out.end(), m_pat->begin(), m_pat->end());
    out.insert(out.end(), m_pmt->begin(), m_pmt->end());
    return out;
}

void ContinuityChecker::feed(std::span<const std::uint8_t> data)
{
    for (std::size_t at = 0; at + ts_packet_size <= data.size(); at += ts_packet_size) {
        const std::uint8_t* p = data.data() + at;
        if (p[0] != sync_byte) {
            ++m_errors;
            continue;
        }
        ++m_packets;
        const std::uint16_t pid = pid_of(p);
        if (pid == 0x1FFF || !has_payload(p))
            continue;  // null packets and adaptation-only packets do not advance the counter
        const int cc = p[3] & 0x0F;
        if (m_started[pid] && cc != ((m_last[pid] + 1) & 0x0F) && cc != m_last[pid])
            ++m_errors;
        m_started[pid] = true;
        m_last[pid] = cc;
    }
}

}  // namespace estrade::relay
