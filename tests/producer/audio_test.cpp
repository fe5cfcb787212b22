// The noise gate after webrtcdsp, and the latency bench's frame stamps.
#include "producer/frame_stamp.hpp"
#include "gst/noise_gate.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace estrade::producer;
using namespace estrade;

namespace {

std::vector<std::int16_t> tone(double dbfs, double seconds, int rate = 48000)
{
    std::vector<std::int16_t> out(static_cast<std::size_t>(seconds * rate));
    const double amplitude = std::pow(10.0, dbfs / 20) * 32767 * std::sqrt(2.0);  // RMS = dbfs
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::int16_t>(amplitude * std::sin(2 * M_PI * 220 * static_cast<double>(i) / rate));
    return out;
}

std::vector<std::int16_t> noise(double dbfs, double seconds, int rate = 48000)
{
    std::mt19937 random(42);
    std::normal_distribution<double> gauss(0, std::pow(10.0, dbfs / 20) * 32767);
    std::vector<std::int16_t> out(static_cast<std::size_t>(seconds * rate));
    for (auto& s : out)
        s = static_cast<std::int16_t>(std::clamp(gauss(random), -32767.0, 32767.0));
    return out;
}

double rms_dbfs(const std::vector<std::int16_t>& s, std::size_t from, std::size_t to)
{
    double sum = 0;
    for (std::size_t i = from; i < to; ++i)
        sum += static_cast<double>(s[i]) * s[i];
    return 20 * std::log10(std::sqrt(sum / static_cast<double>(to - from)) / 32768.0);
}

}  // namespace

TEST_CASE("the gate pulls room noise between words down to its floor and lets speech through")
{
    gst::NoiseGate gate(48000);
    auto quiet = noise(-55, 1.0);
    const double before = rms_dbfs(quiet, 24000, 48000);
    gate.process(quiet, 1);
    CHECK_FALSE(gate.open());
    CHECK(before - rms_dbfs(quiet, 24000, 48000) > 28);  // floor is -30 dB

    auto speech = tone(-20, 0.5);
    gate.process(speech, 1);
    CHECK(gate.open());
    CHECK(rms_dbfs(speech, 2400, 24000) == Approx(-20).margin(0.3));  // after 50 ms, untouched

    SECTION("a pause shorter than the hold time inside a sentence stays open")
    {
        auto pause = noise(-60, 0.2);
        const double pause_before = rms_dbfs(pause, 0, pause.size());
        gate.process(pause, 1);
        CHECK(gate.open());
        CHECK(rms_dbfs(pause, 0, pause.size()) == Approx(pause_before).margin(0.5));
    }
}

TEST_CASE("a frame stamp written into a picture reads back, and a picture without one is not misread")
{
    const int width = 320, height = 180;
    std::vector<std::uint8_t> luma(static_cast<std::size_t>(width) * height, 100);
    CHECK_FALSE(read_frame_stamp(luma.data(), width, width, height));
    const std::uint64_t value = 0xAB'CDEF'1234 & ((std::uint64_t{1} << stamp_bits) - 1);
    write_frame_stamp(luma.data(), width, width, height, value);
    CHECK(read_frame_stamp(luma.data(), width, width, height) == value);
}
