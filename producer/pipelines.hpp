#pragma once
// The producer's GStreamer pipelines as launch strings, pure functions of the event file's settings
// (unit-tested; tests swap in test sources). Element names the producer code looks up:
//   camera, microphone, screen, capture-card   sources (named in error messages)
//   speaker-encoder, slides-encoder            x264enc (keyframes are requested on them)
//   speaker-gate                               identity whose buffers the noise gate rewrites
//   slides-in                                  appsrc the decks and cards are pushed into
//   slides-switch                              input-selector: cards or the screen/capture card
//   speaker-ts, slides-ts                      appsink with the MPEG-TS to publish
//   speaker-recorder, slides-recorder          splitmuxsink, when recording
//   speaker-stamp                              identity stamping capture times (latency bench only)
//   floor-in, programme-mix, hall-probe, hall-out   the floor room's voice: in, mixed, played in the hall
//   return-ts                                  appsink with the return stream (the programme without the floor room)

#include "config/event.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace estrade::producer {

struct EncodingSettings {
    config::VideoSize size;
    int speaker_framerate = 30;
    // Slides change a few times a minute: 10 frames/s shows a change within 100 ms at little cost.
    int slides_framerate = 10;
    // Chosen by bench/producer-bench.sh (docs/benchmarks.md): the fastest preset that keeps both
    // 1080p streams at full rate on a 2-core host station, with room for capture and audio.
    std::string x264_preset = "veryfast";
    int speaker_kbps = 5000;
    int slides_kbps = 2500;
    int audio_kbps = 96;
    std::optional<std::filesystem::path> record_dir;
    std::string event_id;
    bool stamp_frames = false;  // the latency bench's capture-time stamps
    bool flash_and_beep = false;  // bench/lip-sync.sh: the test camera flashes, the test microphone beeps
};

EncodingSettings encoding_from(const config::Event& event);

// The inter-pipeline channel a looped file source writes to.
std::string file_channel(const std::string& event_id, const char* role);

// The speaker stream (camera, and the programme sound: the host microphone cleaned, mixed with the room
// holding the floor), the hall output of that room, and the return stream (the host microphone alone:
// what the room holding the floor plays, so it never hears itself late).
std::string speaker_pipeline(const config::ProducerSettings& producer, const EncodingSettings& encoding);
// Plays a room's stream (Opus in MPEG-TS, after the stream player's `tsdemux name=demux`) into the
// speaker pipeline's floor-in.
std::string floor_player_tail(const std::string& event_id);
// The sound every floor element speaks: the echo canceller needs one rate on both sides.
std::string floor_sound_caps();
std::string slides_pipeline(const config::ProducerSettings& producer, const EncodingSettings& encoding);

// Room noise out, speech kept: webrtcdsp (noise suppression, high-pass filter, automatic gain) then
// `speaker-gate`, the identity the SpeechGate rewrites; S16LE mono at audio_cleanup_rate in and out.
inline constexpr int audio_cleanup_rate = 48000;
// With the hall output on, webrtcdsp also cancels the floor room's voice coming back from the hall's
// loudspeakers (its reference: hall-probe).
std::string audio_cleanup_chain(bool hall_echo_cancel = false);

// Keyframe at least every 2 s, so a late joiner waits no longer than that for a picture.
int keyframe_interval_frames(int framerate);

}  // namespace estrade::producer
