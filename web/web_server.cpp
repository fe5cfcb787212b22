#include "web_server.hpp"

#include <algorithm>
#include <cctype>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <deque>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>

namespace estrade::web {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

bool french(const httplib::Request& request)
{
    // The rooms are French: French unless the browser prefers English.
    const auto languages = request.get_header_value("Accept-Language");
    const auto en = languages.find("en"), fr = languages.find("fr");
    return !(en != std::string::npos && (fr == std::string::npos || en < fr));
}

std::string html_escaped(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string read_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string simple_page(const std::string& title, const std::string& body, bool fr)
{
    return "<!doctype html><html lang=\"" + std::string(fr ? "fr" : "en") +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" + html_escaped(title) + "</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>"
           "<body class=\"simple\"><main>" + body + "</main></body></html>";
}

void json_reply(httplib::Response& response, int status, const qa::Json& body)
{
    response.status = status;
    response.set_header("Cache-Control", "no-store");
    response.set_content(body.dump(), "application/json; charset=utf-8");
}

void refuse(httplib::Response& response, int status, const std::string& code, const std::string& reason)
{
    json_reply(response, status, {{"ok", false}, {"code", code}, {"reason", reason}});
}

// At most `limit` in a sliding minute, per token.
class RateLimit {
public:
    explicit RateLimit(int limit) : m_limit(limit) {}
    bool allow(const std::string& token)
    {
        std::lock_guard lock(m_mutex);
        auto& times = m_times[token];
        const auto now = Clock::now();
        while (!times.empty() && now - times.front() > 60s)
            times.pop_front();
        if (static_cast<int>(times.size()) >= m_limit)
            return false;
        times.push_back(now);
        return true;
    }

private:
    int m_limit;
    std::mutex m_mutex;
    std::map<std::string, std::deque<Clock::time_point>> m_times;
};

// The invitations file, read again when it changes (a revoked link stops working within a second).
class Invitations {
public:
    explicit Invitations(std::filesystem::path file) : m_file(std::move(file)) {}
    // The site a token speaks for, or nothing.
    std::optional<std::string> site_of(const std::string& token)
    {
        if (token.size() < 16 || token.size() > 128)
            return std::nullopt;
        std::lock_guard lock(m_mutex);
        reload_if_changed();
        for (const auto& invitation : m_invitations)
            if (invitation.token == token && !invitation.revoked)
                return invitation.site;
        return std::nullopt;
    }

private:
    void reload_if_changed()
    {
        if (Clock::now() < m_next_check)
            return;
        m_next_check = Clock::now() + 1s;
        std::error_code ec;
        const auto changed = std::filesystem::last_write_time(m_file, ec);
        if (ec || changed == m_loaded_at)
            return;
        auto loaded = config::load_web_invitations(m_file);
        if (auto* errors = std::get_if<config::EventFileErrors>(&loaded)) {
            spdlog::error("web: {} is damaged, keeping the links it had: {}", m_file.string(), errors->front().to_string());
            return;
        }
        m_invitations = std::get<std::vector<config::WebInvitation>>(std::move(loaded));
        m_loaded_at = changed;
        spdlog::info("web: {} invitation link(s) from {}", m_invitations.size(), m_file.string());
    }

    std::filesystem::path m_file;
    std::mutex m_mutex;
    std::vector<config::WebInvitation> m_invitations;
    std::filesystem::file_time_type m_loaded_at{};
    Clock::time_point m_next_check{};
};

std::string stream_word(const gst::StreamStatus& status)
{
    switch (status.phase) {
    case gst::StreamPhase::playing: return "live";
    case gst::StreamPhase::connecting: return "connecting";
    default: return "stopped";
    }
}

}  // namespace

struct WebServer::Impl {
    const config::Event& event;
    ServerSettings settings;
    QuestionGateway& questions;
    const HlsGateway* hls;
    Invitations invitations{event.web->invitations};
    RateLimit asks{event.web->questions_per_minute};
    RateLimit votes{60};
    // Everyone following one link may raise a hand in the same minute: a room's worth, and changes of mind.
    RateLimit hands{600};
    httplib::Server server;
    int bound_port = 0;

