// The moderator's programme, queue order and site board, computed from plain data.
#include "moderator/programme.hpp"
#include "moderator/queue_view.hpp"
#include "moderator/site_board.hpp"

#include <catch2/catch.hpp>

using namespace estrade;
using qa::StepKind;

namespace {

config::Event event_with(int talks)
{
    config::Event event;
    event.event.host_site = "host";
    for (int i = 1; i <= talks; ++i)
        event.talks.push_back({"Speaker " + std::to_string(i), "", "", "Talk " + std::to_string(i), {}, 15});
    event.sites = {{"host", "Host room", 45, "h-secret-123"}, {"loudeac", "Loudéac", 20, "l-secret-123"},
                   {"brest", "Brest", 20, "b-secret-123"}};
    return event;
}

qa::Question question(std::int64_t id, const std::string& site, qa::QuestionState state, int talk = 1)
{
    qa::Question q;
    q.id = id;
    q.site = site;
    q.text = "q" + std::to_string(id);
    q.state = state;
    q.talk = talk;
    return q;
}

}  // namespace

TEST_CASE("the programme: opening, each talk and its questions, then the end")
{
    const auto steps = moderator::programme_of(event_with(2));
    REQUIRE(steps.size() == 6);
    CHECK(steps[0] == qa::ProgrammeStep{StepKind::opening, 0});
    CHECK(steps[1] == qa::ProgrammeStep{StepKind::talk, 1});
    CHECK(steps[2] == qa::ProgrammeStep{StepKind::questions, 1});
    CHECK(steps[4] == qa::ProgrammeStep{StepKind::questions, 2});
    CHECK(steps[5] == qa::ProgrammeStep{StepKind::ended, 0});
    CHECK(moderator::position_of(steps, {StepKind::questions, 2}) == 4u);
    CHECK_FALSE(moderator::position_of(steps, {StepKind::break_, 1}));
    CHECK(moderator::describe(steps[3], event_with(2)) == "Talk 2 — Speaker 2");
}

TEST_CASE("one step drives the producer's card and the rooms' banner")
{
    auto talk = moderator::commands_for({StepKind::talk, 2});
    CHECK(talk.producer == "title-card talk 2");
    CHECK_FALSE(talk.open_questions);
    auto questions = moderator::commands_for({StepKind::questions, 2});
    CHECK(questions.producer == "questions talk 2");
    CHECK(questions.open_questions);
    CHECK(moderator::commands_for({StepKind::opening, 0}).producer == "opening");
    CHECK(moderator::commands_for({StepKind::ended, 0}).producer == "opening");
}

TEST_CASE("the queue: on screen, then the broker's fair order, then the closed ones — filters by room and talk")
{
    const auto event = event_with(2);
    std::map<std::int64_t, qa::Question> questions;
    questions[1] = question(1, "loudeac", qa::QuestionState::answered);
    questions[2] = question(2, "brest", qa::QuestionState::waiting);
    questions[3] = question(3, "loudeac", qa::QuestionState::waiting, 2);
    questions[4] = question(4, "loudeac", qa::QuestionState::on_screen);
    questions[5] = question(5, "brest", qa::QuestionState::dismissed);
    const std::vector<std::int64_t> fair{3, 2};
    auto rows = moderator::queue_rows(questions, fair, {}, event);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].id == 4);
    CHECK(rows[1].id == 3);
    CHECK(rows[1].rank == 1);
    CHECK(rows[2].id == 2);
    CHECK(rows[2].rank == 2);
    CHECK(rows[2].site_name == "Brest");
    CHECK(rows[3].id == 5);  // closed, latest first
    CHECK(rows[4].id == 1);

    rows = moderator::queue_rows(questions, fair, {"loudeac", 0}, event);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].rank == 1);
    rows = moderator::queue_rows(questions, fair, {"", 1}, event);
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].id == 2);
    CHECK(rows[1].rank == 2);  // its place in the whole queue
}

TEST_CASE("the site board: streams, round trip and losses from the relay, questions from the replica")
{
    const auto event = event_with(1);
    const nlohmann::json relay = {
        {"sites",
         {{{"site", "loudeac"}, {"stream", "ev/speaker"}, {"rtt_ms", 12.4}, {"lost_packets", 3}, {"packets_sent", 300}},
          {{"site", "loudeac"}, {"stream", "ev/slides"}, {"rtt_ms", 14.0}, {"lost_packets", 1}, {"packets_sent", 100}},
          {{"site", "brest"}, {"stream", "ev/speaker"}, {"rtt_ms", 80.0}, {"lost_packets", 20},
           {"packets_sent", 1000}, {"send_drops", 7}}}}};
    const std::map<std::string, qa::SiteCounts> counts = {{"loudeac", {3, 1, 0, 2}}, {"brest", {1, 0, 0, 1}}};
    const std::map<std::string, std::int64_t> last_seen = {{"loudeac", 99000}, {"brest", 10000}};
    const auto rows = moderator::site_board(event, counts, last_seen, relay, 100000);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].host);
    CHECK(rows[1].streams_playing == 2);
    CHECK(rows[1].relay_text == "speaker + slides · 14 ms · 1.0 % loss, all recovered");
    CHECK(rows[1].on_question_channel);
    CHECK(rows[1].asked == 3);
    CHECK(rows[1].heard == 1);
    CHECK(rows[2].relay_text == "speaker · 80 ms · 2.0 % loss, 7 packets missed");
    CHECK_FALSE(rows[2].on_question_channel);  // last heard 90 s ago
    CHECK(moderator::site_board(event, counts, last_seen, nullptr, 0)[1].relay_text == "relay statistics unavailable");
}
