// The console's desk under Qt's offscreen platform, in a scripted session against a real question broker
// and a real producer (estrade-producer at 320x180, its control socket): what the moderator does reaches
// both, and what the rooms do reaches the moderator.
#include "moderator/app/desk.hpp"

#include "config/event_file.hpp"

#include "qa/broker_fixture.hpp"
#include "support/ports.hpp"
#include "support/process.hpp"

#include "support/qt_eventually.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace estrade;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path decks = std::filesystem::path(ESTRADE_SOURCE_DIR) / "examples/decks";

// The event: the broker fixture's endpoints (plaintext), a producer control port of its own.
config::Event write_event(const testing::BrokerFixture& broker, const std::filesystem::path& file)
{
    const auto control = "tcp://127.0.0.1:" + std::to_string(testing::free_port(SOCK_STREAM));
    std::ofstream(file) << "[event]\nid = \"demo\"\ntitle = \"Démo\"\nhost_site = \"ploufragan\"\n"
                        << "[relay]\nurl = \"srt://127.0.0.1:" << testing::free_port(SOCK_DGRAM) << "\"\n"
                        << "stats_listen = \"127.0.0.1:" << testing::free_port(SOCK_STREAM) << "\"\n"
                        << "[qa]\nurl = \"" << broker.request_endpoint << "\"\npublish_url = \"" << broker.publish_endpoint
                        << "\"\nsecurity = \"plaintext\"\n"
                        << "[producer]\npassphrase = \"moderator-password\"\nresolution = \"320x180\"\ncontrol = \""
                        << control << "\"\ncontrol_url = \"" << control << "\"\n";
    for (int i = 0; i < 3; ++i)
        std::ofstream(file, std::ios::app) << "[[talk]]\nspeaker = \"Speaker " << i + 1 << "\"\ntitle = \"Talk\"\ndeck = \""
                                           << (decks / "police.pdf").string() << "\"\n";
    for (const auto& site : testing::fixture_sites)
        std::ofstream(file, std::ios::app) << "[[site]]\nid = \"" << site << "\"\nname = \"Salle " << site
                                           << "\"\npassphrase = \"" << site << "-password\"\n";
    return std::get<config::Event>(config::load_event_file(file));
}

qa::Json ask(testing::BrokerFixture& broker, const std::string& site, const std::string& text)
{
    auto connection = broker.connect(site);
    auto reply = connection->request(qa::Json{{"cmd", "ask"}, {"text", text}});
    REQUIRE(reply);
    REQUIRE(reply->value("ok", false));
    return (*reply)["question"];
}

}  // namespace

