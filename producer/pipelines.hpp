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
};

EncodingSettings encoding_from(const config::Event& event);

// The inter-pipeline channel a looped file source writes to.
std::string file_channel(const std::string& event_id, const char* role);

std::string speaker_pipeline(const config::ProducerSettings& producer, const EncodingSettings& encoding);
std::string slides_pipeline(const config::ProducerSettings& producer, const EncodingSettings& encoding);

enum class FileMedia { video, audio };
// Plays a file at its own pace into an inter-pipeline channel; the producer seeks it back to the start
// at its end, so the speaker pipeline sees a live, endless source.
std::string looping_file_pipeline(const std::filesystem::path& file, FileMedia media, const std::string& channel);

// Room noise out, speech kept: webrtcdsp (noise suppression, high-pass filter, automatic gain) then
// `speaker-gate`, the identity the NoiseGate rewrites; S16LE mono at audio_cleanup_rate in and out.
inline constexpr int audio_cleanup_rate = 48000;
std::string audio_cleanup_chain();

// Keyframe at least every 2 s, so a late joiner waits no longer than that for a picture.
int keyframe_interval_frames(int framerate);

}  // namespace estrade::producer
