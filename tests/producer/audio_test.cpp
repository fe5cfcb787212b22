// The gates after webrtcdsp (alone, and behind the producer's own webrtcdsp), and the latency bench's
// frame stamps.
#include "producer/element_names.hpp"
#include "producer/frame_stamp.hpp"
#include "producer/pipelines.hpp"
#include "gst/gate_probe.hpp"
#include "gst/handles.hpp"
#include "gst/noise_gate.hpp"
#include "gst/pipeline.hpp"
#include "gst/speech_gate.hpp"
#include "support/sound.hpp"

#include <catch2/catch.hpp>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include <array>
#include <cmath>
#include <optional>
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

// A voice-like sound: the first eight harmonics of a pitch that glides between 110 and 150 Hz, falling
// off 6 dB an octave, with an RMS of `dbfs`.
std::vector<std::int16_t> voice(double dbfs, double seconds, int rate = 48000)
{
    std::vector<double> v(static_cast<std::size_t>(seconds * rate));
    double phase = 0, sum = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double t = static_cast<double>(i) / rate;
        phase += 2 * M_PI * (130 + 20 * std::sin(2 * M_PI * 3 * t)) / rate;
        for (int h = 1; h <= 8; ++h)
            v[i] += std::sin(h * phase) / h;
        sum += v[i] * v[i];
    }
    const double gain = std::pow(10.0, dbfs / 20) * 32767 / std::sqrt(sum / static_cast<double>(v.size()));
    std::vector<std::int16_t> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out[i] = static_cast<std::int16_t>(std::lround(v[i] * gain));
    return out;
}

// Noise through a one-pole high-pass (`high`) or low-pass, shaped by `envelope(t)`: pages turned (loud,
// broadband bursts), whispers (high, syllable-rate envelope), rumble (low).
template <class Envelope>
std::vector<std::int16_t> shaped_noise(double dbfs, double seconds, bool high, double corner_hz, Envelope envelope,
                                       unsigned seed = 7)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> gauss(0, 1);
    const double a = 1 - std::exp(-2 * M_PI * corner_hz / 48000);
    std::vector<double> v(static_cast<std::size_t>(seconds * 48000));
    double low = 0, sum = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double x = gauss(random);
        low += a * (x - low);
        v[i] = (high ? x - low : low) * envelope(static_cast<double>(i) / 48000);
        sum += v[i] * v[i];
    }
    const double gain = std::pow(10.0, dbfs / 20) * 32767 / std::sqrt(sum / static_cast<double>(v.size()));
    std::vector<std::int16_t> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out[i] = static_cast<std::int16_t>(std::clamp(v[i] * gain, -32767.0, 32767.0));
    return out;
}

