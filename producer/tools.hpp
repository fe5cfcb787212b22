#pragma once
// estrade-producer's subcommands other than running: a control command to a running producer, and every
// card and slide written as PNG to check the decks the day before.

#include "config/event.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace estrade::producer {

// Sends `words` as one control command (docs/producer.md#control) and prints the producer's state.
// Exit status: 0 done, 1 refused, 3 no answer. `endpoint` empty: the event's [producer] control_url.
int send_control(const config::Event& event, const std::string& endpoint, const std::vector<std::string>& words);

// Exit status 0, or 1 when a deck could not be rendered (said on stderr).
int write_cards(const config::Event& event, const std::filesystem::path& out);

// The two launch strings this event file gives (`x264_preset` empty: the default).
int print_pipelines(const config::Event& event, const std::string& x264_preset);

}  // namespace estrade::producer
