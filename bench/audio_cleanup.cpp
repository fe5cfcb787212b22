// The noise bench's measuring tool. Runs one labelled corpus item (bench_noise_corpus) through the
// producer's clean-up exactly as the speaker pipeline does (producer::audio_cleanup_chain: webrtcdsp),
// then through each gate the way the pipeline's probe does (on webrtcdsp's output, in 10 ms buffers),
// and measures, for the input and each chain:
//  - the noise's level between words (blocks inside a noise and at least 150 ms from any word) and under
//    words, relative to the words' level: what a site hears of the noise compared with the speaker;
//  - the words' level (blocks of words with no noise) against webrtcdsp alone, and the level of the
//    pauses where only the rumble sounds;
//  - the log-spectral distance of those blocks to the dry speech (after removing the overall gain);
//  - each word onset after a pause: its first 50 ms against webrtcdsp alone (a clipped onset is quieter);
//  - the delay each gate adds (cross-correlation with webrtcdsp alone) and its CPU time.
// One JSON line. With --write DIR, the outputs as WAV files (for spectrograms). For tuning the speech
// gate: ESTRADE_GATE_DEBUG=1 prints, per noise, how many of its 5 ms frames were taken for a voice, and
// ESTRADE_GATE_FRAMES=FILE writes a line per 5 ms frame: level (dBFS), periodicity, voiced, share under
// 1 kHz, share over 4 kHz, the voice's level, the high band's crest, open, pause still clear, knock.
#include "gst/noise_gate.hpp"
#include "gst/pipeline.hpp"
#include "gst/speech_gate.hpp"
#include "producer/pipelines.hpp"
#include "wav.hpp"

#include <CLI/CLI.hpp>
#include <gst/app/gstappsink.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <utility>
#include <vector>

using namespace estrade;
using Samples = std::vector<std::int16_t>;

namespace {

Samples webrtcdsp(const std::string& wav)
{
    const std::string caps = "audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=1";
    auto parsed = gst::Pipeline::parse("filesrc location=\"" + wav + "\" ! wavparse ! " + producer::audio_cleanup_chain() +
                                       " ! audioconvert ! " + caps + " ! appsink name=out sync=false");
    auto& pipeline = std::get<gst::Pipeline>(parsed);
    pipeline.play();
    gst::Element out = pipeline.element("out");
    Samples samples;
    while (gst::Sample sample{gst_app_sink_pull_sample(GST_APP_SINK(out.get())), gst::Ownership::adopt}) {
        GstMapInfo map;
        GstBuffer* buffer = gst_sample_get_buffer(sample.get());
        gst_buffer_map(buffer, &map, GST_MAP_READ);
        const auto* s = reinterpret_cast<const std::int16_t*>(map.data);
        samples.insert(samples.end(), s, s + map.size / 2);
        gst_buffer_unmap(buffer, &map);
    }
    pipeline.stop();
    return samples;
}

double thread_cpu_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// In 10 ms buffers, as webrtcdsp hands them to the probe.
// The speech gate also hears the microphone before webrtcdsp (`before`, the same sample clock), each
// buffer just before its cleaned counterpart, as attach_gate_side_chain gives it in the producer.
Samples gated(Samples samples, gst::SoundGate& gate, double& cpu_seconds, const Samples* before = nullptr)
{
    const double start = thread_cpu_seconds();
    auto* speech_gate = dynamic_cast<gst::SpeechGate*>(&gate);
    for (std::size_t at = 0; at < samples.size(); at += 480) {
        const std::size_t n = std::min<std::size_t>(480, samples.size() - at);
        if (speech_gate && before && at < before->size())
            speech_gate->listen_before_cleanup(std::span(*before).subspan(at, std::min(n, before->size() - at)), 1);
        gate.process(std::span(samples).subspan(at, n), 1);
    }
    cpu_seconds = thread_cpu_seconds() - start;
    return samples;
}

// The lag (samples) at which `b` best matches `a`, within ±max_lag, on a stretch of 4 s.
int lag_of(const Samples& a, const Samples& b, int max_lag)
{
    const std::size_t from = 48000, length = std::min<std::size_t>(4 * 48000, std::min(a.size(), b.size()) - 2 * 48000);
    double best = -1e300;
    int best_lag = 0;
    for (int lag = -max_lag; lag <= max_lag; ++lag) {
        double sum = 0;
        for (std::size_t i = from; i < from + length; i += 2)
            sum += static_cast<double>(a[i]) * b[static_cast<std::size_t>(static_cast<long>(i) + lag)];
        if (sum > best) {
            best = sum;
            best_lag = lag;
        }
    }
    return best_lag;
}

Samples shifted(const Samples& s, int lag)
{
    Samples out(s.size(), 0);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const long from = static_cast<long>(i) + lag;
        if (from >= 0 && from < static_cast<long>(s.size()))
            out[i] = s[static_cast<std::size_t>(from)];
    }
    return out;
}

