#include "control.hpp"

#include <charconv>
#include <sstream>
#include <vector>

namespace estrade::producer {

namespace {

constexpr std::string_view usage =
    "commands: state, next, previous, opening, title-card talk N, questions talk N, goto talk N [slide M], "
    "floor SITE, floor none, poll-card {poll JSON}, poll-card none";

std::vector<std::string> words(std::string_view text)
{
    std::istringstream in{std::string(text)};
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

bool number(const std::string& text, int& out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

std::string error(std::string_view what) { return std::string(what) + " (" + std::string(usage) + ")"; }

}  // namespace

std::variant<ControlCommand, std::string> parse_control_command(std::string_view text)
{
    const auto w = words(text);
    if (w.empty())
        return error("empty command");
    const std::string& verb = w[0];
    if (w.size() == 1) {
        if (verb == "state")
            return ControlCommand{ControlCommand::Verb::state, {}, {}};
        if (verb == "next")
            return ControlCommand{ControlCommand::Verb::next, {}, {}};
        if (verb == "previous" || verb == "prev")
            return ControlCommand{ControlCommand::Verb::previous, {}, {}};
        if (verb == "opening")
            return ControlCommand{ControlCommand::Verb::go_to, {Showing::opening, 0, 0}, {}};
    }
    if (verb == "poll-card") {
        // The rest of the line is the poll as the broker publishes it: checked where it is drawn.
        const auto rest = text.substr(std::min(text.size(), text.find("poll-card") + 9));
        const auto first = rest.find_first_not_of(" \t");
        if (first == std::string_view::npos)
            return error("\"poll-card\" needs the poll (JSON) or \"none\"");
        const auto poll = std::string(rest.substr(first));
        return ControlCommand{ControlCommand::Verb::poll_card, {}, {}, poll == "none" ? std::string() : poll};
    }
    if (verb == "floor") {
        if (w.size() != 2)
            return error("\"floor\" needs a site id or \"none\"");
        return ControlCommand{ControlCommand::Verb::floor, {}, w[1] == "none" ? std::string() : w[1]};
    }
    int talk = 0;
    const bool names_talk = w.size() >= 3 && w[1] == "talk" && number(w[2], talk);
    if ((verb == "title-card" || verb == "questions") && w.size() == 3) {
        if (!names_talk)
            return error("\"" + verb + "\" needs \"talk N\"");
        return ControlCommand{ControlCommand::Verb::go_to,
                              {verb == "title-card" ? Showing::title_card : Showing::questions, talk, 0}, {}};
    }
    if (verb == "goto" && (w.size() == 3 || w.size() == 5)) {
        int slide = 1;
        if (!names_talk || (w.size() == 5 && (w[3] != "slide" || !number(w[4], slide))))
            return error("\"goto\" needs \"talk N\" and optionally \"slide M\"");
        return ControlCommand{ControlCommand::Verb::go_to, {Showing::slide, talk, slide}, {}};
    }
    return error("unknown command \"" + std::string(text) + "\"");
}

std::string to_string(const ControlCommand& command)
{
    using Verb = ControlCommand::Verb;
    const auto& at = command.target;
    switch (command.verb) {
    case Verb::state: return "state";
    case Verb::next: return "next";
    case Verb::previous: return "previous";
    case Verb::floor: return "floor " + (command.site.empty() ? std::string("none") : command.site);
    case Verb::poll_card: return "poll-card " + (command.poll.empty() ? std::string("none") : command.poll);
    case Verb::go_to: break;
    }
    const auto talk = " talk " + std::to_string(at.talk);
    switch (at.showing) {
    case Showing::opening: return "opening";
    case Showing::title_card: return "title-card" + talk;
    case Showing::questions: return "questions" + talk;
    case Showing::slide: return "goto" + talk + " slide " + std::to_string(at.slide);
    }
    return "state";
}

}  // namespace estrade::producer
