// One item of the labelled noise corpus (bench/noise-bench.sh): a lectern's microphone in an
// amphitheatre. Takes espeak-ng speech (dry, and through sox's reverb), adds a low rumble and one kind
// of room noise at a given signal-to-noise ratio, placed by a seeded generator between and under the
// words, and writes the mix and its labels: where the words are (from the dry speech) and where each
// noise is.
//   bench_noise_corpus --dry speech.wav --room speech-reverb.wav --whisper-voice other.wav --kind pages
//                      --snr 10 --seed 101 --mix mix.wav --labels labels.json
//
// Page turns: 100–400 ms of paper — a slide (noise above 500 Hz rising over tens of ms), the flip (a
// louder broadband swell) and crackle (sparse clicks), falling off. Whispers: noise shaped like the
// breath of a voice (1–6 kHz, a bump near 2.5 kHz) carried by the envelope of another espeak-ng
// utterance, in stretches of 1.5–3 s. Knocks: see knock(). The SNR is the words' level over the noise's level while it sounds.
#include "wav.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

using estrade::bench::Sound;

namespace {

struct Biquad {
    double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0, z1 = 0, z2 = 0;
    double operator()(double x)
    {
        const double y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        return y;
    }
    // RBJ's audio EQ cookbook.
    static Biquad make(const char* kind, double f, double q, int rate, double gain_db = 0)
    {
        const double w = 2 * M_PI * f / rate, c = std::cos(w), alpha = std::sin(w) / (2 * q);
        const double a = std::pow(10.0, gain_db / 40);
        double b0, b1, b2, a0, a1, a2;
        const std::string k = kind;
        if (k == "lowpass") {
            b0 = (1 - c) / 2, b1 = 1 - c, b2 = (1 - c) / 2, a0 = 1 + alpha, a1 = -2 * c, a2 = 1 - alpha;
        } else if (k == "highpass") {
            b0 = (1 + c) / 2, b1 = -(1 + c), b2 = (1 + c) / 2, a0 = 1 + alpha, a1 = -2 * c, a2 = 1 - alpha;
        } else {  // peaking
            b0 = 1 + alpha * a, b1 = -2 * c, b2 = 1 - alpha * a, a0 = 1 + alpha / a, a1 = -2 * c, a2 = 1 - alpha / a;
        }
        return Biquad{b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
    }
};

constexpr double words_threshold_below_peak_db = 40;  // 10 ms blocks of the dry speech: a word

double rms(const std::vector<double>& s, std::size_t from, std::size_t to)
{
    double sum = 0;
    for (std::size_t i = from; i < to && i < s.size(); ++i)
        sum += s[i] * s[i];
    return std::sqrt(sum / static_cast<double>(std::max<std::size_t>(1, to - from)));
}

// Word spans (seconds) from the dry speech: 10 ms blocks within 40 dB of the loudest, joined across
// gaps under 100 ms.
std::vector<std::pair<double, double>> word_spans(const Sound& dry, double& words_rms)
{
    const std::size_t block = static_cast<std::size_t>(dry.rate / 100);
    std::vector<double> level;
    for (std::size_t at = 0; at + block <= dry.samples.size(); at += block) {
        double sum = 0;
        for (std::size_t i = at; i < at + block; ++i)
            sum += static_cast<double>(dry.samples[i]) * dry.samples[i];
        level.push_back(sum / static_cast<double>(block));
    }
    const double peak = *std::max_element(level.begin(), level.end());
    const double threshold = peak * std::pow(10.0, -words_threshold_below_peak_db / 10);
    std::vector<std::pair<double, double>> spans;
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < level.size(); ++i) {
        if (level[i] <= threshold)
            continue;
        sum += level[i];
        ++n;
        const double start = static_cast<double>(i) / 100, end = static_cast<double>(i + 1) / 100;
        if (!spans.empty() && start - spans.back().second < 0.1)
            spans.back().second = end;
        else
            spans.emplace_back(start, end);
    }
    words_rms = std::sqrt(sum / static_cast<double>(std::max<std::size_t>(1, n))) / 32768.0;
    return spans;
}

std::vector<double> page_turn(std::mt19937& random, int rate)
{
    std::uniform_real_distribution<double> uniform(0, 1);
    std::normal_distribution<double> gauss(0, 1);
    const double seconds = 0.1 + 0.3 * uniform(random);
    const std::size_t n = static_cast<std::size_t>(seconds * rate);
    Biquad high = Biquad::make("highpass", 400 + 400 * uniform(random), 0.7, rate);
    Biquad low = Biquad::make("lowpass", 7000 + 4000 * uniform(random), 0.7, rate);
    Biquad body = Biquad::make("peaking", 2000 + 2000 * uniform(random), 0.8, rate, 4);
    const double flip_at = (0.3 + 0.4 * uniform(random)) * seconds;
    const double flip_width = 0.04 + 0.03 * uniform(random);
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / rate;
        // slide: rises over 30 ms; flip: a swell twice as loud around flip_at; then the fall
        const double slide = std::min(1.0, t / 0.03) * 0.5;
        const double flip = std::exp(-std::pow((t - flip_at) / flip_width, 2));
        const double fall = t > seconds - 0.05 ? (seconds - t) / 0.05 : 1.0;
        double x = gauss(random) * (slide + flip) * fall;
        if (uniform(random) < 400.0 / rate)  // crackle
            x += (uniform(random) < 0.5 ? -1 : 1) * (3 + 5 * uniform(random));
        out[i] = body(low(high(x)));
    }
    return out;
}