std::vector<std::int16_t> joined(std::initializer_list<std::vector<std::int16_t>> parts)
{
    std::vector<std::int16_t> out;
    for (const auto& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

// In 10 ms buffers, as the pipeline's probe gets them; a speech gate can also hear `before` (the same
// sound before webrtcdsp), each buffer just before its cleaned counterpart, as the side chain gives it.
void through(gst::SoundGate& gate, std::vector<std::int16_t>& sound, std::size_t block = 480,
             const std::vector<std::int16_t>* before = nullptr)
{
    for (std::size_t at = 0; at < sound.size(); at += block) {
        const std::size_t n = std::min(block, sound.size() - at);
        if (before)
            dynamic_cast<gst::SpeechGate&>(gate).listen_before_cleanup(std::span(*before).subspan(at, n), 1);
        gate.process(std::span(sound).subspan(at, n), 1);
    }
}

// The level (dBFS) of each block of `sound`.
std::vector<double> block_levels(const std::vector<std::int16_t>& sound, std::size_t block)
{
    std::vector<double> levels;
    for (std::size_t at = 0; at + block <= sound.size(); at += block)
        levels.push_back(rms_dbfs(sound, at, at + block));
    return levels;
}

// Where the words of `block_db` (levels of 10 ms blocks) end: the sample after the last block within
// `within_db` of the loudest.
std::size_t words_end(const std::vector<double>& block_db, double within_db)
{
    const double loudest = *std::max_element(block_db.begin(), block_db.end());
    std::size_t last = 0;
    for (std::size_t b = 0; b < block_db.size(); ++b)
        if (block_db[b] >= loudest - within_db)
            last = b;
    return (last + 1) * 480;
}

// `noise` added into `sound` from sample `at`, clipped to 16 bits.
void mix_into(std::vector<std::int16_t>& sound, std::size_t at, const std::vector<std::int16_t>& noise)
{
    for (std::size_t i = 0; i < noise.size(); ++i) {
        auto& sample = sound[at + i];
        sample = static_cast<std::int16_t>(std::clamp(sample + noise[i], -32767, 32767));
    }
}

// An espeak-ng sentence (0.5 s of silence first) at 48 kHz, half of full scale.
std::vector<std::int16_t> spoken(const std::string& text, const std::string& name)
{
    const auto dir = std::filesystem::temp_directory_path() / "estrade-speech-gate";
    std::filesystem::create_directories(dir);
    std::vector<std::int16_t> out;
    for (float f : testing::read_s16(testing::spoken_sentence(dir, text, name, 0.5)))
        out.push_back(static_cast<std::int16_t>(f * 32768.f * 0.5f));
    return out;
}

// The blocks (of `block_db`) where a word starts: within 40 dB of the peak after at least 150 ms without.
std::vector<std::size_t> word_onsets(const std::vector<double>& block_db)
{
    const double peak = *std::max_element(block_db.begin(), block_db.end());
    std::vector<std::size_t> onsets;
    for (std::size_t b = 0, quiet = 0; b < block_db.size(); ++b) {
        const bool word = block_db[b] >= peak - 40;
        if (word && quiet >= 15)
            onsets.push_back(b);
        quiet = word ? 0 : quiet + 1;
    }
    return onsets;
}

// Two espeak-ng sentences 1.5 s apart with a knock on the lectern 700 ms after the first: a knuckle on
// wood, a 1 ms contact ringing its modes, its loudest 5 ms as loud as the words' loudest 10 ms.
// Periodic, so the pitch search finds a voice in it; what gives it away is its fall from the first ms.
struct Knocked {
    std::vector<std::int16_t> sound;
    std::size_t knock_at = 0;
    std::size_t next_word = 0;  // « Merci »
};

struct WoodMode {
    double hz, tau, amplitude;
};

// `into_frame`: the hit that many samples into one of the gate's 5 ms frames (which start at sample 0);
// without, wherever the first sentence's length puts it. `after_words`: that many samples after the
// first sentence's last 10 ms within 40 dB of its loudest, instead of 200 ms into the second of quiet
// after it.
Knocked knocked_with(const std::vector<WoodMode>& modes, std::optional<std::size_t> into_frame,
                     std::optional<std::size_t> after_words = std::nullopt)
{
    auto first = joined({spoken("Bonjour à tous.", "knock-1"), std::vector<std::int16_t>(48000, 0)});
    const auto second = spoken("Merci de votre attention.", "knock-2");
    std::size_t knock_at = first.size() - 38400;
    if (after_words)
        knock_at = words_end(block_levels(first, 480), 40) + *after_words;
    if (into_frame)
        knock_at = knock_at / 240 * 240 + *into_frame;
    const auto second_db = block_levels(second, 480);
    const auto words_db = *std::max_element(second_db.begin(), second_db.end());
    std::vector<double> ring(9600, 0.0);
    for (const auto& m : modes)
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const double t = static_cast<double>(i) / 48000;
            ring[i] += m.amplitude * std::min(1.0, t / 0.001) * std::exp(-t / m.tau) * std::sin(2 * M_PI * m.hz * t);
        }
    double loudest = 0;
    for (std::size_t at = 0; at + 240 <= ring.size(); at += 240) {
        double sum = 0;
        for (std::size_t i = at; i < at + 240; ++i)
            sum += ring[i] * ring[i];
        loudest = std::max(loudest, std::sqrt(sum / 240));
    }
    const double gain = std::pow(10.0, words_db / 20) * 32768 / loudest;
    for (std::size_t i = 0; i < ring.size(); ++i)
        first[knock_at + i] = static_cast<std::int16_t>(std::clamp(first[knock_at + i] + ring[i] * gain, -32767.0, 32767.0));
    Knocked k{joined({first, second}), knock_at, 0};
    const auto onsets = word_onsets(block_levels(k.sound, 480));
    REQUIRE(!onsets.empty());
    k.next_word = onsets.back() * 480;
    REQUIRE(k.next_word > knock_at + 9600);
    return k;
}

// Three modes (180, 430, 760 Hz) that die in 20, 12 and 8 ms, times `ring_length`; `into_frame` as for
// knocked_with.
Knocked knocked(double ring_length = 1, std::optional<std::size_t> into_frame = std::nullopt)
{
    return knocked_with({{180, 0.020 * ring_length, 1.0}, {430, 0.012 * ring_length, 0.7}, {760, 0.008 * ring_length, 0.5}},
                        into_frame);
}

// `sound` as the gate gets it after webrtcdsp: `lag` samples behind the microphone (webrtcdsp's filters
// put it 336 samples, 7 ms, behind), or ahead for a negative lag (its blocks can spread a hit back).
std::vector<std::int16_t> cleaned(const std::vector<std::int16_t>& sound, std::ptrdiff_t lag)
{
    std::vector<std::int16_t> output(sound.size(), 0);
    for (std::size_t at = 0; at < sound.size(); ++at) {
        const auto from = static_cast<std::ptrdiff_t>(at) - lag;
        if (from >= 0 && from < static_cast<std::ptrdiff_t>(sound.size()))
            output[at] = sound[static_cast<std::size_t>(from)];
    }
    return output;
}

// Through a speech gate (hearing the microphone, that is the same sound here, or not): the knock's
// first 100 ms and the next word's first 50 ms, dB against the input, the gate's sound `cleanup_lag`
// samples behind the microphone's.
std::pair<double, double> knock_and_next_word_db(const Knocked& k, gst::SpeechGateSettings settings, bool hears_the_microphone,
                                                 std::ptrdiff_t cleanup_lag = 0)
{
    auto output = cleaned(k.sound, cleanup_lag);
    gst::SpeechGate gate(48000, settings);
    through(gate, output, 480, hears_the_microphone ? &k.sound : nullptr);
    const auto delay = static_cast<std::size_t>(gate.delay_samples() + cleanup_lag);
    return {rms_dbfs(output, k.knock_at + delay, k.knock_at + delay + 4800) - rms_dbfs(k.sound, k.knock_at, k.knock_at + 4800),
            rms_dbfs(output, k.next_word + delay, k.next_word + delay + 2400) - rms_dbfs(k.sound, k.next_word, k.next_word + 2400)};
}

// The knock pulled down and the next word whole, the gate 7 ms behind the microphone as webrtcdsp puts
// it; and `without` (the rule under test off) lets it through — so the test shows the rule does it.
void check_knock_rule(const Knocked& k, const gst::SpeechGateSettings& without, const char* what)
{
    const auto [knock_db, word_db] = knock_and_next_word_db(k, {}, true, 336);
    const double without_db = knock_and_next_word_db(k, without, true, 336).first;
    std::fprintf(stderr, "%s: %.1f dB, the next word's first 50 ms %.1f dB; without the rule %.1f dB\n", what, knock_db,
                 word_db, without_db);
    CHECK(knock_db < -20);
    CHECK(word_db > -3);
    CHECK(without_db > -10);
}

// A sound that starts after a second of quiet, through a speech gate hearing it as its microphone with
// the gate's sound `cleanup_lag` samples behind: its first `ms`, dB against the input.
double first_ms_db(const std::vector<std::int16_t>& sound, const gst::SpeechGateSettings& settings, std::size_t cleanup_lag,
                   std::size_t ms = 50)
{
    auto output = cleaned(sound, static_cast<std::ptrdiff_t>(cleanup_lag));
    gst::SpeechGate gate(48000, settings);
    through(gate, output, 480, &sound);
    const auto delay = static_cast<std::size_t>(gate.delay_samples()) + cleanup_lag;
    return rms_dbfs(output, 48000 + delay, 48000 + delay + ms * 48) - rms_dbfs(sound, 48000, 48000 + ms * 48);
}

// « Merci de votre attention. » and a page turned `page_offset` samples after its last word ends
// (negative: before): broadband, clicking every 2.5 ms as paper does, 10 dB under the words' peak, shaped
// by `envelope`; then the room's quiet, half a second after the word.
struct PageAtWordEnd {
    std::vector<std::int16_t> sound;
    std::size_t word_end = 0, page_at = 0;
};

template <class Envelope>
PageAtWordEnd page_at_word_end(const std::string& name, std::ptrdiff_t page_offset, double page_seconds,
                               Envelope envelope, unsigned seed)
{
    PageAtWordEnd p{spoken("Merci de votre attention.", name)};
    const auto block_db = block_levels(p.sound, 480);
    const double peak = *std::max_element(block_db.begin(), block_db.end());
    p.word_end = words_end(block_db, 40);
    p.page_at = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(p.word_end) + page_offset);
    p.sound.resize(std::max(p.word_end + 48000, p.page_at + static_cast<std::size_t>(page_seconds * 48000)), 0);
    auto page = shaped_noise(peak - 10, page_seconds, true, 500, envelope, seed);
    for (std::size_t i = 0; i < page.size(); i += 120)
        page[i] = static_cast<std::int16_t>(std::clamp(page[i] * 8.0, -32767.0, 32767.0));
    mix_into(p.sound, p.page_at, page);
    return p;
}

