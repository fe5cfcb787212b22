#pragma once
// The event model: plain data read from one event file (see docs/event-file.md).
// Default member values here are the built-in defaults; the loader only overrides them.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace estrade::config {

// "host:port" for a socket we listen on or connect to. Port 0 on a listener lets the OS pick.
struct HostPort {
    std::string host;
    std::uint16_t port = 0;

    std::string to_string() const;
    friend bool operator==(const HostPort&, const HostPort&) = default;
};

// Where a picture or a sound comes from. The kinds a key accepts depend on the key.
struct MediaSource {
    enum class Kind { test, v4l2, file, alsa, pulse, deck, screen, none, automatic };
    Kind kind = Kind::test;
    std::string argument;  // device, path or display; empty when the kind takes none

    friend bool operator==(const MediaSource&, const MediaSource&) = default;
};

struct EventInfo {
    std::string id;  // [a-z0-9-]+, prefixes every stream name: <id>/speaker, <id>/slides
    std::string title;
    std::string host_site;
    // The language of every screen and card: "fr" or "en"; empty: each PC's own (its locale). A room's
    // --language wins over it.
    std::string language;
};

struct RelaySettings {
    HostPort listen{"0.0.0.0", 7000};
    HostPort url{"127.0.0.1", 7000};  // from "srt://host:port"
    int latency_ms = 200;
    HostPort stats_listen{"127.0.0.1", 7080};
    // A subscriber further behind than this skips ahead to the newest keyframe.
    int max_lag_ms = 1000;
    // Chaining: pull the streams from another relay, playing as one of its sites.
    std::optional<HostPort> upstream;
    std::string upstream_site;
    std::vector<std::string> upstream_streams{"speaker", "slides"};
};

struct QaSettings {
    std::string listen = "tcp://0.0.0.0:7100";
    std::string publish = "tcp://0.0.0.0:7101";
    std::string url = "tcp://127.0.0.1:7100";
    std::string publish_url = "tcp://127.0.0.1:7101";
    std::filesystem::path database = "questions.sqlite";  // absolute after loading
    // Sites and the moderator prove who they are with CurveZMQ keys (encrypted); plaintext
    // (ZeroMQ PLAIN: site id + the site's passphrase, unencrypted) only when the file asks for it.
    enum class Security { curve, plaintext };
    Security security = Security::curve;
    std::filesystem::path keys = "keys";  // folder of key files; absolute after loading
    int max_waiting_per_site = 20;
    // /metrics (Prometheus) and /health over HTTP, like the relay's stats_listen.
    HostPort metrics_listen{"127.0.0.1", 7181};
    // A room's new question is seen by its own room and the moderator only, until the moderator approves it.
    bool approval = false;
};

struct VideoSize {
    int width = 1920;
    int height = 1080;

    std::string to_string() const { return std::to_string(width) + "x" + std::to_string(height); }
    friend bool operator==(const VideoSize&, const VideoSize&) = default;
};

struct ProducerSettings {
    std::string passphrase;
    MediaSource camera{MediaSource::Kind::test, {}};
    MediaSource microphone{MediaSource::Kind::test, {}};
    MediaSource slides{MediaSource::Kind::deck, {}};
    // Where a room holding the floor is heard in the host room: the amphitheatre's loudspeakers (auto,
    // alsa:DEVICE, pulse[:DEVICE]), a WAV file (file:PATH, for tests and rehearsals) or none.
    MediaSource hall_output{MediaSource::Kind::automatic, {}};
    // Both streams are sent full size: each is shown full screen in the rooms.
    VideoSize resolution;
    int framerate = 30;  // the speaker stream's; the slides stream runs at a fixed low rate
    // The control socket (ZeroMQ REP) the moderator console and `estrade-producer control` talk to.
    std::string control = "tcp://127.0.0.1:7200";
    std::string control_url = "tcp://127.0.0.1:7200";
    std::optional<std::filesystem::path> record_dir;  // absolute after loading; no recording when unset
};

struct Talk {
    std::string speaker;
    std::string role;
    std::string organisation;
    std::string title;
    std::optional<std::filesystem::path> deck;  // absolute after loading; a PDF or a folder of images
    int minutes = 15;
};

// The browser gateway (estrade-web, docs/web.md). With a [web] section the event has one more site, id
// `web_site_id`, for people watching at home: the gateway plays the streams at the relay as that site.
struct WebSettings {
    HostPort listen{"0.0.0.0", 8080};
    std::string public_url = "http://127.0.0.1:8080";  // what invitation links begin with
    std::string passphrase;                            // the `web` site's SRT passphrase
    std::string name = "Chez soi";                     // the `web` site's name, as rooms see it
    int segment_seconds = 2;                           // HLS target duration (cut at keyframes)
    int playlist_segments = 4;                         // segments listed in each live playlist
    std::filesystem::path invitations = "web-invitations.toml";  // tokens; absolute after loading
    std::filesystem::path state = "web-state";         // journals and HLS segments; absolute after loading
    int questions_per_minute = 5;                      // per invitation link
};

inline constexpr const char* web_site_id = "web";

struct Site {
    std::string id;  // [a-z0-9-]+, the SRT user name a site plays with
    std::string name;
    int seats = 0;
    std::string passphrase;
};

struct Event {
    std::filesystem::path file;  // the event file as given; relative paths inside it resolve against its folder
    EventInfo event;
    RelaySettings relay;
    QaSettings qa;
    ProducerSettings producer;
    std::vector<Talk> talks;
    std::vector<Site> sites;
    std::optional<WebSettings> web;

    const Site* find_site(std::string_view id) const;
    // What people read for a site: its name, or its id when it has none (or is not in the event).
    std::string site_name(std::string_view id) const;
    // "<event id>/<stream>", the resource name of a stream on the relay.
    std::string stream_name(std::string_view stream) const;
};

// Limits that SRT imposes on a passphrase (SRTO_PASSPHRASE).
inline constexpr std::size_t min_passphrase_length = 10;
inline constexpr std::size_t max_passphrase_length = 79;

bool is_valid_id(std::string_view id);

// What a deck may be made of (checked by the loader, rendered by the producer): a PDF, or .png/.jpg/.jpeg
// slides; the extension's case does not matter.
bool is_pdf_deck(const std::filesystem::path& path);
bool is_slide_image(const std::filesystem::path& path);

}  // namespace estrade::config
