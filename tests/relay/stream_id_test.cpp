#include "relay/stream_id.hpp"

#include <catch2/catch.hpp>
#include <srt/access_control.h>

using namespace estrade::relay;

TEST_CASE("stream ids in libsrt's access-control syntax")
{
    auto ok = parse_stream_id("#!::r=zoom-metiers-2013-03/speaker,m=publish,u=producer");
    REQUIRE(std::holds_alternative<StreamId>(ok));
    const auto& id = std::get<StreamId>(ok);
    CHECK(id.event == "zoom-metiers-2013-03");
    CHECK(id.stream == "speaker");
    CHECK(id.mode == StreamMode::publish);
    CHECK(id.user == "producer");
    CHECK(id.to_string() == "#!::r=zoom-metiers-2013-03/speaker,m=publish,u=producer");

    auto play = parse_stream_id("#!::u=loudeac,r=ev/slides");  // any order; m= defaults to request
    REQUIRE(std::holds_alternative<StreamId>(play));
    CHECK(std::get<StreamId>(play).mode == StreamMode::play);
    CHECK(std::get<StreamId>(play).user == "loudeac");

    // As some tools send it when it was written percent-encoded in an srt:// URL.
    auto encoded = parse_stream_id("%23!::r=ev/slides%2Cm=request,u=loudeac");
    REQUIRE(std::holds_alternative<StreamId>(encoded));
    CHECK(std::get<StreamId>(encoded).stream == "slides");
    CHECK(std::get<StreamId>(encoded).user == "loudeac");
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
        auto parsed = parse_stream_id(c.text);
        REQUIRE(std::holds_alternative<StreamIdError>(parsed));
        CHECK(std::get<StreamIdError>(parsed).reject_code == c.code);
        CHECK_FALSE(std::get<StreamIdError>(parsed).reason.empty());
    }
}
