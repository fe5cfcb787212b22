#include "lip_sync.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iomanip>

namespace estrade::viewer {

namespace {

double now_ms()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::vector<double> lip_sync_offsets(const std::vector<double>& flashes, const std::vector<double>& tones)
{
    std::vector<double> offsets;
    for (const double flash : flashes) {
        double best = 1e9;
        for (const double tone : tones)
            if (std::abs(tone - flash) < std::abs(best))
                best = tone - flash;
        if (std::abs(best) < 400)
            offsets.push_back(best);
    }
    return offsets;
}

LipSyncSummary summarise(std::vector<double> offsets)
{
    LipSyncSummary s;
    s.pairs = static_cast<int>(offsets.size());
    if (offsets.empty())
        return s;
    std::sort(offsets.begin(), offsets.end());
    s.median_ms = offsets[offsets.size() / 2];
    s.min_ms = offsets.front();
    s.max_ms = offsets.back();
    return s;
}

LipSyncProbe::LipSyncProbe(const std::filesystem::path& log) : m_log(log) {}

void LipSyncProbe::note(const char* kind, double at_ms, GstClockTime pts)
{
    // Fixed, to the microsecond: the steady clock's milliseconds run to eight digits and more.
    // Then the stream's time stamp (ms), which tells a late picture from a late sound.
    m_log << kind << ' ' << std::fixed << std::setprecision(3) << at_ms << ' '
          << (GST_CLOCK_TIME_IS_VALID(pts) ? static_cast<double>(pts) / 1e6 : -1.0) << '\n' << std::flush;
}

void LipSyncProbe::picture_drawn(const std::uint8_t* luma, int width, int height, int stride, GstClockTime pts)
{
    // A sparse mean: the flash is the whole picture going white (luma ~235), the rest of the time black.
    long sum = 0;
    int n = 0;
    for (int y = height / 8; y < height; y += height / 8)
        for (int x = width / 8; x < width; x += width / 8, ++n)
            sum += luma[static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(x)];
    const double mean = n ? static_cast<double>(sum) / n : 0;
    const double at = now_ms();
    std::lock_guard lock(m_mutex);
    if (!m_bright && mean > 128) {
        m_flashes.push_back(at);
        note("flash", at, pts);
    }
    m_bright = mean > 128 ? true : mean < 64 ? false : m_bright;
}

void LipSyncProbe::attach_sound(GstElement* fakesink)
{
    if (!fakesink)
        return;
    g_object_set(fakesink, "signal-handoffs", TRUE, nullptr);
    g_signal_connect(fakesink, "handoff", G_CALLBACK(&LipSyncProbe::handoff), this);
}

void LipSyncProbe::handoff(GstElement*, GstBuffer* buffer, GstPad* pad, gpointer probe)
{
    int rate = 48000;
    if (GstCaps* caps = gst_pad_get_current_caps(pad)) {
        gst_structure_get_int(gst_caps_get_structure(caps, 0), "rate", &rate);
        gst_caps_unref(caps);
    }
    GstMapInfo map;
    if (!gst_buffer_map(buffer, &map, GST_MAP_READ))
        return;
    static_cast<LipSyncProbe*>(probe)->sound_rendered(reinterpret_cast<const std::int16_t*>(map.data),
                                                      map.size / sizeof(std::int16_t), rate, GST_BUFFER_PTS(buffer));
    gst_buffer_unmap(buffer, &map);
}

void LipSyncProbe::sound_rendered(const std::int16_t* samples, std::size_t count, int rate, GstClockTime pts)
{
    const double at = now_ms();
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < count; ++i) {
        // About -27 dBFS: the beep's loud part (its quiet lead-in comes out near -42 dBFS).
        if (std::abs(static_cast<int>(samples[i])) < 1500)
            continue;
        const double tone = at + 1000.0 * static_cast<double>(i) / rate;
        if (tone - m_last_tone_ms > 500) {
            m_tones.push_back(tone);
            note("tone", tone, GST_CLOCK_TIME_IS_VALID(pts) ? pts + gst_util_uint64_scale(i, GST_SECOND, static_cast<guint64>(rate)) : pts);
        }
        m_last_tone_ms = tone;
    }
}

LipSyncSummary LipSyncProbe::summary() const
{
    std::lock_guard lock(m_mutex);
    return summarise(lip_sync_offsets(m_flashes, m_tones));
}

}  // namespace estrade::viewer