// Through a speech gate that hears the microphone (the same sound): the output over [from, to) of the
// input, 20 ms later, against the input, in dB.
double gated_db(const std::vector<std::int16_t>& input, std::size_t from, std::size_t to, gst::SpeechGateSettings settings)
{
    auto output = input;
    gst::SpeechGate gate(48000, settings);
    through(gate, output, 480, &input);
    const auto delay = static_cast<std::size_t>(gate.delay_samples());
    return rms_dbfs(output, from + delay, to + delay) - rms_dbfs(input, from, to);
}

// gated_db with today's gate and with the 40 ms release at every close (paper_release_ms off), printed.
std::pair<double, double> page_db_with_and_without_fast_close(const PageAtWordEnd& p, std::size_t from, std::size_t to,
                                                              const char* what)
{
    gst::SpeechGateSettings without;
    without.paper_release_ms = 0;
    const double with_db = gated_db(p.sound, from, to, {}), without_db = gated_db(p.sound, from, to, without);
    std::fprintf(stderr, "%s: %.1f dB; with the 40 ms release %.1f dB\n", what, with_db, without_db);
    return {with_db, without_db};
}

// An espeak-ng sentence in `voice` at 142 words a minute, in the amphitheatre: sox's reverb as the noise
// bench makes it (reverberance 40 %, a large room, wet and dry mixed), half of full scale at its loudest.
std::vector<std::int16_t> in_the_amphitheatre(const std::string& text, const std::string& voice, const std::string& name)
{
    const auto dir = std::filesystem::temp_directory_path() / "estrade-speech-gate";
    std::filesystem::create_directories(dir);
    const auto dry = dir / (name + "-espeak.wav"), wet = dir / (name + "-room.wav");
    const std::string speak = "espeak-ng -v " + voice + " -s 142 -w '" + dry.string() + "' \"" + text + "\"";
    const std::string reverb = "sox '" + dry.string() + "' -r 48000 -c 1 -b 16 '" + wet.string() +
                               "' pad 0.5 1.0 norm -6 reverb 40 50 100 100 10 -4 remix - norm -6";
    REQUIRE(std::system(speak.c_str()) == 0);
    REQUIRE(std::system(reverb.c_str()) == 0);
    std::vector<std::int16_t> out;
    for (float f : testing::read_s16(wet))
        out.push_back(static_cast<std::int16_t>(f * 32768.f));
    return out;
}

}  // namespace

