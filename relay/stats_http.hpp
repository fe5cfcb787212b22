#pragma once
// The relay's statistics over HTTP (cpp-httplib): /stats as JSON, /metrics for Prometheus.
// Served from its own thread, from the snapshot the relay loop refreshes once a second.

#include "relay_server.hpp"

#include "service/http_endpoint.hpp"

#include <functional>

namespace estrade::relay {

std::string stats_json(const RelayStats& stats);
std::string stats_prometheus(const RelayStats& stats);

// /stats (JSON), /metrics (Prometheus), /health, served from their own thread.
class StatsServer {
public:
    StatsServer(const config::HostPort& listen, std::function<RelayStats()> source);
    std::uint16_t port() const { return m_endpoint.port(); }

private:
    service::HttpEndpoint m_endpoint;
};

}  // namespace estrade::relay
