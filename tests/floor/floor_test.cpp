// The floor's sound path with the real parts, in one process: a relay on loopback, the producer, a room
// holding the floor (its talkback: microphone from an espeak-ng sentence, echo-cancelled, Opus over SRT)
// and another room playing the speaker stream. The sentence is found again by cross-correlation.
#include "producer/producer.hpp"
#include "relay/relay_fixture.hpp"
#include "viewer/talkback.hpp"

#include "config/event_file.hpp"
#include "gst/stream_player.hpp"
#include "qa/connection.hpp"
#include "qa/keys.hpp"
#include "support/sound.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <fstream>
#include <thread>

using namespace estrade;
using namespace std::chrono_literals;

namespace {

config::Event floor_event(const testing::TempDir& dir, std::uint16_t relay_port)
{
    const auto file = dir.path() / "event.toml";
    std::ofstream(file) << "[event]\nid = \"demo\"\ntitle = \"Démo\"\nhost_site = \"merdrignac\"\n"
                        << "[relay]\nurl = \"srt://127.0.0.1:" << relay_port << "\"\nlatency_ms = 120\n"
                        << "[producer]\npassphrase = \"" << testing::producer_passphrase << "\"\n"
                        << "resolution = \"320x180\"\ncontrol = \"tcp://127.0.0.1:0\"\n"
                        << "hall_output = \"file:" << (dir.path() / "hall.wav").string() << "\"\n"
                        << "[[talk]]\nspeaker = \"Claire Le Bihan\"\ntitle = \"Une journée en commissariat\"\n"
                        << "[[site]]\nid = \"loudeac\"\nname = \"Loudéac\"\npassphrase = \"loudeac-secret-42\"\n"
                        << "[[site]]\nid = \"merdrignac\"\nname = \"Merdrignac\"\npassphrase = \"merdrignac-secret-42\"\n";
    for (const char* owner : {qa::producer_key_owner, qa::moderator_key_owner})
        qa::write_key_pair(dir.path() / "keys", owner, qa::generate_key_pair());
    auto loaded = config::load_event_file(file);
    if (auto* errors = std::get_if<config::EventFileErrors>(&loaded))
        FAIL(errors->front().to_string());
    return std::get<config::Event>(loaded);
}

// A room's loudspeakers, as a file (paced like a real device, so the echo canceller's timing holds).
std::string speakers_file(const std::filesystem::path& file)
{
    return "audioconvert ! audioresample ! audio/x-raw,format=S16LE,rate=48000,channels=1 ! filesink sync=false "
           "location=\"" + file.string() + "\"";
}

struct RunningProducer {
    std::unique_ptr<producer::Producer> producer;
    std::atomic<bool> stop{false};
    std::thread thread;
    const config::Event& event;
    explicit RunningProducer(const config::Event& e) : event(e)
    {
        auto started = producer::Producer::start(event, {});
        if (auto* problem = std::get_if<std::string>(&started))
            FAIL(*problem);
        producer = std::move(std::get<std::unique_ptr<producer::Producer>>(started));
        thread = std::thread([this] { producer->run(stop); });
    }
    ~RunningProducer()
    {
        stop = true;
        thread.join();
    }
    nlohmann::json control(zmq::context_t& context, const std::string& command)
    {
        zmq::socket_t socket(context, zmq::socket_type::req);
        socket.set(zmq::sockopt::linger, 0);
        socket.set(zmq::sockopt::rcvtimeo, 3000);
        qa::apply_client_security(socket, qa::producer_control_client_auth(event));
        socket.connect(producer->control_endpoint());
        socket.send(zmq::buffer(command));
        zmq::message_t reply;
        REQUIRE(socket.recv(reply));
        return nlohmann::json::parse(reply.to_string());
    }
};

bool room_stream_published(const relay::RelayServer& server, const std::string& site)
{
    for (const auto& s : server.stats().streams)
        if (s.name == "demo/room-" + site)
            return s.publishing;
    return false;
}

}  // namespace

TEST_CASE("a sentence that slipped in time twice on its way is still found piece by piece, and another sentence is not")
{
    // What the floor's test listens for: a room's sentence through two relays and the producer's mix can
    // arrive with a jitter buffer's stretch in it under load (CI: 0.26 for the whole sentence once, while
    // a browser test ran beside it). A person still hears the sentence.
    testing::TempDir dir;
    const auto voice = testing::read_s16(testing::spoken_sentence(dir.path(), "Bonjour, ici Loudéac. Quelle formation faut-il pour devenir gendarme ?"));
    const auto other = testing::read_s16(testing::spoken_sentence(dir.path(), "Merci de votre attention, je passe la parole à la salle.", "other"));
    // Half a second of quiet, then the sentence with 20 ms of nothing put in at a third and two thirds.
    std::vector<float> slipped(24000, 0.f);
    const std::size_t third = voice.size() / 3;
    for (std::size_t i = 0; i < voice.size(); ++i) {
        if (i == third || i == 2 * third)
            slipped.insert(slipped.end(), 960, 0.f);
        slipped.push_back(voice[i]);
    }
    std::vector<float> elsewhere(24000, 0.f);
    elsewhere.insert(elsewhere.end(), other.begin(), other.end());
    const auto whole = testing::find_sound(voice, slipped), pieces = testing::find_sound_in_pieces(voice, slipped);
    const auto not_there = testing::find_sound_in_pieces(voice, elsewhere);
    std::fprintf(stderr, "slipped sentence: whole %.3f, in pieces %.3f; another sentence in pieces %.3f\n", whole.correlation,
                 pieces.correlation, not_there.correlation);
    CHECK(whole.correlation < 0.8);
    CHECK(pieces.correlation > 0.9);
    CHECK(pieces.at_s == Approx(0.5).margin(0.05));
    CHECK(not_there.correlation < 0.3);
}

