#include "picture.hpp"

#include <cmath>
#include <cstdlib>

namespace estrade::producer {

namespace {

// BT.709, limited range (16-235 / 16-240), in fixed point with 8 fractional bits.
std::uint8_t luma(int r, int g, int b) { return static_cast<std::uint8_t>(16 + ((47 * r + 157 * g + 16 * b + 128) >> 8)); }
std::uint8_t chroma_u(int r, int g, int b) { return static_cast<std::uint8_t>(128 + ((-26 * r - 87 * g + 112 * b + 128) >> 8)); }
std::uint8_t chroma_v(int r, int g, int b) { return static_cast<std::uint8_t>(128 + ((112 * r - 102 * g - 10 * b + 128) >> 8)); }

}  // namespace

Picture picture_from_bgra(const std::uint8_t* bgra, int width, int height, int stride)
{
    Picture p;
    p.width = width;
    p.height = height;
    const std::size_t luma_size = static_cast<std::size_t>(width) * height;
    p.i420.resize(luma_size + 2 * (luma_size / 4));
    std::uint8_t* y_plane = p.i420.data();
    std::uint8_t* u_plane = y_plane + luma_size;
    std::uint8_t* v_plane = u_plane + luma_size / 4;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = bgra + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < width; ++x)
            y_plane[static_cast<std::size_t>(y) * width + x] = luma(row[4 * x + 2], row[4 * x + 1], row[4 * x]);
    }
    // Chroma from the average of each 2x2 block.
    for (int y = 0; y < height / 2; ++y) {
        const std::uint8_t* top = bgra + static_cast<std::ptrdiff_t>(2 * y) * stride;
        const std::uint8_t* bottom = top + stride;
        for (int x = 0; x < width / 2; ++x) {
            int rgb[3] = {0, 0, 0};
            for (const std::uint8_t* row : {top, bottom})
                for (int dx = 0; dx < 2; ++dx)
                    for (int c = 0; c < 3; ++c)
                        rgb[c] += row[4 * (2 * x + dx) + 2 - c];
            const int r = rgb[0] / 4, g = rgb[1] / 4, b = rgb[2] / 4;
            u_plane[static_cast<std::size_t>(y) * (width / 2) + x] = chroma_u(r, g, b);
            v_plane[static_cast<std::size_t>(y) * (width / 2) + x] = chroma_v(r, g, b);
        }
    }
    return p;
}

double luma_distance(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b, int width, int height,
                     int block)
{
    double total = 0;
    int blocks = 0;
    for (int by = 0; by + block <= height; by += block)
        for (int bx = 0; bx + block <= width; bx += block) {
            long sum_a = 0, sum_b = 0;
            for (int y = by; y < by + block; ++y)
                for (int x = bx; x < bx + block; ++x) {
                    sum_a += a[static_cast<std::size_t>(y) * width + x];
                    sum_b += b[static_cast<std::size_t>(y) * width + x];
                }
            total += std::abs(static_cast<double>(sum_a - sum_b)) / (block * block);
            ++blocks;
        }
    return blocks ? total / blocks : 0;
}

}  // namespace estrade::producer