TEST_CASE("the speech gate lets a voice through whole, 20 ms late, and pulls down page turns, whispers and rumble")
{
    gst::SpeechGate gate(48000);
    REQUIRE(gate.delay_samples() == 960);
    const auto silence = std::vector<std::int16_t>(24000, 0);
    const auto page = shaped_noise(-12, 0.3, true, 500, [](double t) { return std::min(1.0, t / 0.02) * std::exp(-t / 0.15); });
    const auto whisper = shaped_noise(-28, 2.0, true, 1500, [](double t) { return 0.6 + 0.4 * std::sin(2 * M_PI * 4 * t); }, 8);
    const auto rumble = shaped_noise(-35, 1.0, false, 200, [](double) { return 1.0; }, 9);
    const auto speech = voice(-20, 1.0);
    // silence, a page turned (louder than the voice), a whisper, rumble, then the voice
    const auto input = joined({silence, page, silence, whisper, rumble, speech, silence});
    auto output = input;
    through(gate, output);
    auto output_rms = [&](std::size_t from, std::size_t length) { return rms_dbfs(output, from + 960, from + 960 + length); };
    auto input_rms = [&](std::size_t from, std::size_t length) { return rms_dbfs(input, from, from + length); };

    const std::size_t page_at = 24000, whisper_at = page_at + page.size() + 24000;
    const std::size_t rumble_at = whisper_at + whisper.size(), speech_at = rumble_at + rumble.size();
    INFO("page turn in/out " << input_rms(page_at, page.size()) << " / " << output_rms(page_at, page.size()));
    CHECK(input_rms(page_at, page.size()) - output_rms(page_at, page.size()) > 25);
    INFO("whisper in/out " << input_rms(whisper_at, whisper.size()) << " / " << output_rms(whisper_at, whisper.size()));
    CHECK(input_rms(whisper_at, whisper.size()) - output_rms(whisper_at, whisper.size()) > 25);
    // The rumble's last 30 ms are let through on purpose: the gate opens ahead of the voice that follows.
    const std::size_t rumble_alone = rumble.size() - 1440;
    INFO("rumble in/out " << input_rms(rumble_at, rumble_alone) << " / " << output_rms(rumble_at, rumble_alone));
    CHECK(input_rms(rumble_at, rumble_alone) - output_rms(rumble_at, rumble_alone) > 25);
    // The voice: its first 20 ms nearly whole (the gate opened ahead of it: within 1.5 dB, the first few
    // ms on the attack), then sample for sample what came in, 960 samples later.
    INFO("voice onset in/out " << input_rms(speech_at, 960) << " / " << output_rms(speech_at, 960));
    CHECK(output_rms(speech_at, 960) == Approx(input_rms(speech_at, 960)).margin(1.5));
    CHECK(output_rms(speech_at + 960, 960) == Approx(input_rms(speech_at + 960, 960)).margin(0.1));
    for (std::size_t i = speech_at + 4800; i < speech_at + speech.size(); i += 97)
        REQUIRE(output[i + 960] == input[i]);
}

TEST_CASE("the speech gate keeps an espeak-ng sentence whole and holds through its short pauses")
{
    // 48 kHz: the host's microphone; 16 kHz: a room's, while it holds the floor.
    const int rate = GENERATE(48000, 16000);
    const auto dir = std::filesystem::temp_directory_path() / "estrade-speech-gate";
    std::filesystem::create_directories(dir);
    const auto wav = testing::spoken_sentence(dir, "Bonjour à tous, je suis boulangère à Loudéac, et je commence à quatre heures.", "sentence", 0.5);
    const auto floats = testing::read_s16(wav);
    std::vector<std::int16_t> input;
    for (std::size_t i = 0; i < floats.size(); i += static_cast<std::size_t>(48000 / rate))
        input.push_back(static_cast<std::int16_t>(floats[i] * 32768.f * 0.5f));
    auto output = input;
    gst::SpeechGate gate(rate);
    const std::size_t block = static_cast<std::size_t>(rate / 100), delay = static_cast<std::size_t>(gate.delay_samples());
    through(gate, output, block);
    // Every 10 ms block where the sentence is louder than 40 dB under its peak comes out at its level.
    const auto block_db = block_levels(input, block);
    const double peak = *std::max_element(block_db.begin(), block_db.end());
    int words = 0, cut = 0;
    for (std::size_t b = 0; b + 2 < block_db.size(); ++b) {
        if (block_db[b] < peak - 40)
            continue;
        ++words;
        const double out = rms_dbfs(output, b * block + delay, b * block + delay + block);
        if (out < block_db[b] - 3)
            ++cut;
    }
    INFO(cut << " of " << words << " blocks of words more than 3 dB down at " << rate << " Hz");
    CHECK(words > 100);
    CHECK(cut <= words / 50);
}

TEST_CASE("words that begin with « s », « ch » or a vowel after a comma come out from their first ms")
{
    // Found 20-25 ms into them, their pitch comes too late for the 20 ms look-ahead: the gate holds a
    // clear pause open, and opens on an onset with a voice's low band before its pitch is found.
    const auto input = spoken("Le plus difficile, ce sont les horaires, chaque matin, à quatre heures. Il faut aimer ça.", "onsets");
    auto output = input;
    gst::SpeechGate gate(48000);
    through(gate, output);
    const std::size_t block = 480, delay = static_cast<std::size_t>(gate.delay_samples());
    const auto block_db = block_levels(input, block);
    // Each onset's first 50 ms, in and out.
    int onsets = 0;
    for (std::size_t b : word_onsets(block_db)) {
        if (b + 5 >= block_db.size())
            continue;
        ++onsets;
        const double in = rms_dbfs(input, b * block, (b + 5) * block);
        const double out = rms_dbfs(output, b * block + delay, (b + 5) * block + delay);
        INFO("onset at " << static_cast<double>(b) / 100 << " s: " << in << " dBFS in, " << out << " out");
        CHECK(out > in - 3);
    }
    CHECK(onsets >= 4);
}