TEST_CASE("a room given the floor is heard by another room and in the hall, never in its own loudspeakers")
{
    testing::TempDir dir;
    const auto voice_file = testing::spoken_sentence(dir.path(), "Bonjour, ici Loudéac. Quelle formation faut-il pour devenir gendarme ?");
    const auto voice = testing::read_s16(voice_file);
    testing::RelayFixture relay(testing::relay_options({"loudeac", "merdrignac"}));
    const auto event = floor_event(dir, relay.server.port());
    zmq::context_t context;
    RunningProducer host(event);

    // Merdrignac plays the speaker stream, its sound kept.
    gst::PlayerSettings merdrignac;
    merdrignac.caller = srt::caller_settings(event, "speaker", srt::StreamMode::play, "merdrignac");
    merdrignac.audio_sink = speakers_file(dir.path() / "merdrignac.raw");
    gst::StreamPlayer merdrignac_room(merdrignac);

    // The moderator gives Loudéac the floor: the producer plays its stream, Loudéac opens its microphone.
    auto reply = host.control(context, "floor loudeac");
    REQUIRE(reply["ok"] == true);
    CHECK(reply["floor"]["site"] == "loudeac");
    CHECK(host.control(context, "floor nowhere")["ok"] == false);
    {
        viewer::TalkbackSettings talkback;
        talkback.event = event;
        talkback.site = "loudeac";
        talkback.microphone = config::parse_room_microphone("file:" + voice_file.string()).value();
        talkback.speakers = speakers_file(dir.path() / "loudeac.raw");
        viewer::Talkback loudeac(talkback);
        std::this_thread::sleep_for(9s);  // the sentence (~4 s with its pause) loops twice
        CHECK(room_stream_published(relay.server, "loudeac"));
        CHECK(loudeac.microphone_buffers() > 100);
        CHECK(loudeac.return_sound_buffers() > 100);  // it plays the return meanwhile
        // The console's meter: the room's level as it reaches the host (read over 2 s: the sentence pauses).
        double loudest = -100;
        for (int i = 0; i < 20; ++i) {
            const auto state = host.control(context, "state");
            CHECK_FALSE(state["floor"].contains("problem"));
            loudest = std::max(loudest, state["floor"]["level_db"].get<double>());
            std::this_thread::sleep_for(100ms);
        }
        CHECK(loudest > -40);
    }
    // Its microphone closed: the room's stream is gone from the relay within a second.
    CHECK(testing::wait_until([&] { return !room_stream_published(relay.server, "loudeac"); }, 2500ms));
    const auto heard_by_merdrignac = testing::find_sound_in_pieces(voice, testing::read_s16(dir.path() / "merdrignac.raw"));
    const auto heard_in_hall = testing::find_sound_in_pieces(voice, testing::read_s16(dir.path() / "hall.wav"));
    const auto heard_by_itself = testing::find_sound(voice, testing::read_s16(dir.path() / "loudeac.raw"));
    std::fprintf(stderr, "floor: correlation with the sentence: merdrignac %.3f (at %.2f s), hall %.3f, loudeac's own "
                 "loudspeakers %.3f\n", heard_by_merdrignac.correlation, heard_by_merdrignac.at_s,
                 heard_in_hall.correlation, heard_by_itself.correlation);
    INFO("merdrignac " << heard_by_merdrignac.correlation << " at " << heard_by_merdrignac.at_s << " s; hall "
                       << heard_in_hall.correlation << "; loudeac's own loudspeakers " << heard_by_itself.correlation);
    // Unrelated sound scores under 0.1 (loudeac's own loudspeakers hold the host's ticks alone: the whole
    // sentence is looked for there, the stricter test for absence). Since the room sends one 20 ms frame
    // a message, the whole sentence: 0.58-0.66 (another room), 0.74-0.79 (hall) — but 0.26 and 0.35 once
    // in CI, a browser test running beside it; in pieces (session 23), 0.64-0.67 and 0.80.
    CHECK(heard_by_merdrignac.correlation > 0.45);
    CHECK(heard_in_hall.correlation > 0.5);
    CHECK(heard_by_itself.correlation < 0.15);

    // The floor taken back: from a second after, Merdrignac hears nothing more of Loudéac.
    REQUIRE(host.control(context, "floor none")["floor"].is_null());
    const auto closed_at = std::filesystem::file_size(dir.path() / "merdrignac.raw");
    std::this_thread::sleep_for(6s);
    auto after = testing::read_s16(dir.path() / "merdrignac.raw");
    after.erase(after.begin(), after.begin() + static_cast<long>(closed_at / 2 + 48000));
    const auto heard_after = testing::find_sound(voice, after);
    std::fprintf(stderr, "floor: after the floor ended, merdrignac %.3f\n", heard_after.correlation);
    CHECK(heard_after.correlation < 0.15);
}

TEST_CASE("a room given the floor whose sound never arrives is named to the console, and the programme goes on")
{
    testing::TempDir dir;
    testing::RelayFixture relay(testing::relay_options({"loudeac", "merdrignac"}));
    const auto event = floor_event(dir, relay.server.port());
    zmq::context_t context;
    RunningProducer host(event);
    REQUIRE(host.control(context, "floor merdrignac")["ok"] == true);
    CHECK_FALSE(host.control(context, "state")["floor"].contains("problem"));  // not yet: 3 s of grace
    std::this_thread::sleep_for(3500ms);
    const auto state = host.control(context, "state");
    CHECK(state["floor"]["problem"] == "Merdrignac's microphone is not reaching the host");
    CHECK(state["streams"]["speaker"]["state"] == "publishing");
}
