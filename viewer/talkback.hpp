#pragma once
// A room's side of the floor (docs/viewer.md#the-floor): while the room holds it, and only then, its
// microphone is open and published to the relay on <event>/room-<site>, and its loudspeakers play the
// return stream (the programme without this room) instead of the speaker stream's sound, so the room
// never hears itself a second later. Both live in one pipeline: the echo canceller (webrtcdsp) takes
// what the loudspeakers play (webrtcechoprobe) as its reference, at one rate.
// Destroying it closes the microphone and ends the room's stream.

#include "config/event.hpp"
#include "gst/looping_file.hpp"
#include "gst/noise_gate.hpp"
#include "gst/sound_meter.hpp"
#include "gst/stream_player.hpp"
#include "gst/stream_publisher.hpp"

#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

namespace estrade::viewer {

struct TalkbackSettings {
    config::Event event;
    std::string site;
    config::MediaSource microphone{config::MediaSource::Kind::automatic, {}};
    // What the return's sound goes to: the room's loudspeakers, or a file/fakesink in tests.
    // Played as it arrives, as the viewer's own sound (sync=false): no wait for the microphone's latency.
    std::string speakers = "autoaudiosink name=speakers sync=false";
};

// The launch description after the player's `tsdemux name=demux` (pure, unit-tested).
std::string talkback_pipeline_tail(const TalkbackSettings& settings);
// The room's voice clean-up, microphone to `room-gate` (the identity the noise gate rewrites): echo
// cancelled against the `room-probe` webrtcechoprobe, noise suppressed, level evened. The echo bench runs it
// with and without the canceller.
std::string room_voice_cleanup(bool echo_cancel);
std::string room_sound_caps();  // the one rate of the canceller, its probe and Opus
// The microphone's element, named "microphone" (an interaudiosrc on the file's channel for file:).
std::string room_microphone_source(const TalkbackSettings& settings);

// Whether a microphone can be used at all, in words when not ("no microphone found on this computer").
// Checked once at start-up, so the panel can say why the room cannot ask aloud.
std::optional<std::string> microphone_problem(const config::MediaSource& microphone);

class Talkback {
public:
    explicit Talkback(TalkbackSettings settings);
    ~Talkback();
    Talkback(const Talkback&) = delete;
    Talkback& operator=(const Talkback&) = delete;

    // The room's voice as it leaves (after echo cancellation, noise suppression and the gate).
    double microphone_level_db() const { return m_microphone.level_db(); }
    long microphone_buffers() const { return m_microphone.buffers(); }
    gst::SoundMeter& microphone_meter() { return m_microphone; }  // benches: when the voice left
    const gst::SoundMeter& return_meter() const { return m_returned; }  // what its loudspeakers play
    gst::PublisherStatus publisher() const { return m_publisher->status(); }
    gst::StreamStatus return_status() const { return m_player->status(); }
    long return_sound_buffers() const { return m_returned.buffers(); }

private:
    TalkbackSettings m_settings;
    // Declared before the pipeline that calls them, so they outlive it.
    gst::SoundMeter m_microphone;
    gst::SoundMeter m_returned;
    gst::NoiseGate m_gate;  // the level gate: the speech gate is the host's only (docs/producer.md#sound-what-the-rooms-hear)
    std::optional<gst::LoopingFile> m_file;
    std::unique_ptr<gst::StreamPlayer> m_player;
    std::unique_ptr<gst::StreamPublisher> m_publisher;
    std::jthread m_file_loop;  // seeks the file: microphone back to its start
};

}  // namespace estrade::viewer
