// Floor bench, mouth to ears: a room holding the floor (its talkback, microphone = a chirp a second) and
// another room playing the speaker stream, with the relay and the producer, all on loopback with SRT
// latency 120 ms on every leg, in one process so every time is read on one clock:
//   mouth  = the chirp leaving the room's clean-up chain (after webrtcdsp and the gate, into Opus)
//   hall   = the chirp reaching the producer's hall output (after the inter channel, before the device)
//   room   = the chirp reaching the other room's loudspeaker sink (after AAC decoding, sync=false as the viewer)
// The devices' own buffers come on top (ALSA/Pulse: typically 20–50 ms). Prints one JSON line.
//   bench_floor_latency [--seconds N]
#include "producer/producer.hpp"
#include "relay/relay_fixture.hpp"
#include "viewer/talkback.hpp"

#include "config/event_file.hpp"
#include "gst/sound_meter.hpp"
#include "gst/stream_player.hpp"
#include "qa/connection.hpp"
#include "qa/keys.hpp"
#include "support/temp_dir.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <thread>

using namespace estrade;
using namespace std::chrono_literals;
using Clock = gst::SoundMeter::Clock;

namespace {

config::Event write_event(const testing::TempDir& dir, std::uint16_t relay_port)
{
    const auto file = dir.path() / "event.toml";
    std::ofstream(file) << "[event]\nid = \"demo\"\ntitle = \"Bench\"\nhost_site = \"merdrignac\"\n"
                        << "[relay]\nurl = \"srt://127.0.0.1:" << relay_port << "\"\nlatency_ms = 120\n"
                        << "[producer]\npassphrase = \"" << testing::producer_passphrase << "\"\n"
                        << "resolution = \"320x180\"\ncontrol = \"tcp://127.0.0.1:0\"\nmicrophone = \"file:"
                        << (dir.path() / "silence.wav").string() << "\"\n"
                        << "hall_output = \"file:" << (dir.path() / "hall.wav").string() << "\"\n"
                        << "[[talk]]\nspeaker = \"S\"\ntitle = \"T\"\n"
                        << "[[site]]\nid = \"loudeac\"\nname = \"Loudéac\"\npassphrase = \"loudeac-secret-42\"\n"
                        << "[[site]]\nid = \"merdrignac\"\nname = \"Merdrignac\"\npassphrase = \"merdrignac-secret-42\"\n";
    for (const char* owner : {qa::producer_key_owner, qa::moderator_key_owner})
        qa::write_key_pair(dir.path() / "keys", owner, qa::generate_key_pair());
    return std::get<config::Event>(config::load_event_file(file));
}

// For each mouth onset, the first ear onset after it (within 2 s), in ms.
std::vector<double> delays(const std::vector<Clock::time_point>& mouth, const std::vector<Clock::time_point>& ears)
{
    std::vector<double> out;
    for (const auto& m : mouth) {
        auto it = std::find_if(ears.begin(), ears.end(), [&](const auto& e) { return e > m; });
        if (it != ears.end() && *it - m < 2s)
            out.push_back(std::chrono::duration<double, std::milli>(*it - m).count());
    }
    return out;
}

nlohmann::json summary(std::vector<double> values)
{
    if (values.empty())
        return {{"n", 0}};
    std::sort(values.begin(), values.end());
    auto at = [&](double q) { return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))]; };
    return {{"n", values.size()}, {"p50_ms", at(0.5)}, {"p95_ms", at(0.95)}, {"max_ms", values.back()}};
}

}  // namespace

int main(int argc, char** argv)
{
    int seconds = 20;
    CLI::App app{"floor bench: mouth to ears over the relay"};
    app.add_option("--seconds", seconds, "how long the room holds the floor");
    CLI11_PARSE(app, argc, argv);

    testing::TempDir dir;
    const auto chirp = dir.path() / "chirp.wav";
    const std::string make = "sox -n -r 48000 -c 1 -b 16 '" + chirp.string() +
                             "' synth 0.1 sine 400-3000 vol 0.7 pad 0 0.9 && sox -n -r 48000 -c 1 -b 16 '" +
                             (dir.path() / "silence.wav").string() + "' trim 0 5";
    if (std::system(make.c_str()) != 0)
        return 2;
    testing::RelayFixture relay(testing::relay_options({"loudeac", "merdrignac"}));
    const auto event = write_event(dir, relay.server.port());

    gst::SoundMeter hall, room, mouth;  // outlive everything they are attached to
    hall.record_onsets(true);
    room.record_onsets(true);
    producer::ProducerOptions options;
    options.hall_meter = &hall;
    auto started = producer::Producer::start(event, options);
    if (auto* problem = std::get_if<std::string>(&started)) {
        std::fprintf(stderr, "%s\n", problem->c_str());
        return 1;
    }
    auto& host = *std::get<std::unique_ptr<producer::Producer>>(started);
    std::atomic<bool> stop{false};
    std::thread host_thread([&] { host.run(stop); });

    gst::PlayerSettings other;
    other.caller = srt::caller_settings(event, "speaker", srt::StreamMode::play, "merdrignac");
    other.audio_sink = "identity name=ears ! fakesink sync=false";
    other.start_now = false;
    gst::StreamPlayer merdrignac(other);
    room.attach(merdrignac.element("ears").get());
    merdrignac.start();

    zmq::context_t context;
    zmq::socket_t control(context, zmq::socket_type::req);
    control.set(zmq::sockopt::rcvtimeo, 3000);
    qa::apply_client_security(control, qa::producer_control_client_auth(event));
    control.connect(host.control_endpoint());
    control.send(zmq::str_buffer("floor loudeac"));
    zmq::message_t reply;
    (void)control.recv(reply);

    std::vector<Clock::time_point> mouth_onsets;
    double programme_peak = -100, return_peak = -100;
    {
        viewer::TalkbackSettings talkback;
        talkback.event = event;
        talkback.site = "loudeac";
        talkback.microphone = config::parse_room_microphone("file:" + chirp.string()).value();
        talkback.speakers = "fakesink sync=false";
        viewer::Talkback loudeac(talkback);
        loudeac.microphone_meter().record_onsets(true);
        // Mix-minus: the chirp's loudest in the programme (the other room) against the loudest in what the
        // floor room's own loudspeakers play (the return), sampled every 20 ms after the first 3 s.
        const auto end = Clock::now() + std::chrono::seconds(seconds);
        while (Clock::now() < end) {
            std::this_thread::sleep_for(20ms);
            if (end - Clock::now() < std::chrono::seconds(seconds - 3)) {
                programme_peak = std::max(programme_peak, room.level_db());
                return_peak = std::max(return_peak, loudeac.return_meter().level_db());
            }
        }
        mouth_onsets = loudeac.microphone_meter().onsets();
    }
    stop = true;
    host_thread.join();

    // The first two seconds are the connections starting: not counted.
    const auto settled = mouth_onsets.empty() ? Clock::time_point{} : mouth_onsets.front() + 2s;
    std::erase_if(mouth_onsets, [&](const auto& t) { return t < settled; });
    nlohmann::json out{{"bench", "floor-latency"},
                       {"srt_latency_ms", 120},
                       {"chirps", mouth_onsets.size()},
                       {"mouth_to_hall", summary(delays(mouth_onsets, hall.onsets()))},
                       {"mouth_to_other_room", summary(delays(mouth_onsets, room.onsets()))},
                       {"programme_peak_dbfs", programme_peak},
                       {"floor_room_plays_peak_dbfs", return_peak},
                       {"mix_minus_db", programme_peak - return_peak}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