constexpr std::size_t block = 480;  // 10 ms

std::vector<double> block_power(const Samples& s)
{
    std::vector<double> power;
    for (std::size_t at = 0; at + block <= s.size(); at += block) {
        double sum = 0;
        for (std::size_t i = at; i < at + block; ++i)
            sum += static_cast<double>(s[i]) * s[i];
        power.push_back(sum / block);
    }
    return power;
}

double level_db(const std::vector<double>& power, const std::vector<bool>& region)
{
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < std::min(power.size(), region.size()); ++i)
        if (region[i]) {
            sum += power[i];
            ++n;
        }
    if (n == 0)
        return NAN;
    return 10 * std::log10(std::max(sum / static_cast<double>(n), 1e-3) / (32768.0 * 32768.0));
}

void fft(std::vector<std::complex<double>>& a)
{
    const std::size_t n = a.size();
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j)
            std::swap(a[i], a[j]);
    }
    for (std::size_t len = 2; len <= n; len <<= 1) {
        const std::complex<double> w = std::polar(1.0, -2 * M_PI / static_cast<double>(len));
        for (std::size_t i = 0; i < n; i += len) {
            std::complex<double> wn = 1;
            for (std::size_t k = 0; k < len / 2; ++k, wn *= w) {
                const auto u = a[i + k], v = a[i + k + len / 2] * wn;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
            }
        }
    }
}

// Power spectrum (dB) of the 20 ms around block b, 100 Hz – 7 kHz.
std::vector<double> spectrum_db(const Samples& s, std::size_t b)
{
    constexpr std::size_t n = 1024, frame = 960;
    std::vector<std::complex<double>> a(n, 0.0);
    const long start = static_cast<long>(b * block) - 240;
    for (std::size_t i = 0; i < frame; ++i) {
        const long at = start + static_cast<long>(i);
        const double x = at >= 0 && at < static_cast<long>(s.size()) ? s[static_cast<std::size_t>(at)] : 0;
        a[i] = x * (0.5 - 0.5 * std::cos(2 * M_PI * static_cast<double>(i) / frame));
    }
    fft(a);
    std::vector<double> db;
    for (std::size_t k = 100 * n / 48000 + 1; k <= 7000 * n / 48000; ++k)
        db.push_back(10 * std::log10(std::norm(a[k]) + 1e3));
    return db;
}

