// The room as the QML views see it (Qt's offscreen platform, no display): a real question broker on
// loopback drives the banner, the layout the host suggests, the picked question and the panel's model.
#include "viewer/app/room.hpp"

#include "qa/broker_fixture.hpp"

#include <QAbstractItemModelTester>
#include "support/qt_eventually.hpp"

#include <QSignalSpy>
#include <catch2/catch.hpp>

using namespace estrade;
using namespace std::chrono_literals;

namespace {

config::Event event_for(const testing::BrokerFixture& broker)
{
    config::Event event;
    event.event.id = "demo";
    event.event.title = "Démo métiers";
    event.relay.url = {"127.0.0.1", 9};  // nobody plays here: these tests are about the question channel
    event.qa.url = broker.request_endpoint;
    event.qa.publish_url = broker.publish_endpoint;
    event.qa.security = config::QaSettings::Security::plaintext;
    for (const auto& site : testing::fixture_sites)
        event.sites.push_back({site, "Salle " + site, 10, site + "-password"});
    return event;
}

std::unique_ptr<viewer::Room> room_for(const testing::BrokerFixture& broker, const std::string& journal)
{
    viewer::RoomSettings settings;
    settings.event = event_for(broker);
    settings.site = "loudeac";
    settings.journal = broker.dir.path() / journal;
    settings.sound = false;
    return std::make_unique<viewer::Room>(std::move(settings));
}

void moderator_says(testing::BrokerFixture& broker, const qa::Json& request)
{
    auto moderator = broker.connect("moderator");
    const auto reply = moderator->request(request);
    REQUIRE(reply);
    REQUIRE(reply->value("ok", false));
}

}  // namespace

TEST_CASE("the room follows the host's layout, keeps its own choice across steps, and can follow again")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    auto room = room_for(broker, "layout.sqlite");
    QSignalSpy layout_changes(room.get(), &viewer::Room::layoutChanged);
    CHECK(room->layout() == 2);  // the opening card is on the slides
    CHECK(room->followingHost());
    CHECK(testing::qt_eventually([&] { return room->channelConnected(); }));

    moderator_says(broker, {{"cmd", "step"}, {"kind", "talk"}, {"talk", 2}});
    CHECK(testing::qt_eventually([&] { return room->layout() == 4; }));
    CHECK(room->bannerHeadline() == "Talk 2 of 3 — Yann Guéguen");
    CHECK(room->bannerDetail() == "Gendarme, Gendarmerie nationale · La brigade");

    room->chooseLayout(3);
    CHECK(room->layout() == 3);
    CHECK_FALSE(room->followingHost());
    room->chooseLayout(7);  // not a layout: nothing changes
    CHECK(room->layout() == 3);
    moderator_says(broker, {{"cmd", "step"}, {"kind", "questions"}, {"talk", 2}});
    CHECK(testing::qt_eventually([&] { return room->bannerHeadline() == "Questions — talk 2 of 3"; }));
    CHECK(room->layout() == 3);
    room->followHost();
    CHECK(room->layout() == 1);  // questions: the speaker
    CHECK(layout_changes.count() >= 3);
}

TEST_CASE("a question asked from the room shows in the panel's model, then large on screen when picked")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    auto room = room_for(broker, "panel.sqlite");
    QAbstractItemModelTester tester(room->questions(), QAbstractItemModelTester::FailureReportingMode::Warning);
    CHECK(testing::qt_eventually([&] { return room->channelConnected(); }));
    CHECK(room->channelStatus() == "questions open");

    room->ask("  Quel salaire en début de carrière ?  ", "Léa");
    room->ask("   ", "");  // nothing typed: nothing sent
    auto* model = room->questions();
    using Role = viewer::QuestionListModel::Role;
    CHECK(testing::qt_eventually([&] {
        return model->rowCount() == 1 && model->index(0).data(Role::StateRole).toString() == "waiting";
    }));
    CHECK(model->index(0).data(Role::TextRole).toString() == "Quel salaire en début de carrière ?");
    CHECK(model->index(0).data(Role::FromRole).toString() == "Léa — this room");
    CHECK(model->index(0).data(Role::MineRole).toBool());
    const auto id = model->index(0).data(Role::IdRole).toLongLong();

    auto brest = broker.connect("brest-cobrem");
    REQUIRE(brest->request(qa::Json{{"cmd", "ask"}, {"text", "Et les horaires ?"}}));
    CHECK(testing::qt_eventually([&] { return model->rowCount() == 2; }));
    const auto other = model->index(1);
    CHECK(other.data(Role::CanVoteRole).toBool());
    room->vote(other.data(Role::IdRole).toLongLong());
    CHECK(testing::qt_eventually([&] { return model->index(0).data(Role::VotedRole).toBool(); }));  // one vote: now first

    QSignalSpy picked(room.get(), &viewer::Room::pickedQuestionChanged);
    moderator_says(broker, {{"cmd", "pick"}, {"question", id}});
    CHECK(testing::qt_eventually([&] { return room->hasPickedQuestion(); }));
    CHECK(room->pickedQuestion() == "Quel salaire en début de carrière ?");
    CHECK(room->pickedFrom() == "Léa — Salle loudeac");
    CHECK(model->index(0).data(Role::StateRole).toString() == "on screen");
    CHECK(picked.count() == 1);
}

TEST_CASE("without the question channel the room says so, keeps what is typed, and sends it when it is back")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    broker.stop();
    auto room = room_for(broker, "offline.sqlite");
    CHECK(testing::qt_eventually([&] { return room->channelStatus().startsWith("question channel unreachable"); }));
    room->ask("Typed while the broker is away", "");
    auto* model = room->questions();
    CHECK(testing::qt_eventually([&] { return model->rowCount() == 1; }));
    CHECK(model->index(0).data(viewer::QuestionListModel::StateRole).toString() == "not sent yet");

    broker.start();
    CHECK(testing::qt_eventually([&] {
        return room->channelConnected() && model->rowCount() == 1 &&
               model->index(0).data(viewer::QuestionListModel::StateRole).toString() == "waiting";
    }, 15000ms));
}

TEST_CASE("a room whose key file is missing still shows its streams and says why questions are unavailable")
{
    testing::BrokerFixture broker(config::QaSettings::Security::curve);
    viewer::RoomSettings settings;
    settings.event = event_for(broker);
    settings.event.qa.security = config::QaSettings::Security::curve;
    settings.event.qa.keys = broker.dir.path() / "no-keys-here";
    settings.site = "loudeac";
    settings.journal = broker.dir.path() / "nokeys.sqlite";
    settings.sound = false;
    viewer::Room room(std::move(settings));
    CHECK(room.channelStatus().startsWith("questions are not available: "));
    CHECK(room.channelStatus().contains("no-keys-here"));
    CHECK(room.speakerStatus() == "connecting…");
}
