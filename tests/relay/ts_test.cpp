#include "relay_fixture.hpp"

#include <catch2/catch.hpp>

using namespace estrade;
using namespace estrade::relay;

TEST_CASE("the TS inspector finds the tables, the video PID and every keyframe of the fixture")
{
    const auto messages = testing::as_messages(testing::test_stream());
    TsInspector inspector;
    int keyframes = 0;
    for (const auto& m : messages)
        keyframes += inspector.inspect(m).keyframe ? 1 : 0;
    CHECK(keyframes == 4);  // 4 s at one keyframe a second
    REQUIRE(inspector.has_tables());
    CHECK(inspector.video_pid() == 65);
    const auto tables = inspector.tables();
    REQUIRE(tables.size() == 2 * ts_packet_size);
    CHECK(testing::pid_of(tables, 0) == 0);   // PAT
    CHECK(testing::pid_of(tables, 1) == 32);  // PMT
}

TEST_CASE("keyframes are found from the H.264 NAL units when the muxer sets no random-access flag")
{
    auto ts = testing::test_stream();
    for (std::size_t at = 0; at + ts_packet_size <= ts.size(); at += ts_packet_size)
        if ((ts[at + 3] & 0x20) && ts[at + 4] > 0)
            ts[at + 5] &= static_cast<std::uint8_t>(~0x40);  // clear random_access_indicator
    TsInspector inspector;
    int keyframes = 0;
    for (const auto& m : testing::as_messages(ts))
        keyframes += inspector.inspect(m).keyframe ? 1 : 0;
    CHECK(keyframes == 4);
}

TEST_CASE("the continuity checker counts a lost packet")
{
    auto ts = testing::test_stream();
    ContinuityChecker intact;
    intact.feed(ts);
    CHECK(intact.errors() == 0);
    ts.erase(ts.begin() + 40 * ts_packet_size, ts.begin() + 41 * ts_packet_size);
    ContinuityChecker damaged;
    damaged.feed(ts);
    CHECK(damaged.errors() >= 1);
}
