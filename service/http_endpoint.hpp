#pragma once
// The little HTTP server a service answers monitoring on (the relay's /stats, /metrics and /health, the
// broker's /metrics and /health): routes served from their own thread by cpp-httplib until destroyed.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace estrade::service {

struct HttpReply {
    int status = 200;
    std::string body;
    std::string content_type;
};

struct HttpRoute {
    std::string path;  // answered to GET
    std::function<HttpReply()> reply;
};

class HttpEndpoint {
public:
    // Binds host:port (port 0: any free port) and serves; throws "cannot serve <what> on host:port".
    HttpEndpoint(const std::string& host, std::uint16_t port, std::vector<HttpRoute> routes, const std::string& what);
    ~HttpEndpoint();
    HttpEndpoint(const HttpEndpoint&) = delete;
    HttpEndpoint& operator=(const HttpEndpoint&) = delete;

    std::uint16_t port() const { return m_port; }

private:
    std::unique_ptr<httplib::Server> m_server;
    std::uint16_t m_port = 0;
    std::thread m_thread;
};

// /health for a load balancer or a monitoring probe: 200 while the service's loop turns (it refreshes its
// figures every second, at `refreshed`), 503 ("stalled") after 5 s without; `details` are added to the
// JSON after status and loop_ms_ago.
HttpReply loop_health(std::chrono::steady_clock::time_point refreshed, const nlohmann::json& details);

// Prometheus' text format.
inline HttpReply prometheus_reply(std::string text) { return {200, std::move(text), "text/plain; version=0.0.4"}; }

}  // namespace estrade::service
