#include "config/endpoint.hpp"

#include <catch2/catch.hpp>

using namespace estrade::config;

TEST_CASE("host:port parsing")
{
    CHECK(parse_host_port("0.0.0.0:7000", PortRule::any_port) == HostPort{"0.0.0.0", 7000});
    CHECK(parse_host_port("[::1]:7000", PortRule::any_port) == HostPort{"::1", 7000});
    CHECK(parse_host_port("relay.example.org:9000", PortRule::nonzero_port) == HostPort{"relay.example.org", 9000});
    CHECK(parse_host_port("127.0.0.1:0", PortRule::any_port) == HostPort{"127.0.0.1", 0});
    CHECK_FALSE(parse_host_port("127.0.0.1:0", PortRule::nonzero_port));
    CHECK_FALSE(parse_host_port("127.0.0.1", PortRule::any_port));
    CHECK_FALSE(parse_host_port("::1:7000", PortRule::any_port));
    CHECK_FALSE(parse_host_port(":7000", PortRule::any_port));
    CHECK_FALSE(parse_host_port("host:70000", PortRule::any_port));
    CHECK_FALSE(parse_host_port("host:7000x", PortRule::any_port));
    CHECK(HostPort{"::1", 7000}.to_string() == "[::1]:7000");
}

TEST_CASE("srt and zmq urls")
{
    CHECK(parse_srt_url("srt://127.0.0.1:7000") == HostPort{"127.0.0.1", 7000});
    CHECK_FALSE(parse_srt_url("udp://127.0.0.1:7000"));
    CHECK(is_valid_zmq_endpoint("tcp://*:7100", PortRule::any_port));
    CHECK(is_valid_zmq_endpoint("tcp://127.0.0.1:*", PortRule::any_port));
    CHECK_FALSE(is_valid_zmq_endpoint("tcp://*:7100", PortRule::nonzero_port));
    CHECK_FALSE(is_valid_zmq_endpoint("ipc:///tmp/x", PortRule::any_port));
}
