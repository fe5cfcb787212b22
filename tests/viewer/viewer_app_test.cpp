// The whole room end to end, as a room runs it: the real relay, question broker and producer (test
// camera, the example decks), and estrade-viewer in a virtual X display (Xvfb, Mesa's llvmpipe). The
// viewer grabs its own window; the test looks at the pictures and at what the screen said.
#include "qa/connection.hpp"

#include "config/event_file.hpp"
#include "support/ports.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <QImage>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <fstream>
#include <thread>

using namespace estrade;
using namespace std::chrono_literals;
using testing::Process;

namespace {

const std::filesystem::path decks = std::filesystem::path(ESTRADE_SOURCE_DIR) / "examples/decks";

std::filesystem::path write_event(const testing::TempDir& dir)
{
    const auto relay = testing::free_port(SOCK_DGRAM);
    const auto stats = testing::free_port(SOCK_STREAM);
    const auto requests = testing::free_port(SOCK_STREAM);
    const auto updates = testing::free_port(SOCK_STREAM);
    const auto control = "tcp://127.0.0.1:" + std::to_string(testing::free_port(SOCK_STREAM));
    const auto file = dir.path() / "event.toml";
    std::ofstream(file) << "[event]\nid = \"demo\"\ntitle = \"Démo métiers\"\nhost_site = \"brest-cobrem\"\n"
                        << "[relay]\nlisten = \"127.0.0.1:" << relay << "\"\nurl = \"srt://127.0.0.1:" << relay
                        << "\"\nlatency_ms = 120\nstats_listen = \"127.0.0.1:" << stats << "\"\n"
                        << "[qa]\nlisten = \"tcp://127.0.0.1:" << requests << "\"\nurl = \"tcp://127.0.0.1:" << requests
                        << "\"\npublish = \"tcp://127.0.0.1:" << updates << "\"\npublish_url = \"tcp://127.0.0.1:"
                        << updates << "\"\ndatabase = \"questions.sqlite\"\nkeys = \"keys\"\n"
                        << "[producer]\npassphrase = \"producer-secret-123\"\nresolution = \"320x180\"\n"
                        << "control = \"" << control << "\"\ncontrol_url = \"" << control << "\"\n"
                        << "[[talk]]\nspeaker = \"Claire Le Bihan\"\nrole = \"Gardienne de la paix\"\n"
                        << "title = \"Une journée en commissariat\"\ndeck = \"" << (decks / "police.pdf").string() << "\"\n"
                        << "[[talk]]\nspeaker = \"Yann Guéguen\"\ntitle = \"Gendarme en brigade\"\ndeck = \""
                        << (decks / "gendarmerie.pdf").string() << "\"\n"
                        << "[[site]]\nid = \"loudeac\"\nname = \"Maison de l'Emploi, Loudéac\"\npassphrase = \"loudeac-secret-42\"\n"
                        << "[[site]]\nid = \"brest-cobrem\"\nname = \"Cobrem, Brest\"\npassphrase = \"brest-cobrem-secret\"\n";
    return file;
}

// Starts a server and waits for its ready line.
std::unique_ptr<Process> start(std::vector<std::string> argv, const std::string& ready)
{
    auto process = testing::start_server(std::move(argv), ready);
    REQUIRE(process);
    return process;
}

// The host's servers a room needs: keys, the question broker and the relay.
struct HostServers {
    std::unique_ptr<Process> broker;
    std::unique_ptr<Process> relay;
};

HostServers start_host_servers(const std::filesystem::path& event_file)
{
    REQUIRE(testing::run({ESTRADE_QA_BIN, "keys", "--event", event_file.string()}).first == 0);
    return {start({ESTRADE_QA_BIN, "serve", "--event", event_file.string()}, "serving"),
            start({ESTRADE_RELAY_BIN, "--event", event_file.string()}, "relay port=")};
}

qa::Json request(const config::Event& event, const std::string& who, qa::Json body)
{
    zmq::context_t context;
    qa::QaConnection connection(context, event.qa.url, qa::client_auth_from(event, who));
    auto reply = connection.request(std::move(body));
    REQUIRE(reply);
    REQUIRE(reply->value("ok", false));
    return *reply;
}

// Mean luma of a rectangle, and the mean absolute luma difference between two pictures there.
double mean_luma(const QImage& image, QRect area)
{
    double sum = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            sum += qGray(image.pixel(x, y));
    return sum / (area.width() * area.height());
}

double mean_difference(const QImage& a, const QImage& b, QRect area)
{
    double sum = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            sum += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
    return sum / (area.width() * area.height());
}

nlohmann::json read_json(const std::filesystem::path& file)
{
    std::ifstream in(file);
    return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("a room opens its join file and sees both streams moving, side by side, and the picked question, under Xvfb")
{
    testing::TempDir dir;
    const auto event_file = write_event(dir);
    const auto event = std::get<config::Event>(config::load_event_file(event_file));
    const auto servers = start_host_servers(event_file);
    auto producer = start({ESTRADE_PRODUCER_BIN, "--event", event_file.string()}, "producer control=");

    // Another room asks; the moderator opens question time for talk 1 and puts it on screen.
    const auto asked = request(event, "brest-cobrem", {{"cmd", "ask"}, {"text", "Faut-il un concours ?"}, {"name", "Inès"}});
    request(event, "moderator", {{"cmd", "step"}, {"kind", "questions"}, {"talk", 1}});
    request(event, "moderator", {{"cmd", "pick"}, {"question", asked["question"]["id"]}});

    // The host sends the room its join file; the room opens it.
    const auto [invited, files] = testing::run({ESTRADE_QA_BIN, "invite", "--event", event_file.string(), "--out",
                                                (dir.path() / "invitations").string()});
    REQUIRE(invited == 0);
    const auto join_file = dir.path() / "invitations" / "loudeac.estrade";
    CHECK(files == join_file.string() + "\n");  // every remote room, and only them: not the host's

    const auto first = dir.path() / "first.png";
    const auto second = dir.path() / "second.png";
    // Not this test program's offscreen platform: the viewer draws in Xvfb, as on a real display.
    Process viewer({"/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1024x768x24", "/usr/bin/env", "-u", "QT_QPA_PLATFORM",
                    ESTRADE_VIEWER_BIN, join_file.string(), "--journal", (dir.path() / "journal.sqlite").string(),
                    "--layout", "3", "--size", "640x360", "--mute", "--grab", first.string() + "@7", "--grab",
                    second.string() + "@10", "--quit-after", "11"});
    // Between the two grabs the host moves on: the slides stream must show the change.
    const auto deadline = std::chrono::steady_clock::now() + 40s;
    while (!std::filesystem::exists(first.string() + ".json") && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(100ms);
    REQUIRE(std::filesystem::exists(first.string() + ".json"));
    REQUIRE(testing::run({ESTRADE_PRODUCER_BIN, "--event", event_file.string(), "control", "next"}).first == 0);
    CHECK(viewer.wait(40s) == 0);

    const QImage a(QString::fromStdString(first.string()));
    const QImage b(QString::fromStdString(second.string()));
    INFO("first grab: " << read_json(first.string() + ".json").dump());
    INFO("second grab: " << read_json(second.string() + ".json").dump());
    REQUIRE(a.size() == QSize(640, 360));
    REQUIRE(b.size() == QSize(640, 360));
    // Side by side: each half shows a 16:9 picture 320x180, centred (y 90–270); the top of it is clear
    // of the picked question and the banner.
    const QRect speaker(20, 100, 280, 90);
    const QRect slides(340, 100, 280, 90);
    CHECK(mean_luma(a, speaker) > 40);
    CHECK(mean_luma(b, speaker) > 40);
    CHECK(mean_luma(a, slides) > 20);
    CHECK(mean_luma(b, slides) > 20);
    CHECK(mean_difference(a, b, speaker) > 1.0);  // the test camera's clock and snow move
    CHECK(mean_difference(a, b, slides) > 5.0);   // opening card, then talk 1's title card

    const auto said = read_json(second.string() + ".json");
    CHECK(said["speaker_frames"].get<int>() > 100);
    CHECK(said["slides_frames"].get<int>() > 30);
    CHECK(said["speaker_status"] == "");
    CHECK(said["items"]["pickedQuestion"]["visible"] == true);
    CHECK(said["items"]["pickedQuestion"]["text"].get<std::string>().find("Faut-il un concours ?") != std::string::npos);
    CHECK(said["items"]["pickedFrom"]["text"] == "Inès — Cobrem, Brest");
    CHECK(said["items"]["bannerHeadline"]["text"] == "Questions — talk 1 of 2");
    CHECK(said["items"]["speakerStatus"]["visible"] == false);
}

TEST_CASE("a damaged join file or a half-given option is refused with the reason, before any window opens")
{
    testing::TempDir dir;
    const auto bad = dir.write("loudeac.estrade", "[join]\nevent_id = \"demo\"\nsite = \"loudeac\"\n"
                                                  "passphrase = \"loudeac-secret-42\"\nrelay = \"udp://x:1\"\n"
                                                  "questions = \"tcp://a:1\"\nupdates = \"tcp://a:2\"\nsecurity = \"plaintext\"\n");
    auto [status, out] = testing::run({ESTRADE_VIEWER_BIN, bad.string()}, 20s, testing::Stderr::merge);
    CHECK(status == 2);
    CHECK(out.find(bad.string() + ":5: [join]: relay must be srt://host:port, got \"udp://x:1\"") != std::string::npos);
    CHECK(out.find("ask the host for a new one") != std::string::npos);

    std::tie(status, out) = testing::run({ESTRADE_VIEWER_BIN, bad.string(), "--speaker-screen", "0"}, 20s,
                                         testing::Stderr::merge);
    CHECK(status == 2);
    CHECK(out.find("two displays need both --speaker-screen and --slides-screen") != std::string::npos);

    std::tie(status, out) = testing::run({ESTRADE_VIEWER_BIN}, 20s, testing::Stderr::merge);
    CHECK(status == 2);
    CHECK(out.find("open the join file the host sent") != std::string::npos);
}

TEST_CASE("under a French locale the room's screen speaks French, and --language en overrides it, under Xvfb")
{
    testing::TempDir dir;
    const auto event_file = write_event(dir);
    const auto event = std::get<config::Event>(config::load_event_file(event_file));
    const auto servers = start_host_servers(event_file);
    // No producer: the streams wait for the host, and the screen says so.
    request(event, "moderator", {{"cmd", "step"}, {"kind", "questions"}, {"talk", 1}});
    const auto [invited, files] = testing::run({ESTRADE_QA_BIN, "invite", "--event", event_file.string(), "--out",
                                                (dir.path() / "invitations").string()});
    REQUIRE(invited == 0);
    const auto join_file = dir.path() / "invitations" / "loudeac.estrade";

    // As a French PC starts a program: LANG from the session, nothing else set.
    const auto viewer_in = [&](const std::string& name, std::vector<std::string> extra) {
        std::vector<std::string> argv{"/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1024x768x24", "/usr/bin/env",
                                      "-u", "QT_QPA_PLATFORM", "-u", "LC_ALL", "-u", "LC_MESSAGES", "-u", "LANGUAGE",
                                      "LANG=fr_FR.UTF-8", ESTRADE_VIEWER_BIN, join_file.string(), "--journal",
                                      (dir.path() / (name + ".sqlite")).string(), "--size", "640x360", "--mute",
                                      "--grab", (dir.path() / name).string() + ".png@5", "--quit-after", "6"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return std::make_unique<Process>(argv);
    };
    auto french = viewer_in("french", {});
    auto english = viewer_in("english", {"--language", "en"});
    CHECK(french->wait(40s) == 0);
    CHECK(english->wait(40s) == 0);

    const auto fr = read_json(dir.path() / "french.png.json");
    CHECK(fr["speaker_status"] == "en attente du début de la diffusion");
    CHECK(fr["items"]["bannerHeadline"]["text"] == "Questions — intervention 1 sur 2");
    CHECK(fr["items"]["speakerStatus"]["text"] == "Intervenant\u00a0: en attente du début de la diffusion");
    const auto en = read_json(dir.path() / "english.png.json");
    CHECK(en["speaker_status"] == "waiting for the host to start");
    CHECK(en["items"]["bannerHeadline"]["text"] == "Questions — talk 1 of 2");
}

namespace {

// A third party's video-only stream (as docs/relay.md invites), published with GStreamer's own srtsink:
// 75 % colour bars, no sound, 8-bit 4:2:0 as producers send it (named: x264enc left to choose takes
// 10-bit 4:4:4). Not mpegtsmux alignment=7: at this tiny size several pictures fit in seven
// TS packets, and grouping them would deliver the pictures in bursts of four.
std::unique_ptr<Process> publish_colour_bars(const config::Event& event)
{
    const auto relay = "srt://127.0.0.1:" + std::to_string(event.relay.url.port);
    return std::make_unique<Process>(std::vector<std::string>{
        "/usr/bin/gst-launch-1.0", "-q", "videotestsrc", "pattern=smpte75", "is-live=true", "!",
        "video/x-raw,format=I420,width=320,height=180,framerate=30/1", "!", "x264enc", "tune=zerolatency", "speed-preset=ultrafast",
        "key-int-max=30", "!", "mpegtsmux", "!", "srtsink", "uri=" + relay,
        "streamid=#!::r=" + event.event.id + "/speaker,m=publish,u=producer", "passphrase=producer-secret-123",
        "latency=120", "wait-for-connection=false"});
}

struct Rgb {
    int r, g, b;
};

}  // namespace

TEST_CASE("the decoder's planes drawn by the scene graph, and pictures drawn by the software renderer: colour bars in their colours, a stream without sound at full rate, under Xvfb")
{
    const std::string path = GENERATE("planes", "raster", "raster-image");
    CAPTURE(path);
    testing::TempDir dir;
    const auto event_file = write_event(dir);
    const auto event = std::get<config::Event>(config::load_event_file(event_file));
    REQUIRE(testing::run({ESTRADE_QA_BIN, "keys", "--event", event_file.string()}).first == 0);
    auto relay = start({ESTRADE_RELAY_BIN, "--event", event_file.string()}, "relay port=");
    auto bars = publish_colour_bars(event);
    REQUIRE(testing::run({ESTRADE_QA_BIN, "invite", "--event", event_file.string(), "--out",
                          (dir.path() / "invitations").string()}).first == 0);
    const auto join_file = dir.path() / "invitations" / "loudeac.estrade";
    const auto first = dir.path() / "first.png";
    const auto second = dir.path() / "second.png";
    Process viewer({"/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1024x768x24", "/usr/bin/env", "-u", "QT_QPA_PLATFORM",
                    ESTRADE_VIEWER_BIN, join_file.string(), "--journal", (dir.path() / "journal.sqlite").string(),
                    "--layout", "1", "--size", "640x360", "--video-path", path, "--grab", first.string() + "@5",
                    "--grab", second.string() + "@8", "--quit-after", "8.5"});
    CHECK(viewer.wait(40s) == 0);

    // Three seconds apart: the pictures drawn (counted as the scene graph takes them, not as they reach a
    // sink) keep the stream's rate, sound or not.
    const auto a = read_json(first.string() + ".json");
    const auto b = read_json(second.string() + ".json");
    INFO("first grab: " << a.dump());
    INFO("second grab: " << b.dump());
    const double seconds = (b["taken_at_ms"].get<double>() - a["taken_at_ms"].get<double>()) / 1000.0;
    const double shown_per_second = (b["speaker_shown"].get<double>() - a["speaker_shown"].get<double>()) / seconds;
    CHECK(shown_per_second >= 25);
    // Between the grabs, not since the start: joining, the relay's fast start hands the room the last
    // second at once, and the screen rightly shows the newest of those pictures, not each (failed 1 in 9).
    const auto in_window = [&](const char* key) { return b[key].get<double>() - a[key].get<double>(); };
    CHECK(in_window("speaker_shown") >= 0.9 * in_window("speaker_frames"));
    CHECK(in_window("speaker_lost") <= 0.1 * in_window("speaker_frames"));

    // Speaker full screen: the 16:9 picture as large as fits in the speaker's area, centred; seven bars of
    // 75 % white, yellow, cyan, green, magenta, red, blue.
    const QImage image(QString::fromStdString(second.string()));
    REQUIRE(image.size() == QSize(640, 360));
    const auto& area = b["items"]["speakerVideo"];
    const QSizeF fitted = QSizeF(16, 9).scaled(area["width"].get<double>(), area["height"].get<double>(), Qt::KeepAspectRatio);
    const double left = area["x"].get<double>() + (area["width"].get<double>() - fitted.width()) / 2;
    const double top = area["y"].get<double>() + (area["height"].get<double>() - fitted.height()) / 2;
    const std::vector<Rgb> expected{{191, 191, 191}, {191, 191, 0}, {0, 191, 191}, {0, 191, 0},
                                    {191, 0, 191},   {191, 0, 0},   {0, 0, 191}};
    for (std::size_t bar = 0; bar < expected.size(); ++bar) {
        const int x = static_cast<int>(left + (static_cast<double>(bar) + 0.5) * fitted.width() / 7.0);
        Rgb mean{0, 0, 0};
        int n = 0;
        for (int y = static_cast<int>(top + fitted.height() * 0.4); y < top + fitted.height() * 0.7; y += 4)
            for (int dx = -10; dx <= 10; dx += 2) {
                const QColor c = image.pixelColor(x + dx, y);
                mean.r += c.red();
                mean.g += c.green();
                mean.b += c.blue();
                ++n;
            }
        INFO("bar " << bar << " at x " << x << ": " << mean.r / n << "," << mean.g / n << "," << mean.b / n);
        CHECK(std::abs(mean.r / n - expected[bar].r) <= 12);
        CHECK(std::abs(mean.g / n - expected[bar].g) <= 12);
        CHECK(std::abs(mean.b / n - expected[bar].b) <= 12);
    }
}
