// The show of hands and approval before others see a question, on a real broker (loopback ZeroMQ, CurveZMQ,
// a SQLite file): what every room's replica holds is what the rules say.
#include "broker_fixture.hpp"

#include <catch2/catch.hpp>

using namespace estrade;
using namespace estrade::qa;
using estrade::testing::BrokerFixture;
using estrade::testing::eventually;
using estrade::testing::TempDir;

namespace {

std::unique_ptr<Replica> follow(BrokerFixture& broker, QaConnection& connection, const std::string& who)
{
    auto replica = std::make_unique<Replica>(broker.context, broker.publish_endpoint, broker.auth(who), connection);
    REQUIRE(replica->resync());
    return replica;
}

Json ok(const std::optional<Json>& reply)
{
    REQUIRE(reply);
    INFO(reply->dump());
    REQUIRE(is_ok(*reply));
    return *reply;
}

using Counts = std::vector<int>;

}  // namespace

TEST_CASE("three rooms answer a show of hands, one after its network is back — every room sees the same results")
{
    BrokerFixture broker;
    auto moderator = broker.connect("moderator");
    auto loudeac = broker.connect("loudeac");
    auto merdrignac = broker.connect("merdrignac");
    std::map<std::string, std::unique_ptr<Replica>> views;
    views["moderator"] = follow(broker, *moderator, "moderator");
    views["loudeac"] = follow(broker, *loudeac, "loudeac");
    views["merdrignac"] = follow(broker, *merdrignac, "merdrignac");

    const auto opened = ok(moderator->request(
        requests::open_poll("Qui est déjà en formation ?", {"Oui", "Pas encore"}, 60)));
    const auto poll = opened["poll"]["id"].get<std::int64_t>();
    CHECK(opened["poll"]["state"] == "open");
    CHECK(error_code(*moderator->request(requests::open_poll("Une autre ?", {"Oui"}, 60))) == "poll_open");

    // Brest's network is down: its answer waits in its journal.
    TempDir journals;
    Journal brest_journal(journals.path() / "brest.journal");
    {
        QaConnection unreachable(broker.context, "tcp://127.0.0.1:1", broker.auth("brest-cobrem"));
        SiteClient brest(unreachable, brest_journal);
        CHECK_FALSE(brest.answer_poll(poll, {2, 9}, std::chrono::milliseconds(100), 1).reply);
        CHECK(brest_journal.unacknowledged().size() == 1);
    }

    Journal loudeac_journal(journals.path() / "loudeac.journal");
    SiteClient loudeac_client(*loudeac, loudeac_journal);
    const auto too_many = loudeac_client.answer_poll(poll, {15, 6});
    REQUIRE(too_many.reply);
    CHECK(error_code(*too_many.reply) == "too_many_hands");
    CHECK_THAT(error_reason(*too_many.reply), Catch::Contains("21 hands") && Catch::Contains("20 seats"));
    CHECK(loudeac_client.answer_poll(poll, {3, 12}).acknowledged());
    CHECK(loudeac_client.answer_poll(poll, {4, 12}).acknowledged());  // counted again: the new count replaces
    ok(merdrignac->request(requests::answer_poll(poll, {1, 1})));
    CHECK(error_code(*merdrignac->request(requests::answer_poll(poll, {1}))) == "bad_counts");
    CHECK(error_code(*merdrignac->request(requests::answer_poll(poll, {1, 1}, "loudeac"))) == "forbidden");
    ok(moderator->request(requests::answer_poll(poll, {30, 10}, "ploufragan")));  // the host room, by the moderator

    // Brest is back: the journal sends what it kept.
    {
        auto brest_connection = broker.connect("brest-cobrem");
        SiteClient brest(*brest_connection, brest_journal);
        CHECK(brest.resend_unacknowledged() == 0);
        CHECK(brest_journal.unacknowledged().empty());
    }

    ok(moderator->request(requests::close_poll(poll)));
    const auto late = merdrignac->request(requests::answer_poll(poll, {0, 2}));
    REQUIRE(late);
    CHECK(error_code(*late) == "poll_closed");
    CHECK_THAT(error_reason(*late), Catch::Contains("closed"));

    const std::map<std::string, Counts> expected{
        {"ploufragan", {30, 10}}, {"loudeac", {4, 12}}, {"merdrignac", {1, 1}}, {"brest-cobrem", {2, 9}}};
    for (auto& [who, view] : views) {
        INFO(who);
        REQUIRE(eventually(*view, [&] {
            auto it = view->polls().find(poll);
            return it != view->polls().end() && it->second.state == PollState::closed;
        }));
        const auto& seen = view->polls().at(poll);
        CHECK(seen.per_site() == expected);
        CHECK(seen.totals() == Counts{37, 32});
        CHECK(current_poll(view->polls()) == &seen);  // shown until the moderator moves on
    }

    ok(moderator->request(requests::clear_poll(poll)));
    REQUIRE(eventually(*views["merdrignac"], [&] { return current_poll(views["merdrignac"]->polls()) == nullptr; }));
}