// Per block of the region, the RMS difference (dB) across bins to the reference, the overall gain
// difference (one for the whole region) removed first. Their mean is the log-spectral distance.
std::vector<std::pair<std::size_t, double>> block_distances(const Samples& reference, const Samples& output,
                                                            const std::vector<bool>& region)
{
    std::vector<std::pair<std::size_t, std::vector<double>>> differences;
    double mean = 0;
    std::size_t count = 0;
    for (std::size_t b = 0; b < region.size(); ++b) {
        if (!region[b])
            continue;
        const auto r = spectrum_db(reference, b), o = spectrum_db(output, b);
        std::vector<double> d(r.size());
        for (std::size_t k = 0; k < r.size(); ++k) {
            d[k] = r[k] - o[k];
            mean += d[k];
            ++count;
        }
        differences.emplace_back(b, std::move(d));
    }
    std::vector<std::pair<std::size_t, double>> distances;
    if (!count)
        return distances;
    mean /= static_cast<double>(count);
    for (const auto& [b, d] : differences) {
        double sum = 0;
        for (double v : d)
            sum += (v - mean) * (v - mean);
        distances.emplace_back(b, std::sqrt(sum / static_cast<double>(d.size())));
    }
    return distances;
}

double log_spectral_distance(const Samples& reference, const Samples& output, const std::vector<bool>& region)
{
    const auto distances = block_distances(reference, output, region);
    if (distances.empty())
        return NAN;
    double total = 0;
    for (const auto& [b, d] : distances)
        total += d;
    return total / static_cast<double>(distances.size());
}

struct Labels {
    std::vector<bool> words, clean_words, between, under, pauses;
    // The first 100 ms of each noise that sounds 50 ms or more from any word: a knock's hit is short,
    // and "between" (150 ms from words) holds few of them.
    std::vector<bool> hits;
    std::vector<std::size_t> onsets;  // blocks where a word starts after ≥ 150 ms without words
};

