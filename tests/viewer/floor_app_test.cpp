// The floor as the rooms live it, with the real programs: relay, broker, producer (hall output to a
// file) and two rooms' estrade-viewer under Xvfb. Loudéac asks to speak, the moderator gives it the
// floor; Loudéac's microphone (an espeak-ng sentence) is found in Merdrignac's sound and in the hall,
// and never in what Loudéac's own loudspeakers play; the screens say so.
#include "qa/connection.hpp"

#include "config/event_file.hpp"
#include "support/ports.hpp"
#include "support/process.hpp"
#include "support/sound.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <algorithm>
#include <fstream>
#include <thread>

using namespace estrade;
using namespace std::chrono_literals;
using testing::Process;

namespace {

struct Ports {
    std::uint16_t relay = testing::free_port(SOCK_DGRAM);
    std::uint16_t stats = testing::free_port(SOCK_STREAM);
    std::uint16_t requests = testing::free_port(SOCK_STREAM);
    std::uint16_t updates = testing::free_port(SOCK_STREAM);
    std::uint16_t control = testing::free_port(SOCK_STREAM);
};

std::filesystem::path write_event(const testing::TempDir& dir, const Ports& p)
{
    const auto file = dir.path() / "event.toml";
    const auto tcp = [](std::uint16_t port) { return "\"tcp://127.0.0.1:" + std::to_string(port) + "\""; };
    std::ofstream(file) << "[event]\nid = \"demo\"\ntitle = \"Démo métiers\"\nhost_site = \"brest\"\n"
                        << "[relay]\nlisten = \"127.0.0.1:" << p.relay << "\"\nurl = \"srt://127.0.0.1:" << p.relay
                        << "\"\nlatency_ms = 120\nstats_listen = \"127.0.0.1:" << p.stats << "\"\n"
                        << "[qa]\nlisten = " << tcp(p.requests) << "\nurl = " << tcp(p.requests)
                        << "\npublish = " << tcp(p.updates) << "\npublish_url = " << tcp(p.updates)
                        << "\ndatabase = \"questions.sqlite\"\nkeys = \"keys\"\n"
                        << "[producer]\npassphrase = \"producer-secret-123\"\nresolution = \"320x180\"\n"
                        << "control = " << tcp(p.control) << "\ncontrol_url = " << tcp(p.control) << "\n"
                        << "hall_output = \"file:hall.wav\"\n"
                        << "[[talk]]\nspeaker = \"Claire Le Bihan\"\ntitle = \"Une journée en commissariat\"\n"
                        << "[[site]]\nid = \"loudeac\"\nname = \"Loudéac\"\npassphrase = \"loudeac-secret-42\"\n"
                        << "[[site]]\nid = \"merdrignac\"\nname = \"Merdrignac\"\npassphrase = \"merdrignac-secret-42\"\n"
                        << "[[site]]\nid = \"brest\"\nname = \"Brest\"\npassphrase = \"brest-secret-4242\"\n";
    return file;
}

// Starts a server and waits for its ready line.
std::unique_ptr<Process> start(std::vector<std::string> argv, const std::string& ready)
{
    auto process = testing::start_server(std::move(argv), ready);
    REQUIRE(process);
    return process;
}

std::unique_ptr<Process> viewer(const std::filesystem::path& event_file, const std::string& site,
                                const testing::TempDir& dir, std::vector<std::string> extra)
{
    std::vector<std::string> argv{"/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1024x768x24", "/usr/bin/env", "-u",
                                  "QT_QPA_PLATFORM", ESTRADE_VIEWER_BIN, "--event", event_file.string(), "--site",
                                  site, "--journal", (dir.path() / (site + ".sqlite")).string(), "--size", "640x360"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return std::make_unique<Process>(std::move(argv));
}

bool room_stream_live(const Ports& ports)
{
    httplib::Client client("127.0.0.1", ports.stats);
    auto response = client.Get("/stats");
    if (!response || response->status != 200)
        return false;
    const auto stats = nlohmann::json::parse(response->body);
    for (const auto& s : stats["streams"])
        if (s.value("stream", "") == "demo/room-loudeac")
            return s.value("publishing", false);
    return false;
}

nlohmann::json read_json(const std::filesystem::path& file)
{
    std::ifstream in(file);
    return nlohmann::json::parse(in);
}

template <typename Condition>
bool within(std::chrono::milliseconds limit, Condition condition)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition())
            return true;
        std::this_thread::sleep_for(50ms);
    }
    return condition();
}

}  // namespace

