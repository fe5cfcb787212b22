// A room's question channel against a real broker (real ZeroMQ sockets, real SQLite journal): what it
// shows, and that nothing typed while the broker is away is lost.
#include "viewer/question_channel.hpp"

#include "qa/broker_fixture.hpp"

#include <catch2/catch.hpp>

#include <mutex>

using namespace estrade;
using namespace std::chrono_literals;

namespace {

// The event as a room reads it, pointing at the fixture's broker (plaintext: the site's passphrase is
// its password).
config::Event event_for(const testing::BrokerFixture& broker)
{
    config::Event event;
    event.event.id = "demo";
    event.event.title = "Démo";
    event.qa.url = broker.request_endpoint;
    event.qa.publish_url = broker.publish_endpoint;
    event.qa.security = config::QaSettings::Security::plaintext;
    for (const auto& site : testing::fixture_sites)
        event.sites.push_back({site, site, 10, site + "-password"});
    return event;
}

// The latest view the channel handed over, read safely from the test's thread.
class Screen {
public:
    void show(const viewer::ChannelView& view)
    {
        std::lock_guard lock(m_mutex);
        m_view = view;
    }
    template <typename Predicate>
    bool eventually(Predicate predicate, std::chrono::milliseconds timeout = 8000ms)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            {
                std::lock_guard lock(m_mutex);
                if (predicate(m_view))
                    return true;
            }
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }

private:
    std::mutex m_mutex;
    viewer::ChannelView m_view;
};

viewer::ChannelSettings settings(const config::Event& event, const std::filesystem::path& journal)
{
    return {&event, "loudeac", qa::client_auth_from(event, "loudeac"), journal, 500ms};
}

std::size_t questions_at_broker(testing::BrokerFixture& broker)
{
    auto moderator = broker.connect("moderator");
    const auto snapshot = moderator->request(qa::Json{{"cmd", "snapshot"}});
    REQUIRE(snapshot);
    return (*snapshot)["questions"].size();
}

}  // namespace

TEST_CASE("a room asks, sees its question waiting, then on screen and the programme step the moderator sets")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    const auto event = event_for(broker);
    Screen screen;
    viewer::QuestionChannel channel(settings(event, broker.dir.path() / "loudeac.sqlite"),
                                    [&](const viewer::ChannelView& v) { screen.show(v); });
    CHECK(screen.eventually([](const auto& v) { return v.connected && v.seq >= 0; }));

    channel.ask("Quel salaire en début de carrière ?", "Léa");
    std::int64_t id = 0;
    CHECK(screen.eventually([&](const viewer::ChannelView& v) {
        for (const auto& [qid, q] : v.questions)
            if (q.site == "loudeac" && q.asker == "Léa" && q.state == qa::QuestionState::waiting)
                id = qid;
        return id != 0 && v.pending.empty();
    }));

    auto moderator = broker.connect("moderator");
    REQUIRE(moderator->request(qa::Json{{"cmd", "step"}, {"kind", "questions"}, {"talk", 1}}));
    REQUIRE(moderator->request(qa::Json{{"cmd", "pick"}, {"question", id}}));
    CHECK(screen.eventually([&](const viewer::ChannelView& v) {
        return v.questions.contains(id) && v.questions.at(id).state == qa::QuestionState::on_screen &&
               v.programme && v.programme->step.kind == qa::StepKind::questions;
    }));
}

TEST_CASE("a vote from the room reaches the broker — a refusal comes back in words")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    const auto event = event_for(broker);
    auto brest = broker.connect("brest-cobrem");
    const auto asked = brest->request(qa::Json{{"cmd", "ask"}, {"text", "Et les horaires ?"}});
    REQUIRE(asked);
    const auto id = (*asked)["question"]["id"].get<std::int64_t>();

    Screen screen;
    viewer::QuestionChannel channel(settings(event, broker.dir.path() / "loudeac.sqlite"),
                                    [&](const viewer::ChannelView& v) { screen.show(v); });
    CHECK(screen.eventually([&](const auto& v) { return v.questions.contains(id); }));
    channel.vote(id);
    CHECK(screen.eventually([&](const viewer::ChannelView& v) { return v.questions.at(id).voters.contains("loudeac"); }));

    auto moderator = broker.connect("moderator");
    REQUIRE(moderator->request(qa::Json{{"cmd", "window"}, {"open", false}}));
    CHECK(screen.eventually([](const auto& v) { return !v.window_open; }));
    channel.ask("Trop tard ?", "");
    CHECK(screen.eventually([](const auto& v) { return !v.last_refusal.empty() && v.pending.empty(); }));
}

TEST_CASE("questions typed while the broker is down are kept, across a viewer restart, and sent when it is back")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    const auto event = event_for(broker);
    const auto journal = broker.dir.path() / "loudeac.sqlite";
    broker.stop();
    {
        Screen screen;
        viewer::QuestionChannel channel(settings(event, journal), [&](const viewer::ChannelView& v) { screen.show(v); });
        channel.ask("Première question hors ligne", "");
        channel.ask("Deuxième", "Tom");
        CHECK(screen.eventually([](const auto& v) { return !v.connected && v.pending.size() == 2; }));
        CHECK(screen.eventually([](const auto& v) { return v.problem.starts_with("question channel unreachable"); }));
    }  // the viewer is closed (or crashes) before the broker comes back

    broker.start();
    Screen screen;
    viewer::QuestionChannel channel(settings(event, journal), [&](const viewer::ChannelView& v) { screen.show(v); });
    CHECK(screen.eventually([](const auto& v) { return v.connected && v.pending.empty() && v.questions.size() == 2; }));
    CHECK(questions_at_broker(broker) == 2);
}
