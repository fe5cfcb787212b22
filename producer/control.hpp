#pragma once
// The producer's control commands (docs/producer.md): one line of text in, one JSON object out.
//   state | next | previous | opening | title-card talk N | questions talk N | goto talk N [slide M]
//   floor SITE | floor none
//   poll-card {poll as the broker publishes it} | poll-card none

#include "slideshow.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace estrade::producer {

struct ControlCommand {
    enum class Verb { state, next, previous, go_to, floor, poll_card };
    Verb verb = Verb::state;
    SlidePosition target;  // with go_to
    std::string site;      // with floor: the room every site hears; empty for none
    std::string poll = {};  // with poll_card: the poll's JSON (docs/qa-protocol.md); empty for none
};

// The command, or why the text is not one (with the list of commands).
std::variant<ControlCommand, std::string> parse_control_command(std::string_view text);
// The command as text, as parse_control_command reads it ("title-card talk 2", "goto talk 1 slide 3").
std::string to_string(const ControlCommand& command);

}  // namespace estrade::producer
