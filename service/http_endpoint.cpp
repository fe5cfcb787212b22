#include "http_endpoint.hpp"

#include <httplib.h>

#include <stdexcept>

namespace estrade::service {

HttpEndpoint::HttpEndpoint(const std::string& host, std::uint16_t port, std::vector<HttpRoute> routes,
                           const std::string& what)
    : m_server(std::make_unique<httplib::Server>())
{
    for (auto& route : routes)
        m_server->Get(route.path, [reply = std::move(route.reply)](const httplib::Request&, httplib::Response& response) {
            auto answer = reply();
            response.status = answer.status;
            response.set_content(answer.body, answer.content_type);
        });
    const int bound = port == 0 ? m_server->bind_to_any_port(host) : (m_server->bind_to_port(host, port) ? port : -1);
    if (bound <= 0)
        throw std::runtime_error("cannot serve " + what + " on " + host + ":" + std::to_string(port));
    m_port = static_cast<std::uint16_t>(bound);
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
}

HttpEndpoint::~HttpEndpoint()
{
    m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
}

HttpReply loop_health(std::chrono::steady_clock::time_point refreshed, const nlohmann::json& details)
{
    const auto since =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - refreshed);
    const bool alive = refreshed != std::chrono::steady_clock::time_point{} && since < std::chrono::seconds(5);
    nlohmann::json body{{"status", alive ? "ok" : "stalled"}, {"loop_ms_ago", since.count()}};
    body.update(details);
    return {alive ? 200 : 503, body.dump(), "application/json"};
}

}  // namespace estrade::service