TEST_CASE("a room asks to speak and is given the floor: another room and the hall hear it, it never hears itself")
{
    testing::TempDir dir;
    const Ports ports;
    const auto event_file = write_event(dir, ports);
    const auto voice_file = testing::spoken_sentence(dir.path(), "Bonjour, ici Loudéac. Quelle formation faut-il pour devenir gendarme ?");
    REQUIRE(testing::run({ESTRADE_QA_BIN, "keys", "--event", event_file.string()}).first == 0);
    auto broker = start({ESTRADE_QA_BIN, "serve", "--event", event_file.string()}, "serving");
    auto relay = start({ESTRADE_RELAY_BIN, "--event", event_file.string()}, "relay port=");
    auto producer = start({ESTRADE_PRODUCER_BIN, "--event", event_file.string()}, "producer control=");

    const auto loudeac_grab = dir.path() / "loudeac.png";
    // A second look 3 s later: the 4.8 s sentence loops with 1.5 s of padding (plus espeak-ng's own edges and
    // the loop's seek, ~1.8 s of silence), and the meter holds a peak for only 0.3 s, so one grab can fall
    // where the room is silent. Two 1.2 s apart both did, once in CI; 3 s apart they cannot.
    const auto loudeac_later = dir.path() / "loudeac-later.png";
    const auto merdrignac_grab = dir.path() / "merdrignac.png";
    auto loudeac = viewer(event_file, "loudeac", dir,
                          {"--microphone", "file:" + voice_file.string(), "--return-sound-out",
                           (dir.path() / "loudeac-plays.wav").string(), "--sound-out",
                           (dir.path() / "loudeac-programme.wav").string(), "--questions", "--grab",
                           loudeac_grab.string() + "@14", "--grab", loudeac_later.string() + "@17",
                           "--quit-after", "34"});
    auto merdrignac = viewer(event_file, "merdrignac", dir,
                             {"--sound-out", (dir.path() / "merdrignac.wav").string(), "--grab",
                              merdrignac_grab.string() + "@14", "--quit-after", "34"});
    std::this_thread::sleep_for(5s);  // both rooms up, their channels connected

    // Loudéac asks to speak; a site cannot take the floor itself; the moderator gives it.
    const auto [asked, id] = testing::run({ESTRADE_QA_BIN, "ask-aloud", "--event", event_file.string(), "--site",
                                           "loudeac", "--json", "Une question sur la formation"});
    REQUIRE(asked == 0);
    const auto question = nlohmann::json::parse(id)["question"]["id"].get<std::int64_t>();
    CHECK(testing::run({ESTRADE_QA_BIN, "floor", "--event", event_file.string(), "--site", "loudeac", "loudeac"}).first == 1);
    REQUIRE(testing::run({ESTRADE_QA_BIN, "floor", "--event", event_file.string(), "#" + std::to_string(question)}).first == 0);
    // What the console does on seeing it: tell the producer.
    REQUIRE(testing::run({ESTRADE_PRODUCER_BIN, "--event", event_file.string(), "control", "floor", "loudeac"}).first == 0);

    CHECK(within(5s, [&] { return room_stream_live(ports); }));  // Loudéac's microphone is on the relay
    std::this_thread::sleep_for(12s);  // the sentence twice in the rooms
    // The grabs count from the window's start, which a loaded machine delays by seconds: the floor is
    // kept until the second one is taken (once in CI it came after the floor was taken back, and the
    // first in the silence between two loops of the sentence).
    CHECK(within(20s, [&] { return std::filesystem::exists(loudeac_later.string() + ".json"); }));

    // The floor taken back: Loudéac's stream is gone from the relay within a second or so.
    REQUIRE(testing::run({ESTRADE_QA_BIN, "floor", "--event", event_file.string(), "none"}).first == 0);
    const auto taken_back = std::chrono::steady_clock::now();
    CHECK(within(3s, [&] { return !room_stream_live(ports); }));
    const std::chrono::duration<double> gone_after = std::chrono::steady_clock::now() - taken_back;
    std::fprintf(stderr, "floor app: the room's stream left the relay %.2f s after the floor was taken back\n",
                 gone_after.count());
    REQUIRE(testing::run({ESTRADE_PRODUCER_BIN, "--event", event_file.string(), "control", "floor", "none"}).first == 0);
    const auto merdrignac_at_end = std::filesystem::file_size(dir.path() / "merdrignac.wav");
    CHECK(loudeac->wait(40s) == 0);  // each quits by itself (--quit-after)
    CHECK(merdrignac->wait(40s) == 0);
    producer->signal(SIGTERM);
    CHECK(producer->wait(20s) == 0);

    const auto voice = testing::read_s16(voice_file);
    auto merdrignac_sound = testing::read_s16(dir.path() / "merdrignac.wav");
    const std::vector<float> during(merdrignac_sound.begin(),
                                    merdrignac_sound.begin() + static_cast<long>(merdrignac_at_end / 2));
    // "After" from 3 s past the file's size when the floor was taken back: taken back mid-sentence, the last
    // words are still on their way (relay, playback buffer, filesink's 64 KB), and from 1 s past it they
    // correlated 0.15-0.18.
    const std::vector<float> after(merdrignac_sound.begin() + static_cast<long>(merdrignac_at_end / 2 + 3 * 48000),
                                   merdrignac_sound.end());
    const auto heard = testing::find_sound(voice, during);
    const auto heard_after = testing::find_sound(voice, after);
    const auto hall = testing::find_sound(voice, testing::read_s16(dir.path() / "hall.wav"));
    const auto itself = testing::find_sound(voice, testing::read_s16(dir.path() / "loudeac-plays.wav"));
    std::fprintf(stderr, "floor app: merdrignac %.3f, hall %.3f, loudeac's own loudspeakers %.3f, merdrignac after "
                         "the floor %.3f\n", heard.correlation, hall.correlation, itself.correlation,
                 heard_after.correlation);
    // Heard: 0.22–0.80 over fifteen runs of this test (the room's echo canceller, fed the host's ticks as
    // its reference, chops the voice differently each run); not heard: 0.05–0.06. 0.2 keeps them apart.
    CHECK(heard.correlation > 0.2);
    CHECK(hall.correlation > 0.2);
    CHECK(itself.correlation < 0.15);
    CHECK(heard_after.correlation < 0.15);

    // The screens: Loudéac's big sign and its live microphone; Merdrignac's strip names who speaks.
    const auto loudeac_said = read_json(loudeac_grab.string() + ".json");
    CHECK(loudeac_said["have_floor"] == true);
    CHECK(loudeac_said["items"]["floorHeadline"]["visible"] == true);
    const auto loudeac_later_said = read_json(loudeac_later.string() + ".json");
    std::fprintf(stderr, "floor app: loudeac's microphone meter %.1f dB at 14 s, %.1f dB at 17 s\n",
                 loudeac_said["microphone_level_db"].get<double>(), loudeac_later_said["microphone_level_db"].get<double>());
    CHECK(std::max(loudeac_said["microphone_level_db"].get<double>(),
                   loudeac_later_said["microphone_level_db"].get<double>()) > -100);
    const auto merdrignac_said = read_json(merdrignac_grab.string() + ".json");
    CHECK(merdrignac_said["have_floor"] == false);
    CHECK(merdrignac_said["items"]["floorHolder"]["text"] == "Loudéac has the floor");
    CHECK(merdrignac_said["items"]["floorHeadline"]["visible"] == false);
}
