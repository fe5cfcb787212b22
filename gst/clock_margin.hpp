#pragma once
// How far ahead of their time the speaker's pictures are decoded, kept small. Playing on the clock
// (gst::PlayerSettings::clock_latency_ms), a room's delay behind the host depends on how tsdemux first
// mapped the host's clock onto arrival times, and the relay's fast start sends the last group of pictures
// at once when a room joins: measured, the pictures then waited 0.1 to 0.7 s more than needed, differently
// at each join. So the player watches, over each window, the least margin a decoded picture or piece of
// sound had before its time (the sound may come later than the pictures: the host's sound chain waits for
// its mixer), and moves every sink's time offset (pictures and sound alike, so they stay together) to keep
// that margin near a target: later when pictures come too late, earlier when they wait too long.

#include <chrono>
#include <cstdint>
#include <optional>

namespace estrade::gst {

struct ClockMarginSettings {
    std::chrono::milliseconds target{30};     // what a picture is left in hand for being drawn
    std::chrono::milliseconds tolerance{25};  // above target + tolerance, move earlier
    std::chrono::milliseconds window{2000};   // the least margin is taken over this long
};

class ClockMargin {
public:
    explicit ClockMargin(ClockMarginSettings settings = {}) : m_settings(settings) {}

    // A picture or a piece of sound left its decoder `margin_ns` before its time (negative: late), at
    // clock time `now_ns`.
    // Returns the change to make to the sinks' ts-offset (ns) when a window has just closed and the least
    // margin of it was out of bounds.
    std::optional<std::int64_t> decoded(std::int64_t margin_ns, std::int64_t now_ns);
    // Whether the last picture closed a window (the next one opens another).
    bool window_closed() const { return !m_window_start; }

private:
    ClockMarginSettings m_settings;
    std::optional<std::int64_t> m_window_start;
    std::int64_t m_least = 0;
};

}  // namespace estrade::gst
