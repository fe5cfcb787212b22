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
    CHECK(request.command == Command::ask);
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

TEST_CASE("every request builder makes a request the broker decodes to the same command")
{
    const std::vector<std::pair<Json, Command>> built = {
        {requests::hello(), Command::hello},
        {requests::ping(), Command::ping},
        {requests::snapshot(), Command::snapshot},
        {requests::ask("Quel salaire ?", "Léa", 2), Command::ask},
        {requests::withdraw(3), Command::withdraw},
        {requests::vote(3), Command::vote},
        {requests::pick(3), Command::pick},
        {requests::answered(3), Command::answered},
        {requests::dismiss(3, "hors sujet"), Command::dismiss},
        {requests::merge(3, 4), Command::merge},
        {requests::edit(3, "Quel salaire au début ?"), Command::edit},
        {requests::window(false), Command::window},
        {requests::step({StepKind::questions, 2}), Command::step},
    };
    for (const auto& [request, command] : built) {
        INFO(request.dump());
        auto decoded = decode_request(request.dump());
        REQUIRE(std::holds_alternative<Request>(decoded));
        CHECK(std::get<Request>(decoded).command == command);
        CHECK(std::get<Request>(decoded).id.size() == 32);
        CHECK(command_from(to_string(command)) == command);
    }
    CHECK(is_mutation(Command::ask));
    CHECK_FALSE(is_mutation(Command::snapshot));
    CHECK(step_from_json(requests::step({StepKind::questions, 2})) == ProgrammeStep{StepKind::questions, 2});
    CHECK(requests::merge(3, 4)["into"] == 4);
    CHECK_FALSE(requests::ask("x").contains("name"));
}

TEST_CASE("the programme view is read once, with the speaker's details, and refuses an unreadable step")
{
    Programme programme{{StepKind::talk, 2}, 3, "Yann Guéguen", "chaudronnier", "Cobrem", "Le métal"};
    CHECK(programme_from_json(to_json(programme)) == programme);
    CHECK_FALSE(programme_from_json(Json{{"kind", "party"}}));
    CHECK_FALSE(programme_from_json(Json()));
    CHECK(programme_from_json(Json{{"kind", "opening"}, {"talks", 3}})->talks == 3);
}

TEST_CASE("a reply's meaning for clients: ok, or a code and a reason in words")
{
    CHECK(is_ok(ok_reply("a")));
    const auto refused = error_reply("a", "window_closed", "questions are closed");
    CHECK_FALSE(is_ok(refused));
    CHECK(error_code(refused) == "window_closed");
    CHECK(error_reason(refused) == "questions are closed");
    CHECK(error_reason(Json{{"ok", false}, {"error", "no such slide"}}) == "no such slide");
    CHECK(error_reason(Json{{"ok", false}}) == "refused");
}
