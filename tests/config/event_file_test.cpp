#include "config/event_file.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace estrade::config;
using estrade::testing::TempDir;

namespace {

// Line numbers matter: the cases below replace one line and expect the error on a known line.
const std::vector<std::string> valid_lines = {
    /* 1 */ "[event]",
    /* 2 */ "id = \"demo\"",
    /* 3 */ "title = \"Démo\"",
    /* 4 */ "host_site = \"host\"",
    /* 5 */ "",
    /* 6 */ "[relay]",
    /* 7 */ "listen = \"0.0.0.0:7000\"",
    /* 8 */ "url = \"srt://127.0.0.1:7000\"",
    /* 9 */ "latency_ms = 200",
    /* 10 */ "stats_listen = \"127.0.0.1:7080\"",
    /* 11 */ "",
    /* 12 */ "[qa]",
    /* 13 */ "listen = \"tcp://0.0.0.0:7100\"",
    /* 14 */ "url = \"tcp://127.0.0.1:7100\"",
    /* 15 */ "",
    /* 16 */ "[producer]",
    /* 17 */ "passphrase = \"producer-secret-123\"",
    /* 18 */ "camera = \"test\"",
    /* 19 */ "",
    /* 20 */ "[[talk]]",
    /* 21 */ "speaker = \"Claire Le Bihan\"",
    /* 22 */ "title = \"Une journée en commissariat\"",
    /* 23 */ "deck = \"decks/talk.pdf\"",
    /* 24 */ "",
    /* 25 */ "[[site]]",
    /* 26 */ "id = \"host\"",
    /* 27 */ "name = \"Host room\"",
    /* 28 */ "seats = 45",
    /* 29 */ "passphrase = \"host-secret-123\"",
    /* 30 */ "",
    /* 31 */ "[[site]]",
    /* 32 */ "id = \"loudeac\"",
    /* 33 */ "name = \"Loudéac\"",
    /* 34 */ "seats = 20",
    /* 35 */ "passphrase = \"loudeac-secret\"",
};

std::string event_text(int replaced_line = 0, const std::string& replacement = {})
{
    std::ostringstream out;
    for (std::size_t i = 0; i < valid_lines.size(); ++i)
        out << (static_cast<int>(i) + 1 == replaced_line ? replacement : valid_lines[i]) << "\n";
    return out.str();
}

struct Loaded {
    TempDir dir;
    std::filesystem::path file;
    std::variant<Event, EventFileErrors> result;
};

std::unique_ptr<Loaded> load_text(const std::string& text)
{
    auto loaded = std::make_unique<Loaded>();
    loaded->dir.write("decks/talk.pdf", "%PDF-1.4\n");
    loaded->file = loaded->dir.write("event.toml", text);
    loaded->result = load_event_file(loaded->file);
    return loaded;
}

std::string first_error(const Loaded& loaded)
{
    const auto* errors = std::get_if<EventFileErrors>(&loaded.result);
    if (!errors || errors->empty())
        return "(no error)";
    return errors->front().to_string();
}

}  // namespace

TEST_CASE("the valid base file loads with its values and defaults")
{
    auto loaded = load_text(event_text());
    REQUIRE(first_error(*loaded) == "(no error)");
    const auto& event = std::get<Event>(loaded->result);
    CHECK(event.event.id == "demo");
    CHECK(event.relay.latency_ms == 200);
    CHECK(event.qa.publish == "tcp://0.0.0.0:7101");  // default
    CHECK(event.producer.slides.kind == MediaSource::Kind::deck);  // default
    REQUIRE(event.talks.size() == 1);
    CHECK(event.talks[0].minutes == 15);  // default
    CHECK(*event.talks[0].deck == loaded->dir.path() / "decks/talk.pdf");
    CHECK(event.qa.database == loaded->dir.path() / "questions.sqlite");
    REQUIRE(event.sites.size() == 2);
    CHECK(event.find_site("loudeac")->seats == 20);
    CHECK(event.stream_name("speaker") == "demo/speaker");
}

TEST_CASE("the producer's picture size, frame rate, control socket and recording folder are read")
{
    auto loaded = load_text(event_text(18, "camera = \"test\"\nresolution = \"640x360\"\nframerate = 25\n"
                                           "control = \"tcp://0.0.0.0:7300\"\nrecord_dir = \"rec\""));
    REQUIRE(std::holds_alternative<Event>(loaded->result));
    const auto& p = std::get<Event>(loaded->result).producer;
    CHECK(p.resolution == VideoSize{640, 360});
    CHECK(p.framerate == 25);
    CHECK(p.control == "tcp://0.0.0.0:7300");
    CHECK(p.control_url == "tcp://127.0.0.1:7200");
    REQUIRE(p.record_dir);
    CHECK(p.record_dir->is_absolute());
    CHECK(p.record_dir->filename() == "rec");
}

