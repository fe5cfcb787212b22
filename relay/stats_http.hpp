#pragma once
// The relay's statistics over HTTP (cpp-httplib): /stats as JSON, /metrics for Prometheus.
// Served from its own thread, from the snapshot the relay loop refreshes once a second.

#include "relay_server.hpp"

#include <functional>
#include <memory>
#include <thread>

namespace httplib {
class Server;
}

namespace estrade::relay {

std::string stats_json(const RelayStats& stats);
std::string stats_prometheus(const RelayStats& stats);

class StatsServer {
public:
    StatsServer(const config::HostPort& listen, std::function<RelayStats()> source);
    ~StatsServer();
    StatsServer(const StatsServer&) = delete;
    StatsServer& operator=(const StatsServer&) = delete;

    std::uint16_t port() const { return m_port; }

private:
    std::unique_ptr<httplib::Server> m_server;
    std::uint16_t m_port = 0;
    std::thread m_thread;
};

}  // namespace estrade::relay
