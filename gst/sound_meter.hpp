#pragma once
// How loud a sound is where it passes (a pad probe), and when it last passed: the console's level of
// the room holding the floor, the room's own microphone meter, and "not reaching the host" all read it.
// The meter must outlive the pipeline it is attached to (declare it first in the owner).

#include <gst/gst.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

namespace estrade::gst {

class SoundMeter {
public:
    using Clock = std::chrono::steady_clock;

    // Watches the buffers leaving `element`'s `pad`; S16 or F32 interleaved sound.
    void attach(GstElement* element, const char* pad = "src");

    // The loudest sample of the last ~300 ms, in dBFS (−100 for silence or nothing).
    double level_db() const;
    // When a buffer last passed, and when a buffer last held sound above −50 dBFS.
    std::optional<Clock::time_point> last_buffer() const { return at(m_last_buffer_ns); }
    std::optional<Clock::time_point> last_sound() const { return at(m_last_sound_ns); }
    long buffers() const { return m_buffers; }
    void reset();
    // Benches: when each sound began (above −50 dBFS after 300 ms below), kept from record_onsets(true) on.
    void record_onsets(bool on) { m_recording_onsets = on; }
    std::vector<Clock::time_point> onsets() const;

private:
    static GstPadProbeReturn on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer self);
    void measure(GstPad* pad, GstBuffer* buffer);
    static std::optional<Clock::time_point> at(const std::atomic<std::int64_t>& ns);

    std::atomic<std::int64_t> m_last_buffer_ns{0};
    std::atomic<std::int64_t> m_last_sound_ns{0};
    std::atomic<std::int64_t> m_peak_at_ns{0};
    std::atomic<double> m_peak_db{-100};
    std::atomic<long> m_buffers{0};
    std::atomic<bool> m_recording_onsets{false};
    mutable std::mutex m_onsets_mutex;
    std::vector<Clock::time_point> m_onsets;
};

}  // namespace estrade::gst