std::vector<double> whisper(std::mt19937& random, const Sound& voice, int rate)
{
    std::uniform_real_distribution<double> uniform(0, 1);
    std::normal_distribution<double> gauss(0, 1);
    const double seconds = std::min(voice.seconds() - 0.1, 1.5 + 1.5 * uniform(random));
    const std::size_t n = static_cast<std::size_t>(seconds * rate);
    const std::size_t from = static_cast<std::size_t>(uniform(random) * std::max(0.0, voice.seconds() - seconds) * rate);
    Biquad high = Biquad::make("highpass", 1000, 0.7, rate), low = Biquad::make("lowpass", 6000, 0.7, rate);
    Biquad formant = Biquad::make("peaking", 2500, 1.5, rate, 8);
    Biquad envelope1 = Biquad::make("lowpass", 25, 0.7, rate), envelope2 = Biquad::make("lowpass", 25, 0.7, rate);
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double carrier = std::abs(static_cast<double>(voice.samples[std::min(from + i, voice.samples.size() - 1)]));
        const double envelope = std::max(0.0, envelope2(envelope1(carrier)));
        out[i] = formant(low(high(gauss(random)))) * envelope;
    }
    return out;
}

// A knock on the lectern, a glass or a phone put down on it: one to three hits 100–250 ms apart, each
// a contact pulse of 0.5–2 ms (a raised cosine: broadband to a few kHz) ringing the wood's modes — three
// to five damped resonances between 90 and 1,200 Hz, each dying away in 8–40 ms (its time constant).
// The modes are what make it hard: they are periodic, so a pitch search finds a "voice" in them.
std::vector<double> knock(std::mt19937& random, int rate)
{
    std::uniform_real_distribution<double> uniform(0, 1);
    struct Mode {
        double hz, tau, amplitude;
    };
    std::vector<Mode> modes(3 + static_cast<std::size_t>(uniform(random) * 3));
    double longest = 0;
    for (auto& m : modes) {
        m = {90 * std::pow(1200.0 / 90, uniform(random)), 0.008 + 0.032 * uniform(random), 0.3 + 0.7 * uniform(random)};
        longest = std::max(longest, m.tau);
    }
    const int hits = 1 + static_cast<int>(uniform(random) * 3);
    std::vector<double> at(1, 0.0), strength(1, 1.0);
    for (int h = 1; h < hits; ++h) {
        at.push_back(at.back() + 0.1 + 0.15 * uniform(random));
        strength.push_back(0.5 + 0.5 * uniform(random));
    }
    const double contact = 0.0005 + 0.0015 * uniform(random);
    const std::size_t n = static_cast<std::size_t>((at.back() + 5 * longest) * rate);
    std::vector<double> pulse(n, 0.0);
    for (int h = 0; h < hits; ++h) {
        const auto from = static_cast<std::size_t>(at[static_cast<std::size_t>(h)] * rate);
        const auto width = static_cast<std::size_t>(contact * rate) + 1;
        for (std::size_t i = 0; i < width && from + i < n; ++i)
            pulse[from + i] += strength[static_cast<std::size_t>(h)] * 0.5 *
                               (1 - std::cos(2 * M_PI * static_cast<double>(i) / static_cast<double>(width)));
    }
    std::vector<double> out(n, 0.0);
    for (const auto& m : modes) {
        // A two-pole resonator per mode: r sets the decay, the pulse its excitation.
        const double r = std::exp(-1.0 / (m.tau * rate)), w = 2 * M_PI * m.hz / rate;
        const double a1 = -2 * r * std::cos(w), a2 = r * r;
        double y1 = 0, y2 = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double y = m.amplitude * pulse[i] - a1 * y1 - a2 * y2;
            y2 = y1, y1 = y;
            out[i] += y;
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        out[i] += 0.3 * pulse[i];  // the contact's own click
    return out;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"make one labelled item of the noise corpus"};
    std::string dry_path, room_path, voice_path, kind = "pages", mix_path, labels_path;
    double snr_db = 10;
    unsigned seed = 1;
    app.add_option("--dry", dry_path, "the speech as spoken (labels the words)")->required();
    app.add_option("--room", room_path, "the same speech as the amphitheatre makes it sound (sox reverb)")->required();
    app.add_option("--whisper-voice", voice_path, "another utterance whose envelope the whispers follow")->required();
    app.add_option("--kind", kind)->check(CLI::IsMember({"pages", "whispers", "knocks"}));
    app.add_option("--snr", snr_db);
    app.add_option("--seed", seed);
    app.add_option("--mix", mix_path)->required();
    app.add_option("--labels", labels_path)->required();
    CLI11_PARSE(app, argc, argv);

    const Sound dry = estrade::bench::read_wav(dry_path);
    const Sound room = estrade::bench::read_wav(room_path);
    const Sound voice = estrade::bench::read_wav(voice_path);
    const int rate = dry.rate;
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> uniform(0, 1);
    std::normal_distribution<double> gauss(0, 1);

    double words_rms = 0;
    const auto words = word_spans(dry, words_rms);
    std::vector<double> mix(std::max(dry.samples.size(), room.samples.size()), 0.0);
    for (std::size_t i = 0; i < room.samples.size(); ++i)
        mix[i] = room.samples[i] / 32768.0;
    // The room's rumble (ventilation, the audience), 40 dB under the words, under everything.
    Biquad rumble_low = Biquad::make("lowpass", 200, 0.7, rate);
    std::vector<double> rumble(mix.size());
    double brown = 0;
    for (auto& r : rumble) {
        brown = 0.995 * brown + 0.05 * gauss(random);
        r = rumble_low(brown);
    }
    const double rumble_gain = words_rms * std::pow(10.0, -40 / 20.0) / std::max(1e-9, rms(rumble, 0, rumble.size()));
    for (std::size_t i = 0; i < mix.size(); ++i)
        mix[i] += rumble[i] * rumble_gain;

    // Noises: one every 2–4 s, anywhere (between words and under them).
    nlohmann::json events = nlohmann::json::array();
    const double noise_rms = words_rms * std::pow(10.0, -snr_db / 20);
    for (double t = 0.5 + uniform(random); t < dry.seconds() - 0.5; t += 2 + 2 * uniform(random)) {
        auto noise = kind == "pages" ? page_turn(random, rate) : kind == "knocks" ? knock(random, rate) : whisper(random, voice, rate);
        // Its level over its whole length (a whisper's own pauses included).
        const double active = rms(noise, 0, noise.size());
        const double gain = noise_rms / std::max(1e-9, active);
        const std::size_t at = static_cast<std::size_t>(t * rate);
        for (std::size_t i = 0; i < noise.size() && at + i < mix.size(); ++i)
            mix[at + i] += noise[i] * gain;
        const double end = t + static_cast<double>(noise.size()) / rate;
        events.push_back({{"kind", kind == "pages" ? "page" : kind == "knocks" ? "knock" : "whisper"}, {"start", t}, {"end", end}});
        t = end;
    }
    double peak = 0;
    for (double x : mix)
        peak = std::max(peak, std::abs(x));
    const double scale = peak > 0.97 ? 0.97 / peak : 1.0;
    Sound out;
    out.rate = rate;
    out.samples.resize(mix.size());
    for (std::size_t i = 0; i < mix.size(); ++i)
        out.samples[i] = static_cast<std::int16_t>(std::lround(std::clamp(mix[i] * scale, -1.0, 1.0) * 32767));
    estrade::bench::write_wav(mix_path, out);
    nlohmann::json word_list = nlohmann::json::array();
    for (auto [start, end] : words)
        word_list.push_back({start, end});
    std::ofstream(labels_path) << nlohmann::json{{"rate", rate},     {"seed", seed},   {"kind", kind},
                                                 {"snr_db", snr_db}, {"words", word_list}, {"events", events},
                                                 {"mix_scale", scale}}
                                      .dump(1)
                               << "\n";
    return 0;
}