TEST_CASE("each kind of mistake names the file, the line and the key")
{
    struct Case {
        const char* what;
        int line;
        std::string replacement;
        int expected_line;
        std::string expected;
    };
    // clang-format off
    const std::vector<Case> cases = {
        {"missing key", 22, "", 20, "talk 1: title is missing"},
        {"missing required table", 16, "[producr]", 16, "event file: unknown key \"producr\" (did you mean \"producer\"?)"},
        {"wrong type", 9, "latency_ms = \"200\"", 9, "relay: latency_ms must be an integer, got a string"},
        {"wrong type for a string", 28, "seats = \"45\"", 28, "site \"host\": seats must be an integer, got a string"},
        {"unknown key with a near match", 9, "latncy_ms = 200", 9, "relay: unknown key \"latncy_ms\" (did you mean \"latency_ms\"?)"},
        {"unknown key far from any", 18, "webcam = \"test\"", 18, "producer: unknown key \"webcam\" (expected one of: passphrase, camera, microphone, slides, resolution, framerate, control, control_url, record_dir, hall_output)"},
        {"bad event id", 2, "id = \"Zoom Metiers\"", 2, "event: id \"Zoom Metiers\" must use only a-z, 0-9 and - (it names the streams)"},
        {"bad site id", 32, "id = \"Loudéac\"", 32, "site \"Loudéac\": id must use only a-z, 0-9 and - (it is the site's SRT user name)"},
        {"duplicate site id", 32, "id = \"host\"", 32, "site \"host\": id is already used by the site at line 26"},
        {"passphrase too short", 35, "passphrase = \"short\"", 35, "site \"loudeac\": passphrase must be 10 to 79 characters, got 5"},
        {"passphrase too long", 35, "passphrase = \"" + std::string(80, 'x') + "\"", 35, "site \"loudeac\": passphrase must be 10 to 79 characters, got 80"},
        {"passphrase shared with the producer", 35, "passphrase = \"producer-secret-123\"", 35, "site \"loudeac\": passphrase is the same as the producer's; each needs its own"},
        {"deck file missing", 23, "deck = \"decks/missing.pdf\"", 23, "talk 1: deck \"decks/missing.pdf\" not found (paths are relative to the event file's folder)"},
        {"bad relay url", 8, "url = \"127.0.0.1:7000\"", 8, "relay: url \"127.0.0.1:7000\" must be srt://host:port, like \"srt://127.0.0.1:7000\""},
        {"bad listen port", 7, "listen = \"0.0.0.0:99999\"", 7, "relay: listen \"0.0.0.0:99999\" must be host:port, like \"0.0.0.0:7000\""},
        {"bad zmq endpoint", 13, "listen = \"tcp://0.0.0.0\"", 13, "qa: listen \"tcp://0.0.0.0\" must be tcp://host:port, like \"tcp://0.0.0.0:7100\""},
        {"zmq url with a wildcard", 14, "url = \"tcp://*:7100\"", 14, "qa: url \"tcp://*:7100\" must be tcp://host:port, like \"tcp://127.0.0.1:7100\""},
        {"host site not a site", 4, "host_site = \"plofragan\"", 4, "event: host_site \"plofragan\" is not the id of any [[site]]"},
        {"unknown camera", 18, "camera = \"webcam\"", 18, "producer: camera \"webcam\" must be test, v4l2:/dev/videoN or file:PATH"},
        {"unknown security mode", 14, "security = \"none\"", 14, "qa: security \"none\" must be \"curve\" (encrypted, the default) or \"plaintext\""},
        {"question cap out of range", 14, "max_waiting_per_site = 0", 14, "qa: max_waiting_per_site must be from 1 to 10000, got 0"},
        {"lag out of range", 9, "max_lag_ms = 5", 9, "relay: max_lag_ms must be from 100 to 10000, got 5"},
        {"upstream without its site", 10, "upstream = \"srt://relay.example:7000\"", 6, "relay: upstream_site is missing"},
        {"upstream as an unknown site", 10, "upstream = \"srt://relay.example:7000\"\nupstream_site = \"lannion\"", 10, "relay: upstream_site \"lannion\" is not the id of any [[site]] (the relay plays as that site)"},
        {"odd resolution", 18, "resolution = \"1921x1080\"", 18, "producer: resolution \"1921x1080\" must be WIDTHxHEIGHT with even numbers from 160x90 to 3840x2160, like \"1920x1080\""},
        {"resolution not WxH", 18, "resolution = \"1080p\"", 18, "producer: resolution \"1080p\" must be WIDTHxHEIGHT with even numbers from 160x90 to 3840x2160, like \"1920x1080\""},
        {"frame rate out of range", 18, "framerate = 120", 18, "producer: framerate must be from 1 to 60, got 120"},
        {"bad control endpoint", 18, "control_url = \"tcp://*:7200\"", 18, "producer: control_url \"tcp://*:7200\" must be tcp://host:port, like \"tcp://127.0.0.1:7200\""},
        {"empty record_dir", 18, "record_dir = \"\"", 18, "producer: record_dir must name a folder, like \"recordings\""},
        {"latency out of range", 9, "latency_ms = 5", 9, "relay: latency_ms must be from 20 to 8000 (milliseconds), got 5"},
    };
    // clang-format on
    for (const auto& c : cases) {
        SECTION(c.what)
        {
            auto loaded = load_text(event_text(c.line, c.replacement));
            CHECK(first_error(*loaded) == loaded->file.string() + ":" + std::to_string(c.expected_line) + ": " + c.expected);
        }
    }
}

