// The relay across an impaired network: relay and producer in one network namespace, a site in
// another, joined by a veth pair with tc netem (5% loss each way, 50 ms round trip), SRT latency
// 4 × RTT. The test makes its own namespaces and removes them; it never touches another network.
#include "relay_fixture.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>

using namespace estrade;

namespace {

int sh(const std::string& command)
{
    return std::system((command + " >/dev/null 2>&1").c_str());
}

// Two namespaces and a veth pair between them, removed when the test ends.
struct TestNetwork {
    std::string relay_ns = "estrade-relay-" + std::to_string(::getpid());
    std::string site_ns = "estrade-site-" + std::to_string(::getpid());
    bool created = false;
    bool delayed = false;  // tc netem: delay and loss
    bool lossy = false;    // nftables: loss only, where the kernel has no netem

    TestNetwork()
    {
        if (sh("ip netns add " + relay_ns) != 0)
            return;
        created = true;
        if (sh("ip netns add " + site_ns) != 0 ||
            sh("ip -n " + relay_ns + " link add vrelay type veth peer name vsite netns " + site_ns) != 0 ||
            sh("ip -n " + relay_ns + " addr add 10.213.0.1/24 dev vrelay") != 0 ||
            sh("ip -n " + site_ns + " addr add 10.213.0.2/24 dev vsite") != 0 ||
            sh("ip -n " + relay_ns + " link set vrelay up") != 0 || sh("ip -n " + site_ns + " link set vsite up") != 0 ||
            sh("ip -n " + relay_ns + " link set lo up") != 0 || sh("ip -n " + site_ns + " link set lo up") != 0) {
            created = false;
            return;
        }
        // 25 ms and 5% loss in each direction: 50 ms round trip.
        delayed = sh("ip netns exec " + relay_ns + " tc qdisc add dev vrelay root netem delay 25ms loss 5%") == 0 &&
                  sh("ip netns exec " + site_ns + " tc qdisc add dev vsite root netem delay 25ms loss 5%") == 0;
        lossy = delayed || (drop_five_percent(relay_ns) && drop_five_percent(site_ns));
    }
    static bool drop_five_percent(const std::string& ns)
    {
        const std::string nft = "ip netns exec " + ns + " nft ";
        return sh(nft + "add table inet estrade") == 0 &&
               sh(nft + "'add chain inet estrade out { type filter hook output priority 0; }'") == 0 &&
               sh(nft + "'add rule inet estrade out meta l4proto udp numgen random mod 100 < 5 drop'") == 0;
    }
    ~TestNetwork()
    {
        sh("ip netns del " + relay_ns);
        sh("ip netns del " + site_ns);
    }
};

}  // namespace

TEST_CASE("across 5% loss and 50 ms of round trip, a site receives 100% of the stream")
{
    TestNetwork network;
    if (!network.created) {
        WARN("skipped: cannot create network namespaces here (needs root and `ip netns`)");
        return;
    }
    if (!network.lossy)
        WARN("neither tc netem nor nftables can impair the link here: the stream crosses two namespaces "
             "without loss; the 5% loss case is NOT exercised");
    else if (!network.delayed)
        WARN("tc netem is not available on this kernel (no sch_netem): 5% loss each way comes from nftables, "
             "without the 25 ms delay, and SRT latency is 800 ms (at 200 ms and a near-zero RTT, libsrt 1.5.1 "
             "was seen to give up on one packet in about one run in four)");
    // 4 × RTT as planned for a real link; see the warning above for the fallback.
    const std::string latency = network.delayed ? "200" : "800";
    testing::TempDir dir;
    const auto event =
        dir.write("event.toml", testing::one_site_event("[relay]\nlisten = \"10.213.0.1:7000\"\nlatency_ms = " + latency + "\n"));
    testing::Process relay_process({"/usr/sbin/ip", "netns", "exec", network.relay_ns, ESTRADE_RELAY_BIN, "--event",
                                    event.string(), "--stats", "127.0.0.1:0"});
    REQUIRE(relay_process.read_line(std::chrono::seconds(5)));
    const auto received = dir.path() / "received.ts";
    testing::Process site({"/usr/sbin/ip", "netns", "exec", network.site_ns, ESTRADE_SRT_PEER_BIN, "play", "10.213.0.1",
                           "7000", "#!::r=demo/speaker,m=request,u=loudeac", "loudeac-secret-42", received.string(), "3000"});
    REQUIRE(site.read_line(std::chrono::seconds(10)) == std::optional<std::string>("connected"));
    const auto fixture = std::string(ESTRADE_SOURCE_DIR) + "/tests/data/test-stream.ts";
    // Three loops at twice the real rate: about 6 s and 1.2 Mbit/s.
    auto [status, out] = testing::run({"/usr/sbin/ip", "netns", "exec", network.relay_ns, ESTRADE_SRT_PEER_BIN,
                                       "publish", "10.213.0.1", "7000", "#!::r=demo/speaker,m=publish,u=producer",
                                       "producer-secret-123", fixture, "3", "10638"},
                                      std::chrono::seconds(30));
    REQUIRE(status == 0);
    auto report = site.read_line(std::chrono::seconds(15));
    CHECK(site.wait(std::chrono::seconds(15)) == 0);
    REQUIRE(report);
    int lost = -1, dropped = -1;
    std::sscanf(report->c_str(), "lost=%d dropped=%d", &lost, &dropped);
    INFO("the site's SRT saw " << lost << " packets lost (and recovered), " << dropped << " dropped");
    if (network.lossy)
        CHECK(lost > 0);  // the link really lost packets...
    CHECK(dropped == 0);  // ...and SRT recovered every one in time

    std::vector<std::uint8_t> sent;
    const auto one = testing::test_stream();
    for (int i = 0; i < 3; ++i)
        sent.insert(sent.end(), one.begin(), one.end());
    std::ifstream in(received, std::ios::binary);
    std::vector<std::uint8_t> got{std::istreambuf_iterator<char>(in), {}};
    // Everything sent, in order, then only the null packets the publisher pads with at the end.
    REQUIRE(got.size() >= sent.size());
    std::vector<std::uint8_t> padding(got.begin() + static_cast<long>(sent.size()), got.end());
    got.resize(sent.size());
    CHECK(testing::same_bytes(got, sent));
    for (std::size_t at = 0; at + relay::ts_packet_size <= padding.size(); at += relay::ts_packet_size)
        REQUIRE(testing::pid_of(padding, at / relay::ts_packet_size) == 0x1FFF);
}