    Impl(const config::Event& e, ServerSettings s, QuestionGateway& q, const HlsGateway* h)
        : event(e), settings(std::move(s)), questions(q), hls(h)
    {
        server.new_task_queue = [threads = settings.threads] { return new httplib::ThreadPool(threads); };
        server.set_payload_max_length(4096);
        server.set_keep_alive_max_count(1000);
        routes();
        bound_port = settings.listen.port == 0 ? server.bind_to_any_port(settings.listen.host)
                                               : (server.bind_to_port(settings.listen.host, settings.listen.port)
                                                      ? settings.listen.port
                                                      : -1);
        if (bound_port < 0)
            throw std::runtime_error("cannot serve the web page on " + settings.listen.to_string() +
                                     " (is another program using that port? change [web] listen)");
    }

    std::optional<std::string> site_of(const httplib::Request& request)
    {
        return invitations.site_of(request.get_param_value("t"));
    }

    qa::Json state_for(const std::string& site)
    {
        auto state = page_state(questions.replica(), event, site, questions.pending(site));
        if (hls)
            for (const char* stream : {"speaker", "slides"})
                state["streams"][stream] = stream_word(hls->status(stream));
        return state;
    }

    void refusal_page(const httplib::Request& request, httplib::Response& response)
    {
        const bool fr = french(request);
        response.status = 403;
        response.set_header("Cache-Control", "no-store");
        response.set_content(
            simple_page(fr ? "Lien non valable" : "Link not valid",
                        fr ? "<h1>Ce lien ne permet pas de suivre l'événement</h1><p>Il est incomplet, ou il a été "
                             "retiré par l'organisateur. Demandez un nouveau lien à la personne qui vous a invité.</p>"
                           : "<h1>This link does not open the event</h1><p>It is incomplete, or the organiser has "
                             "withdrawn it. Ask the person who invited you for a new link.</p>",
                        fr),
            "text/html; charset=utf-8");
    }

