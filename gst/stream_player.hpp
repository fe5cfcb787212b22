#pragma once
// Plays one stream of the relay in a room: an SRT caller (the site's stream id and passphrase) feeding
// a GStreamer pipeline through appsrc, reconnecting by itself, with a status a person understands.
// Owning the SRT side (instead of srtsrc) is what lets the screen say "wrong passphrase" rather than
// "could not open resource".

#include "clock_margin.hpp"
#include "repeated_pictures.hpp"
#include "stream_status.hpp"

#include "pipeline.hpp"
#include "srt/caller.hpp"
#include "srt/handles.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace estrade::gst {

struct PlayerSettings {
    srt::CallerSettings caller;
    // What the decoded pictures go to (conversion included): the Qt Quick sink in the viewer, fakesink
    // in tests and benches.
    std::string video_sink = "fakesink sync=false";
    // What the decoded sound goes to; empty for a stream without sound (the slides).
    std::string audio_sink;
    // Holds the sound back by this much: pictures take longer than sound through encoding and decoding
    // (frame threads), and both play as they arrive. The viewer's speaker stream uses it (lip sync,
    // bench/lip-sync.sh); 0 elsewhere (the floor's return must not wait).
    int sound_delay_ms = 0;
    // > 0: pictures and sound play on the clock at their time stamps, this much after they were captured
    // at the host (the demuxer maps the host's clock onto the arrival times), instead of as they arrive:
    // what keeps them together whatever each took to encode and decode (lip sync, bench/lip-sync.sh).
    // The sinks must then wait on the clock (sync=true). 0: as they arrive (tests, the floor's return).
    int clock_latency_ms = 0;
    // Instead of decoding: what follows `tsdemux name=demux` (the browser gateway repackages the stream
    // without decoding it), with its entries named video-in and audio-in (the player links them to the
    // demuxer's streams). Empty: decode, as above.
    std::string remux_tail;
    // A picture that repeats the last one shown (within a few levels) goes no further than the decoder,
    // but at least one a second does (RepeatedPictures): the slides, a still picture ten times a second.
    bool skip_repeated_pictures = false;
    // The viewer starts only once its window can show pictures (start()); tests start at once.
    bool start_now = true;
};

// The decoding half as a launch string (pure, unit-tested): appsrc `in` → tsdemux → H.264 decoder
// named `decoder` → video_sink, and when audio_sink is set AAC decoder → audio_sink.
std::string player_pipeline(const PlayerSettings& settings);

class StreamPlayer {
public:
    explicit StreamPlayer(PlayerSettings settings);
    ~StreamPlayer();
    StreamPlayer(const StreamPlayer&) = delete;
    StreamPlayer& operator=(const StreamPlayer&) = delete;

    // Plays (once; later calls do nothing). Called by the constructor when settings.start_now.
    void start();
    // While a stream's area is hidden (layouts 1 and 2 show one stream), its pictures are still decoded,
    // so it can come back at once, but not scaled, converted or uploaded.
    void show_pictures(bool show) { m_showing = show; }
    // The next decoded picture goes on even if it repeats the last (its area changed size).
    void pass_next_picture() { m_repeated.pass_next(); }
    // An element of the pipeline by name, to hand the Qt Quick item to the video sink before start().
    gst::Element element(const char* name) const { return m_pipeline->element(name); }

    StreamStatus status() const;
    long decoded_frames() const { return m_decoded; }
    long decoded_sound_buffers() const { return m_sound_decoded; }
    // Pictures that reached the video sink (the rest were dropped because the screen could not keep up).
    long shown_frames() const { return m_shown; }
    // Counts a picture drawn, for a screen that pulls pictures itself (the viewer's planes item) rather
    // than through a sink named video-sink.
    void picture_shown() { ++m_shown; }
    // Pictures such a screen received but replaced by a newer one before it could draw them.
    void picture_lost() { ++m_lost; }
    long lost_frames() const { return m_lost; }
    // Times the decoding pipeline failed (a bad stream, a format the screen refused) and was restarted.
    long restarts() const { return m_restarts; }
    // Whether the sound reaches a device: false when the audio sink (named "speakers", an autoaudiosink)
    // found none and fell back to discarding it; nothing until it has chosen, or without a "speakers" sink.
    std::optional<bool> sound_device_found() const;
    // From the demuxer's thread: one of the host's streams appeared (at the start, after a restart, or
    // when the host's program changed: its sound gone or back, a publisher restarted with other tracks);
    // its pictures or sound go to their branch, replacing the stream that was there.
    void link_stream(GstPad* pad);
    // How long the stream has been arriving (gaps over a second are not counted).
    double received_seconds() const { return static_cast<double>(m_received_us) / 1e6; }
    // Playing on the clock: how far the sinks' time offset has moved (ClockMargin); negative: earlier.
    double clock_offset_ms() const { return static_cast<double>(m_offset_ns.load()) / 1e6; }
    // From a decoder's thread, playing on the clock: a picture or a piece of sound decoded, for ClockMargin.
    void buffer_decoded(GstPad* pad, GstBuffer* buffer);

private:
    void count_buffers(const char* element, const char* pad, std::atomic<long>& counter);
    void run();
    void receive(srt::Caller& caller);
    void wait_for_retry();  // until the back-off has passed, or the player stops
    void restart_on_failure();

    srt::Library m_srt;
    PlayerSettings m_settings;
    std::optional<gst::Pipeline> m_pipeline;
    gst::Element m_appsrc;
    mutable std::mutex m_mutex;
    StreamStatusMachine m_machine;
    std::atomic<long> m_decoded{0};
    std::atomic<long> m_sound_decoded{0};
    std::atomic<long> m_shown{0};
    std::atomic<long> m_lost{0};
    std::atomic<bool> m_showing{true};
    RepeatedPictures m_repeated;  // the decoder's thread only, but pass_next
    std::atomic<long> m_restarts{0};
    // Microseconds: at 4 Mbit/s packets arrive ~2.6 ms apart, and whole milliseconds per gap under-counted
    // the time by ~17 %.
    std::atomic<std::int64_t> m_received_us{0};
    std::chrono::steady_clock::time_point m_last_data{};
    std::string m_last_failure;
    std::chrono::steady_clock::time_point m_last_restart{};
    bool m_restart_pending = false;
    std::atomic<bool> m_stopping{false};
    std::mutex m_margin_mutex;  // the two decoders' threads
    ClockMargin m_margin;
    std::int64_t m_latency_ns = -1;
    std::atomic<std::int64_t> m_offset_ns{0};
    bool m_started = false;
    std::thread m_thread;
};

}  // namespace estrade::gst
