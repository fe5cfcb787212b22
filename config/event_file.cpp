#include "event_file.hpp"

#include "endpoint.hpp"
#include "toml_reader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <span>
#include <map>
#include <sstream>

namespace estrade::config {

namespace {

namespace fs = std::filesystem;
using namespace detail;

constexpr std::string_view event_keys[] = {"id", "title", "host_site", "language"};
constexpr std::string_view relay_keys[] = {"listen",     "url",      "latency_ms",    "stats_listen",
                                           "max_lag_ms", "upstream", "upstream_site", "upstream_streams"};
constexpr std::string_view qa_keys[] = {"listen",   "publish", "url", "publish_url", "database",
                                        "security", "keys",    "max_waiting_per_site", "approval", "metrics_listen"};
constexpr std::string_view producer_keys[] = {"passphrase", "camera",  "microphone",  "slides",     "resolution",
                                               "framerate",  "control", "control_url", "record_dir", "hall_output"};
constexpr std::string_view talk_keys[] = {"speaker", "role", "organisation", "title", "deck", "minutes"};
constexpr std::string_view site_keys[] = {"id", "name", "seats", "passphrase"};
constexpr std::string_view web_keys[] = {"listen",           "public_url", "passphrase", "name",
                                         "segment_seconds",  "playlist_segments", "invitations", "state",
                                         "questions_per_minute"};
constexpr std::string_view top_keys[] = {"event", "relay", "qa", "producer", "talk", "site", "web"};

struct SourceRule {
    std::string_view key;
    std::vector<std::pair<std::string_view, MediaSource::Kind>> kinds;  // prefix → kind; prefix ending in ':' takes an argument
    std::string_view expected;
};

const SourceRule camera_rule{"camera",
                             {{"test", MediaSource::Kind::test},
                              {"v4l2:", MediaSource::Kind::v4l2},
                              {"file:", MediaSource::Kind::file}},
                             "test, v4l2:/dev/videoN or file:PATH"};
const SourceRule microphone_rule{"microphone",
                                 {{"test", MediaSource::Kind::test},
                                  {"alsa:", MediaSource::Kind::alsa},
                                  {"pulse", MediaSource::Kind::pulse},
                                  {"file:", MediaSource::Kind::file}},
                                 "test, alsa:DEVICE, pulse or file:PATH"};
const SourceRule hall_output_rule{"hall_output",
                                  {{"none", MediaSource::Kind::none},
                                   {"auto", MediaSource::Kind::automatic},
                                   {"alsa:", MediaSource::Kind::alsa},
                                   {"pulse", MediaSource::Kind::pulse},
                                   {"pulse:", MediaSource::Kind::pulse},
                                   {"file:", MediaSource::Kind::file}},
                                  "none, auto, alsa:DEVICE, pulse, pulse:DEVICE or file:PATH.wav"};
const SourceRule slides_rule{"slides",
                             {{"deck", MediaSource::Kind::deck},
                              {"screen", MediaSource::Kind::screen},
                              {"screen:", MediaSource::Kind::screen},
                              {"v4l2:", MediaSource::Kind::v4l2}},
                             "deck, screen, screen:DISPLAY or v4l2:/dev/videoN"};

std::optional<MediaSource> parse_source(std::string_view text, const SourceRule& rule)
{
    for (auto [prefix, kind] : rule.kinds) {
        if (prefix.ends_with(':')) {
            if (text.starts_with(prefix) && text.size() > prefix.size())
                return MediaSource{kind, std::string(text.substr(prefix.size()))};
        } else if (text == prefix) {
            return MediaSource{kind, {}};
        }
    }
    return std::nullopt;
}

// What is wrong with a deck path, or nothing.
std::optional<std::string> deck_problem(const fs::path& deck)
{
    std::error_code ec;
    if (fs::is_directory(deck, ec)) {
        for (const auto& entry : fs::directory_iterator(deck, ec))
            if (entry.is_regular_file() && is_slide_image(entry.path()))
                return std::nullopt;
        return "is a folder with no .png or .jpg slides in it";
    }
    if (!fs::exists(deck, ec))
        return "not found";
    if (!is_pdf_deck(deck) && !is_slide_image(deck))
        return "must be a PDF, an image or a folder of images";
    return std::nullopt;
}

fs::path resolve(const fs::path& base, const fs::path& path)
{
    return path.is_absolute() ? path : (base / path).lexically_normal();
}

class EventLoader {
public:
    EventLoader(const fs::path& file, Reader& reader) : m_base(file.parent_path()), m_reader(reader)
    {
        m_event.file = file;
    }

