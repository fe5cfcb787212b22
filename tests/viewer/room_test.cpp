// The room as the QML views see it (Qt's offscreen platform, no display): a real question broker on
// loopback drives the banner, the layout the host suggests, the picked question and the panel's model.
#include "viewer/app/question_list_model.hpp"
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
    auto role = [&](const char* name) { return model->role(name); };
    CHECK(testing::qt_eventually([&] {
        return model->rowCount() == 1 && model->index(0).data(role("state")).toString() == "waiting";
    }));
    CHECK(model->index(0).data(role("text")).toString() == "Quel salaire en début de carrière ?");
    CHECK(model->index(0).data(role("from")).toString() == "Léa — this room");
    CHECK(model->index(0).data(role("mine")).toBool());
    const auto id = model->index(0).data(role("questionId")).toLongLong();

    auto brest = broker.connect("brest-cobrem");
    REQUIRE(brest->request(qa::Json{{"cmd", "ask"}, {"text", "Et les horaires ?"}}));
    CHECK(testing::qt_eventually([&] { return model->rowCount() == 2; }));
    const auto other = model->index(1);
    CHECK(other.data(role("canVote")).toBool());
    room->vote(other.data(role("questionId")).toLongLong());
    CHECK(testing::qt_eventually([&] { return model->index(0).data(role("voted")).toBool(); }));  // one vote: now first

    QSignalSpy picked(room.get(), &viewer::Room::pickedQuestionChanged);
    moderator_says(broker, {{"cmd", "pick"}, {"question", id}});
    CHECK(testing::qt_eventually([&] { return room->hasPickedQuestion(); }));
    CHECK(room->pickedQuestion() == "Quel salaire en début de carrière ?");
    CHECK(room->pickedFrom() == "Léa — Salle loudeac");
    CHECK(model->index(0).data(role("state")).toString() == "on screen");
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
    CHECK(model->index(0).data(model->role("state")).toString() == "not sent yet");

    broker.start();
    CHECK(testing::qt_eventually([&] {
        return room->channelConnected() && model->rowCount() == 1 &&
               model->index(0).data(model->role("state")).toString() == "waiting";
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

TEST_CASE("the question panel's model keeps its rows when a question arrives: views keep their place")
{
    viewer::QuestionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto row = [](std::int64_t id, std::string text, int votes = 0) {
        viewer::QuestionRow r;
        r.id = id;
        r.text = std::move(text);
        r.votes = votes;
        return r;
    };
    model.set_rows({row(1, "Quel salaire ?"), row(2, "Quelle formation ?"), row(0, "pas encore envoyée")});
    const QPersistentModelIndex second(model.index(1));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy counted(&model, &viewer::QuestionListModel::countChanged);

    // A new question on top, a vote that reorders, the pending one acknowledged as #4.
    model.set_rows({row(3, "Et les horaires ?"), row(2, "Quelle formation ?", 1), row(1, "Quel salaire ?"),
                    row(4, "pas encore envoyée")});
    CHECK(resets.count() == 0);
    CHECK(inserted.count() == 2);
    CHECK(moved.count() == 1);
    CHECK(counted.count() == 1);
    REQUIRE(model.rowCount() == 4);
    CHECK(second.isValid());
    CHECK(second.row() == 1);  // followed its question
    CHECK(second.data(model.role("votes")).toInt() == 1);
    CHECK(model.index(0).data(model.role("text")).toString() == "Et les horaires ?");
    CHECK(model.index(3).data(model.role("questionId")).toLongLong() == 4);

    // Two rows that cannot be told apart: a reset, still consistent.
    model.set_rows({row(0, "double"), row(0, "double")});
    CHECK(resets.count() == 1);
    CHECK(model.rowCount() == 2);
}

TEST_CASE("with approval on, another room's panel never lists an unapproved question — its own room reads it awaiting approval")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    broker.stop();
    broker.options.rules.approval = true;
    broker.start();
    auto loudeac = room_for(broker, "approval-loudeac.sqlite");
    viewer::RoomSettings other;
    other.event = event_for(broker);
    other.site = "merdrignac";
    other.journal = broker.dir.path() / "approval-merdrignac.sqlite";
    other.sound = false;
    viewer::Room merdrignac(std::move(other));
    REQUIRE(testing::qt_eventually([&] { return loudeac->channelConnected() && merdrignac.channelConnected(); }));

    loudeac->ask("Peut-on travailler à temps partiel ?", "");
    auto* own = loudeac->questions();
    auto text_of = [](viewer::QuestionListModel* model, int row) {
        return model->index(row).data(model->role("text")).toString();
    };
    REQUIRE(testing::qt_eventually([&] {
        return own->rowCount() == 1 &&
               own->index(0).data(own->role("state")).toString() == "awaiting the moderator's approval";
    }));
    CHECK(text_of(own, 0) == "Peut-on travailler à temps partiel ?");
    const auto id = own->index(0).data(own->role("questionId")).toLongLong();
    testing::qt_eventually([] { return false; }, 500ms);
    CHECK(merdrignac.questions()->rowCount() == 0);

    moderator_says(broker, qa::requests::approve(id));
    REQUIRE(testing::qt_eventually([&] { return merdrignac.questions()->rowCount() == 1; }));
    CHECK(text_of(merdrignac.questions(), 0) == "Peut-on travailler à temps partiel ?");
    CHECK(merdrignac.questions()->index(0).data(merdrignac.questions()->role("canVote")).toBool());
}
