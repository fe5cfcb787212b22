#pragma once
// estrade-web's HTTP side (docs/web.md): the page, the HLS playlists and segments, and a small API onto
// the question channel, with an embedded server (cpp-httplib, as the relay's statistics). Who may watch
// and ask is decided by the invitation link's token alone; no secret of the event reaches a page.

#include "hls_gateway.hpp"
#include "question_gateway.hpp"

#include "config/event.hpp"
#include "config/web_invitation.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace estrade::web {

struct ServerSettings {
    config::HostPort listen;
    std::filesystem::path page;    // index.html, app.js, style.css
    std::filesystem::path vendor;  // hls.min.js (npm's hls.js, installed by ./estrade deps)
    std::filesystem::path live;    // the HLS folders, <live>/<stream>/
    std::string live_key;          // the unguessable path part the segments are served under, new each start
    int threads = 512;             // an open page holds one (its update stream)
};

class WebServer {
public:
    WebServer(const config::Event& event, ServerSettings settings, QuestionGateway& questions, const HlsGateway* hls);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    int port() const;
    // Serves until stop() (from another thread or a signal watcher).
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace estrade::web