    Event load(const toml::table& root)
    {
        m_reader.check_keys(root, "event file", top_keys);
        read_event(root);
        read_relay(root);
        read_qa(root);
        read_producer(root);
        read_talks(root);
        read_sites(root);
        read_web(root);
        check_host_site();
        check_upstream_site();
        check_passphrases_differ();
        return std::move(m_event);
    }

private:
    void read_event(const toml::table& root)
    {
        const toml::table* t = m_reader.table(root, "event", Need::required);
        if (!t)
            return;
        m_reader.check_keys(*t, "event", event_keys);
        auto& e = m_event.event;
        const int id_line = m_reader.read(*t, "event", "id", e.id, Need::required);
        if (t->contains("id") && !is_valid_id(e.id))
            m_reader.error(id_line, "event: id " + in_quotes(e.id) + " must use only a-z, 0-9 and - (it names the streams)");
        m_reader.read(*t, "event", "title", e.title, Need::required);
        m_host_site_line = m_reader.read(*t, "event", "host_site", e.host_site, Need::required);
        const int language_line = m_reader.read(*t, "event", "language", e.language, Need::optional);
        if (t->contains("language") && e.language != "fr" && e.language != "en")
            m_reader.error(language_line, "event: language " + in_quotes(e.language) +
                                              " must be \"fr\" or \"en\" (or left out: each PC's own language)");
    }

    void read_relay(const toml::table& root)
    {
        const toml::table* t = m_reader.table(root, "relay", Need::optional);
        if (!t)
            return;
        m_reader.check_keys(*t, "relay", relay_keys);
        auto& r = m_event.relay;
        read_host_port(*t, "relay", "listen", r.listen, PortRule::any_port, "host:port, like \"0.0.0.0:7000\"");
        std::string url;
        const int url_line = m_reader.read(*t, "relay", "url", url, Need::optional);
        if (t->contains("url") && !url.empty()) {
            if (auto parsed = parse_srt_url(url))
                r.url = *parsed;
            else
                m_reader.error(url_line, "relay: url " + in_quotes(url) + " must be srt://host:port, like \"srt://127.0.0.1:7000\"");
        }
        const int latency_line = m_reader.read(*t, "relay", "latency_ms", r.latency_ms, Need::optional);
        if (r.latency_ms < 20 || r.latency_ms > 8000)
            m_reader.error(latency_line, "relay: latency_ms must be from 20 to 8000 (milliseconds), got " +
                                             std::to_string(r.latency_ms));
        read_host_port(*t, "relay", "stats_listen", r.stats_listen, PortRule::any_port,
                       "host:port, like \"127.0.0.1:7080\"");
        const int lag_line = m_reader.read(*t, "relay", "max_lag_ms", r.max_lag_ms, Need::optional);
        if (r.max_lag_ms < 100 || r.max_lag_ms > 10000)
            m_reader.error(lag_line, "relay: max_lag_ms must be from 100 to 10000, got " + std::to_string(r.max_lag_ms));
        std::string upstream;
        const int upstream_line = m_reader.read(*t, "relay", "upstream", upstream, Need::optional);
        if (t->contains("upstream")) {
            r.upstream = parse_srt_url(upstream);
            if (!r.upstream)
                m_reader.error(upstream_line, "relay: upstream " + in_quotes(upstream) +
                                                  " must be srt://host:port of the relay to pull from");
            m_reader.read(*t, "relay", "upstream_site", r.upstream_site, Need::required);
            m_upstream_site_line = upstream_line;
        }
        if (const toml::node* node = t->get("upstream_streams")) {
            const toml::array* list = node->as_array();
            r.upstream_streams.clear();
            if (list)
                for (const toml::node& item : *list)
                    if (auto name = item.value_exact<std::string>(); name && is_valid_id(*name))
                        r.upstream_streams.push_back(*name);
            if (!list || r.upstream_streams.size() != list->size() || list->empty())
                m_reader.error(line_of(*node), "relay: upstream_streams must be a list of stream names, like "
                                               "[\"speaker\", \"slides\"]");
        }
    }

