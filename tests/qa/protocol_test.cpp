#include "qa/protocol.hpp"

#include <catch2/catch.hpp>

using namespace estrade::qa;

TEST_CASE("the request decoder turns every malformed frame into a code and a reason")
{
    struct Case {
        std::string frame;
        std::string code;
    };
    const std::vector<Case> cases = {
        {"", "bad_json"},
        {"{not json", "bad_json"},
        {"[1,2]", "bad_request"},
        {"{\"cmd\":\"ask\"}", "bad_request"},                       // no id
        {"{\"id\":7,\"cmd\":\"ask\"}", "bad_request"},              // id not a string
        {"{\"id\":\"\",\"cmd\":\"ask\"}", "bad_request"},           // empty id
        {"{\"id\":\"" + std::string(65, 'a') + "\",\"cmd\":\"ask\"}", "bad_request"},
        {"{\"id\":\"a\"}", "bad_request"},                          // no cmd
        {"{\"id\":\"a\",\"cmd\":\"drop-tables\"}", "unknown_command"},
        {"{\"id\":\"a\",\"cmd\":\"ask\",\"text\":\"caf\xC3\"}", "invalid_utf8"},
        {std::string(max_request_bytes + 1, ' '), "too_large"},
    };
    for (const auto& c : cases) {
        INFO(c.frame.substr(0, 80));
        auto decoded = decode_request(c.frame);
        REQUIRE(std::holds_alternative<DecodeError>(decoded));
        CHECK(std::get<DecodeError>(decoded).code == c.code);
    }
}

TEST_CASE("a well-formed request decodes with its id, command and body")
{
    auto decoded = decode_request(R"({"id":"r1","cmd":"ask","text":"Quel salaire ?","name":"Léa"})");
    REQUIRE(std::holds_alternative<Request>(decoded));
    const auto& request = std::get<Request>(decoded);
    CHECK(request.id == "r1");
    CHECK(request.command == "ask");
    CHECK(string_field(request.body, "name") == "Léa");
    CHECK_FALSE(integer_field(request.body, "text"));
}

TEST_CASE("questions and steps round-trip through JSON")
{
    Question q;
    q.id = 4;
    q.site = "loudeac";
    q.text = "Quel salaire ?";
    q.talk = 2;
    q.state = QuestionState::dismissed;
    q.reason = "hors sujet";
    q.voters = {"brest", "merdrignac"};
    auto back = question_from_json(to_json(q));
    CHECK(back.id == 4);
    CHECK(back.state == QuestionState::dismissed);
    CHECK(back.reason == "hors sujet");
    CHECK(back.voters == q.voters);
    CHECK(to_json(q)["votes"] == 2);
    CHECK(step_from_json(to_json(ProgrammeStep{StepKind::questions, 2})) == ProgrammeStep{StepKind::questions, 2});
    CHECK_FALSE(step_from_json(Json{{"kind", "party"}}));
}