TEST_CASE("a word that begins with « s » just after paper was handled comes out from its first ms")
{
    // Paper in the pause after a comma ends the clear pause's hold; « ce » then has no pitch for its
    // first 50-100 ms. The « s » (hiss above 4 kHz, no clicks) opens the gate within 250 ms of the voice.
    auto input = spoken("Le plus difficile, ce sont les horaires.", "paper");
    const std::size_t block = 480;
    const auto block_db = block_levels(input, block);
    const double peak = *std::max_element(block_db.begin(), block_db.end());
    const auto onsets = word_onsets(block_db);
    REQUIRE(!onsets.empty());  // the last: « ce », after the comma's 200 ms
    const std::size_t ce = onsets.back() * block;
    REQUIRE(ce > 48000);
    // Paper, 20 dB under the words, clicking every 2.5 ms, for the 100 ms before the last 30 ms of the pause.
    auto paper = shaped_noise(peak - 20, 0.1, true, 500, [](double) { return 1.0; }, 11);
    for (std::size_t i = 0; i < paper.size(); i += 120)
        paper[i] = static_cast<std::int16_t>(std::clamp(paper[i] * 12.0, -32767.0, 32767.0));
    mix_into(input, ce - 1440 - paper.size(), paper);
    auto onset_db = [&](gst::SpeechGateSettings settings) {
        auto output = input;
        gst::SpeechGate gate(48000, settings);
        through(gate, output);
        const auto delay = static_cast<std::size_t>(gate.delay_samples());
        return rms_dbfs(output, ce + delay, ce + delay + 2400) - rms_dbfs(input, ce, ce + 2400);
    };
    CHECK(onset_db({}) > -3);
    // ...and the paper is what makes this test: without the rule, « ce » loses its start.
    gst::SpeechGateSettings without;
    without.sibilant_ms = 0;
    CHECK(onset_db(without) < -3);
}

TEST_CASE("a page turned as the last word ends is pulled down once the hold runs out, not released slowly")
{
    // Paper heard after the voice ends the pause's longer hold; the gate still holds 120 ms for the
    // word's unvoiced end, and closes while the page is at its loudest (two blind seeds' pages came out
    // only 15 dB down between words: the 40 ms release let the page's next 30 ms out 7 dB down).
    // The page from 50 ms before the word ends, loud for 300 ms, fading over 150.
    const auto p = page_at_word_end("page-at-end", -2400, 0.45, [](double t) {
        return std::min(1.0, t / 0.02) * (t < 0.3 ? 1.0 : std::exp(-(t - 0.3) / 0.05));
    }, 13);
    // What a site hears between words: from 150 ms after the word to the page's last loud 100 ms.
    const std::size_t from = p.word_end + 7200, to = p.page_at + 14400;
    REQUIRE(to > from + 2400);
    const auto [with_db, without_db] = page_db_with_and_without_fast_close(p, from, to, "page at the word's end, between words");
    CHECK(with_db < -20);
    CHECK(without_db > -15);
}

TEST_CASE("a page turned just as the gate closes after a clear pause is pulled down at once")
{
    // Nothing but the room after the last word: the gate holds 250 ms for a word after a comma, then
    // closes over 40 ms. A page turned as it closes came out 11 dB down (a blind seed's); paper clicking
    // above 4 kHz, in a closed gate, speeds the close up to 10 ms.
    const auto p = page_at_word_end("page-after-pause", 260 * 48, 0.2, [](double t) { return std::min(1.0, t / 0.01); }, 17);
    const std::size_t from = p.page_at, to = p.page_at + 4800;  // the page's first 100 ms
    const auto [with_db, without_db] = page_db_with_and_without_fast_close(p, from, to, "page as the gate closes, its first 100 ms");
    CHECK(with_db < -18);
    CHECK(without_db > -14);
}

TEST_CASE("a whisper that starts as the last word ends is pulled down though the word still rings in the room")
{
    // The room's reverberation of the word is periodic too, 12-20 dB under it: counted as a voice, it
    // started the 120 ms hold again 30 ms later, into the whisper (a blind seed's whispers came out 5 dB
    // down between words; this is its voice). Within the hold, that faint a frame must be more periodic
    // to count. The whisper 25 dB under the words, from the word's last 10 ms within 30 dB of its loudest.
    auto input = in_the_amphitheatre("Merci de votre attention.", "fr+f1", "reverberant");
    const auto block_db = block_levels(input, 480);
    const double peak = *std::max_element(block_db.begin(), block_db.end());
    const std::size_t word_end = words_end(block_db, 30);
    const auto whisper = shaped_noise(peak - 25, 0.6, true, 1500,
                                      [](double t) { return std::min(1.0, t / 0.03) * (0.6 + 0.4 * std::sin(2 * M_PI * 4 * t)); }, 19);
    REQUIRE(word_end + whisper.size() < input.size());
    mix_into(input, word_end, whisper);
    // What a site hears between words: from 150 ms after the word to the whisper's end.
    const std::size_t from = word_end + 7200, to = word_end + whisper.size();
    gst::SpeechGateSettings without;
    without.faint_below_voice_db = 0;
    const double with_db = gated_db(input, from, to, {}), without_db = gated_db(input, from, to, without);
    std::fprintf(stderr, "whisper over the word's reverberation, between words: %.1f dB; counting it as a voice %.1f dB\n",
                 with_db, without_db);
    CHECK(with_db < -25);
    CHECK(without_db > with_db + 8);
}