    void read_qa(const toml::table& root)
    {
        const toml::table* t = m_reader.table(root, "qa", Need::optional);
        if (!t)
            return;
        m_reader.check_keys(*t, "qa", qa_keys);
        auto& q = m_event.qa;
        read_zmq(*t, "qa", "listen", q.listen, PortRule::any_port);
        read_zmq(*t, "qa", "publish", q.publish, PortRule::any_port);
        read_zmq(*t, "qa", "url", q.url, PortRule::nonzero_port);
        read_zmq(*t, "qa", "publish_url", q.publish_url, PortRule::nonzero_port);
        std::string database = q.database.string();
        const int line = m_reader.read(*t, "qa", "database", database, Need::optional);
        if (database.empty())
            m_reader.error(line, "qa: database must name a file, like \"questions.sqlite\"");
        q.database = database;
        std::string security = "curve";
        const int security_line = m_reader.read(*t, "qa", "security", security, Need::optional);
        if (security == "plaintext")
            q.security = QaSettings::Security::plaintext;
        else if (security != "curve")
            m_reader.error(security_line, "qa: security " + in_quotes(security) +
                                              " must be \"curve\" (encrypted, the default) or \"plaintext\"");
        std::string keys = q.keys.string();
        const int keys_line = m_reader.read(*t, "qa", "keys", keys, Need::optional);
        if (keys.empty())
            m_reader.error(keys_line, "qa: keys must name a folder, like \"keys\"");
        q.keys = keys;
        const int cap_line = m_reader.read(*t, "qa", "max_waiting_per_site", q.max_waiting_per_site, Need::optional);
        if (q.max_waiting_per_site < 1 || q.max_waiting_per_site > 10000)
            m_reader.error(cap_line, "qa: max_waiting_per_site must be from 1 to 10000, got " +
                                         std::to_string(q.max_waiting_per_site));
        m_reader.read(*t, "qa", "approval", q.approval, Need::optional);
        read_host_port(*t, "qa", "metrics_listen", q.metrics_listen, PortRule::any_port,
                       "host:port, like \"127.0.0.1:7181\"");
    }

    void read_producer(const toml::table& root)
    {
        const toml::table* t = m_reader.table(root, "producer", Need::required);
        if (!t)
            return;
        m_reader.check_keys(*t, "producer", producer_keys);
        auto& p = m_event.producer;
        const int line = m_reader.read(*t, "producer", "passphrase", p.passphrase, Need::required);
        if (t->contains("passphrase"))
            check_passphrase("producer", p.passphrase, line);
        m_passphrases.push_back({"the producer", p.passphrase, line});
        read_source(*t, camera_rule, p.camera);
        read_source(*t, microphone_rule, p.microphone);
        read_source(*t, slides_rule, p.slides);
        read_source(*t, hall_output_rule, p.hall_output);
        read_resolution(*t, p.resolution);
        const int rate_line = m_reader.read(*t, "producer", "framerate", p.framerate, Need::optional);
        if (p.framerate < 1 || p.framerate > 60)
            m_reader.error(rate_line, "producer: framerate must be from 1 to 60, got " + std::to_string(p.framerate));
        read_zmq(*t, "producer", "control", p.control, PortRule::any_port);
        read_zmq(*t, "producer", "control_url", p.control_url, PortRule::nonzero_port);
        std::string record_dir;
        const int record_line = m_reader.read(*t, "producer", "record_dir", record_dir, Need::optional);
        if (t->contains("record_dir")) {
            if (record_dir.empty())
                m_reader.error(record_line, "producer: record_dir must name a folder, like \"recordings\"");
            else
                p.record_dir = resolve(m_base, record_dir);
        }
    }

    // "WIDTHxHEIGHT", even numbers (H.264 in 4:2:0 needs them), from 160x90 to 3840x2160.
    void read_resolution(const toml::table& t, VideoSize& out)
    {
        std::string text;
        const int line = m_reader.read(t, "producer", "resolution", text, Need::optional);
        if (!t.contains("resolution") || !t.get("resolution")->is_string())
            return;
        int width = 0;
        int height = 0;
        char x = 0;
        char extra = 0;
        const bool parsed = std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &extra) == 3 && x == 'x';
        if (!parsed || width < 160 || height < 90 || width > 3840 || height > 2160 || width % 2 || height % 2)
            m_reader.error(line, "producer: resolution " + in_quotes(text) +
                                     " must be WIDTHxHEIGHT with even numbers from 160x90 to 3840x2160, like \"1920x1080\"");
        else
            out = VideoSize{width, height};
    }

