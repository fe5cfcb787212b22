// kill -9 of the broker and of a site's client, on the real programs: nothing acknowledged is lost,
// nothing is duplicated, checked against the broker's database and the sites' journals.
#include "qa/connection.hpp"
#include "qa/site_client.hpp"

#include "config/event_file.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include <signal.h>

#include <atomic>
#include <regex>
#include <set>
#include <thread>

using namespace estrade;
using namespace estrade::qa;
using estrade::testing::Process;
using estrade::testing::TempDir;

namespace {

const std::vector<std::string> sites{"ploufragan", "loudeac", "merdrignac", "brest-cobrem"};

std::string event_text()
{
    std::string text = R"([event]
id = "crash-test"
title = "Crash test"
host_site = "ploufragan"
[qa]
database = "questions.sqlite"
max_waiting_per_site = 1000
[producer]
passphrase = "producer-secret-123"
[[talk]]
speaker = "Claire Le Bihan"
title = "Une journée en commissariat"
)";
    for (const auto& site : sites)
        text += "[[site]]\nid = \"" + site + "\"\nname = \"" + site + "\"\npassphrase = \"" + site + "-secret\"\n";
    return text;
}

struct RunningBroker {
    std::unique_ptr<Process> process;
    std::string requests;
    std::string updates;
};

RunningBroker start_broker(const std::filesystem::path& event, const std::string& listen, const std::string& publish)
{
    RunningBroker broker;
    broker.process = std::make_unique<Process>(std::vector<std::string>{
        ESTRADE_QA_BIN, "serve", "--event", event.string(), "--listen", listen, "--publish", publish});
    auto line = broker.process->read_line(std::chrono::seconds(10));
    REQUIRE(line);
    std::smatch m;
    REQUIRE(std::regex_search(*line, m, std::regex("requests=(\\S+) updates=(\\S+)")));
    broker.requests = m[1];
    broker.updates = m[2];
    return broker;
}

config::Event make_keys_and_load(const std::filesystem::path& event_file)
{
    REQUIRE(testing::run({ESTRADE_QA_BIN, "keys", "--event", event_file.string()}).first == 0);
    return std::get<config::Event>(config::load_event_file(event_file));
}

// Rewrites the event file so the command-line clients find this broker's ports.
void point_event_file_at(const std::filesystem::path& event_file, const RunningBroker& broker)
{
    auto text = event_text();
    text.insert(text.find("database"), "url = \"" + broker.requests + "\"\npublish_url = \"" + broker.updates + "\"\n");
    std::ofstream(event_file, std::ios::trunc) << text;
}

struct Fixture {
    TempDir dir;
    std::filesystem::path event_file = dir.write("event.toml", event_text());
    config::Event event = make_keys_and_load(event_file);
};

std::map<std::string, std::pair<std::int64_t, std::string>> questions_by_request(const std::filesystem::path& db_file)
{
    Database db(db_file, Database::Durability::process_crash);
    auto rows = db.prepare("SELECT request_id, id, text FROM questions");
    std::map<std::string, std::pair<std::int64_t, std::string>> out;
    while (rows.step())
        out[rows.text(0)] = {rows.integer(1), rows.text(2)};
    return out;
}

std::int64_t count_questions(const std::filesystem::path& db_file)
{
    Database db(db_file, Database::Durability::process_crash);
    auto rows = db.prepare("SELECT COUNT(*) FROM questions");
    rows.step();
    return rows.integer(0);
}

}  // namespace

