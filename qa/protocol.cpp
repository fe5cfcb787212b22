#include "protocol.hpp"

#include "question_queue.hpp"

#include <algorithm>
#include <array>

namespace estrade::qa {

namespace {

struct CommandInfo {
    std::string_view name;
    bool mutation;
};

constexpr std::array<CommandInfo, 13> commands{{
    {"hello", false},
    {"snapshot", false},
    {"ask", true},
    {"withdraw", true},
    {"vote", true},
    {"pick", true},
    {"answered", true},
    {"dismiss", true},
    {"merge", true},
    {"edit", true},
    {"window", true},
    {"step", true},
    {"ping", false},
}};

const CommandInfo* find_command(std::string_view name)
{
    auto it = std::find_if(commands.begin(), commands.end(), [&](const CommandInfo& c) { return c.name == name; });
    return it == commands.end() ? nullptr : &*it;
}

}  // namespace

bool is_known_command(std::string_view command) { return find_command(command) != nullptr; }

bool is_mutation(std::string_view command)
{
    const auto* info = find_command(command);
    return info && info->mutation;
}

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
    request.command = cmd->get<std::string>();
    if (!is_known_command(request.command))
        return DecodeError{"unknown_command", "unknown command \"" + request.command.substr(0, 32) + "\"", request.id};
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

Json to_json(const Question& q)
{
    Json json{{"id", q.id},
              {"site", q.site},
              {"text", q.text},
              {"talk", q.talk},
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
    return json;
}

Question question_from_json(const Json& json)
{
    Question q;
    q.id = json.at("id").get<std::int64_t>();
    q.site = json.at("site").get<std::string>();
    q.text = json.at("text").get<std::string>();
    q.talk = json.at("talk").get<int>();
    q.state = question_state_from(json.at("state").get<std::string>()).value_or(QuestionState::waiting);
    q.voters = json.value("voters", std::set<std::string>{});
    q.asked_at_ms = json.value("asked_at_ms", std::int64_t{0});
    q.request_id = json.value("request_id", std::string{});
    q.asker = json.value("name", std::string{});
    q.original_text = json.value("original_text", std::string{});
    q.reason = json.value("reason", std::string{});
    q.merged_into = json.value("merged_into", std::int64_t{0});
    return q;
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