    void read_talks(const toml::table& root)
    {
        const auto tables = m_reader.array_of_tables(root, "talk");
        if (tables.empty() && !root.contains("talk"))
            m_reader.error(1, "talk: the programme needs at least one [[talk]]");
        int number = 0;
        for (const toml::table* t : tables) {
            const std::string scope = "talk " + std::to_string(++number);
            m_reader.check_keys(*t, scope, talk_keys);
            Talk talk;
            m_reader.read(*t, scope, "speaker", talk.speaker, Need::required);
            m_reader.read(*t, scope, "role", talk.role, Need::optional);
            m_reader.read(*t, scope, "organisation", talk.organisation, Need::optional);
            m_reader.read(*t, scope, "title", talk.title, Need::required);
            std::string deck;
            const int deck_line = m_reader.read(*t, scope, "deck", deck, Need::optional);
            if (t->contains("deck")) {
                talk.deck = resolve(m_base, deck);
                if (auto problem = deck_problem(*talk.deck))
                    m_reader.error(deck_line, scope + ": deck " + in_quotes(deck) + " " + *problem +
                                                  " (paths are relative to the event file's folder)");
            }
            const int minutes_line = m_reader.read(*t, scope, "minutes", talk.minutes, Need::optional);
            if (talk.minutes < 1 || talk.minutes > 240)
                m_reader.error(minutes_line, scope + ": minutes must be from 1 to 240, got " + std::to_string(talk.minutes));
            m_event.talks.push_back(std::move(talk));
        }
    }

    void read_sites(const toml::table& root)
    {
        const auto tables = m_reader.array_of_tables(root, "site");
        std::map<std::string, int> id_lines;
        int number = 0;
        for (const toml::table* t : tables) {
            ++number;
            Site site;
            const int id_line = m_reader.read(*t, "site " + std::to_string(number), "id", site.id, Need::required);
            // Once the id is known, messages name the site by it: that is what the organiser reads in the file.
            const std::string scope = site.id.empty() ? "site " + std::to_string(number) : "site " + in_quotes(site.id);
            m_reader.check_keys(*t, scope, site_keys);
            if (t->contains("id") && !is_valid_id(site.id))
                m_reader.error(id_line, scope + ": id must use only a-z, 0-9 and - (it is the site's SRT user name)");
            if (auto [it, inserted] = id_lines.emplace(site.id, id_line); !inserted && !site.id.empty())
                m_reader.error(id_line, scope + ": id is already used by the site at line " + std::to_string(it->second));
            m_reader.read(*t, scope, "name", site.name, Need::required);
            const int seats_line = m_reader.read(*t, scope, "seats", site.seats, Need::optional);
            if (site.seats < 0 || site.seats > 100000)
                m_reader.error(seats_line, scope + ": seats must be from 0 to 100000, got " + std::to_string(site.seats));
            const int pass_line = m_reader.read(*t, scope, "passphrase", site.passphrase, Need::required);
            if (t->contains("passphrase"))
                check_passphrase(scope, site.passphrase, pass_line);
            m_passphrases.push_back({scope, site.passphrase, pass_line});
            m_event.sites.push_back(std::move(site));
        }
    }

