// Echo bench (the floor): what a room holding the floor sends when its microphone also picks up its own
// loudspeakers. The loudspeakers play the speaker's voice (espeak-ng); the microphone hears that voice
// DELAY ms later at −10 dB, plus a room voice in the gaps between the speaker's sentences. The room's real
// clean-up chain (viewer/talkback.cpp: webrtcdsp with its echo probe on the playback, same pipeline and
// rate, and the noise gate) runs in real time with and without the echo canceller; the levels (RMS, dBFS)
// of what it sends are compared in the speaker's sentences (echo) and in the room's (voice).
// With --host, the host room's side instead: the hall plays the floor room, the host microphone hears it
// (producer::audio_cleanup_chain with its hall probe, 48 kHz) plus the speaker in the gaps.
//   bench_echo DIR [--host] [--delay-ms N]...   (bench/floor-bench.sh runs both)
#include "producer/element_names.hpp"
#include "producer/pipelines.hpp"
#include "viewer/talkback.hpp"

#include "gst/gate_probe.hpp"
#include "gst/launch.hpp"
#include "gst/noise_gate.hpp"
#include "gst/pipeline.hpp"
#include "support/sound.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <thread>

using namespace estrade;
namespace fs = std::filesystem;

namespace {

double rms_db(const std::vector<float>& samples, double from_s, double to_s, int rate)
{
    const auto a = static_cast<std::size_t>(from_s * rate);
    const auto b = std::min(samples.size(), static_cast<std::size_t>(to_s * rate));
    double sum = 0;
    for (std::size_t i = a; i < b; ++i)
        sum += static_cast<double>(samples[i]) * samples[i];
    return b > a ? 10 * std::log10(std::max(1e-10, sum / static_cast<double>(b - a))) : -100;
}

// Which chain: the room's microphone (viewer) or the host's (producer).
struct Chain {
    std::string probe;    // the webrtcechoprobe's name the canceller looks for
    std::string caps;     // the probe's sound (the canceller's rate)
    std::string cleanup;  // microphone to the gate's identity
    std::string gate;     // that identity's name
    int rate = 16000;
};

Chain chain_for(bool host, bool echo_cancel)
{
    if (host)
        return {producer::names::hall_probe, producer::floor_sound_caps(), producer::audio_cleanup_chain(echo_cancel),
                producer::names::speaker_gate, producer::audio_cleanup_rate};
    return {"room-probe", viewer::room_sound_caps(), viewer::room_voice_cleanup(echo_cancel), "room-gate", 16000};
}

// Runs the room's chain live, as in a room: one feeder plays the loudspeakers' sound and the microphone's
// (the two channels of one file, so they stay aligned) into inter channels; the chain's pipeline reads
// them with live sources (the echo probe needs a live pipeline's latency), and writes what it sends to out.
bool run_chain(const fs::path& both, const fs::path& out, const Chain& c, double seconds)
{
    using gst::quoted;
    auto feeder = gst::Pipeline::parse("filesrc location=" + quoted(both.string()) +
                                       " ! wavparse ! deinterleave name=d d.src_0 ! queue ! interaudiosink "
                                       "channel=echo-far d.src_1 ! queue ! interaudiosink channel=echo-mic");
    const std::string timing = " period-time=10000000 latency-time=40000000 ";
    auto chain = gst::Pipeline::parse(
        "interaudiosrc channel=echo-far" + timing + "! audioconvert ! audioresample ! " + c.caps +
        " ! webrtcechoprobe name=" + c.probe + " ! fakesink sync=false "
        "interaudiosrc channel=echo-mic" + timing + "! " + c.cleanup +
        " ! wavenc ! filesink sync=false location=" + quoted(out.string()));
    for (auto* parsed : {&feeder, &chain})
        if (auto* error = std::get_if<std::string>(parsed)) {
            std::fprintf(stderr, "%s\n", error->c_str());
            return false;
        }
    auto& feed = std::get<gst::Pipeline>(feeder);
    auto& room = std::get<gst::Pipeline>(chain);
    gst::NoiseGate gate(c.rate);
    gst::attach_gate(room.element(c.gate.c_str()).get(), gate);
    if (auto problem = room.play()) {
        std::fprintf(stderr, "%s\n", problem->message.c_str());
        return false;
    }
    if (auto problem = feed.play()) {
        std::fprintf(stderr, "%s\n", problem->message.c_str());
        return false;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds + 0.5));
    feed.stop();
    room.stop();
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    std::string dir;
    std::vector<int> delays{20, 40, 60};
    bool host = false;
    CLI::App app{"echo bench: the room's clean-up chain with and without its echo canceller"};
    app.add_option("dir", dir, "a working folder (voices are made there)")->required();
    app.add_option("--delay-ms", delays, "loudspeaker-to-microphone delays");
    app.add_flag("--host", host, "the host room's chain (the hall plays the floor room) instead of a room's");
    CLI11_PARSE(app, argc, argv);
    gst::ensure_initialized();
    const fs::path work(dir);
    // The speaker (far) at 0–4, 10–14, 20–24 s; the room's voice (near) at 5–9 and 15–19 s; 25 s in all.
    const std::string make =
        "cd '" + work.string() + "' && "
        "espeak-ng -v fr -s 150 -w s.wav \"Je travaille en brigade territoriale depuis dix ans, avec des horaires variables.\" && "
        "espeak-ng -v fr+f3 -s 140 -w r.wav \"Bonjour, ici Loudéac, combien de temps dure la formation ?\" && "
        // Each voice in a 10 s block (cut to 4 s, padded, cut to 10 s), the block three times, cut to 25 s.
        "sox s.wav -r 16000 -c 1 -b 16 s10.wav trim 0 4 pad 0 10 trim 0 10 && "
        "sox r.wav -r 16000 -c 1 -b 16 r10.wav trim 0 4 pad 5 10 trim 0 10 && "
        "sox s10.wav s10.wav s10.wav far.wav trim 0 25 && sox r10.wav r10.wav r10.wav near-both.wav trim 0 25";
    if (std::system(make.c_str()) != 0) {
        std::fprintf(stderr, "making the voices failed (espeak-ng, sox)\n");
        return 2;
    }
    for (int delay : delays) {
        // The microphone: the room's voice, plus the loudspeakers DELAY ms later at −10 dB.
        const auto mic = work / ("mic-" + std::to_string(delay) + ".wav");
        const std::string mix = "cd '" + work.string() + "' && sox -m near-both.wav \"|sox far.wav -p pad " +
                                std::to_string(delay / 1000.0) + " vol 0.316\" '" + mic.string() + "' trim 0 25";
        if (std::system(mix.c_str()) != 0)
            return 2;
        const auto both = work / ("both-" + std::to_string(delay) + ".wav");
        if (std::system(("sox -M '" + (work / "far.wav").string() + "' '" + mic.string() + "' '" + both.string() + "'")
                            .c_str()) != 0)
            return 2;
        nlohmann::json row{{"delay_ms", delay}, {"side", host ? "host" : "room"}};
        for (bool cancel : {false, true}) {
            const auto out = work / ("out-" + std::to_string(delay) + (cancel ? "-aec" : "-plain") + ".wav");
            const auto c = chain_for(host, cancel);
            if (!run_chain(both, out, c, 25))
                return 1;
            const auto sent = testing::read_s16(out);
            const int rate = c.rate;
            // The echo, once the canceller has had the first sentence to learn: the speaker's 2nd and 3rd.
            const double echo = 10 * std::log10((std::pow(10, rms_db(sent, 10.5, 13.5, rate) / 10) +
                                                 std::pow(10, rms_db(sent, 20.5, 23.5, rate) / 10)) / 2);
            const double voice = 10 * std::log10((std::pow(10, rms_db(sent, 5.2, 8.5, rate) / 10) +
                                                  std::pow(10, rms_db(sent, 15.2, 18.5, rate) / 10)) / 2);
            row[cancel ? "with" : "without"] = {{"echo_dbfs", echo}, {"voice_dbfs", voice}};
        }
        row["echo_reduction_db"] = row["without"]["echo_dbfs"].get<double>() - row["with"]["echo_dbfs"].get<double>();
        row["voice_change_db"] = row["with"]["voice_dbfs"].get<double>() - row["without"]["voice_dbfs"].get<double>();
        std::printf("%s\n", row.dump().c_str());
        std::fflush(stdout);
    }
    return 0;
}