TEST_CASE("a moderator's session: programme steps reach producer and rooms, the queue's actions reach the broker")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    const auto event = write_event(broker, broker.dir.path() / "event.toml");
    testing::Process producer({ESTRADE_PRODUCER_BIN, "--event", event.file.string()});
    REQUIRE(producer.read_line(30s));

    moderator::Desk desk(event, qa::client_auth_from(event, "moderator"));
    CHECK(testing::qt_eventually([&] { return desk.brokerConnected() && desk.currentStep() == "Opening"; }));
    CHECK(desk.nextStep() == "Talk 1 — Speaker 1");
    CHECK(testing::qt_eventually([&] { return desk.producerStatus().startsWith("showing opening"); }));
    CHECK(desk.relayStatus().startsWith("relay statistics unavailable"));  // no relay in this test

    // Next: talk 1 — the producer shows its title card, every room's banner says talk 1.
    desk.next();
    CHECK(testing::qt_eventually([&] { return desk.currentStep() == "Talk 1 — Speaker 1"; }));
    CHECK(testing::qt_eventually([&] { return desk.producerStatus().startsWith("showing title card of talk 1"); }));

    // Rooms ask; the queue follows in the broker's fair order.
    const auto first = ask(broker, "loudeac", "Quel salaire ?");
    const auto second = ask(broker, "merdrignac", "Quelle formation ?");
    const auto again = ask(broker, "brest-cobrem", "Et le salaire au début ?");
    auto* queue = desk.queue();
    CHECK(testing::qt_eventually([&] { return queue->rowCount() == 3; }));
    CHECK(queue->rows()[0].rank == 1);

    // Questions after talk 1, with the window closed before: the step opens it.
    desk.setQuestionsOpen(false);
    CHECK(testing::qt_eventually([&] { return !desk.questionsOpen(); }));
    desk.next();
    CHECK(testing::qt_eventually([&] { return desk.currentStep() == "Questions after talk 1 — Speaker 1" && desk.questionsOpen(); }));
    CHECK(testing::qt_eventually([&] { return desk.producerStatus().startsWith("showing questions of talk 1"); }));

    desk.merge(again["id"].get<qint64>(), first["id"].get<qint64>());
    desk.edit(second["id"].get<qint64>(), "Quelle formation faut-il ?");
    desk.pick(first["id"].get<qint64>());
    CHECK(testing::qt_eventually([&] {
        const auto& rows = queue->rows();
        return !rows.empty() && rows[0].id == first["id"].get<std::int64_t>() && rows[0].state == "on_screen" &&
               rows[0].votes == 1;  // Brest's voice came with the merge
    }));
    desk.dismiss(second["id"].get<qint64>(), "déjà répondu pendant l'exposé");
    auto moderator = broker.connect("moderator");
    CHECK(testing::qt_eventually([&] {
        const auto snapshot = moderator->request(qa::Json{{"cmd", "snapshot"}});
        for (const auto& q : (*snapshot)["questions"])
            if (q["id"] == second["id"])
                return q["state"] == "dismissed" && q.value("reason", "") == "déjà répondu pendant l'exposé" &&
                       q["text"] == "Quelle formation faut-il ?";
        return false;
    }));

    // Filters.
    desk.setFilterSite("merdrignac");
    CHECK(queue->rowCount() == 1);
    desk.setFilterSite("");
    desk.setFilterTalk(2);
    CHECK(queue->rowCount() == 0);
    desk.setFilterTalk(0);

    // After the event: the join files and the report.
    desk.exportReport(QString::fromStdString((broker.dir.path() / "report").string()));
    CHECK(desk.notice().startsWith("follow-up report written"));
    CHECK(std::filesystem::exists(broker.dir.path() / "report"));
    desk.writeInvitations(QString::fromStdString((broker.dir.path() / "invitations").string()));
    CHECK(desk.notice().startsWith("3 join files written"));  // every room but the host's
    CHECK(std::filesystem::exists(broker.dir.path() / "invitations" / "loudeac.estrade"));
    CHECK_FALSE(std::filesystem::exists(broker.dir.path() / "invitations" / "ploufragan.estrade"));
}

TEST_CASE("the console says so when the producer does not answer, and the rooms still follow the programme")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    const auto event = write_event(broker, broker.dir.path() / "event.toml");
    moderator::Desk desk(event, qa::client_auth_from(event, "moderator"));
    CHECK(testing::qt_eventually([&] { return desk.brokerConnected(); }));
    CHECK(desk.producerStatus().startsWith("the producer does not answer"));
    desk.next();
    CHECK(testing::qt_eventually([&] { return desk.currentStep() == "Talk 1 — Speaker 1"; }));
    CHECK(testing::qt_eventually([&] { return desk.lastError().startsWith("producer (title-card talk 1): no answer"); }));
}

TEST_CASE("the floor from the console: the producer plays the room, is told again after a restart, and the console "
          "says when the room's sound does not reach the host")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    const auto event = write_event(broker, broker.dir.path() / "event.toml");
    auto producer = std::make_unique<testing::Process>(
        std::vector<std::string>{ESTRADE_PRODUCER_BIN, "--event", event.file.string()});
    REQUIRE(producer->read_line(30s));
    auto loudeac = broker.connect("loudeac");
    auto asked = loudeac->request(qa::requests::ask_aloud("Sur les horaires"));
    REQUIRE(asked);
    REQUIRE(qa::is_ok(*asked));

    moderator::Desk desk(event, qa::client_auth_from(event, "moderator"));
    CHECK(testing::qt_eventually([&] { return desk.brokerConnected() && desk.queue()->rowCount() == 1; }));
    CHECK(desk.floorStatus() == "Nobody has the floor");
    desk.giveFloor((*asked)["question"]["id"].get<qint64>());
    CHECK(testing::qt_eventually([&] { return desk.floorSite() == "loudeac"; }));
    // The producer plays it (no room is sending here: after 3 s, the console says so, in words).
    CHECK(testing::qt_eventually([&] { return desk.floorStatus().contains("Salle loudeac's microphone is not reaching the host"); },
                                 8s));
    CHECK(desk.floorProblem());

    // The producer restarts: it knows nobody; the console tells it again.
    producer->signal(SIGTERM);
    REQUIRE(producer->wait(20s) == 0);
    producer = std::make_unique<testing::Process>(std::vector<std::string>{ESTRADE_PRODUCER_BIN, "--event", event.file.string()});
    REQUIRE(producer->read_line(30s));
    auto control = testing::run({ESTRADE_PRODUCER_BIN, "--event", event.file.string(), "control", "state"});
    CHECK(testing::qt_eventually(
        [&] {
            control = testing::run({ESTRADE_PRODUCER_BIN, "--event", event.file.string(), "control", "state"});
            return control.second.find("\"site\": \"loudeac\"") != std::string::npos;
        },
        10s));

    desk.takeFloorBack();
    CHECK(testing::qt_eventually([&] { return desk.floorSite().isEmpty(); }));
    CHECK(testing::qt_eventually(
        [&] {
            control = testing::run({ESTRADE_PRODUCER_BIN, "--event", event.file.string(), "control", "state"});
            return control.second.find("\"floor\": null") != std::string::npos;
        },
        5s));
}

