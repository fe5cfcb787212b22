// The show of hands on a room's screen: the room (C++) against a real broker on loopback, and the card
// (QML, Qt's software renderer on the offscreen platform) typed into with the keyboard, as an operator
// does: digits, Enter to the next answer, Enter to send. Pictures of both states are kept for the docs.
#include "viewer/app/room.hpp"
#include "viewer/app/show_of_hands.hpp"

#include "qa/broker_fixture.hpp"
#include "support/qt_eventually.hpp"

#include <QImage>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QTest>
#include <catch2/catch.hpp>

#include <cstdlib>

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
    const std::map<std::string, std::string> names{{"ploufragan", "Cité des Métiers, Ploufragan"},
                                                   {"loudeac", "Maison de l'Emploi, Loudéac"},
                                                   {"merdrignac", "Médiathèque, Merdrignac"},
                                                   {"brest-cobrem", "COBREM, Brest"}};
    for (const auto& site : testing::fixture_sites)
        event.sites.push_back({site, names.at(site), broker.options.poll_rules.seats.at(site), site + "-password"});
    return event;
}

std::unique_ptr<viewer::Room> room_for(const testing::BrokerFixture& broker, const std::string& site)
{
    viewer::RoomSettings settings;
    settings.event = event_for(broker);
    settings.site = site;
    settings.journal = broker.dir.path() / (site + ".journal");
    settings.sound = false;
    return std::make_unique<viewer::Room>(std::move(settings));
}

qa::Json moderator_says(testing::BrokerFixture& broker, const qa::Json& request)
{
    auto reply = broker.connect("moderator")->request(request);
    REQUIRE(reply);
    INFO(reply->dump());
    REQUIRE(qa::is_ok(*reply));
    return *reply;
}

std::vector<int> totals_of(const viewer::ShowOfHands& poll)
{
    std::vector<int> totals;
    for (const auto& bar : poll.bars())
        totals.push_back(bar.toMap()["total"].toInt());
    return totals;
}

// Where the pictures go: ESTRADE_SCREENSHOTS when set (to refresh the docs' images), else the temp folder.
std::filesystem::path picture(const testing::BrokerFixture& broker, const std::string& name)
{
    const char* folder = std::getenv("ESTRADE_SCREENSHOTS");
    return (folder ? std::filesystem::path(folder) : broker.dir.path()) / name;
}

// The scene's items of that name, in drawing order (a Repeater's delegates are visual children only).
std::vector<QQuickItem*> items_named(QQuickItem* item, const QString& name)
{
    std::vector<QQuickItem*> found;
    for (auto* child : item->childItems()) {
        if (child->objectName() == name)
            found.push_back(child);
        auto below = items_named(child, name);
        found.insert(found.end(), below.begin(), below.end());
    }
    return found;
}

}  // namespace

TEST_CASE("a room counts hands, may count again, is told at once when it counts more than its seats, then sees every room's results")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    auto loudeac = room_for(broker, "loudeac");
    auto merdrignac = room_for(broker, "merdrignac");
    auto* poll = loudeac->showOfHands();
    REQUIRE(testing::qt_eventually([&] { return loudeac->channelConnected() && merdrignac->channelConnected(); }));
    CHECK_FALSE(poll->active());

    const auto id = moderator_says(broker, qa::requests::open_poll("Qui est déjà en formation ?", {"Oui", "Pas encore"},
                                                                   90))["poll"]["id"]
                        .get<std::int64_t>();
    REQUIRE(testing::qt_eventually([&] { return poll->active() && poll->open(); }));
    CHECK(poll->question() == "Qui est déjà en formation ?");
    CHECK(poll->choices() == QStringList{"Oui", "Pas encore"});
    CHECK(poll->seats() == 20);
    CHECK(poll->secondsLeft() > 80);
    CHECK(poll->secondsLeft() <= 90);

    CHECK_FALSE(poll->answer({"15", "6"}));  // 21 hands, 20 seats: refused here, nothing sent
    CHECK(poll->problem().contains("20 seats"));
    CHECK_FALSE(poll->answer({"3", "x"}));
    CHECK(poll->answer({"3", ""}));  // an empty field is nobody
    REQUIRE(testing::qt_eventually([&] { return poll->sent(); }));
    CHECK(poll->sentCounts() == QVariantList{3, 0});
    CHECK(poll->problem().isEmpty());
    CHECK(poll->answer({"4", "12"}));
    REQUIRE(testing::qt_eventually([&] { return poll->sentCounts() == QVariantList{4, 12}; }));
    CHECK(merdrignac->showOfHands()->answer({"1", "1"}));
    moderator_says(broker, qa::requests::answer_poll(id, {30, 10}, "ploufragan"));
    REQUIRE(testing::qt_eventually([&] { return totals_of(*merdrignac->showOfHands()) == std::vector<int>{35, 23}; }));

    moderator_says(broker, qa::requests::close_poll(id));
    for (auto* room : {loudeac.get(), merdrignac.get()}) {
        auto* shown = room->showOfHands();
        REQUIRE(testing::qt_eventually([&] { return shown->active() && !shown->open(); }));
        CHECK(totals_of(*shown) == std::vector<int>{35, 23});
        const auto rooms = shown->rooms();
        REQUIRE(rooms.size() == 3);  // in the event file's order, the host room counted too
        CHECK(rooms[0].toMap()["room"] == "Cité des Métiers, Ploufragan");
        CHECK(rooms[0].toMap()["counts"] == QVariantList{30, 10});
        CHECK(rooms[1].toMap()["room"] == "Maison de l'Emploi, Loudéac");
        CHECK(rooms[1].toMap()["counts"] == QVariantList{4, 12});
        CHECK(rooms[1].toMap()["thisRoom"].toBool() == (room == loudeac.get()));
        CHECK(rooms[2].toMap()["counts"] == QVariantList{1, 1});
    }
    CHECK_FALSE(poll->answer({"5", "5"}));  // closed: nothing leaves

    moderator_says(broker, qa::requests::clear_poll(id));
    CHECK(testing::qt_eventually([&] { return !poll->active(); }));
}

