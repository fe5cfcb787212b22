#pragma once
// The latency bench's clock in the picture: the capture time is written into the top rows of each
// frame as 40 black or white blocks, and read back from the decoded frame at the receiver.

#include <cstdint>
#include <optional>

namespace estrade::producer {

inline constexpr int stamp_bits = 40;

// `luma` is the Y plane (8 bits, `stride` bytes per row); the stamp takes the top height/20 rows.
void write_frame_stamp(std::uint8_t* luma, int stride, int width, int height, std::uint64_t value);
std::optional<std::uint64_t> read_frame_stamp(const std::uint8_t* luma, int stride, int width, int height);

// CLOCK_MONOTONIC in microseconds, shared by every process on the machine.
std::uint64_t monotonic_microseconds();

}  // namespace estrade::producer