TEST_CASE("a file that is not TOML reports the line of the syntax error")
{
    auto loaded = load_text(event_text(9, "latency_ms = "));
    CHECK_THAT(first_error(*loaded), Catch::StartsWith(loaded->file.string() + ":9: not valid TOML: "));
}

TEST_CASE("a missing event file says so")
{
    auto result = load_event_file("/nonexistent/event.toml");
    REQUIRE(std::holds_alternative<EventFileErrors>(result));
    CHECK_THAT(std::get<EventFileErrors>(result).front().to_string(),
               Catch::StartsWith("/nonexistent/event.toml:0: event file not found"));
}

TEST_CASE("every mistake in a file is reported in one run")
{
    auto text = event_text(9, "latency_ms = 5");
    text += "[[site]]\nid = \"brest\"\nname = \"Brest\"\npassphrase = \"tiny\"\n";
    auto loaded = load_text(text);
    const auto& errors = std::get<EventFileErrors>(loaded->result);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].line == 9);
    CHECK(errors[1].line == 39);
}

TEST_CASE("a [web] section adds the site for people at home, and each of its mistakes names line and key")
{
    const std::string web = "\n[web]\nlisten = \"127.0.0.1:8080\"\npublic_url = \"http://events.example.org/\"\n"
                            "passphrase = \"web-secret-123\"\n";
    auto loaded = load_text(event_text() + web);
    REQUIRE(first_error(*loaded) == "(no error)");
    const auto& event = std::get<Event>(loaded->result);
    REQUIRE(event.web);
    CHECK(event.web->public_url == "http://events.example.org");  // no trailing slash: links add "/?t="
    CHECK(event.web->segment_seconds == 2);
    CHECK(event.web->invitations == loaded->dir.path() / "web-invitations.toml");
    REQUIRE(event.find_site("web"));
    CHECK(event.find_site("web")->passphrase == "web-secret-123");

    struct Case {
        std::string added;
        std::string error;  // line 37 is [web]; the lines below it are numbered from 38
    };
    const std::vector<Case> cases = {
        {"[web]\npublic_url = \"http://x\"\n", "event.toml:37: web: passphrase is missing"},
        {"[web]\npassphrase = \"loudeac-secret\"\n", "passphrase is the same as"},
        {"[web]\npassphrase = \"web-secret-123\"\npublic_url = \"events.example.org\"\n",
         "event.toml:39: web: public_url \"events.example.org\" must start with http:// or https://"},
        {"[web]\npassphrase = \"web-secret-123\"\nsegment_seconds = 0\n",
         "event.toml:39: web: segment_seconds must be from 1 to 10, got 0"},
        {"[web]\npassphrase = \"web-secret-123\"\nplaylist_segments = 2\n", "event.toml:39: web: playlist_segments must be from 3 to 20"},
        {"[web]\npassphrase = \"web-secret-123\"\nlisten = \"nowhere\"\n", "event.toml:39: web: listen \"nowhere\" must be host:port"},
        {"[web]\npassphrase = \"web-secret-123\"\ncolour = \"blue\"\n", "event.toml:39: web: unknown key \"colour\""},
    };
    for (const auto& c : cases) {
        INFO(c.added);
        auto bad = load_text(event_text() + "\n" + c.added);
        CHECK_THAT(first_error(*bad), Catch::Contains(c.error));
    }
    auto taken = load_text(event_text(32, "id = \"web\"") + web);
    CHECK_THAT(first_error(*taken), Catch::Contains("a [[site]] already has the id \"web\""));
}

TEST_CASE("the shipped example parses: Ploufragan hosts three remote rooms and three talks")
{
    const std::filesystem::path file = std::filesystem::path(ESTRADE_SOURCE_DIR) / "examples/zoom-metiers.toml";
    auto result = load_event_file(file);
    if (auto* errors = std::get_if<EventFileErrors>(&result))
        FAIL(errors->front().to_string());
    const auto& event = std::get<Event>(result);
    CHECK(event.event.id == "zoom-metiers-2013-03");
    CHECK(event.event.title == "Zoom métiers : police et gendarmerie");
    CHECK(event.event.host_site == "ploufragan");
    REQUIRE(event.sites.size() == 5);  // and `web`, for people at home ([web])
    REQUIRE(event.web);
    CHECK(event.find_site("web")->name == "Chez soi");
    CHECK(event.find_site("ploufragan")->seats == 45);
    CHECK(event.find_site("loudeac")->seats == 20);
    CHECK(event.find_site("merdrignac")->seats == 2);
    CHECK(event.find_site("brest-cobrem")->seats == 20);
    REQUIRE(event.talks.size() == 3);
    for (const auto& talk : event.talks) {
        REQUIRE(talk.deck);
        CHECK(std::filesystem::exists(*talk.deck));
    }
    CHECK(event.relay.url == HostPort{"127.0.0.1", 7000});
}
