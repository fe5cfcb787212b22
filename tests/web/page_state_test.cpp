#include "web/hls_gateway.hpp"
#include "web/page_state.hpp"

#include <catch2/catch.hpp>

using namespace estrade;

namespace {

config::Event two_sites()
{
    config::Event event;
    event.event.title = "Zoom métiers";
    event.sites = {{"loudeac", "Maison de l'Emploi, Loudéac", 20, "x"}, {"brest", "Cobrem, Brest", 12, "y"}};
    return event;
}

qa::Question question(std::int64_t id, const std::string& site, qa::QuestionState state, std::set<std::string> voters = {})
{
    qa::Question q;
    q.id = id;
    q.site = site;
    q.text = "question " + std::to_string(id);
    q.state = state;
    q.voters = std::move(voters);
    return q;
}

}  // namespace

TEST_CASE("the page's layout follows the host's programme step")
{
    using K = qa::StepKind;
    const std::vector<std::pair<std::optional<qa::Programme>, std::string>> cases = {
        {std::nullopt, "slides"},
        {qa::Programme{{K::opening, 0}, 3, {}, {}, {}, {}}, "slides"},
        {qa::Programme{{K::talk, 1}, 3, {}, {}, {}, {}}, "slides-inset"},
        {qa::Programme{{K::questions, 1}, 3, {}, {}, {}, {}}, "speaker"},
        {qa::Programme{{K::break_, 1}, 3, {}, {}, {}, {}}, "slides"},
        {qa::Programme{{K::ended, 0}, 3, {}, {}, {}, {}}, "slides"},
    };
    for (const auto& [programme, layout] : cases)
        CHECK(web::suggested_layout(programme) == layout);
}

TEST_CASE("a site's page state: what it may vote for, its own closed questions, the one on screen, its unsent ones")
{
    web::ReplicaCopy replica;
    replica.connected = true;
    replica.seq = 7;
    replica.questions[1] = question(1, "brest", qa::QuestionState::waiting);
    replica.questions[2] = question(2, "brest", qa::QuestionState::waiting, {"loudeac"});
    replica.questions[3] = question(3, "loudeac", qa::QuestionState::dismissed);
    replica.questions[3].reason = "hors sujet";
    replica.questions[4] = question(4, "brest", qa::QuestionState::answered);  // another site's, closed: not listed
    replica.questions[5] = question(5, "brest", qa::QuestionState::on_screen);
    const auto state = web::page_state(replica, two_sites(), "loudeac", {{"pas encore partie", "Léa"}});
    REQUIRE(state["questions"].size() == 5);
    CHECK(state["questions"][0]["can_vote"] == true);
    CHECK(state["questions"][1]["voted"] == true);
    CHECK(state["questions"][1]["can_vote"] == false);
    CHECK(state["questions"][2]["mine"] == true);
    CHECK(state["questions"][2]["reason"] == "hors sujet");
    CHECK(state["questions"][3]["state"] == "on_screen");
    CHECK(state["questions"][4]["state"] == "not_sent");
    CHECK(state["picked"]["text"] == "question 5");
    CHECK(state["picked"]["site"] == "Cobrem, Brest");
    CHECK(state["seq"] == 7);

    const auto follow_up = web::follow_up(replica, two_sites(), "brest");
    REQUIRE(follow_up["questions"].size() == 4);
    CHECK(follow_up["questions"][2]["answered_on_air"] == true);
    CHECK(follow_up["questions"][0]["answered_on_air"] == false);
}

TEST_CASE("the HLS tail repackages without decoding: parsers into hlssink2, sound only when asked")
{
    const auto speaker = web::hls_tail("/tmp/live/speaker", 2, 4, true);
    CHECK(speaker.find("hlssink2") != std::string::npos);
    CHECK(speaker.find("target-duration=2") != std::string::npos);
    CHECK(speaker.find("playlist-length=4") != std::string::npos);
    CHECK(speaker.find("h264parse ! hls.video") != std::string::npos);
    CHECK(speaker.find("aacparse ! hls.audio") != std::string::npos);
    CHECK(speaker.find("avdec") == std::string::npos);
    CHECK(speaker.find("enc") == std::string::npos);
    CHECK(web::hls_tail("/tmp/live/slides", 2, 4, false).find("hls.audio") == std::string::npos);
}

TEST_CASE("with approval on, a site's page lists its own question awaiting approval — another site's page does not")
{
    web::ReplicaCopy replica;
    auto pending = question(9, "loudeac", qa::QuestionState::pending);
    pending.approved = false;
    replica.unapproved["loudeac"][9] = pending;
    const auto own = web::page_state(replica, two_sites(), "loudeac", {});
    REQUIRE(own["questions"].size() == 1);
    CHECK(own["questions"][0]["state"] == "pending");
    CHECK(own["questions"][0]["text"] == "question 9");
    CHECK(web::page_state(replica, two_sites(), "brest", {})["questions"].empty());
}
