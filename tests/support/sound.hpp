#pragma once
// Sound in tests, as a person would check it: a sentence spoken by espeak-ng, and found again in what a
// room or the hall plays by normalised cross-correlation (at 4 kHz: enough for speech, fast enough).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace estrade::testing {

// A French sentence at 48 kHz mono (WAV), then `pad_s` of silence, made with espeak-ng and sox.
inline std::filesystem::path spoken_sentence(const std::filesystem::path& dir, const std::string& text,
                                             const std::string& name = "voice", double pad_s = 1.5)
{
    const auto raw = dir / (name + "-espeak.wav");
    const auto out = dir / (name + ".wav");
    const std::string speak = "espeak-ng -v fr -s 150 -w '" + raw.string() + "' \"" + text + "\"";
    const std::string convert = "sox '" + raw.string() + "' -r 48000 -c 1 -b 16 '" + out.string() + "' pad 0 " +
                                std::to_string(pad_s);
    if (std::system(speak.c_str()) != 0 || std::system(convert.c_str()) != 0)
        throw std::runtime_error("espeak-ng or sox failed (./estrade deps installs them)");
    return out;
}

// Signed 16-bit mono samples as floats. A WAV's header is skipped (even one never finalised, as a
// recording cut short leaves it: its sizes are then wrong, the samples are there).
inline std::vector<float> read_s16(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
    std::size_t at = 0;
    if (bytes.size() >= 12 && std::string(bytes.data(), 4) == "RIFF") {
        at = 12;
        while (at + 8 <= bytes.size() && std::string(bytes.data() + at, 4) != "data") {
            std::uint32_t size = 0;
            std::copy_n(bytes.data() + at + 4, 4, reinterpret_cast<char*>(&size));
            at += 8 + size;
        }
        at += 8;
    }
    std::vector<float> samples;
    for (; at + 1 < bytes.size(); at += 2) {
        std::int16_t s = 0;
        std::copy_n(bytes.data() + at, 2, reinterpret_cast<char*>(&s));
        samples.push_back(static_cast<float>(s) / 32768.f);
    }
    return samples;
}

// 48 kHz → 4 kHz by averaging blocks of 12 (a crude low-pass, enough for finding speech).
inline std::vector<float> to_4khz(const std::vector<float>& in)
{
    std::vector<float> out;
    for (std::size_t i = 0; i + 12 <= in.size(); i += 12) {
        float sum = 0;
        for (std::size_t k = 0; k < 12; ++k)
            sum += in[i + k];
        out.push_back(sum / 12);
    }
    return out;
}

// The trimmed reference: from its first to its last sample above −40 dBFS (the spoken part).
inline std::vector<float> spoken_part(const std::vector<float>& in)
{
    auto loud = [](float s) { return std::fabs(s) > 0.01f; };
    auto first = std::find_if(in.begin(), in.end(), loud);
    auto last = std::find_if(in.rbegin(), in.rend(), loud).base();
    return first < last ? std::vector<float>(first, last) : std::vector<float>{};
}

struct Match {
    double correlation = 0;  // 1: the same sound (at some gain); ~0: not there
    double at_s = 0;         // where it starts in the signal
};

// The best normalised cross-correlation of `reference` anywhere in `signal` (both 48 kHz).
inline Match find_sound(const std::vector<float>& reference48, const std::vector<float>& signal48)
{
    const auto ref = to_4khz(spoken_part(reference48));
    const auto sig = to_4khz(signal48);
    Match best;
    if (ref.empty() || sig.size() < ref.size())
        return best;
    double ref_energy = 0;
    for (float r : ref)
        ref_energy += static_cast<double>(r) * r;
    std::vector<double> prefix(sig.size() + 1, 0);  // running energy of the signal
    for (std::size_t i = 0; i < sig.size(); ++i)
        prefix[i + 1] = prefix[i] + static_cast<double>(sig[i]) * sig[i];
    for (std::size_t lag = 0; lag + ref.size() <= sig.size(); ++lag) {
        float dot = 0;
        for (std::size_t i = 0; i < ref.size(); ++i)
            dot += ref[i] * sig[lag + i];
        const double energy = prefix[lag + ref.size()] - prefix[lag];
        if (energy <= 1e-9)
            continue;
        const double c = dot / std::sqrt(ref_energy * energy);
        if (c > best.correlation)
            best = {c, static_cast<double>(lag) / 4000.0};
    }
    return best;
}

// The sentence heard even if it slipped in time on its way (a jitter buffer stretched, a packet came
// late under load): the spoken part cut into pieces of `piece_s`, each found on its own within
// `slack_s` of where the first piece was found in `signal`; the median of the pieces' correlations.
// A whole-sentence correlation halves with one 20 ms slip in the middle; this does not. Unrelated sound
// scores under ~0.2 here (a short piece correlates by chance more than a sentence): use find_sound to
// show that something is *not* there.
inline Match find_sound_in_pieces(const std::vector<float>& reference48, const std::vector<float>& signal48,
                                  double piece_s = 0.8, double slack_s = 0.25)
{
    const auto spoken = spoken_part(reference48);
    const auto piece = static_cast<std::size_t>(piece_s * 48000);
    if (spoken.size() < piece)
        return find_sound(reference48, signal48);
    const auto first = find_sound(std::vector<float>(spoken.begin(), spoken.begin() + static_cast<long>(piece)), signal48);
    std::vector<double> correlations;
    for (std::size_t at = 0; at + piece <= spoken.size(); at += piece) {
        // Where this piece should be if nothing slipped, give or take the slack.
        const double expected_s = first.at_s + static_cast<double>(at) / 48000;
        const auto from = static_cast<std::size_t>(std::max(0.0, expected_s - slack_s) * 48000);
        const auto to = std::min(signal48.size(), static_cast<std::size_t>((expected_s + piece_s + slack_s) * 48000));
        if (from >= to)
            break;
        const std::vector<float> part(spoken.begin() + static_cast<long>(at), spoken.begin() + static_cast<long>(at + piece));
        correlations.push_back(
            find_sound(part, std::vector<float>(signal48.begin() + static_cast<long>(from), signal48.begin() + static_cast<long>(to)))
                .correlation);
    }
    if (correlations.empty())
        return first;
    std::sort(correlations.begin(), correlations.end());
    return {correlations[correlations.size() / 2], first.at_s};
}

}  // namespace estrade::testing
