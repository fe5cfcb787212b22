// The protocol document is enough to write a client: a Python script with pyzmq (examples/qa_client.py)
// asks, votes and watches against the real broker, with CurveZMQ keys.
#include "broker_fixture.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace estrade;
using namespace estrade::qa;

TEST_CASE("a Python pyzmq client written from docs/qa-protocol.md interoperates")
{
    if (!std::filesystem::exists("/usr/bin/python3") ||
        testing::run({"/usr/bin/python3", "-c", "import zmq"}).first != 0) {
        WARN("skipped: /usr/bin/python3 with python3-zmq is not installed (./estrade deps installs it)");
        return;
    }
    testing::BrokerFixture broker;
    // The script reads key files as the docs describe them.
    const auto keys = broker.dir.path() / "keys";
    for (const std::string who : {"loudeac", "merdrignac", "moderator"})
        write_key_pair(keys, who, broker.auth(who).own);
    write_key_pair(keys, "broker", {broker.auth("loudeac").server_public_key, std::string(40, '0')});
    const std::string script = std::string(ESTRADE_SOURCE_DIR) + "/examples/qa_client.py";
    auto client = [&](std::vector<std::string> args) {
        std::vector<std::string> argv{"/usr/bin/python3", script, "--requests", broker.request_endpoint,
                                      "--updates", broker.publish_endpoint, "--keys", keys.string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    };

    testing::Process watcher(client({"--moderator", "watch", "6"}));
    REQUIRE(watcher.read_line(std::chrono::seconds(5)));  // the snapshot line: it is following

    auto [status, out] = testing::run(client({"--site", "loudeac", "ask", "Quel salaire en début de carrière ?"}));
    REQUIRE(status == 0);
    auto asked = Json::parse(out);
    CHECK(asked["question"]["site"] == "loudeac");
    const auto id = asked["question"]["id"].get<std::int64_t>();

    auto [vote_status, vote_out] = testing::run(client({"--site", "merdrignac", "vote", std::to_string(id)}));
    CHECK(vote_status == 0);
    auto [again_status, again_out] = testing::run(client({"--site", "merdrignac", "vote", std::to_string(id)}));
    CHECK(again_status == 1);
    CHECK(Json::parse(again_out)["error"]["code"] == "already_voted");

    auto first = watcher.read_line(std::chrono::seconds(5));
    auto second = watcher.read_line(std::chrono::seconds(5));
    REQUIRE(first);
    REQUIRE(second);
    CHECK(Json::parse(*first)["question"]["text"] == "Quel salaire en début de carrière ?");
    CHECK(Json::parse(*second)["question"]["votes"] == 1);

    // A show of hands: the room's count, then a count over its 20 seats refused with the reason.
    auto opened = broker.connect("moderator")->request(requests::open_poll("Qui est en formation ?", {"Oui", "Non"}, 60));
    REQUIRE(opened);
    const auto poll = std::to_string((*opened)["poll"]["id"].get<std::int64_t>());
    CHECK(testing::run(client({"--site", "loudeac", "answer", poll + ":4,12"})).first == 0);
    auto [over_status, over_out] = testing::run(client({"--site", "loudeac", "answer", poll + ":15,6"}));
    CHECK(over_status == 1);
    CHECK(Json::parse(over_out)["error"]["code"] == "too_many_hands");
    auto snapshot = broker.connect("moderator")->request(requests::snapshot());
    CHECK((*snapshot)["polls"][0]["rooms"]["loudeac"] == Json::array({4, 12}));
}
