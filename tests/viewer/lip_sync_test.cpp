// The lip-sync bench's arithmetic: each tone against its flash, and the summary.
#include "viewer/lip_sync.hpp"

#include <catch2/catch.hpp>

using namespace estrade::viewer;

TEST_CASE("each tone is measured against the nearest flash, and a flash without a tone nearby counts for nothing")
{
    const std::vector<double> flashes{1000, 2000, 3000, 4000};
    const std::vector<double> tones{1030, 1990, 3055, 9000};  // no tone near the fourth flash
    const auto offsets = lip_sync_offsets(flashes, tones);
    REQUIRE(offsets.size() == 3);
    CHECK(offsets[0] == Approx(30));
    CHECK(offsets[1] == Approx(-10));
    CHECK(offsets[2] == Approx(55));
    const auto s = summarise(offsets);
    CHECK(s.pairs == 3);
    CHECK(s.median_ms == Approx(30));
    CHECK(s.min_ms == Approx(-10));
    CHECK(s.max_ms == Approx(55));
    CHECK(summarise({}).pairs == 0);
}
