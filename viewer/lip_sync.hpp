#pragma once
// Lip sync as a room sees and hears it (bench/lip-sync.sh): the producer's flash-and-beep source
// (--bench-flash-and-beep: a white picture and a 10 ms tone on every whole second of its clock) through
// the relay; the moments the flash is drawn (the planes item hands over each picture) and the tone's
// first loud sample reaches the speaker stream's sound sink, on one clock; each tone's offset from its
// flash. Positive: the sound is late. EBU R37 accepts 40 ms early to 60 ms late.

#include <gst/gst.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

namespace estrade::viewer {

// How long after its capture at the host (beyond SRT's latency) the speaker's pictures and sound are
// played in a room, both on the clock: enough for the slower of the two to be encoded, sent and decoded
// (measured with bench/lip-sync.sh, docs/benchmarks.md).
inline constexpr int default_speaker_latency_ms = 150;

struct LipSyncSummary {
    int pairs = 0;  // flashes with a tone within 400 ms
    double median_ms = 0, min_ms = 0, max_ms = 0;
};

// The offsets of each tone from the nearest flash (both in ms on one clock), for pairs within 400 ms.
std::vector<double> lip_sync_offsets(const std::vector<double>& flashes, const std::vector<double>& tones);
LipSyncSummary summarise(std::vector<double> offsets);

class LipSyncProbe {
public:
    // Each flash and tone is also written to `log` as it is seen ("flash T", "tone T", ms).
    explicit LipSyncProbe(const std::filesystem::path& log);
    LipSyncProbe(const LipSyncProbe&) = delete;
    LipSyncProbe& operator=(const LipSyncProbe&) = delete;

    // A picture drawn: its luma plane (any thread).
    void picture_drawn(const std::uint8_t* luma, int width, int height, int stride, GstClockTime pts = GST_CLOCK_TIME_NONE);
    // The speaker stream's sound sink: a fakesink with signal-handoffs, fed S16LE mono.
    void attach_sound(GstElement* fakesink);
    LipSyncSummary summary() const;

private:
    static void handoff(GstElement*, GstBuffer* buffer, GstPad* pad, gpointer probe);
    void sound_rendered(const std::int16_t* samples, std::size_t count, int rate, GstClockTime pts = GST_CLOCK_TIME_NONE);
    void note(const char* kind, double at_ms, GstClockTime pts);

    mutable std::mutex m_mutex;
    std::ofstream m_log;
    std::vector<double> m_flashes;
    std::vector<double> m_tones;
    bool m_bright = false;
    double m_last_tone_ms = -1e9;
};

}  // namespace estrade::viewer
