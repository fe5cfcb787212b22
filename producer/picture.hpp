#pragma once
// One still picture of the slides stream (a deck page or a title card), kept ready to send.

#include "config/event.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace estrade::producer {

// I420 (the encoder's input), BT.709 limited range, so that showing a slide costs no conversion.
struct Picture {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> i420;  // Y plane, then U, then V (each a quarter of Y)

    std::span<const std::uint8_t> luma() const { return {i420.data(), static_cast<std::size_t>(width) * height}; }
    std::uint8_t luma_at(int x, int y) const { return i420[static_cast<std::size_t>(y) * width + x]; }
};

// Converts cairo's ARGB32 (premultiplied, native endian: B,G,R,A in memory) rows into a Picture.
Picture picture_from_bgra(const std::uint8_t* bgra, int width, int height, int stride);

// Mean absolute luma difference of two pictures after averaging blocks of `block` pixels (0 = identical,
// 255 = opposite); for tests and the latency bench, which compare decoded frames with what was sent.
double luma_distance(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b, int width, int height,
                     int block);

}  // namespace estrade::producer
