// The broker as a service, on the real program: SIGTERM stops it cleanly (exit 0, every acknowledged
// question in the database, the WAL checkpointed), SIGHUP reads the event file again (a site added can
// ask at once, the others' connections are kept; a broken file is refused with its file:line and the
// running configuration kept).
#include "qa/connection.hpp"
#include "qa/sqlite.hpp"

#include "config/event_file.hpp"
#include "support/notify_socket.hpp"
#include "support/ports.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <signal.h>

#include <fstream>
#include <regex>
#include <thread>

using namespace estrade;
using namespace estrade::qa;
using namespace std::chrono_literals;

namespace {

struct Ports {
    std::uint16_t requests = testing::free_port(SOCK_STREAM);
    std::uint16_t updates = testing::free_port(SOCK_STREAM);
};

std::string event_text(const Ports& ports, const std::vector<std::string>& sites)
{
    const auto tcp = [](std::uint16_t port) { return "\"tcp://127.0.0.1:" + std::to_string(port) + "\""; };
    std::string text = "[event]\nid = \"service-test\"\ntitle = \"Service\"\nhost_site = \"loudeac\"\n[qa]\nlisten = " +
                       tcp(ports.requests) + "\nurl = " + tcp(ports.requests) + "\npublish = " + tcp(ports.updates) +
                       "\npublish_url = " + tcp(ports.updates) +
                       "\ndatabase = \"questions.sqlite\"\nsecurity = \"plaintext\"\nmax_waiting_per_site = 1000\n"
                       "[producer]\npassphrase = \"producer-secret-123\"\n"
                       "[[talk]]\nspeaker = \"Claire Le Bihan\"\ntitle = \"Une journée en commissariat\"\n";
    for (const auto& site : sites)
        text += "[[site]]\nid = \"" + site + "\"\nname = \"" + site + "\"\nseats = 20\npassphrase = \"" + site +
                "-secret-42\"\n";
    return text;
}

config::Event load(const std::filesystem::path& file) { return std::get<config::Event>(config::load_event_file(file)); }

std::unique_ptr<testing::Process> serve(const std::filesystem::path& event_file)
{
    auto process = std::make_unique<testing::Process>(
        std::vector<std::string>{ESTRADE_QA_BIN, "serve", "--event", event_file.string()}, testing::Stderr::merge);
    while (auto line = process->read_line(10s))
        if (line->find("serving requests=") != std::string::npos)
            return process;
    FAIL("the broker did not start");
    return nullptr;
}

// Reads the broker's log until a line holds `text` (or 5 s pass).
bool log_says(testing::Process& broker, const std::string& text)
{
    while (auto line = broker.read_line(5s)) {
        UNSCOPED_INFO(*line);
        if (line->find(text) != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("SIGTERM stops the broker with status 0, every acknowledged question in its database, the WAL checkpointed")
{
    testing::TempDir dir;
    const Ports ports;
    const auto event_file = dir.write("event.toml", event_text(ports, {"loudeac", "merdrignac"}));
    const auto event = load(event_file);
    auto broker = serve(event_file);
    zmq::context_t context;
    QaConnection loudeac(context, event.qa.url, client_auth_from(event, "loudeac"));
    int acknowledged = 0;
    for (int i = 0; i < 50; ++i) {
        auto reply = loudeac.request(requests::ask("Question " + std::to_string(i) + " ?"));
        acknowledged += reply && is_ok(*reply);
    }
    REQUIRE(acknowledged == 50);
    broker->signal(SIGTERM);
    CHECK(broker->wait() == 0);

    const auto database = event.qa.database;
    CHECK((!std::filesystem::exists(database.string() + "-wal") ||
           std::filesystem::file_size(database.string() + "-wal") == 0));
    Database db(database, Database::Durability::process_crash);
    auto count = db.prepare("SELECT COUNT(*) FROM questions");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 50);
}

TEST_CASE("SIGHUP: a site added to the event file can ask at once, the others stay connected — a broken file is refused and the old one kept")
{
    testing::TempDir dir;
    const Ports ports;
    const auto event_file = dir.write("event.toml", event_text(ports, {"loudeac"}));
    auto broker = serve(event_file);
    zmq::context_t context;
    const auto before = load(event_file);
    QaConnection loudeac(context, before.qa.url, client_auth_from(before, "loudeac"));
    REQUIRE(is_ok(*loudeac.request(requests::ask("Avant le rechargement ?"))));

    // Brest is not in the event yet: its handshake is refused, nothing comes back.
    auto with_brest = event_text(ports, {"loudeac", "brest"});
    std::ofstream(dir.path() / "next.toml") << with_brest;
    const auto next = load(dir.path() / "next.toml");
    {
        QaConnection brest(context, next.qa.url, client_auth_from(next, "brest"));
        CHECK_FALSE(brest.request(requests::hello(), 500ms, 1));
    }

    std::ofstream(event_file, std::ios::trunc) << with_brest;
    broker->signal(SIGHUP);
    CHECK(log_says(*broker, "event file reloaded: sites added: brest"));
    QaConnection brest(context, next.qa.url, client_auth_from(next, "brest"));
    auto asked = brest.request(requests::ask("Après le rechargement ?"));
    REQUIRE(asked);
    CHECK(is_ok(*asked));
    CHECK(is_ok(*loudeac.request(requests::ask("Toujours là ?"))));  // the same connection as before

    std::ofstream(event_file, std::ios::trunc) << with_brest << "[[site]]\nid = \"Bad Id\"\n";
    broker->signal(SIGHUP);
    CHECK(log_says(*broker, "reload refused"));
    CHECK(log_says(*broker, "event.toml:"));  // the file and line of each problem
    CHECK(is_ok(*brest.request(requests::ask("Encore là ?"))));
    broker->signal(SIGTERM);
    CHECK(broker->wait() == 0);
}

TEST_CASE("under systemd (Type=notify): the broker says it is ready once bound, feeds the watchdog from its loop, says when it reloads and stops")
{
    testing::TempDir dir;
    const Ports ports;
    const auto event_file = dir.write("event.toml", event_text(ports, {"loudeac"}));
    testing::NotifySocket systemd(dir.path() / "notify");
    // A 1 s watchdog: the loop must ping at least every 0.5 s.
    testing::Process broker({"/usr/bin/env", "NOTIFY_SOCKET=" + systemd.path().string(), "WATCHDOG_USEC=1000000",
                             ESTRADE_QA_BIN, "serve", "--event", event_file.string()});
    auto ready = systemd.next(10s);
    REQUIRE(ready);
    CHECK(ready->find("READY=1") != std::string::npos);
    CHECK(ready->find("STATUS=serving service-test") != std::string::npos);
    int pings = 0;
    const auto until = std::chrono::steady_clock::now() + 2s;
    while (std::chrono::steady_clock::now() < until)
        if (auto message = systemd.next(600ms); message && message->find("WATCHDOG=1") != std::string::npos)
            ++pings;
    CHECK(pings >= 3);  // about 4 in 2 s

    broker.signal(SIGHUP);
    CHECK(systemd.says("RELOADING=1", 3s));
    CHECK(systemd.says("READY=1", 3s));
    broker.signal(SIGTERM);
    CHECK(systemd.says("STOPPING=1", 3s));
    CHECK(broker.wait() == 0);
}

TEST_CASE("the broker's /metrics counts questions by state, requests by outcome, their latency and commit times, and /health says it is alive")
{
    testing::TempDir dir;
    const Ports ports;
    const auto event_file = dir.write("event.toml", event_text(ports, {"loudeac", "merdrignac"}));
    const auto event = load(event_file);
    testing::Process broker({ESTRADE_QA_BIN, "serve", "--event", event_file.string(), "--metrics", "127.0.0.1:0"});
    std::smatch m;
    std::string line;
    while (auto next = broker.read_line(10s)) {
        line = *next;
        if (std::regex_search(line, m, std::regex("metrics=(\\d+)")))
            break;
    }
    REQUIRE(m.size() == 2);
    zmq::context_t context;
    QaConnection loudeac(context, event.qa.url, client_auth_from(event, "loudeac"));
    for (const auto* text : {"Une ?", "Deux ?", "Trois ?"})
        REQUIRE(is_ok(*loudeac.request(requests::ask(text))));
    CHECK(error_code(*loudeac.request(requests::ask(""))) == "empty_text");

    httplib::Client http("127.0.0.1", std::stoi(m[1]));
    std::string metrics;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {  // refreshed once a second
        auto response = http.Get("/metrics");
        if (response && response->body.find("estrade_qa_questions{state=\"waiting\"} 3") != std::string::npos) {
            metrics = response->body;
            break;
        }
        std::this_thread::sleep_for(200ms);
    }
    INFO(metrics);
    CHECK(metrics.find("estrade_qa_requests_total{command=\"ask\",outcome=\"ok\"} 3") != std::string::npos);
    CHECK(metrics.find("estrade_qa_requests_total{command=\"ask\",outcome=\"refused\"} 1") != std::string::npos);
    CHECK(metrics.find("estrade_qa_sites_heard 1") != std::string::npos);
    CHECK(metrics.find("estrade_qa_sites 2") != std::string::npos);
    CHECK(std::regex_search(metrics, std::regex("estrade_qa_request_seconds_count [4-9]")));
    CHECK(std::regex_search(metrics, std::regex("estrade_qa_commit_seconds_count [1-9]")));
    auto health = http.Get("/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(nlohmann::json::parse(health->body)["status"] == "ok");
    broker.signal(SIGTERM);
    CHECK(broker.wait() == 0);
}
