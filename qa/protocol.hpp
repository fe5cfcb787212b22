#pragma once
// The question channel's wire format: one JSON object per ZeroMQ frame (docs/qa-protocol.md).

#include "question.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace estrade::qa {

using Json = nlohmann::json;

inline constexpr std::size_t max_request_bytes = 16 * 1024;

struct Request {
    std::string id;  // made by the client; a resend with the same id gets the stored reply
    std::string command;
    Json body;
};

struct DecodeError {
    std::string code;
    std::string reason;
    std::string request_id;  // when it could be read, so the client can match the error
};

// Never throws: whatever bytes arrive, the result is a request or a reason.
std::variant<Request, DecodeError> decode_request(std::string_view frame);

bool is_known_command(std::string_view command);
bool is_mutation(std::string_view command);

Json ok_reply(const std::string& request_id);
Json error_reply(const std::string& request_id, std::string_view code, std::string_view reason);

Json to_json(const Question& question);
Question question_from_json(const Json& json);  // throws Json::exception on a malformed object
Json to_json(const ProgrammeStep& step);
std::optional<ProgrammeStep> step_from_json(const Json& json);

// Field readers for command bodies: a missing or mistyped field is a DecodeError-style reason.
std::optional<std::int64_t> integer_field(const Json& body, const char* key);
std::optional<std::string> string_field(const Json& body, const char* key);

}  // namespace estrade::qa
