#include "protocol.hpp"

#include "question_queue.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>

namespace estrade::qa {

namespace {

// Indexed by Command, in the enum's order.
constexpr std::array<std::string_view, 19> command_names{
    "hello", "snapshot", "ask",     "withdraw",  "vote",       "pick",       "answered",    "dismiss", "merge", "edit",
    "window", "step",    "floor",   "approve",   "open_poll", "close_poll", "clear_poll", "answer_poll", "ping"};
static_assert(command_names.size() == static_cast<std::size_t>(Command::ping) + 1, "one name per command");

Json request_of(Command command)
{
    return Json{{"id", make_request_id()}, {"cmd", to_string(command)}};
}

Json question_request(Command command, std::int64_t question)
{
    auto request = request_of(command);
    request["question"] = question;
    return request;
}

}  // namespace

std::string_view to_string(Command command) { return command_names.at(static_cast<std::size_t>(command)); }

std::optional<Command> command_from(std::string_view name)
{
    auto it = std::find(command_names.begin(), command_names.end(), name);
    if (it == command_names.end())
        return std::nullopt;
    return static_cast<Command>(it - command_names.begin());
}

bool is_mutation(Command command)
{
    return command != Command::hello && command != Command::snapshot && command != Command::ping;
}

std::string make_request_id()
{
    static thread_local std::mt19937_64 random{std::random_device{}()};
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    return text;
}

namespace requests {
Json hello() { return request_of(Command::hello); }
Json ping() { return request_of(Command::ping); }
Json snapshot() { return request_of(Command::snapshot); }
Json ask(const std::string& text, const std::string& name, std::optional<int> talk)
{
    auto request = request_of(Command::ask);
    request["text"] = text;
    if (!name.empty())
        request["name"] = name;
    if (talk)
        request["talk"] = *talk;
    return request;
}
Json ask_aloud(const std::string& text, const std::string& name)
{
    auto request = ask(text, name);
    request["aloud"] = true;
    return request;
}
Json withdraw(std::int64_t question) { return question_request(Command::withdraw, question); }
Json vote(std::int64_t question) { return question_request(Command::vote, question); }
Json pick(std::int64_t question) { return question_request(Command::pick, question); }
Json answered(std::int64_t question) { return question_request(Command::answered, question); }
Json dismiss(std::int64_t question, const std::string& reason)
{
    auto request = question_request(Command::dismiss, question);
    if (!reason.empty())
        request["reason"] = reason;
    return request;
}
Json merge(std::int64_t duplicate, std::int64_t into)
{
    auto request = question_request(Command::merge, duplicate);
    request["into"] = into;
    return request;
}
Json edit(std::int64_t question, const std::string& text)
{
    auto request = question_request(Command::edit, question);
    request["text"] = text;
    return request;
}
Json window(bool open)
{
    auto request = request_of(Command::window);
    request["open"] = open;
    return request;
}
Json step(const ProgrammeStep& step)
{
    auto request = request_of(Command::step);
    request.update(to_json(step));
    return request;
}
Json give_floor(const std::string& site)
{
    auto request = request_of(Command::floor);
    request["site"] = site;
    return request;
}
Json give_floor_for(std::int64_t question) { return question_request(Command::floor, question); }
Json end_floor()
{
    auto request = request_of(Command::floor);
    request["site"] = nullptr;
    return request;
}
Json approve(std::int64_t question) { return question_request(Command::approve, question); }
Json open_poll(const std::string& question, const std::vector<std::string>& choices, int seconds)
{
    auto request = request_of(Command::open_poll);
    request["question"] = question;
    request["choices"] = choices;
    request["seconds"] = seconds;
    return request;
}
Json close_poll(std::int64_t poll)
{
    auto request = request_of(Command::close_poll);
    request["poll"] = poll;
    return request;
}
Json clear_poll(std::int64_t poll)
{
    auto request = request_of(Command::clear_poll);
    request["poll"] = poll;
    return request;
}
Json answer_poll(std::int64_t poll, const std::vector<int>& counts, const std::string& site,
                 const std::string& participant)
{
    auto request = request_of(Command::answer_poll);
    request["poll"] = poll;
    request["counts"] = counts;
    if (!site.empty())
        request["site"] = site;
    if (!participant.empty())
        request["participant"] = participant;
    return request;
}
}  // namespace requests

std::variant<Request, DecodeError> decode_request(std::string_view frame)
{
    if (frame.size() > max_request_bytes)
        return DecodeError{"too_large", "a request is at most 16384 bytes", {}};
    if (!is_valid_utf8(frame))
        return DecodeError{"invalid_utf8", "the request is not valid UTF-8", {}};
    Json json = Json::parse(frame, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded())
        return DecodeError{"bad_json", "the request is not valid JSON", {}};
    if (!json.is_object())
        return DecodeError{"bad_request", "a request is a JSON object", {}};
    Request request;
    auto id = json.find("id");
    if (id == json.end() || !id->is_string() || id->get_ref<const std::string&>().empty() ||
        id->get_ref<const std::string&>().size() > 64)
        return DecodeError{"bad_request", "\"id\" must be a string of 1 to 64 characters", {}};
    request.id = id->get<std::string>();
    auto cmd = json.find("cmd");
    if (cmd == json.end() || !cmd->is_string())
        return DecodeError{"bad_request", "\"cmd\" must be a string", request.id};
    const auto command = command_from(cmd->get_ref<const std::string&>());
    if (!command)
        return DecodeError{"unknown_command",
                           "unknown command \"" + cmd->get_ref<const std::string&>().substr(0, 32) + "\"", request.id};
    request.command = *command;
    request.body = std::move(json);
    return request;
}

Json ok_reply(const std::string& request_id)
{
    return Json{{"id", request_id}, {"ok", true}};
}

Json error_reply(const std::string& request_id, std::string_view code, std::string_view reason)
{
    return Json{{"id", request_id}, {"ok", false}, {"error", {{"code", code}, {"reason", reason}}}};
}

bool is_ok(const Json& reply) { return reply.is_object() && reply.value("ok", false); }

std::string error_code(const Json& reply)
{
    if (is_ok(reply) || !reply.is_object() || !reply.contains("error"))
        return {};
    const auto& error = reply["error"];
    return error.is_object() ? error.value("code", std::string{}) : std::string{};
}

std::string error_reason(const Json& reply)
{
    if (is_ok(reply))
        return {};
    if (!reply.is_object() || !reply.contains("error"))
        return "refused";
    const auto& error = reply["error"];
    if (error.is_string())
        return error.get<std::string>();
    if (!error.is_object())
        return "refused";
    return error.value("reason", error.value("code", std::string("refused")));
}

Json to_json(const Question& q)
{
    Json json{{"id", q.id},
              {"site", q.site},
              {"text", q.text},
              {"talk", q.talk},
              {"kind", to_string(q.kind)},
              {"state", to_string(q.state)},
              {"votes", q.voters.size()},
              {"voters", q.voters},
              {"asked_at_ms", q.asked_at_ms},
              {"request_id", q.request_id}};
    if (!q.asker.empty())
        json["name"] = q.asker;
    if (!q.original_text.empty())
        json["original_text"] = q.original_text;
    if (!q.reason.empty())
        json["reason"] = q.reason;
    if (q.merged_into != 0)
        json["merged_into"] = q.merged_into;
    if (!q.approved)
        json["approved"] = false;
    return json;
}

Json to_json_for(const Question& q, const std::string& reader)
{
    if (q.approved || reader == moderator_reader || reader == q.site)
        return to_json(q);
    // Other rooms learn that the id is taken (updates stay numbered without gaps), never the words.
    return Json{{"id", q.id}, {"site", q.site}, {"talk", q.talk},   {"kind", to_string(q.kind)},
                {"state", to_string(q.state)}, {"asked_at_ms", q.asked_at_ms}, {"hidden", true}};
}

Question question_from_json(const Json& json)
{
    Question q;
    q.id = json.at("id").get<std::int64_t>();
    q.site = json.at("site").get<std::string>();
    q.text = json.value("text", std::string{});
    q.talk = json.at("talk").get<int>();
    q.state = question_state_from(json.at("state").get<std::string>()).value_or(QuestionState::waiting);
    q.kind = question_kind_from(json.value("kind", std::string{"typed"})).value_or(QuestionKind::typed);
    q.voters = json.value("voters", std::set<std::string>{});
    q.asked_at_ms = json.value("asked_at_ms", std::int64_t{0});
    q.request_id = json.value("request_id", std::string{});
    q.asker = json.value("name", std::string{});
    q.original_text = json.value("original_text", std::string{});
    q.reason = json.value("reason", std::string{});
    q.merged_into = json.value("merged_into", std::int64_t{0});
    q.approved = json.value("approved", true) && !json.value("hidden", false);
    return q;
}

Json to_json(const Floor& floor)
{
    if (!floor.held())
        return nullptr;
    Json json{{"site", floor.site}, {"since_ms", floor.since_ms}};
    if (floor.question != 0)
        json["question"] = floor.question;
    return json;
}

Floor floor_from_json(const Json& json)
{
    Floor floor;
    if (!json.is_object() || !json.contains("site") || !json["site"].is_string())
        return floor;
    floor.site = json["site"].get<std::string>();
    floor.since_ms = json.value("since_ms", std::int64_t{0});
    floor.question = json.value("question", std::int64_t{0});
    return floor;
}

Json to_json(const ProgrammeStep& step)
{
    Json json{{"kind", to_string(step.kind)}};
    if (step.talk > 0)
        json["talk"] = step.talk;
    return json;
}

std::optional<ProgrammeStep> step_from_json(const Json& json)
{
    if (!json.is_object())
        return std::nullopt;
    auto kind = json.find("kind");
    if (kind == json.end() || !kind->is_string())
        return std::nullopt;
    auto parsed = step_kind_from(kind->get<std::string>());
    if (!parsed)
        return std::nullopt;
    ProgrammeStep step{*parsed, 0};
    if (auto talk = json.find("talk"); talk != json.end()) {
        if (!talk->is_number_integer())
            return std::nullopt;
        step.talk = talk->get<int>();
    }
    return step;
}

Json to_json(const Programme& programme)
{
    Json json = to_json(programme.step);
    json["talks"] = programme.talks;
    if (!programme.speaker.empty() || !programme.title.empty()) {
        json["speaker"] = programme.speaker;
        json["role"] = programme.role;
        json["organisation"] = programme.organisation;
        json["title"] = programme.title;
    }
    return json;
}

std::optional<Programme> programme_from_json(const Json& json)
{
    auto step = step_from_json(json);
    if (!step)
        return std::nullopt;
    auto text = [&](const char* key) {
        auto it = json.find(key);
        return it != json.end() && it->is_string() ? it->get<std::string>() : std::string{};
    };
    Programme programme{*step, 0, text("speaker"), text("role"), text("organisation"), text("title")};
    if (auto talks = integer_field(json, "talks"))
        programme.talks = static_cast<int>(*talks);
    return programme;
}

std::optional<std::int64_t> integer_field(const Json& body, const char* key)
{
    auto it = body.find(key);
    if (it == body.end() || !it->is_number_integer())
        return std::nullopt;
    return it->get<std::int64_t>();
}

std::optional<std::string> string_field(const Json& body, const char* key)
{
    auto it = body.find(key);
    if (it == body.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

}  // namespace estrade::qa
