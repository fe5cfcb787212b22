#include "srt/stream_id.hpp"

#include <catch2/catch.hpp>
#include <srt/access_control.h>

using namespace estrade;

TEST_CASE("stream ids in libsrt's access-control syntax")
{
    auto ok = srt::parse_stream_id("#!::r=zoom-metiers-2013-03/speaker,m=publish,u=producer");
    REQUIRE(std::holds_alternative<srt::StreamId>(ok));
    const auto& id = std::get<srt::StreamId>(ok);
    CHECK(id.event == "zoom-metiers-2013-03");
    CHECK(id.stream == "speaker");
    CHECK(id.mode == srt::StreamMode::publish);
    CHECK(id.user == "producer");
    CHECK(id.to_string() == "#!::r=zoom-metiers-2013-03/speaker,m=publish,u=producer");

    auto play = srt::parse_stream_id("#!::u=loudeac,r=ev/slides");  // any order; m= defaults to request
    REQUIRE(std::holds_alternative<srt::StreamId>(play));
    CHECK(std::get<srt::StreamId>(play).mode == srt::StreamMode::play);
    CHECK(std::get<srt::StreamId>(play).user == "loudeac");

    // As some tools send it when it was written percent-encoded in an srt:// URL.
    auto encoded = srt::parse_stream_id("%23!::r=ev/slides%2Cm=request,u=loudeac");
    REQUIRE(std::holds_alternative<srt::StreamId>(encoded));
    CHECK(std::get<srt::StreamId>(encoded).stream == "slides");
    CHECK(std::get<srt::StreamId>(encoded).user == "loudeac");
}

TEST_CASE("each malformed stream id is refused with its reason code")
{
    struct Case {
        const char* text;
        int code;
    };
    const Case cases[] = {
        {"", SRT_REJX_BAD_REQUEST},
        {"ev/speaker", SRT_REJX_BAD_REQUEST},  // not the #!:: syntax
        {"#!::m=request,u=loudeac", SRT_REJX_BAD_REQUEST},  // no r=
        {"#!::r=ev,u=loudeac", SRT_REJX_BAD_REQUEST},  // no stream part
        {"#!::r=ev/Speaker,u=loudeac", SRT_REJX_BAD_REQUEST},
        {"#!::r=ev/speaker,m=request", SRT_REJX_UNAUTHORIZED},  // no u=
        {"#!::r=ev/speaker,m=watch,u=loudeac", SRT_REJX_BAD_MODE},
        {"#!::r=ev/speaker,x=1,u=loudeac", SRT_REJX_KEY_NOTSUP},
        {"#!::r=ev/speaker,,u=loudeac", SRT_REJX_BAD_REQUEST},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto parsed = srt::parse_stream_id(c.text);
        REQUIRE(std::holds_alternative<srt::StreamIdError>(parsed));
        CHECK(std::get<srt::StreamIdError>(parsed).reject_code == c.code);
        CHECK_FALSE(std::get<srt::StreamIdError>(parsed).reason.empty());
    }
}
