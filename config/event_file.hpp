#pragma once
// Loading an event file: parse (toml++), fill the model over its defaults, validate.
// Every problem names the file, the line and the key, so a non-technician can fix it.

#include "event.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace estrade::config {

struct EventFileError {
    std::string file;  // as the user gave it
    int line = 0;
    std::string message;  // "<scope>: <key> <what is expected>"

    std::string to_string() const;  // "file:line: message"
};

using EventFileErrors = std::vector<EventFileError>;

// All problems are collected, so one run shows every mistake in the file.
std::variant<Event, EventFileErrors> load_event_file(const std::filesystem::path& file);
// The same from text in memory; `file` names it in errors and anchors relative paths (the fuzzers).
std::variant<Event, EventFileErrors> load_event_text(std::string_view text, const std::filesystem::path& file);

// A room's microphone as the viewer's --microphone and a join file give it:
// auto | pulse | pulse:DEVICE | alsa:DEVICE | test | file:PATH. Nothing when the text is none of these.
std::optional<MediaSource> parse_room_microphone(std::string_view text);
std::string to_string(const MediaSource& source);  // the same text back ("alsa:hw:1", "auto")

// For programs: load, or print every problem to stderr and exit with status 2.
Event load_event_file_or_exit(const std::filesystem::path& file);

// For a running server told to read its file again (SIGHUP): the event, or every problem, one
// "file:line: message" per line; the server then keeps what it runs with.
std::variant<Event, std::string> reread_event_file(const std::filesystem::path& file);

}  // namespace estrade::config