    void read_web(const toml::table& root)
    {
        const toml::table* t = m_reader.table(root, "web", Need::optional);
        if (!t)
            return;
        m_reader.check_keys(*t, "web", web_keys);
        WebSettings w;
        read_host_port(*t, "web", "listen", w.listen, PortRule::any_port, "host:port, like \"0.0.0.0:8080\"");
        const int url_line = m_reader.read(*t, "web", "public_url", w.public_url, Need::optional);
        if (!w.public_url.starts_with("http://") && !w.public_url.starts_with("https://"))
            m_reader.error(url_line, "web: public_url " + in_quotes(w.public_url) +
                                         " must start with http:// or https:// (the links sent to participants)");
        while (w.public_url.ends_with('/'))
            w.public_url.pop_back();
        const int pass_line = m_reader.read(*t, "web", "passphrase", w.passphrase, Need::required);
        if (t->contains("passphrase"))
            check_passphrase("web", w.passphrase, pass_line);
        m_passphrases.push_back({"web", w.passphrase, pass_line});
        m_reader.read(*t, "web", "name", w.name, Need::optional);
        const int segment_line = m_reader.read(*t, "web", "segment_seconds", w.segment_seconds, Need::optional);
        if (w.segment_seconds < 1 || w.segment_seconds > 10)
            m_reader.error(segment_line, "web: segment_seconds must be from 1 to 10, got " +
                                             std::to_string(w.segment_seconds));
        const int playlist_line = m_reader.read(*t, "web", "playlist_segments", w.playlist_segments, Need::optional);
        if (w.playlist_segments < 3 || w.playlist_segments > 20)
            m_reader.error(playlist_line, "web: playlist_segments must be from 3 to 20 (HLS players need at least 3), got " +
                                              std::to_string(w.playlist_segments));
        std::string invitations = w.invitations.string(), state = w.state.string();
        m_reader.read(*t, "web", "invitations", invitations, Need::optional);
        m_reader.read(*t, "web", "state", state, Need::optional);
        w.invitations = resolve(m_base, invitations);
        w.state = resolve(m_base, state);
        const int rate_line = m_reader.read(*t, "web", "questions_per_minute", w.questions_per_minute, Need::optional);
        if (w.questions_per_minute < 1 || w.questions_per_minute > 600)
            m_reader.error(rate_line, "web: questions_per_minute must be from 1 to 600, got " +
                                          std::to_string(w.questions_per_minute));
        if (m_event.find_site(web_site_id))
            m_reader.error(line_of(*t), "web: a [[site]] already has the id \"web\", which the [web] section gives to "
                                        "people at home; rename that site");
        else
            m_event.sites.push_back(Site{web_site_id, w.name, 0, w.passphrase});
        m_event.web = std::move(w);
    }

    void check_host_site()
    {
        const auto& host = m_event.event.host_site;
        if (host.empty() || m_event.find_site(host))
            return;
        m_reader.error(m_host_site_line, "event: host_site " + in_quotes(host) + " is not the id of any [[site]]");
    }

    // The relay plays from its upstream as one of the sites, with that site's passphrase.
    void check_upstream_site()
    {
        const auto& site = m_event.relay.upstream_site;
        if (m_event.relay.upstream && !site.empty() && !m_event.find_site(site))
            m_reader.error(m_upstream_site_line, "relay: upstream_site " + in_quotes(site) +
                                                     " is not the id of any [[site]] (the relay plays as that site)");
    }

