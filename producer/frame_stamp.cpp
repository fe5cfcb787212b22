#include "frame_stamp.hpp"

#include <time.h>

namespace estrade::producer {

namespace {

struct Block {
    int width, height;
};

// Blocks span the width after a start marker (white) and an end marker (black) that a reader checks.
Block block_of(int width, int height) { return {width / (stamp_bits + 2), height / 20}; }

int mean(const std::uint8_t* luma, int stride, int x0, Block b)
{
    long sum = 0;
    // The block's centre only: the encoder blurs its edges.
    for (int y = b.height / 4; y < b.height * 3 / 4; ++y)
        for (int x = x0 + b.width / 4; x < x0 + b.width * 3 / 4; ++x)
            sum += luma[static_cast<std::ptrdiff_t>(y) * stride + x];
    const int n = (b.height * 3 / 4 - b.height / 4) * (b.width * 3 / 4 - b.width / 4);
    return n > 0 ? static_cast<int>(sum / n) : 0;
}

void paint(std::uint8_t* luma, int stride, int x0, Block b, bool white)
{
    for (int y = 0; y < b.height; ++y)
        for (int x = x0; x < x0 + b.width; ++x)
            luma[static_cast<std::ptrdiff_t>(y) * stride + x] = white ? 235 : 16;
}

}  // namespace

void write_frame_stamp(std::uint8_t* luma, int stride, int width, int height, std::uint64_t value)
{
    const Block b = block_of(width, height);
    paint(luma, stride, 0, b, true);
    for (int bit = 0; bit < stamp_bits; ++bit)
        paint(luma, stride, (bit + 1) * b.width, b, (value >> bit) & 1);
    paint(luma, stride, (stamp_bits + 1) * b.width, b, false);
}

std::optional<std::uint64_t> read_frame_stamp(const std::uint8_t* luma, int stride, int width, int height)
{
    const Block b = block_of(width, height);
    if (b.width < 4 || b.height < 4 || mean(luma, stride, 0, b) < 160 ||
        mean(luma, stride, (stamp_bits + 1) * b.width, b) > 90)
        return std::nullopt;
    std::uint64_t value = 0;
    for (int bit = 0; bit < stamp_bits; ++bit)
        if (mean(luma, stride, (bit + 1) * b.width, b) > 125)
            value |= std::uint64_t{1} << bit;
    return value;
}

std::uint64_t monotonic_microseconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (static_cast<std::uint64_t>(now.tv_sec) * 1000000 + static_cast<std::uint64_t>(now.tv_nsec) / 1000) &
           ((std::uint64_t{1} << stamp_bits) - 1);
}

}  // namespace estrade::producer