TEST_CASE("a knock on the lectern between two sentences is pulled down, and the next word comes out whole")
{
    // Here the gate hears the same sound twice (no webrtcdsp): the rule itself.
    const auto k = knocked(2.5);
    const auto [knock_db, word_db] = knock_and_next_word_db(k, {}, true);
    std::fprintf(stderr, "knock: %.1f dB, the next word's first 50 ms %.1f dB\n", knock_db, word_db);
    CHECK(knock_db < -20);
    CHECK(word_db > -3);
    // ...and hearing the microphone is what makes this test: without it the ring opens the gate.
    CHECK(knock_and_next_word_db(k, {}, false).first > -10);
}

TEST_CASE("a knock whose wood rings long is pulled down too, and the next word comes out whole")
{
    // Modes dying in 50, 30 and 20 ms: 20 ms after the hit the knock has fallen 4 dB, not the 6 that
    // tell a knock at once; its steady fall is what gives it away, in the check's last frame. With the
    // microphone 7 ms ahead, as webrtcdsp puts it, that frame is the one the check once lost the hit in
    // (its frames slid along with it): −0.7 dB.
    gst::SpeechGateSettings without;
    without.knock_slow_fall_db = 0;
    check_knock_rule(knocked(2.5), without, "long ring");
}

TEST_CASE("a knock whose modes beat is pulled down though its loudest frame comes 10 ms after the hit")
{
    // Two modes 100 Hz apart beat every 10 ms, and the hit lands 3.75 ms into a 5 ms frame: the frames
    // read about −5.5, −5.4, −3.4, −8.3 dB — the loudest third, with loud ones before it, which the check
    // took for a sound that was there before. It may come up over one frame more, if it then falls the
    // full knock_fall_db (a voice that builds as slowly stays level: a measurement item's word did).
    gst::SpeechGateSettings without;
    without.knock_build_frames = 0;
    check_knock_rule(knocked_with({{330, 0.015, 1.0}, {430, 0.015, 1.0}, {180, 0.030, 0.3}}, 180), without, "beating knock");
}

TEST_CASE("a knock in a quiet room whose level wavers 9 dB from frame to frame is pulled down")
{
    // The room's hiss at −69 dBFS for two 5 ms frames and −78 for one, in turn, the two before the hit
    // loud ones: they are not within 6 dB of the quietest before them, so the hit did not come "from
    // the quiet" — but they are 40 dB and more under it (a measurement item's knock, seed 104 at 14.02 s).
    auto k = knocked(1, 0);
    std::mt19937 random(7);
    std::normal_distribution<double> hiss(0, 1);
    for (std::size_t at = k.knock_at - 24000; at < k.knock_at + 9600; ++at) {
        const bool loud = ((k.knock_at - at - 1) / 240) % 3 != 2;  // two loud, one quiet: the two before the hit loud
        const double rms = 32768 * std::pow(10.0, (loud ? -69.0 : -78.0) / 20);
        k.sound[at] = static_cast<std::int16_t>(std::clamp(k.sound[at] + rms * hiss(random), -32767.0, 32767.0));
    }
    gst::SpeechGateSettings without;
    without.knock_deep_db = 0;
    without.knock_median_rise_db = 0;  // the two before it are the median too
    check_knock_rule(k, without, "knock in a wavering room");
}

// A room whose 5 ms level wavers 18 dB with one deep trough, in a five-frame round going back from
// `until` (−60, −62, −64, −78, −66 dBFS): hiss added to `sound` over the half second before it.
void add_wavering_room(std::vector<std::int16_t>& sound, std::size_t until, unsigned seed)
{
    constexpr std::array<double, 5> round{-60, -62, -64, -78, -66};
    std::mt19937 random(seed);
    std::normal_distribution<double> hiss(0, 1);
    for (std::size_t at = until - 24000; at < until; ++at) {
        const double rms = 32768 * std::pow(10.0, round[(until - at - 1) / 240 % round.size()] / 20);
        sound[at] = static_cast<std::int16_t>(std::clamp(sound[at] + rms * hiss(random), -32767.0, 32767.0));
    }
}

TEST_CASE("a knock in a room whose level wavers 18 dB, with one deep trough, is pulled down")
{
    // The room's 5 ms level in a five-frame round: −60, −62, −64, −78, −66 dBFS going back from the hit.
    // The frame two before it is 16 dB over the quietest of the five up to it (−78, one trough) and
    // only 2 dB over their median: the quietest alone said the hit came out of a sound already there (a
    // fresh seed's knock, seed 203 at 18.75 s, in a room wavering 16 dB).
    auto k = knocked(1, 0);
    add_wavering_room(k.sound, k.knock_at, 11);
    gst::SpeechGateSettings without;
    without.knock_median_rise_db = 0;
    check_knock_rule(k, without, "knock in a room with one deep trough");
}