    // A shared passphrase would let one site open another's streams, or publish as the producer.
    void check_passphrases_differ()
    {
        for (std::size_t i = 0; i < m_passphrases.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (!m_passphrases[i].value.empty() && m_passphrases[i].value == m_passphrases[j].value)
                    m_reader.error(m_passphrases[i].line, m_passphrases[i].owner + ": passphrase is the same as " +
                                                              m_passphrases[j].owner + "'s; each needs its own");
    }

    void check_passphrase(std::string_view scope, const std::string& passphrase, int line)
    {
        // SRT counts bytes, and so do we: an accented letter counts twice.
        if (passphrase.size() < min_passphrase_length || passphrase.size() > max_passphrase_length)
            m_reader.error(line, std::string(scope) + ": passphrase must be 10 to 79 characters, got " +
                                     std::to_string(passphrase.size()));
    }

    void read_host_port(const toml::table& t, std::string_view scope, std::string_view key, HostPort& out,
                        PortRule rule, std::string_view example)
    {
        std::string text;
        const int line = m_reader.read(t, scope, key, text, Need::optional);
        if (!t.contains(key) || !t.get(key)->is_string())
            return;
        if (auto parsed = parse_host_port(text, rule))
            out = *parsed;
        else
            m_reader.error(line, std::string(scope) + ": " + std::string(key) + " " + in_quotes(text) + " must be " +
                                     std::string(example));
    }

    void read_zmq(const toml::table& t, std::string_view scope, std::string_view key, std::string& out, PortRule rule)
    {
        std::string text = out;
        const int line = m_reader.read(t, scope, key, text, Need::optional);
        if (!t.contains(key))
            return;
        if (is_valid_zmq_endpoint(text, rule))
            out = text;
        else
        {
            const std::string port = scope == "producer" ? "7200" : "7100";
            m_reader.error(line, std::string(scope) + ": " + std::string(key) + " " + in_quotes(text) +
                                     " must be tcp://host:port, like \"tcp://" +
                                     (rule == PortRule::any_port ? "0.0.0.0:" : "127.0.0.1:") + port + "\"");
        }
    }

    void read_source(const toml::table& t, const SourceRule& rule, MediaSource& out)
    {
        std::string text;
        const int line = m_reader.read(t, "producer", rule.key, text, Need::optional);
        if (!t.contains(rule.key) || !t.get(rule.key)->is_string())
            return;
        if (auto parsed = parse_source(text, rule))
            out = *parsed;
        else
            m_reader.error(line, "producer: " + std::string(rule.key) + " " + in_quotes(text) + " must be " +
                                     std::string(rule.expected));
        if (out.kind == MediaSource::Kind::file)
            out.argument = resolve(m_base, out.argument).string();
    }

    struct PassphraseOwner {
        std::string owner;
        std::string value;
        int line;
    };

    fs::path m_base;
    Reader& m_reader;
    Event m_event;
    int m_host_site_line = 1;
    int m_upstream_site_line = 1;
    std::vector<PassphraseOwner> m_passphrases;
};

}  // namespace

std::optional<MediaSource> parse_room_microphone(std::string_view text)
{
    static const SourceRule room_microphone{"microphone",
                                            {{"auto", MediaSource::Kind::automatic},
                                             {"test", MediaSource::Kind::test},
                                             {"alsa:", MediaSource::Kind::alsa},
                                             {"pulse", MediaSource::Kind::pulse},
                                             {"pulse:", MediaSource::Kind::pulse},
                                             {"file:", MediaSource::Kind::file}},
                                            "auto, pulse, pulse:DEVICE, alsa:DEVICE, test or file:PATH"};
    return parse_source(text, room_microphone);
}

std::string to_string(const MediaSource& source)
{
    using Kind = MediaSource::Kind;
    const std::string argument = source.argument.empty() ? "" : ":" + source.argument;
    switch (source.kind) {
    case Kind::test: return "test";
    case Kind::v4l2: return "v4l2" + argument;
    case Kind::file: return "file" + argument;
    case Kind::alsa: return "alsa" + argument;
    case Kind::pulse: return "pulse" + argument;
    case Kind::deck: return "deck";
    case Kind::screen: return "screen" + argument;
    case Kind::none: return "none";
    case Kind::automatic: return "auto";
    }
    return "?";
}

std::string EventFileError::to_string() const
{
    return file + ":" + std::to_string(line) + ": " + message;
}

namespace {

std::variant<Event, EventFileErrors> load_from(const fs::path& file, std::optional<toml::table> root, Reader& reader)
{
    if (!root)
        return reader.take_errors();
    Event event = EventLoader(file, reader).load(*root);
    if (!reader.ok())
        return reader.take_errors();
    event.qa.database = resolve(file.parent_path(), event.qa.database);
    event.qa.keys = resolve(file.parent_path(), event.qa.keys);
    return event;
}

}  // namespace

std::variant<Event, EventFileErrors> load_event_file(const fs::path& file)
{
    Reader reader(file.string());
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        reader.error(0, "event file not found (give the path of a .toml event file, like examples/zoom-metiers.toml)");
        return reader.take_errors();
    }
    return load_from(file, parse_toml_file(file, reader), reader);
}

std::variant<Event, EventFileErrors> load_event_text(std::string_view text, const fs::path& file)
{
    Reader reader(file.string());
    return load_from(file, parse_toml_text(text, file.string(), reader), reader);
}


Event load_event_file_or_exit(const fs::path& file)
{
    auto result = load_event_file(file);
    if (auto* errors = std::get_if<EventFileErrors>(&result)) {
        for (const auto& e : *errors)
            std::fprintf(stderr, "%s\n", e.to_string().c_str());
        std::fprintf(stderr, "The event file has %zu problem%s; nothing was started.\n", errors->size(),
                     errors->size() == 1 ? "" : "s");
        std::exit(2);
    }
    return std::get<Event>(std::move(result));
}

std::variant<Event, std::string> reread_event_file(const fs::path& file)
{
    auto result = load_event_file(file);
    if (auto* errors = std::get_if<EventFileErrors>(&result)) {
        std::string text;
        for (const auto& e : *errors)
            text += (text.empty() ? "" : "\n") + e.to_string();
        return text;
    }
    return std::get<Event>(std::move(result));
}

}  // namespace estrade::config
