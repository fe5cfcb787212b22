#pragma once
// SRT stream ids in libsrt's access-control syntax (docs/relay.md):
//   publish  #!::r=<event>/speaker,m=publish,u=producer
//   play     #!::r=<event>/slides,m=request,u=<site-id>

#include <string>
#include <string_view>
#include <variant>

namespace estrade::srt {

enum class StreamMode { publish, play };

// The host station's user name in stream ids: it publishes the programme and plays the rooms.
inline constexpr const char* producer_user = "producer";
// A room's microphone while it holds the floor: "room-<site id>" (published by that site only).
inline constexpr std::string_view room_stream_prefix = "room-";
inline std::string room_stream(std::string_view site) { return std::string(room_stream_prefix) + std::string(site); }

struct StreamId {
    std::string event;   // the part of r= before the first '/'
    std::string stream;  // the rest: "speaker", "slides", ...
    StreamMode mode = StreamMode::play;
    std::string user;  // producer_user, or a site id (to play; to publish its room's microphone)

    std::string resource() const { return event + "/" + stream; }
    std::string to_string() const;  // the canonical "#!::" form
};

struct StreamIdError {
    int reject_code;  // SRT_REJX_* (docs/relay.md lists them)
    std::string reason;
};

std::variant<StreamId, StreamIdError> parse_stream_id(std::string_view text);

}  // namespace estrade::srt
