#pragma once
// Where a room's settings come from: the join file the host sent (only that room's secrets), or the
// whole event file and a site id. Every problem comes back in words a room can act on.

#include "config/event.hpp"
#include "qa/connection.hpp"

#include <optional>
#include <string>
#include <variant>

namespace estrade::viewer {

struct RoomOrigin {
    config::Event event;
    std::string site;
    std::optional<qa::ClientAuth> auth;  // from the join file; otherwise read from the event's keys folder
    std::optional<config::MediaSource> microphone;  // from the join file
};

struct RoomOriginError {
    std::string message;  // one or more lines
    int exit_status = 2;  // 2: a damaged or missing file; 1: the file is fine but names no such room
};

// Exactly one of `join_file` and `event_file` (with `site`) is given; the command line checks that.
std::variant<RoomOrigin, RoomOriginError> load_room_origin(const std::string& join_file, const std::string& event_file,
                                                           const std::string& site);

}  // namespace estrade::viewer
