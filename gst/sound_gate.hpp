#pragma once
// What a gate on a microphone's sound does to each buffer (S16LE, in place), on a streaming thread:
// the level gate (noise_gate.hpp) and the speech gate (speech_gate.hpp) both are one.

#include <cstdint>
#include <span>

namespace estrade::gst {

class SoundGate {
public:
    virtual ~SoundGate() = default;
    // Interleaved signed 16-bit samples, in place.
    virtual void process(std::span<std::int16_t> samples, int channels) = 0;
    virtual bool open() const = 0;
};

}  // namespace estrade::gst