TEST_CASE("the show of hands card is keyboard first: digits, Enter to the next answer, Enter to send — its results are those of the broker")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    auto loudeac = room_for(broker, "loudeac");
    REQUIRE(testing::qt_eventually([&] { return loudeac->channelConnected(); }));

    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));  // where the application's QML module is compiled in
    QQmlComponent component(&engine);
    component.setData(R"(
import QtQuick
import Estrade.Viewer
Window {
    id: window
    required property ShowOfHands poll
    width: 960; height: 540; visible: true; color: "black"
    ShowOfHandsCard { anchors.centerIn: parent; width: parent.width * 0.8; height: parent.height * 0.72; poll: window.poll }
})", QUrl());
    INFO(component.errorString().toStdString());
    REQUIRE(component.isReady());
    std::unique_ptr<QObject> created(
        component.createWithInitialProperties({{"poll", QVariant::fromValue(loudeac->showOfHands())}}));
    INFO(component.errorString().toStdString());
    auto* window = qobject_cast<QQuickWindow*>(created.get());
    REQUIRE(window);
    window->requestActivate();
    REQUIRE(QTest::qWaitForWindowExposed(window));

    const auto id = moderator_says(broker, qa::requests::open_poll("Qui a déjà fait un stage ?",
                                                                   {"En entreprise", "Dans l'administration", "Pas encore"},
                                                                   120))["poll"]["id"]
                        .get<std::int64_t>();
    REQUIRE(testing::qt_eventually([&] { return loudeac->showOfHands()->open(); }));
    testing::qt_eventually([] { return false; }, 300ms);  // the card draws its fields and takes the focus
    auto type = [&](const char* digits) {
        for (const char* c = digits; *c; ++c)
            QTest::keyClick(window, *c);
    };
    type("7");
    QTest::keyClick(window, Qt::Key_Return);
    type("2");
    QTest::keyClick(window, Qt::Key_Return);
    type("11");
    QTest::keyClick(window, Qt::Key_Return);  // from the last field: sent
    REQUIRE(testing::qt_eventually([&] { return loudeac->showOfHands()->sentCounts() == QVariantList{7, 2, 11}; }));
    testing::qt_eventually([] { return false; }, 200ms);
    const auto open_picture = picture(broker, "viewer-show-of-hands-open.png");
    REQUIRE(window->grabWindow().save(QString::fromStdString(open_picture.string())));

    auto merdrignac = broker.connect("merdrignac");
    REQUIRE(qa::is_ok(*merdrignac->request(qa::requests::answer_poll(id, {0, 1, 1}))));
    moderator_says(broker, qa::requests::answer_poll(id, {12, 9, 20}, "ploufragan"));
    moderator_says(broker, qa::requests::close_poll(id));
    REQUIRE(testing::qt_eventually([&] { return !loudeac->showOfHands()->open(); }));
    testing::qt_eventually([] { return false; }, 200ms);

    // What the card shows is what the broker counted.
    const auto snapshot = moderator_says(broker, qa::requests::snapshot());
    const auto totals = snapshot["polls"][0]["totals"].get<std::vector<int>>();
    CHECK(totals == std::vector<int>{19, 12, 32});
    std::vector<int> shown;
    for (auto* text : items_named(window->contentItem(), "pollTotal"))
        if (text->isVisible())
            shown.push_back(text->property("text").toInt());
    CHECK(shown == totals);
    const auto image = window->grabWindow();
    REQUIRE(image.save(QString::fromStdString(picture(broker, "viewer-show-of-hands-results.png").string())));
    // The bars are drawn: the blue of the largest answer's bar is there.
    int blue = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            blue += image.pixelColor(x, y) == QColor("#42a5f5");
    CHECK(blue > 500);
}
