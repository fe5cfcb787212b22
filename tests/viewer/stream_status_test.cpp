// What a room's screen says about a stream, from first call to playing, refusals and outages.
#include "gst/stream_status.hpp"

#include <catch2/catch.hpp>
#include <srt/access_control.h>
#include <srt/srt.h>

using namespace estrade;
using namespace std::chrono_literals;
using gst::StreamPhase;

TEST_CASE("a stream goes from connecting to waiting for the host to playing, and says when pictures stop")
{
    gst::StreamStatusMachine machine;
    const auto t0 = gst::StreamStatusMachine::Clock::now();
    machine.connecting(t0);
    CHECK(machine.status(t0).text == "connecting…");
    machine.connected(t0 + 100ms);
    CHECK(machine.status(t0 + 100ms).text == "waiting for the host to start");
    machine.data_arrived(t0 + 2s);
    CHECK(machine.status(t0 + 2s).phase == StreamPhase::playing);
    CHECK(machine.status(t0 + 4s).text.empty());
    const auto stalled = machine.status(t0 + 5500ms);
    CHECK(stalled.phase == StreamPhase::waiting_for_host);
    CHECK(stalled.text == "the host's stream stopped — waiting for it to come back");
}

TEST_CASE("a wrong passphrase is named, and retried with a growing pause and a countdown")
{
    gst::StreamStatusMachine machine;
    const auto t0 = gst::StreamStatusMachine::Clock::now();
    machine.connect_failed({SRT_REJ_BADSECRET, "bad secret"}, t0);
    CHECK(machine.status(t0).text == "wrong passphrase — check the event file — reconnecting in 1 s");
    CHECK_FALSE(machine.should_reconnect(t0 + 500ms));
    CHECK(machine.should_reconnect(t0 + 1s));
    machine.connecting(t0 + 1s);
    machine.connect_failed({SRT_REJ_BADSECRET, "bad secret"}, t0 + 1s);
    CHECK(machine.status(t0 + 1s).retry_in_s == 2);
    machine.connect_failed({SRT_REJ_BADSECRET, "bad secret"}, t0 + 3s);
    machine.connect_failed({SRT_REJ_BADSECRET, "bad secret"}, t0 + 7s);
    machine.connect_failed({SRT_REJ_BADSECRET, "bad secret"}, t0 + 15s);
    CHECK(machine.status(t0 + 15s).retry_in_s == 8);  // capped
}

TEST_CASE("an unreachable relay and a lost connection say so, and a good connection resets the pause")
{
    gst::StreamStatusMachine machine;
    const auto t0 = gst::StreamStatusMachine::Clock::now();
    machine.connect_failed({SRT_REJ_TIMEOUT, "timeout"}, t0);
    CHECK(machine.status(t0).phase == StreamPhase::unreachable);
    CHECK(machine.status(t0 + 200ms).text == "relay unreachable — reconnecting in 1 s");
    machine.connect_failed({SRT_REJ_TIMEOUT, "timeout"}, t0 + 1s);
    machine.connected(t0 + 3s);
    machine.data_arrived(t0 + 4s);
    machine.connection_lost(t0 + 10s);
    CHECK(machine.status(t0 + 10s).text == "connection to the relay lost — reconnecting in 1 s");
    machine.connect_failed({SRT_REJX_NOTFOUND, "not found"}, t0 + 11s);
    CHECK(machine.status(t0 + 11s).phase == StreamPhase::refused);
    CHECK(machine.status(t0 + 11s).text == "the relay refused this room — check the event file — reconnecting in 2 s");
}