TEST_CASE("a show of hands closes by itself when its time is up, and survives a restart with its answers")
{
    BrokerFixture broker;
    auto moderator = broker.connect("moderator");
    auto loudeac = broker.connect("loudeac");
    auto view = follow(broker, *loudeac, "loudeac");
    const auto poll =
        ok(moderator->request(requests::open_poll("Levez la main", {"Main levée"}, 2)))["poll"]["id"].get<std::int64_t>();
    ok(loudeac->request(requests::answer_poll(poll, {7})));

    broker.stop();
    broker.start();
    auto after = ok(broker.connect("moderator")->request(requests::snapshot()));
    REQUIRE(after["polls"].size() == 1);
    CHECK(after["polls"][0]["state"] == "open");
    CHECK(after["polls"][0]["rooms"]["loudeac"] == Json::array({7}));

    auto again = broker.connect("loudeac");
    auto view_after = follow(broker, *again, "loudeac");
    const auto started = std::chrono::steady_clock::now();
    const auto deadline = started + std::chrono::seconds(4);
    while (view_after->polls().at(poll).state == PollState::open && std::chrono::steady_clock::now() < deadline)
        view_after->poll(std::chrono::milliseconds(50));
    CHECK(view_after->polls().at(poll).state == PollState::closed);
    CHECK(view_after->polls().at(poll).totals() == Counts{7});
}

TEST_CASE("browser participants raise one hand each and may change their mind")
{
    BrokerFixture broker;
    auto moderator = broker.connect("moderator");
    auto loudeac = broker.connect("loudeac");
    const auto poll = ok(moderator->request(requests::open_poll("Pour qui ?", {"A", "B", "C"}, 60)))["poll"]["id"]
                          .get<std::int64_t>();
    ok(loudeac->request(requests::answer_poll(poll, {0, 1, 0}, {}, "navigateur-1")));
    ok(loudeac->request(requests::answer_poll(poll, {0, 1, 0}, {}, "navigateur-2")));
    ok(loudeac->request(requests::answer_poll(poll, {1, 0, 0}, {}, "navigateur-2")));  // changed
    ok(loudeac->request(requests::answer_poll(poll, {5, 0, 0})));                     // the room's operator
    CHECK(error_code(*loudeac->request(requests::answer_poll(poll, {1, 1, 0}, {}, "navigateur-3"))) ==
          "too_many_hands");
    const auto snapshot = ok(moderator->request(requests::snapshot()));
    CHECK(snapshot["polls"][0]["browsers"]["loudeac"] == Json::array({1, 1, 0}));
    CHECK(snapshot["polls"][0]["totals"] == Json::array({6, 1, 0}));
    CHECK(snapshot.dump().find("navigateur") == std::string::npos);  // who they are stays in the broker
}

TEST_CASE("with approval on, another room does not receive an unapproved question, then does once approved")
{
    BrokerFixture broker;
    broker.stop();
    broker.options.rules.approval = true;
    broker.start();
    auto moderator = broker.connect("moderator");
    auto loudeac = broker.connect("loudeac");
    auto merdrignac = broker.connect("merdrignac");
    auto moderator_view = follow(broker, *moderator, "moderator");
    auto loudeac_view = follow(broker, *loudeac, "loudeac");
    auto merdrignac_view = follow(broker, *merdrignac, "merdrignac");

    // Every update as it travels to Merdrignac, checked on the wire.
    std::vector<std::string> merdrignac_wire;
    merdrignac_view->on_update = [&](const Json& update) { merdrignac_wire.push_back(update.dump()); };

    const auto asked = ok(loudeac->request(requests::ask("Combien d'heures par semaine ?")));
    const auto id = asked["question"]["id"].get<std::int64_t>();
    CHECK(asked["question"]["state"] == "pending");
    REQUIRE(eventually(*moderator_view, [&] { return moderator_view->questions().contains(id); }));
    CHECK(moderator_view->questions().at(id).text == "Combien d'heures par semaine ?");
    REQUIRE(eventually(*loudeac_view, [&] { return loudeac_view->questions().contains(id); }));
    CHECK(loudeac_view->questions().at(id).state == QuestionState::pending);
    merdrignac_view->poll(std::chrono::milliseconds(300));
    CHECK_FALSE(merdrignac_view->questions().contains(id));
    CHECK(error_code(*merdrignac->request(requests::vote(id))) == "not_found");
    const auto other_snapshot = ok(merdrignac->request(requests::snapshot())).dump();
    CHECK(other_snapshot.find("Combien") == std::string::npos);
    REQUIRE_FALSE(merdrignac_wire.empty());  // the update did travel, without the words
    for (const auto& update : merdrignac_wire)
        CHECK(update.find("Combien") == std::string::npos);

    ok(moderator->request(requests::approve(id)));
    REQUIRE(eventually(*merdrignac_view, [&] { return merdrignac_view->questions().contains(id); }));
    CHECK(merdrignac_view->questions().at(id).text == "Combien d'heures par semaine ?");
    CHECK(merdrignac_view->questions().at(id).state == QuestionState::waiting);
    ok(merdrignac->request(requests::vote(id)));

    // Dismissed before approval: its room reads the reason, the others never read the words.
    const auto second = ok(loudeac->request(requests::ask("Question hors sujet")))["question"]["id"].get<std::int64_t>();
    ok(moderator->request(requests::dismiss(second, "déjà répondu ce matin")));
    REQUIRE(eventually(*loudeac_view, [&] {
        return loudeac_view->questions().contains(second) &&
               loudeac_view->questions().at(second).state == QuestionState::dismissed;
    }));
    CHECK(loudeac_view->questions().at(second).reason == "déjà répondu ce matin");
    merdrignac_view->poll(std::chrono::milliseconds(300));
    CHECK_FALSE(merdrignac_view->questions().contains(second));
    CHECK(ok(merdrignac->request(requests::snapshot())).dump().find("hors sujet") == std::string::npos);
}
