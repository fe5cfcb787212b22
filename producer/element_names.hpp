#pragma once
// The names of the elements the producer's code reaches in its pipelines: the launch strings
// (pipelines.cpp) name them with these, and the code fetches them (gst::Pipeline::element) with the same.

#include <string>
#include <string_view>

namespace estrade::producer::names {

// Sources, also how a pipeline problem is traced back to a key of the event file.
inline constexpr const char* camera = "camera";
inline constexpr const char* microphone = "microphone";
inline constexpr const char* screen = "screen";
inline constexpr const char* capture_card = "capture-card";

inline constexpr const char* slides_in = "slides-in";          // appsrc: the pushed cards and slides
inline constexpr const char* slides_switch = "slides-switch";  // input-selector: cards or the live source
inline constexpr const char* speaker_cleanup = "speaker-cleanup";
inline constexpr const char* speaker_gate = "speaker-gate";    // identity: the noise gate's probe
inline constexpr const char* speaker_stamp = "speaker-stamp";  // identity: the latency bench's stamps
// The floor: a room's voice comes in through floor-in (from the floor player's pipeline), is mixed into
// the programme by programme-mix, and played in the hall through hall-probe (the host microphone's echo
// canceller's reference) and hall-out.
inline constexpr const char* floor_in = "floor-in";            // interaudiosrc
inline constexpr const char* floor_meter = "floor-meter";      // identity in the floor player: the level
inline constexpr const char* programme_mix = "programme-mix";  // audiomixer: host voice + floor room
inline constexpr const char* hall_probe = "hall-probe";        // webrtcechoprobe
inline constexpr const char* hall_out = "hall-out";            // the hall's audio sink

// Per stream ("speaker", "slides").
inline std::string encoder(std::string_view stream) { return std::string(stream) + "-encoder"; }
inline std::string mux(std::string_view stream) { return std::string(stream) + "-mux"; }
inline std::string ts_out(std::string_view stream) { return std::string(stream) + "-ts"; }  // appsink
inline std::string recorder(std::string_view stream) { return std::string(stream) + "-recorder"; }

}  // namespace estrade::producer::names
