#pragma once
// 16-bit PCM WAV files, mono, for the sound benches (sox makes the inputs in this form).

#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace estrade::bench {

struct Sound {
    int rate = 48000;
    std::vector<std::int16_t> samples;
    double seconds() const { return static_cast<double>(samples.size()) / rate; }
};

inline Sound read_wav(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
    if (bytes.size() < 44 || std::memcmp(bytes.data(), "RIFF", 4) != 0 || std::memcmp(bytes.data() + 8, "WAVE", 4) != 0)
        throw std::runtime_error(path + ": not a WAV file");
    Sound sound;
    int channels = 1, bits = 16;
    for (std::size_t at = 12; at + 8 <= bytes.size();) {
        std::uint32_t size;
        std::memcpy(&size, bytes.data() + at + 4, 4);
        const char* body = bytes.data() + at + 8;
        if (std::memcmp(bytes.data() + at, "fmt ", 4) == 0) {
            std::uint16_t c, b;
            std::uint32_t r;
            std::memcpy(&c, body + 2, 2);
            std::memcpy(&r, body + 4, 4);
            std::memcpy(&b, body + 14, 2);
            channels = c;
            sound.rate = static_cast<int>(r);
            bits = b;
        } else if (std::memcmp(bytes.data() + at, "data", 4) == 0) {
            if (channels != 1 || bits != 16)
                throw std::runtime_error(path + ": 16-bit mono expected");
            const std::size_t n = std::min<std::size_t>(size, bytes.size() - at - 8) / 2;
            sound.samples.resize(n);
            std::memcpy(sound.samples.data(), body, n * 2);
            return sound;
        }
        at += 8 + size + (size & 1);
    }
    throw std::runtime_error(path + ": no data");
}

inline void write_wav(const std::string& path, const Sound& sound)
{
    std::ofstream out(path, std::ios::binary);
    auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
    const auto data = static_cast<std::uint32_t>(sound.samples.size() * 2);
    out.write("RIFF", 4);
    u32(36 + data);
    out.write("WAVEfmt ", 8);
    u32(16);
    u16(1);
    u16(1);
    u32(static_cast<std::uint32_t>(sound.rate));
    u32(static_cast<std::uint32_t>(sound.rate * 2));
    u16(2);
    u16(16);
    out.write("data", 4);
    u32(data);
    out.write(reinterpret_cast<const char*>(sound.samples.data()), data);
}

}  // namespace estrade::bench