    void routes()
    {
        server.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
            if (!site_of(request))
                return refusal_page(request, response);
            response.set_header("Cache-Control", "no-store");
            response.set_content(read_file(settings.page / "index.html"), "text/html; charset=utf-8");
        });
        server.Get("/follow-up", [this](const httplib::Request& request, httplib::Response& response) {
            auto site = site_of(request);
            if (!site)
                return refusal_page(request, response);
            follow_up_page(request, response, *site);
        });
        server.Get(R"(/static/([a-z0-9.-]+))", [this](const httplib::Request& request, httplib::Response& response) {
            const std::string name = request.matches[1];
            const auto file = name == "hls.min.js" ? settings.vendor / name : settings.page / name;
            if (name.find("..") != std::string::npos || !std::filesystem::is_regular_file(file)) {
                response.status = 404;
                return;
            }
            const auto type = name.ends_with(".js") ? "text/javascript; charset=utf-8"
                              : name.ends_with(".css") ? "text/css; charset=utf-8"
                                                       : "application/octet-stream";
            response.set_header("Cache-Control", "public, max-age=300");
            response.set_content(read_file(file), type);
        });
        server.Get(R"(/live/([0-9a-f]+)/(speaker|slides)/(live\.m3u8|segment[0-9]{5}\.ts))",
                   [this](const httplib::Request& request, httplib::Response& response) { live_file(request, response); });
        server.Get("/api/session", [this](const httplib::Request& request, httplib::Response& response) {
            auto site = site_of(request);
            if (!site)
                return refuse(response, 403, "bad_token", "this link is not valid (incomplete, or withdrawn)");
            const auto live = "/live/" + settings.live_key + "/";
            json_reply(response, 200,
                       {{"ok", true},
                        {"site", *site},
                        {"site_name", event.find_site(*site)->name},
                        {"event_title", event.event.title},
                        {"segment_seconds", event.web->segment_seconds},
                        // How far behind the newest listed segment the page plays: one segment and a quarter
                        // (a segment is listed once the next keyframe has arrived; see docs/web.md).
                        {"hold_back_s", event.web->segment_seconds * 1.25},
                        {"live", {{"speaker", live + "speaker/live.m3u8"}, {"slides", live + "slides/live.m3u8"}}},
                        {"follow_up", "/follow-up?t=" + request.get_param_value("t")}});
        });
        server.Get("/api/state", [this](const httplib::Request& request, httplib::Response& response) {
            auto site = site_of(request);
            if (!site)
                return refuse(response, 403, "bad_token", "this link is not valid (incomplete, or withdrawn)");
            json_reply(response, 200, state_for(*site));
        });
        server.Get("/api/events", [this](const httplib::Request& request, httplib::Response& response) {
            auto site = site_of(request);
            if (!site)
                return refuse(response, 403, "bad_token", "this link is not valid (incomplete, or withdrawn)");
            events(*site, response);
        });
        server.Post("/api/ask", [this](const httplib::Request& request, httplib::Response& response) {
            with_body(request, response, [&](const std::string& site, const std::string& token, const qa::Json& body) {
                if (!asks.allow(token))
                    return refuse(response, 429, "too_many",
                                  "too many questions from this link in a minute; wait a little");
                auto text = qa::string_field(body, "text");
                if (!text)
                    return refuse(response, 400, "bad_request", "a question needs \"text\" (a string)");
                outcome_reply(response, questions.ask(site, *text, qa::string_field(body, "name").value_or("")));
            });
        });
        server.Post("/api/vote", [this](const httplib::Request& request, httplib::Response& response) {
            with_body(request, response, [&](const std::string& site, const std::string& token, const qa::Json& body) {
                if (!votes.allow(token))
                    return refuse(response, 429, "too_many", "too many votes from this link in a minute");
                auto question = qa::integer_field(body, "question");
                if (!question)
                    return refuse(response, 400, "bad_request", "a vote needs \"question\" (a question id)");
                outcome_reply(response, questions.vote(site, *question));
            });
        });
        server.Post("/api/answer", [this](const httplib::Request& request, httplib::Response& response) {
            with_body(request, response, [&](const std::string& site, const std::string& token, const qa::Json& body) {
                if (!hands.allow(token))
                    return refuse(response, 429, "too_many", "too many answers from this link in a minute");
                const auto poll = qa::integer_field(body, "poll");
                const auto choice = qa::integer_field(body, "choice");
                const auto participant = qa::string_field(body, "participant");
                if (!poll || !choice || !participant || !valid_participant(*participant))
                    return refuse(response, 400, "bad_request",
                                  "an answer needs \"poll\", \"choice\" (an answer's index, -1 for none) and "
                                  "\"participant\" (8 to 64 letters, digits, - or _)");
                const auto current = questions.replica().polls;
                const auto found = current.find(*poll);
                if (found == current.end())
                    return refuse(response, 422, "not_found", "there is no such show of hands");
                const int choices = static_cast<int>(found->second.choices.size());
                if (*choice < -1 || *choice >= choices)
                    return refuse(response, 400, "bad_request", "\"choice\" is not one of this show of hands' answers");
                outcome_reply(response, questions.answer_poll(site, *poll, static_cast<int>(*choice), choices,
                                                              *participant));
            });
        });
        server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
            if (response.status == 413)
                refuse(response, 413, "too_large", "a request is at most 4096 bytes");
        });
    }

    // A browser's own random id (the page keeps it): one hand per browser in a show of hands.
    static bool valid_participant(const std::string& id)
    {
        return id.size() >= 8 && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
                   return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
               });
    }

    template <typename Handler>
    void with_body(const httplib::Request& request, httplib::Response& response, Handler handler)
    {
        const auto token = request.get_param_value("t");
        auto site = invitations.site_of(token);
        if (!site)
            return refuse(response, 403, "bad_token", "this link is not valid (incomplete, or withdrawn)");
        const auto body = qa::Json::parse(request.body, nullptr, false);
        if (!body.is_object())
            return refuse(response, 400, "bad_json", "the request is not a JSON object");
        handler(*site, token, body);
    }

    static void outcome_reply(httplib::Response& response, const Outcome& outcome)
    {
        switch (outcome.kind) {
        case Outcome::Kind::accepted: return json_reply(response, 200, {{"ok", true}, {"question", outcome.question}});
        case Outcome::Kind::kept: return json_reply(response, 202, {{"ok", true}, {"kept", true}});
        case Outcome::Kind::refused: return refuse(response, 422, outcome.code, outcome.reason);
        }
    }

    void live_file(const httplib::Request& request, httplib::Response& response)
    {
        if (request.matches[1] != settings.live_key) {
            response.status = 404;
            return;
        }
        const std::string name = request.matches[3];
        const auto file = settings.live / std::string(request.matches[2]) / name;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) {
            response.status = 404;
            response.set_header("Cache-Control", "no-store");
            return;
        }
        // A live playlist changes every segment: caches may keep it a second. A segment never changes
        // while it is listed; caches may keep it for as long as it can be listed.
        const bool playlist = name.ends_with(".m3u8");
        response.set_header("Cache-Control", playlist ? "public, max-age=1" : "public, max-age=60");
        response.set_header("Access-Control-Allow-Origin", "*");
        response.set_content(read_file(file), playlist ? "application/vnd.apple.mpegurl" : "video/mp2t");
    }

    // Server-Sent Events: the page's whole state each time it changes, a comment every 10 s so proxies
    // keep the connection; the browser reconnects by itself when it drops.
    void events(const std::string& site, httplib::Response& response)
    {
        response.set_header("Cache-Control", "no-store");
        response.set_header("X-Accel-Buffering", "no");  // nginx: pass each event at once
        auto seen = std::make_shared<std::pair<std::int64_t, bool>>(-2, false);
        response.set_chunked_content_provider("text/event-stream", [this, site, seen](std::size_t, httplib::DataSink& sink) {
            const auto seq = questions.wait_for_change(seen->first, seen->second, 10s);
            const auto copy = questions.replica();
            std::string chunk;
            if (seq != seen->first || copy.connected != seen->second) {
                chunk = "event: state\ndata: " + state_for(site).dump() + "\n\n";
                *seen = {copy.seq, copy.connected};
            } else {
                chunk = ": still here\n\n";
            }
            return sink.write(chunk.data(), chunk.size());
        });
    }

    void follow_up_page(const httplib::Request& request, httplib::Response& response, const std::string& site)
    {
        const bool fr = french(request);
        const auto data = follow_up(questions.replica(), event, site);
        std::string rows;
        for (const auto& q : data["questions"]) {
            const bool on_air = q["answered_on_air"].get<bool>();
            std::string status = on_air ? (fr ? "répondue en direct" : "answered on air")
                                        : (fr ? "à reprendre localement" : "to follow up locally");
            if (!q["reason"].get<std::string>().empty())
                status += " (" + q["reason"].get<std::string>() + ")";
            rows += "<tr class=\"" + std::string(on_air ? "on-air" : "to-follow") + "\"><td>" +
                    html_escaped(q["text"].get<std::string>()) + "</td><td>" + html_escaped(q["name"].get<std::string>()) +
                    "</td><td>" + html_escaped(q["speaker"].get<std::string>()) + "</td><td>" + html_escaped(status) +
                    "</td></tr>";
        }
        const std::string heading = html_escaped(data["event_title"].get<std::string>()) + " — " +
                                    html_escaped(data["site"].get<std::string>());
        const std::string body =
            "<h1>" + heading + "</h1><p>" +
            (fr ? "Les questions posées depuis ce site, et celles qui n'ont pas eu de réponse en direct : à reprendre "
                  "avec les participants."
                : "The questions asked from this site, and those not answered on air: to take up with the "
                  "participants.") +
            "</p><table class=\"follow-up\"><thead><tr><th>" + (fr ? "Question" : "Question") + "</th><th>" +
            (fr ? "Nom" : "Name") + "</th><th>" + (fr ? "Intervenant" : "Speaker") + "</th><th>" +
            (fr ? "Suite" : "Status") + "</th></tr></thead><tbody>" + rows +
            "</tbody></table><p><button onclick=\"window.print()\">" + (fr ? "Imprimer" : "Print") + "</button></p>";
        response.set_header("Cache-Control", "no-store");
        response.set_content(simple_page(fr ? "Suivi des questions" : "Question follow-up", body, fr),
                             "text/html; charset=utf-8");
    }
};

WebServer::WebServer(const config::Event& event, ServerSettings settings, QuestionGateway& questions,
                     const HlsGateway* hls)
    : m_impl(std::make_unique<Impl>(event, std::move(settings), questions, hls))
{
}

WebServer::~WebServer() = default;

int WebServer::port() const { return m_impl->bound_port; }
void WebServer::run() { m_impl->server.listen_after_bind(); }
void WebServer::stop() { m_impl->server.stop(); }

}  // namespace estrade::web
