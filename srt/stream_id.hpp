#pragma once
// SRT stream ids in libsrt's access-control syntax (docs/relay.md):
//   publish  #!::r=<event>/speaker,m=publish,u=producer
//   play     #!::r=<event>/slides,m=request,u=<site-id>

#include <string>
#include <string_view>
#include <variant>

namespace estrade::srt {

enum class StreamMode { publish, play };

struct StreamId {
    std::string event;   // the part of r= before the first '/'
    std::string stream;  // the rest: "speaker", "slides", ...
    StreamMode mode = StreamMode::play;
    std::string user;  // "producer" to publish; a site id to play

    std::string resource() const { return event + "/" + stream; }
    std::string to_string() const;  // the canonical "#!::" form
};

struct StreamIdError {
    int reject_code;  // SRT_REJX_* (docs/relay.md lists them)
    std::string reason;
};

std::variant<StreamId, StreamIdError> parse_stream_id(std::string_view text);

}  // namespace estrade::srt
