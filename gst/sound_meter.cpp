#include "sound_meter.hpp"

#include "handles.hpp"

#include <gst/audio/audio.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace estrade::gst {

namespace {

constexpr double silence_db = -100;
constexpr double sound_threshold_db = -50;
constexpr std::int64_t peak_hold_ns = 300'000'000;

std::int64_t now_ns()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(SoundMeter::Clock::now().time_since_epoch()).count();
}

double to_db(double peak) { return peak > 0 ? std::max(silence_db, 20 * std::log10(peak)) : silence_db; }

}  // namespace

void SoundMeter::attach(GstElement* element, const char* pad_name)
{
    Pad pad(gst_element_get_static_pad(element, pad_name), Ownership::adopt);
    gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &SoundMeter::on_buffer, this, nullptr);
}

GstPadProbeReturn SoundMeter::on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer self)
{
    static_cast<SoundMeter*>(self)->measure(pad, GST_PAD_PROBE_INFO_BUFFER(info));
    return GST_PAD_PROBE_OK;
}

void SoundMeter::measure(GstPad* pad, GstBuffer* buffer)
{
    Caps caps(gst_pad_get_current_caps(pad), Ownership::adopt);
    GstAudioInfo audio;
    if (!caps || !gst_audio_info_from_caps(&audio, caps.get()))
        return;
    GstMapInfo map;
    if (!gst_buffer_map(buffer, &map, GST_MAP_READ))
        return;
    double peak = 0;
    const auto format = GST_AUDIO_INFO_FORMAT(&audio);
    if (format == GST_AUDIO_FORMAT_S16) {
        const auto* samples = reinterpret_cast<const std::int16_t*>(map.data);
        for (std::size_t i = 0; i < map.size / 2; ++i)
            peak = std::max(peak, std::abs(static_cast<double>(samples[i])) / 32768.0);
    } else if (format == GST_AUDIO_FORMAT_F32) {
        const auto* samples = reinterpret_cast<const float*>(map.data);
        for (std::size_t i = 0; i < map.size / 4; ++i)
            peak = std::max(peak, static_cast<double>(std::fabs(samples[i])));
    }
    gst_buffer_unmap(buffer, &map);
    const auto now = now_ns();
    const double db = to_db(peak);
    m_last_buffer_ns = now;
    ++m_buffers;
    if (db > sound_threshold_db) {
        if (m_recording_onsets && now - m_last_sound_ns > peak_hold_ns) {
            std::lock_guard lock(m_onsets_mutex);
            m_onsets.push_back(Clock::time_point(std::chrono::nanoseconds(now)));
        }
        m_last_sound_ns = now;
    }
    if (db >= m_peak_db || now - m_peak_at_ns > peak_hold_ns) {
        m_peak_db = db;
        m_peak_at_ns = now;
    }
}

double SoundMeter::level_db() const
{
    if (now_ns() - m_peak_at_ns > 2 * peak_hold_ns)
        return silence_db;  // nothing has passed for a while
    return m_peak_db;
}

std::vector<SoundMeter::Clock::time_point> SoundMeter::onsets() const
{
    std::lock_guard lock(m_onsets_mutex);
    return m_onsets;
}

void SoundMeter::reset()
{
    m_last_buffer_ns = 0;
    m_last_sound_ns = 0;
    m_peak_at_ns = 0;
    m_peak_db = silence_db;
    m_buffers = 0;
}

std::optional<SoundMeter::Clock::time_point> SoundMeter::at(const std::atomic<std::int64_t>& ns)
{
    const auto value = ns.load();
    if (value == 0)
        return std::nullopt;
    return Clock::time_point(std::chrono::nanoseconds(value));
}

}  // namespace estrade::gst