TEST_CASE("a show of hands from the console: asked, the host room counted, followed as rooms answer, closed, moved on")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    const auto event = write_event(broker, broker.dir.path() / "event.toml");
    moderator::Desk desk(event, qa::client_auth_from(event, "moderator"));
    auto* poll = desk.poll();
    REQUIRE(testing::qt_eventually([&] { return desk.brokerConnected(); }));
    CHECK_FALSE(poll->active());

    poll->ask("  Qui connaît déjà un gendarme ?  ", "Oui / Non /", 45);
    REQUIRE(testing::qt_eventually([&] { return poll->open(); }));
    CHECK(poll->question() == "Qui connaît déjà un gendarme ?");
    CHECK(poll->choices() == QStringList{"Oui", "Non"});
    CHECK(poll->secondsLeft() > 35);
    CHECK(poll->roomsAnswered() == 0);
    CHECK(poll->roomCount() == 4);

    poll->countHostRoom({"20", "25"});
    const auto id = (*broker.connect("moderator")->request(qa::requests::snapshot()))["polls"][0]["id"].get<std::int64_t>();
    REQUIRE(qa::is_ok(*broker.connect("loudeac")->request(qa::requests::answer_poll(id, {3, 4}))));
    REQUIRE(testing::qt_eventually([&] { return poll->roomsAnswered() == 2; }));
    const auto bars = poll->bars();
    CHECK(bars[0].toMap()["total"] == 23);
    CHECK(bars[1].toMap()["total"] == 29);
    const auto rooms = poll->rooms();
    REQUIRE(rooms.size() == 4);
    CHECK(rooms[0].toMap()["counts"] == QVariantList{20, 25});  // the host room, counted by the moderator
    CHECK(rooms[2].toMap()["answered"] == false);

    poll->closeNow();
    REQUIRE(testing::qt_eventually([&] { return poll->active() && !poll->open(); }));

    // The follow-up report carries every room's count.
    desk.exportReport(QString::fromStdString((broker.dir.path() / "report").string()));
    std::ifstream csv(broker.dir.path() / "report" / "demo-polls.csv");
    const std::string written((std::istreambuf_iterator<char>(csv)), std::istreambuf_iterator<char>());
    CHECK(written.find("\"Qui connaît déjà un gendarme ?\",\"Non\",\"loudeac\",\"Salle loudeac\",4") != std::string::npos);
    CHECK(written.find("\"Oui\",\"ploufragan\",\"Salle ploufragan\",20") != std::string::npos);
    poll->moveOn();
    CHECK(testing::qt_eventually([&] { return !poll->active(); }));
}

TEST_CASE("with approval on, the console lists a room's new question first, awaiting approval, and approves it")
{
    testing::BrokerFixture broker(config::QaSettings::Security::plaintext);
    broker.stop();
    broker.options.rules.approval = true;
    broker.start();
    const auto event = write_event(broker, broker.dir.path() / "event.toml");
    moderator::Desk desk(event, qa::client_auth_from(event, "moderator"));
    REQUIRE(testing::qt_eventually([&] { return desk.brokerConnected(); }));
    ask(broker, "merdrignac", "Déjà approuvée ?");
    const auto id = ask(broker, "loudeac", "Faut-il savoir nager ?")["id"].get<std::int64_t>();
    auto* queue = desk.queue();
    auto state_of_first = [&] { return queue->index(0).data(queue->role("state")).toString(); };
    REQUIRE(testing::qt_eventually([&] { return queue->rowCount() == 2; }));
    CHECK(state_of_first() == "pending");
    desk.approve(id);
    CHECK(testing::qt_eventually([&] {
        const auto snapshot = *broker.connect("brest-cobrem")->request(qa::requests::snapshot());
        for (const auto& q : snapshot["questions"])
            if (q["id"] == id)
                return q["state"] == "waiting" && q["text"] == "Faut-il savoir nager ?";
        return false;
    }));
}
