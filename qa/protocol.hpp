#pragma once
// The question channel's wire format: one JSON object per ZeroMQ frame (docs/qa-protocol.md).
// Requests are decoded once into a typed Command; every client builds its requests with the
// builders in `requests::`, so the command names and field names live in this file and nowhere else.

#include "question.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace estrade::qa {

using Json = nlohmann::json;

inline constexpr std::size_t max_request_bytes = 16 * 1024;

enum class Command {
    hello, snapshot, ask, withdraw, vote, pick, answered, dismiss, merge, edit, window, step, floor,
    approve, open_poll, close_poll, clear_poll, answer_poll, ping
};

std::string_view to_string(Command command);
std::optional<Command> command_from(std::string_view name);
// A mutation changes the queue: it is stored, acknowledged once, and answered again from the store on resend.
bool is_mutation(Command command);

struct Request {
    std::string id;  // made by the client; a resend with the same id gets the stored reply
    Command command = Command::ping;
    Json body;
};

struct DecodeError {
    std::string code;
    std::string reason;
    std::string request_id;  // when it could be read, so the client can match the error
};

// Never throws: whatever bytes arrive, the result is a request or a reason.
std::variant<Request, DecodeError> decode_request(std::string_view frame);

Json ok_reply(const std::string& request_id);
Json error_reply(const std::string& request_id, std::string_view code, std::string_view reason);

// What a reply means for a client: accepted, refused (with the broker's code and reason), or refused for
// a reason a resend could fix (the broker could not store it).
bool is_ok(const Json& reply);
std::string error_code(const Json& reply);
std::string error_reason(const Json& reply);  // the reason in words, or the code when there is none

// The requests, as every client sends them. Each has a fresh id (make_request_id); the connection
// keeps it across retries.
namespace requests {
Json hello();
Json ping();
Json snapshot();
Json ask(const std::string& text, const std::string& name = {}, std::optional<int> talk = std::nullopt);
// A request to speak: an "aloud" entry in the queue; the text (optional) says what about.
Json ask_aloud(const std::string& text = {}, const std::string& name = {});
Json withdraw(std::int64_t question);
Json vote(std::int64_t question);
Json pick(std::int64_t question);
Json answered(std::int64_t question);
Json dismiss(std::int64_t question, const std::string& reason = {});
Json merge(std::int64_t duplicate, std::int64_t into);
Json edit(std::int64_t question, const std::string& text);
Json window(bool open);
Json step(const ProgrammeStep& step);
// The moderator gives the floor to a room, or to the room of an "aloud" entry; end_floor takes it back
// (or, from the room holding it, hands it back).
Json give_floor(const std::string& site);
Json give_floor_for(std::int64_t question);
Json end_floor();
// With approval on, the moderator lets every room see a room's new question.
Json approve(std::int64_t question);
// The show of hands: the moderator opens one (1 to 5 answers, for `seconds`), closes it early, and moves
// on from its results; a room answers with one number of hands per answer. The moderator answers for the
// host room with `site`; the browser gateway answers for one participant of a site with `participant`.
Json open_poll(const std::string& question, const std::vector<std::string>& choices, int seconds);
Json close_poll(std::int64_t poll);
Json clear_poll(std::int64_t poll);
Json answer_poll(std::int64_t poll, const std::vector<int>& counts, const std::string& site = {},
                 const std::string& participant = {});
}  // namespace requests

std::string make_request_id();

// The programme as every site shows it: the step and, during a talk's steps, who speaks.
struct Programme {
    ProgrammeStep step;
    int talks = 0;  // how many talks the morning has
    std::string speaker;
    std::string role;
    std::string organisation;
    std::string title;
    friend bool operator==(const Programme&, const Programme&) = default;
};

Json to_json(const Question& question);
// As `reader` (a site id, or moderator_reader) may see it: a question not approved shows only its id, site
// and state ("hidden": true) to other rooms.
inline constexpr const char* moderator_reader = "moderator";
Json to_json_for(const Question& question, const std::string& reader);
Question question_from_json(const Json& json);  // throws Json::exception on a malformed object
Json to_json(const Floor& floor);  // null when nobody holds it
Floor floor_from_json(const Json& json);  // a null or malformed value: nobody
Json to_json(const ProgrammeStep& step);
std::optional<ProgrammeStep> step_from_json(const Json& json);
Json to_json(const Programme& programme);
std::optional<Programme> programme_from_json(const Json& json);  // nothing when the step cannot be read

// Field readers for command bodies: a missing or mistyped field is a DecodeError-style reason.
std::optional<std::int64_t> integer_field(const Json& body, const char* key);
std::optional<std::string> string_field(const Json& body, const char* key);

}  // namespace estrade::qa