Labels read_labels(const nlohmann::json& j, std::size_t blocks)
{
    Labels l;
    l.words.assign(blocks, false);
    std::vector<bool> noise(blocks, false);
    auto mark = [&](std::vector<bool>& v, double start, double end) {
        for (auto b = static_cast<std::size_t>(start * 100); b < std::min(blocks, static_cast<std::size_t>(std::ceil(end * 100))); ++b)
            v[b] = true;
    };
    double previous_end = -1;
    for (const auto& w : j["words"]) {
        mark(l.words, w[0], w[1]);
        if (w[0].get<double>() - previous_end >= 0.15)
            l.onsets.push_back(static_cast<std::size_t>(w[0].get<double>() * 100));
        previous_end = w[1];
    }
    for (const auto& e : j["events"])
        mark(noise, e["start"], e["end"]);
    l.hits.assign(blocks, false);
    for (const auto& e : j["events"]) {
        const double start = e["start"];
        bool clear = true;
        for (const auto& w : j["words"])
            clear = clear && (w[1].get<double>() < start - 0.05 || w[0].get<double>() > start + 0.15);
        if (clear)
            mark(l.hits, start, start + 0.1);
    }
    l.clean_words.assign(blocks, false);
    l.between.assign(blocks, false);
    l.under.assign(blocks, false);
    l.pauses.assign(blocks, false);
    for (std::size_t b = 0; b < blocks; ++b) {
        bool near_word = false;
        for (std::size_t k = b >= 15 ? b - 15 : 0; k < std::min(blocks, b + 16) && !near_word; ++k)
            near_word = l.words[k];
        l.clean_words[b] = l.words[b] && !noise[b];
        l.between[b] = noise[b] && !near_word;
        l.under[b] = noise[b] && l.words[b];
        l.pauses[b] = !noise[b] && !near_word;
    }
    return l;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"measure the producer's audio clean-up on one labelled corpus item"};
    std::string mix_path, dry_path, labels_path, write_dir;
    app.add_option("--mix", mix_path, "what the microphone hears")->required();
    app.add_option("--dry", dry_path, "the speech alone, dry (the spectral reference)")->required();
    app.add_option("--labels", labels_path)->required();
    app.add_option("--write", write_dir, "write each output here as a WAV file");
    CLI11_PARSE(app, argc, argv);
    gst::ensure_initialized();

    const auto mix = bench::read_wav(mix_path).samples;
    const auto dry = bench::read_wav(dry_path).samples;
    const Samples cleaned_raw = webrtcdsp(mix_path);
    // webrtcdsp's own delay, so that every output lines up with the labels.
    const int dsp_lag = lag_of(mix, cleaned_raw, 2400);
    const Samples cleaned = shifted(cleaned_raw, dsp_lag);

    gst::NoiseGate level_gate(48000);
    // For tuning (on seeds 1–14 only): GATE_ATTACK_MS=1 bench/noise-bench.sh 1 2 3 overrides that setting.
    gst::SpeechGateSettings tuning;
    using Settings = gst::SpeechGateSettings;
    const std::pair<const char*, double Settings::*> knobs[] = {
        {"GATE_PITCH_WINDOW_MS", &Settings::pitch_window_ms},
        {"GATE_LOOKAHEAD_MS", &Settings::lookahead_ms},
        {"GATE_ATTACK_MS", &Settings::attack_ms},
        {"GATE_RELEASE_MS", &Settings::release_ms},
        {"GATE_HOLD_MS", &Settings::hold_ms},
        {"GATE_VOICING", &Settings::voicing},
        {"GATE_FLOOR_DB", &Settings::floor_db},
        {"GATE_ONSET_LOW_SHARE", &Settings::onset_low_share},
        {"GATE_ONSET_PITCH_WINDOW_MS", &Settings::onset_pitch_window_ms},
        {"GATE_ONSET_VOICING", &Settings::onset_voicing},
        {"GATE_PREOPEN_LOW_SHARE", &Settings::preopen_low_share},
        {"GATE_PREOPEN_MS", &Settings::preopen_ms},
        {"GATE_PAUSE_HOLD_MS", &Settings::pause_hold_ms},
        {"GATE_PAPER_CREST", &Settings::paper_crest},
        {"GATE_WHISPER_HIGH_SHARE", &Settings::whisper_high_share},
        {"GATE_WHISPER_LOW_SHARE", &Settings::whisper_low_share},
        {"GATE_SIBILANT_MS", &Settings::sibilant_ms},
        {"GATE_ONSET_BELOW_VOICE_DB", &Settings::onset_below_voice_db},
        {"GATE_VOICED_LOW_SHARE", &Settings::voiced_low_share},
        {"GATE_SIBILANT_HIGH_SHARE", &Settings::sibilant_high_share},
        {"GATE_SIBILANT_CREST", &Settings::sibilant_crest},
        {"GATE_KNOCK_RELEASE_MS", &Settings::knock_release_ms},
        {"GATE_PAPER_RELEASE_MS", &Settings::paper_release_ms},
        {"GATE_PAPER_CLOSE_HIGH_SHARE", &Settings::paper_close_high_share},
        {"GATE_FAINT_BELOW_VOICE_DB", &Settings::faint_below_voice_db},
        {"GATE_FAINT_VOICING", &Settings::faint_voicing},
        {"GATE_KNOCK_FALL_DB", &Settings::knock_fall_db},
        {"GATE_KNOCK_RISE_DB", &Settings::knock_rise_db},
        {"GATE_KNOCK_SLOW_FALL_DB", &Settings::knock_slow_fall_db},
        {"GATE_KNOCK_BACK_DB", &Settings::knock_back_db},
        {"GATE_KNOCK_BACK_DIP_DB", &Settings::knock_back_dip_db},
        {"GATE_KNOCK_BACK_SHALLOW_DIP_DB", &Settings::knock_back_shallow_dip_db},
        {"GATE_KNOCK_DEEP_DB", &Settings::knock_deep_db},
        {"GATE_KNOCK_MEDIAN_RISE_DB", &Settings::knock_median_rise_db},
        {"GATE_KNOCK_BUILD_FALL_DB", &Settings::knock_build_fall_db},
        {"GATE_KNOCK_BUILD_STOP_DB", &Settings::knock_build_stop_db},
    };
    for (const auto& [name, setting] : knobs)
        if (const char* v = std::getenv(name))
            tuning.*setting = std::atof(v);
    if (const char* v = std::getenv("GATE_KNOCK_CHECK_FRAMES"))
        tuning.knock_check_frames = std::atoi(v);
    if (const char* v = std::getenv("GATE_KNOCK_BUILD_FRAMES"))
        tuning.knock_build_frames = std::atoi(v);
    if (const char* v = std::getenv("GATE_KNOCK_IN_PAUSE_HOLD"))
        tuning.knock_in_pause_hold = std::atoi(v) != 0;
    if (const char* v = std::getenv("GATE_KNOCK_PROBATION_FRAMES"))
        tuning.knock_probation_frames = std::atoi(v);
    if (const char* v = std::getenv("GATE_VOICED_WINDOW_FRAMES"))
        tuning.voiced_window_frames = std::atoi(v);
    if (const char* v = std::getenv("GATE_VOICED_FRAMES"))
        tuning.voiced_frames = std::atoi(v);
    if (const char* v = std::getenv("GATE_ONSET_VOICED_FRAMES"))
        tuning.onset_voiced_frames = std::atoi(v);
    gst::SpeechGate speech_gate(48000, tuning);
    speech_gate.keep_frames(std::getenv("ESTRADE_GATE_DEBUG") != nullptr);
    double level_cpu = 0, speech_cpu = 0;
    const Samples level_raw = gated(cleaned_raw, level_gate, level_cpu);
    const Samples speech_raw = gated(cleaned_raw, speech_gate, speech_cpu, &mix);
    const int level_lag = lag_of(cleaned_raw, level_raw, 2400);
    const int speech_lag = lag_of(cleaned_raw, speech_raw, 2400);
    const double seconds = static_cast<double>(mix.size()) / 48000;

    std::ifstream labels_file(labels_path);
    const auto labels_json = nlohmann::json::parse(labels_file);
    const auto labels = read_labels(labels_json, mix.size() / block);
    const auto cleaned_power = block_power(cleaned);
    const double cleaned_words = level_db(cleaned_power, labels.clean_words);
    auto measure = [&](const Samples& s) {
        const auto power = block_power(s);
        const double words = level_db(power, labels.clean_words);
        nlohmann::json onset_db = nlohmann::json::array();
        for (std::size_t b : labels.onsets) {
            std::vector<bool> first(power.size(), false);
            for (std::size_t k = b; k < std::min(power.size(), b + 5); ++k)
                first[k] = true;
            onset_db.push_back(level_db(power, first) - level_db(cleaned_power, first));
        }
        return nlohmann::json{{"words_dbfs", words},
                              {"words_vs_webrtcdsp_db", words - cleaned_words},
                              {"between_vs_words_db", level_db(power, labels.between) - words},
                              {"hits_vs_words_db", level_db(power, labels.hits) - words},
                              {"under_vs_words_db", level_db(power, labels.under) - words},
                              {"pauses_dbfs", level_db(power, labels.pauses)},
                              {"lsd_db", log_spectral_distance(dry, s, labels.clean_words)},
                              {"onsets_vs_webrtcdsp_db", onset_db}};
    };
    nlohmann::json result{{"seconds", seconds},
                          {"input", measure(mix)},
                          {"webrtcdsp", measure(cleaned)},
                          {"level_gate", measure(shifted(level_raw, dsp_lag + level_lag))},
                          {"speech_gate", measure(shifted(speech_raw, dsp_lag + speech_lag))}};
    result["webrtcdsp"]["delay_ms"] = dsp_lag / 48.0;
    result["level_gate"]["added_delay_ms"] = level_lag / 48.0;
    result["speech_gate"]["added_delay_ms"] = speech_lag / 48.0;
    result["level_gate"]["cpu_percent"] = 100 * level_cpu / seconds;
    result["speech_gate"]["cpu_percent"] = 100 * speech_cpu / seconds;
    nlohmann::json onset_at = nlohmann::json::array();  // seconds: to find a clipped onset in the mix
    for (std::size_t b : labels.onsets)
        onset_at.push_back(static_cast<double>(b) / 100);
    result["onsets_at_s"] = onset_at;
    result["kind"] = labels_json["kind"];
    result["snr_db"] = labels_json["snr_db"];
    result["seed"] = labels_json["seed"];
    if (!write_dir.empty()) {
        bench::write_wav(write_dir + "/webrtcdsp.wav", {48000, cleaned_raw});
        bench::write_wav(write_dir + "/level-gate.wav", {48000, level_raw});
        bench::write_wav(write_dir + "/speech-gate.wav", {48000, speech_raw});
    }
    if (std::getenv("ESTRADE_GATE_DEBUG")) {
        // Per noise: how many of its 5 ms frames the gate took for a voice, and the strongest periodicity.
        const auto& frames = speech_gate.frames();
        if (const char* dump = std::getenv("ESTRADE_GATE_FRAMES")) {
            std::ofstream out(dump);
            for (const auto& f : frames)
                out << f.level_dbfs << " " << f.periodicity << " " << f.voiced << " " << f.low_share << " " << f.high_share << " " << f.voice_dbfs << " " << f.high_crest << " " << f.open << " " << f.pause_clear << " " << f.knock << "\n";
        }
        for (const auto& e : labels_json["events"]) {
            const auto from = static_cast<std::size_t>(e["start"].get<double>() * 200);
            const auto to = std::min(frames.size(), static_cast<std::size_t>(e["end"].get<double>() * 200));
            int voiced = 0;
            double strongest = 0, loudest = -200;
            for (std::size_t f = from; f < to; ++f) {
                voiced += frames[f].voiced;
                strongest = std::max(strongest, frames[f].periodicity);
                loudest = std::max(loudest, frames[f].level_dbfs);
            }
            std::cerr << e["kind"].get<std::string>() << " " << e["start"].get<double>() << "–" << e["end"].get<double>()
                      << ": voiced " << voiced << "/" << (to - from) << ", periodicity max " << strongest << ", level max "
                      << loudest << " dBFS\n";
        }
    }
    // ESTRADE_LSD_DEBUG: the word blocks that add most to the speech gate's distance over webrtcdsp's,
    // with their gain. The distance removes one gain for the whole item, so a block turned down 30 dB
    // (the start of a word the gate opened late on) adds ~30 dB / blocks to it on its own.
    if (std::getenv("ESTRADE_LSD_DEBUG")) {
        const Samples gated_out = shifted(speech_raw, dsp_lag + speech_lag);
        const auto gated_power = block_power(gated_out);
        const auto before = block_distances(dry, cleaned, labels.clean_words);
        const auto after = block_distances(dry, gated_out, labels.clean_words);
        std::vector<std::pair<double, std::size_t>> excess;
        double total = 0;
        for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
            const double e = (after[i].second - before[i].second) / static_cast<double>(before.size());
            total += e;
            excess.emplace_back(e, before[i].first);
        }
        std::sort(excess.rbegin(), excess.rend());
        for (std::size_t i = 0; i < std::min<std::size_t>(40, excess.size()) && excess[i].first > 0.0003; ++i) {
            const std::size_t b = excess[i].second;
            const double gain = 10 * std::log10((gated_power[b] + 1e-9) / (cleaned_power[b] + 1e-9));
            std::cerr << "block " << b / 100.0 << " s: adds " << excess[i].first << " dB, gain " << gain << " dB\n";
        }
        std::cerr << "blocks " << before.size() << ", distance over webrtcdsp's " << total << " dB\n";
    }
    std::cout << result.dump() << std::endl;
    return 0;
}