TEST_CASE("in a room whose level wavers, a voice whose pulses come back is not held back as a knock")
{
    // The same room as above, then a 200 Hz voice, one pulse a 5 ms frame, its frames like a measurement
    // item's word (seed 104 at 14.34 s: −25.5, −32.3, −28.1, −26.9, −30.4, −21.0 dBFS), with a dip of
    // 4 dB, under the 5 that tells a voice by its pulses. By the median of the room it came from the
    // quiet, as a knock does; but it comes back up 3.5 dB two frames after its loudest, where a ring dies
    // away steadily. Waited for as a knock (without that), its first 20 ms were 2.3 dB down.
    constexpr std::array<double, 9> pulses{-25.5, -29.5, -26.0, -26.9, -30.4, -21.0, -33.8, -21.2, -21.0};
    std::vector<std::int16_t> sound(48000 + 24000, 0);
    add_wavering_room(sound, 48000, 13);
    double pulse_rms = 0;
    for (std::size_t i = 0; i < 240; ++i) {
        const double t = static_cast<double>(i) / 48000;
        pulse_rms += std::pow(std::exp(-t / 0.003) * std::sin(2 * M_PI * 700 * t), 2) / 240;
    }
    pulse_rms = std::sqrt(pulse_rms);
    for (std::size_t at = 48000; at < sound.size(); ++at) {
        const std::size_t frame = (at - 48000) / 240;
        const double level = pulses[std::min(frame, pulses.size() - 1)];
        const double t = static_cast<double>((at - 48000) % 240) / 48000;
        const double pulse = std::exp(-t / 0.003) * std::sin(2 * M_PI * 700 * t) / pulse_rms;
        sound[at] = static_cast<std::int16_t>(std::clamp(32768 * std::pow(10.0, level / 20) * pulse, -32767.0, 32767.0));
    }
    const double voice_db = first_ms_db(sound, {}, 0, 20);
    std::fprintf(stderr, "voice in a wavering room: first 20 ms %.1f dB\n", voice_db);
    CHECK(voice_db > -1);
}

TEST_CASE("a knock 130 ms after the last word, while a clear pause is held open, is pulled down")
{
    // « tous » ends on an « s »: its voice stopped 100 ms before its sound did, and the gate is open
    // now only because the pause is clear (held 130 ms longer for a word after a comma). The knock is
    // checked there as in a closed gate, and the gate closes over 2 ms, not its 40 ms release — else
    // the look-ahead's 20 ms leave it 4 dB down when the hit goes out.
    const auto k = knocked_with({{180, 0.020, 1.0}, {430, 0.012, 0.7}, {760, 0.008, 0.5}}, std::nullopt, 130 * 48);
    gst::SpeechGateSettings without;
    without.knock_in_pause_hold = false;
    check_knock_rule(k, without, "knock in a clear pause's hold");
    gst::SpeechGateSettings slow;
    slow.knock_release_ms = slow.release_ms;
    const double slow_db = knock_and_next_word_db(k, slow, true, 336).first;
    std::fprintf(stderr, "...closing over the gate's release: %.1f dB\n", slow_db);
    CHECK(slow_db > -10);
}

TEST_CASE("a knock whose cleaned sound comes a frame before the microphone's hit is pulled down")
{
    // webrtcdsp works in 10 ms blocks and spreads a hit's sound a few ms back: on a blind seed the
    // cleaned sound rose 27 dB one 5 ms frame before the microphone heard the hit. That rise opened the
    // gate on probation (a low band at an onset), and a check began only in a closed gate: the knock
    // went through whole. Here the gate's sound is a frame ahead of the microphone's. While that check
    // runs the gate closes as fast as for a knock: over its 40 ms release the hit got out −6 dB.
    const auto k = knocked(1, 0);
    const auto [knock_db, word_db] = knock_and_next_word_db(k, {}, true, -240);
    gst::SpeechGateSettings without;
    without.knock_probation_frames = 0;
    const double without_db = knock_and_next_word_db(k, without, true, -240).first;
    std::fprintf(stderr, "knock whose cleaned sound leads: %.1f dB, the next word's first 50 ms %.1f dB; without %.1f dB\n",
                 knock_db, word_db, without_db);
    CHECK(knock_db < -20);
    CHECK(word_db > -3);
    CHECK(without_db > -10);
}

TEST_CASE("a word that comes up over 15 ms and stays up before a dip is not taken for a knock")
{
    // A 200 Hz voice after a second of quiet, one pulse a frame: up 0.5 dB a frame for three frames,
    // level for two, 8 dB down for 15 ms (a « p » before its vowel), then the vowel. Its loudest frame
    // is the third, it falls the full knock_fall_db within the check — as a tuning item's word did.
    // What tells it from a knock that took as long: it did not fall at once.
    std::vector<std::int16_t> sound(48000 + 24000, 0);
    for (std::size_t at = 48000; at < sound.size(); ++at) {
        const std::size_t since = at - 48000, frame = since / 240;
        const double level = frame < 3 ? std::pow(10.0, (static_cast<double>(frame) - 2) * 0.5 / 20) : (frame >= 5 && frame < 8 ? 0.4 : 1.0);
        const double t = static_cast<double>(since % 240) / 48000;
        sound[at] = static_cast<std::int16_t>(8000 * level * std::exp(-t / 0.003) * std::sin(2 * M_PI * 700 * t));
    }
    const double word_db = first_ms_db(sound, {}, 336);
    gst::SpeechGateSettings without;
    without.knock_build_fall_db = 0;
    const double without_db = first_ms_db(sound, without, 336);
    std::fprintf(stderr, "slow-rising word's first 50 ms: %.1f dB (without the fall at once: %.1f dB)\n", word_db, without_db);
    CHECK(word_db > -1);
    CHECK(without_db < -3);
}

// A 100 Hz voice after a second of quiet: each pulse rings a 500 Hz resonance that dies in `ring_ms`,
// so its first 5 ms frame is loud, the next one down, the one after loud again.
std::vector<std::int16_t> low_voice(double ring_ms)
{
    std::vector<std::int16_t> sound(48000 + 24000, 0);
    for (std::size_t at = 48000; at < sound.size(); ++at) {
        const double t = static_cast<double>((at - 48000) % 480) / 48000;
        sound[at] = static_cast<std::int16_t>(8000 * std::exp(-t / (ring_ms / 1000)) * std::sin(2 * M_PI * 500 * t));
    }
    return sound;
}