TEST_CASE("kill -9 of the broker in the middle of 1000 questions from 4 sites: 0 lost, 0 duplicated")
{
    Fixture f;
    auto broker = start_broker(f.event_file, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    constexpr int per_site = 250;
    std::atomic<int> acknowledged{0};
    std::atomic<bool> failed{false};
    std::vector<std::thread> clients;
    zmq::context_t context;
    for (const auto& site : sites) {
        clients.emplace_back([&, site] {
            QaConnection connection(context, broker.requests, client_auth_from(f.event, site));
            Journal journal(f.dir.path() / (site + ".journal"));
            SiteClient client(connection, journal);
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
            for (int i = 0; i < per_site; ++i) {
                auto result = client.ask(site + " question " + std::to_string(i), {}, std::nullopt,
                                         std::chrono::milliseconds(400), 1);
                // No answer (the broker is down): keep resending from the journal, as the viewer does.
                while (!result.acknowledged() && client.resend_unacknowledged(std::chrono::milliseconds(400), 1) > 0) {
                    if (std::chrono::steady_clock::now() > deadline) {
                        failed = true;
                        return;
                    }
                }
                if (result.reply && !result.acknowledged() && result.reply->value("ok", true) == false) {
                    failed = true;  // a refusal would be a bug here
                    return;
                }
                ++acknowledged;
            }
        });
    }
    // Kill it twice, at a third and at two thirds of the way.
    for (int threshold : {330, 660}) {
        while (acknowledged < threshold && !failed)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        broker.process->signal(SIGKILL);
        broker.process->wait();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        auto restarted = start_broker(f.event_file, broker.requests, broker.updates);
        broker.process = std::move(restarted.process);
    }
    for (auto& t : clients)
        t.join();
    REQUIRE_FALSE(failed);
    CHECK(acknowledged == 1000);

    const auto stored = questions_by_request(f.event.qa.database);
    CHECK(count_questions(f.event.qa.database) == 1000);  // no duplicate
    CHECK(stored.size() == 1000);                          // one row per client request
    int checked = 0;
    for (const auto& site : sites) {
        Journal journal(f.dir.path() / (site + ".journal"));
        for (const auto& entry : journal.all()) {
            REQUIRE(entry.question_id > 0);  // every journal entry acknowledged...
            auto it = stored.find(entry.request_id);
            REQUIRE(it != stored.end());  // ...and in the broker's database, under that id
            CHECK(it->second.first == entry.question_id);
            CHECK(it->second.second == Json::parse(entry.request)["text"].get<std::string>());
            ++checked;
        }
    }
    CHECK(checked == 1000);
}

TEST_CASE("kill -9 of a site's client while it waits: the next run resends from the journal, once")
{
    Fixture f;
    auto broker = start_broker(f.event_file, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    point_event_file_at(f.event_file, broker);
    const auto journal = (f.dir.path() / "loudeac.journal").string();
    auto ask = [&](const std::string& question) {
        return std::vector<std::string>{ESTRADE_QA_BIN, "ask",      "--event",  f.event_file.string(),
                                        "--site",       "loudeac",  "--journal", journal,
                                        "--timeout-ms", "300",      "--attempts", "1", question};
    };

    broker.process->signal(SIGSTOP);  // the broker hangs: the client sends and waits
    {
        Process client(ask("Posée avant le plantage"));
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        client.signal(SIGKILL);
        CHECK(client.wait() == -SIGKILL);
    }
    broker.process->signal(SIGCONT);  // it may now apply the request the dead client sent

    auto [status, out] = testing::run(ask("Posée après"));
    CHECK(status == 0);
    const auto stored = questions_by_request(f.event.qa.database);
    REQUIRE(stored.size() == 2);
    std::set<std::string> texts;
    for (const auto& [id, q] : stored)
        texts.insert(q.second);
    CHECK(texts == std::set<std::string>{"Posée avant le plantage", "Posée après"});
    Journal check(journal);
    CHECK(check.unacknowledged().empty());
}

TEST_CASE("regression: SIGTERM made estrade-qa serve exit 2 (\"Interrupted system call\") — it stops cleanly, 0 lost")
{
    Fixture f;
    auto broker = start_broker(f.event_file, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    point_event_file_at(f.event_file, broker);
    for (const char* question : {"Première ?", "Deuxième ?"})
        REQUIRE(testing::run({ESTRADE_QA_BIN, "ask", "--event", f.event_file.string(), "--site", "loudeac",
                              "--journal", (f.dir.path() / "j").string(), question})
                    .first == 0);
    broker.process->signal(SIGTERM);
    CHECK(broker.process->wait() == 0);
    CHECK(questions_by_request(f.event.qa.database).size() == 2);  // every acknowledged question on disk
}

TEST_CASE("estrade-qa ask says why it failed, with distinct exit codes")
{
    Fixture f;
    auto base = std::vector<std::string>{ESTRADE_QA_BIN, "ask", "--event", f.event_file.string(), "--journal",
                                         (f.dir.path() / "j").string(), "--timeout-ms", "200", "--attempts", "1"};
    auto with = [&](std::vector<std::string> extra) {
        auto argv = base;
        argv.insert(argv.end(), extra.begin(), extra.end());
        return testing::run(argv).first;
    };
    CHECK(with({"--site", "loudeac", "nobody is serving"}) == 3);  // no broker
    CHECK(with({"--site", "nowhere", "x"}) == 2);                   // not a site of the event
    auto broker = start_broker(f.event_file, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    point_event_file_at(f.event_file, broker);
    CHECK(with({"--site", "loudeac", std::string(501, 'x')}) == 1);  // refused: too long
    CHECK(with({"--site", "loudeac", "Et maintenant ?"}) == 0);
    auto [status, out] = testing::run({ESTRADE_QA_BIN, "list", "--event", f.event_file.string(), "--json"});
    CHECK(status == 0);
    auto listed = Json::parse(out);
    // The first ask (no broker) was kept in the journal and sent by the next run: both arrived, once each.
    REQUIRE(listed["questions"].size() == 2);
    CHECK(listed["questions"][0]["text"] == "nobody is serving");
    CHECK(listed["questions"][1]["text"] == "Et maintenant ?");
    CHECK(listed["questions"][1]["site"] == "loudeac");
}

TEST_CASE("kill -9 of the broker while a room has the floor: the floor is still that room's after the restart")
{
    Fixture f;
    auto broker = start_broker(f.event_file, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    point_event_file_at(f.event_file, broker);
    auto [asked, out] = testing::run({ESTRADE_QA_BIN, "ask-aloud", "--event", f.event_file.string(), "--site",
                                      "loudeac", "--json", "Sur les horaires"});
    REQUIRE(asked == 0);
    const auto id = Json::parse(out)["question"]["id"].get<std::int64_t>();
    REQUIRE(testing::run({ESTRADE_QA_BIN, "floor", "--event", f.event_file.string(), "#" + std::to_string(id)}).first == 0);
    broker.process->signal(SIGKILL);
    CHECK(broker.process->wait() == -SIGKILL);

    auto again = start_broker(f.event_file, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    point_event_file_at(f.event_file, again);
    auto [status, list] = testing::run({ESTRADE_QA_BIN, "list", "--event", f.event_file.string(), "--json"});
    REQUIRE(status == 0);
    const auto snapshot = Json::parse(list);
    CHECK(snapshot["floor"]["site"] == "loudeac");
    CHECK(snapshot["floor"]["question"] == id);
    CHECK(snapshot["questions"][0]["state"] == "on_screen");
}

TEST_CASE("kill -9 of the broker while a show of hands is open: the poll and its answers are there after")
{
    Fixture f;
    auto broker = start_broker(f.event_file, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    zmq::context_t context;
    auto moderator = std::make_unique<QaConnection>(context, broker.requests, client_auth_from(f.event, "moderator"));
    QaConnection loudeac(context, broker.requests, client_auth_from(f.event, "loudeac"));
    auto opened = moderator->request(requests::open_poll("Qui vient en stage ?", {"Oui", "Non"}, 600));
    REQUIRE(opened);
    REQUIRE(is_ok(*opened));
    const auto poll = (*opened)["poll"]["id"].get<std::int64_t>();
    auto answered = loudeac.request(requests::answer_poll(poll, {6, 2}));
    REQUIRE(answered);
    REQUIRE(is_ok(*answered));  // acknowledged: from here on it must survive

    broker.process->signal(SIGKILL);
    broker.process->wait();
    auto restarted = start_broker(f.event_file, broker.requests, broker.updates);
    auto snapshot = moderator->request(requests::snapshot(), std::chrono::milliseconds(2000), 3);
    REQUIRE(snapshot);
    REQUIRE((*snapshot)["polls"].size() == 1);
    CHECK((*snapshot)["polls"][0]["state"] == "open");
    CHECK((*snapshot)["polls"][0]["rooms"]["loudeac"] == Json::array({6, 2}));
    auto after = loudeac.request(requests::answer_poll(poll, {7, 2}), std::chrono::milliseconds(2000), 3);
    REQUIRE(after);
    CHECK(is_ok(*after));
}