TEST_CASE("a low voice whose pulses fall in every other 5 ms frame is not taken for a knock")
{
    // Dying in 4 ms, the frame between two pulses is 11 dB down: from the quiet, it rises and falls as a
    // hit does. What tells it: it comes back. (Taken for a knock, it loses its first 10-20 ms: the
    // ring's end, then two voiced frames, before the gate opens.)
    const auto sound = low_voice(4);
    const double voice_db = first_ms_db(sound, {}, 0);
    gst::SpeechGateSettings without;
    without.knock_back_db = 0;
    without.knock_back_shallow_dip_db = 0;
    const double without_db = first_ms_db(sound, without, 0);
    std::fprintf(stderr, "low voice's first 50 ms: %.1f dB (taken for a knock without the rule: %.1f dB)\n", voice_db, without_db);
    CHECK(voice_db > -0.5);
    CHECK(without_db < -1.5);
}

TEST_CASE("a low voice whose pulses dip only 7 dB between frames is not taken for a knock, once it comes back twice")
{
    // Dying in 6.2 ms: 7 dB between a pulse's frame and the next, under the 10 dB that tells a voice at
    // once (a knock's modes can beat 6 dB deep). It comes back a second time, four frames after its
    // loudest, where a ring has fallen (a fresh seed's low male voice from a deep pause: −32.6, −39.7,
    // −33.5, −38.5, −32.4 dBFS, taken for a knock until this rule: its first 75 ms 30 dB down).
    const auto sound = low_voice(6.2);
    const double voice_db = first_ms_db(sound, {}, 0, 20);
    gst::SpeechGateSettings without;
    without.knock_back_shallow_dip_db = 0;
    const double without_db = first_ms_db(sound, without, 0, 20);
    std::fprintf(stderr, "low voice, 7 dB dips: first 20 ms %.1f dB (without the rule: %.1f dB)\n", voice_db, without_db);
    CHECK(voice_db > -3);
    CHECK(without_db < -6);
}

TEST_CASE("through the producer's webrtcdsp, the speech gate hears the microphone before it and pulls a knock down")
{
    // webrtcdsp lifts the hit and spreads it over 15 ms: on its output alone the knock cannot be told.
    const auto k = knocked(2.5);
    auto cleaned = [&](bool side_chain) {
        auto parsed = gst::Pipeline::parse("appsrc name=in format=time max-bytes=0 caps=\"" + floor_sound_caps() + "\" ! " +
                                           audio_cleanup_chain() + " ! appsink name=out sync=false");
        REQUIRE(std::holds_alternative<gst::Pipeline>(parsed));
        auto& pipeline = std::get<gst::Pipeline>(parsed);
        gst::SpeechGate gate(audio_cleanup_rate);
        gst::attach_gate(pipeline.element(names::speaker_gate).get(), gate);
        if (side_chain)
            gst::attach_gate_side_chain(pipeline.element(names::speaker_cleanup).get(), gate);
        gst::Element in = pipeline.element("in"), out = pipeline.element("out");
        // All of it queued in the source first: the sink prerolls on it as the pipeline starts.
        for (std::size_t at = 0; at < k.sound.size(); at += 480) {
            const std::size_t n = std::min<std::size_t>(480, k.sound.size() - at);
            GstBuffer* buffer = gst_buffer_new_memdup(k.sound.data() + at, n * sizeof(std::int16_t));
            GST_BUFFER_PTS(buffer) = gst_util_uint64_scale(at, GST_SECOND, 48000);
            GST_BUFFER_DURATION(buffer) = gst_util_uint64_scale(n, GST_SECOND, 48000);
            gst_app_src_push_buffer(GST_APP_SRC(in.get()), buffer);
        }
        gst_app_src_end_of_stream(GST_APP_SRC(in.get()));
        REQUIRE_FALSE(pipeline.play());
        std::vector<std::int16_t> sound;
        while (gst::Sample sample{gst_app_sink_pull_sample(GST_APP_SINK(out.get())), gst::Ownership::adopt}) {
            GstMapInfo map;
            GstBuffer* buffer = gst_sample_get_buffer(sample.get());
            gst_buffer_map(buffer, &map, GST_MAP_READ);
            const auto* samples = reinterpret_cast<const std::int16_t*>(map.data);
            sound.insert(sound.end(), samples, samples + map.size / 2);
            gst_buffer_unmap(buffer, &map);
        }
        pipeline.stop();
        REQUIRE(sound.size() >= k.next_word + 9600);
        return sound;
    };
    const auto with = cleaned(true), without = cleaned(false);
    // The knock and its ring, webrtcdsp's and the gate's delays included; the next word's first 100 ms.
    const double knock_db = rms_dbfs(with, k.knock_at, k.knock_at + 9600) - rms_dbfs(without, k.knock_at, k.knock_at + 9600);
    const double word_db = rms_dbfs(with, k.next_word, k.next_word + 4800) - rms_dbfs(without, k.next_word, k.next_word + 4800);
    std::fprintf(stderr, "knock through webrtcdsp: %.1f dB against the gate without the microphone, the next word %.1f dB\n",
                 knock_db, word_db);
    CHECK(knock_db < -15);
    CHECK(std::abs(word_db) < 1);
}

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
