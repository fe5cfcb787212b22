#pragma once
// The broker's numbers for an IT person's monitoring, like the relay's: /metrics (Prometheus text) and
// /health (200 while the broker's loop turns), served by cpp-httplib on their own thread from a copy the
// loop refreshes once a second.

#include "config/endpoint.hpp"
#include "service/http_endpoint.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace estrade::qa {

// Counts per bucket of a histogram (Prometheus' cumulative form is made when serialised).
struct Histogram {
    std::vector<double> bounds;  // upper bounds, seconds
    std::vector<std::uint64_t> counts = std::vector<std::uint64_t>(bounds.size() + 1, 0);  // + the +Inf bucket
    double sum = 0;
    void observe(double seconds);
};

struct BrokerStats {
    std::map<std::string, std::int64_t> questions_by_state;
    std::int64_t sites = 0;              // in the event file
    std::int64_t sites_heard = 0;        // heard from in the last 10 s (a room pings every 2 s)
    std::int64_t seq = 0;                // the last update's number
    std::int64_t polls_open = 0;
    std::map<std::string, std::int64_t> requests;  // "command outcome" → count ("ask ok", "vote refused")
    std::int64_t storage_failures = 0;
    Histogram request_seconds{{0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1}};
    Histogram commit_seconds{{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25}};
    std::chrono::steady_clock::time_point refreshed{};
};

std::string broker_prometheus(const BrokerStats& stats);

// /metrics (Prometheus) and /health, served from their own thread.
class MetricsServer {
public:
    MetricsServer(const config::HostPort& listen, std::function<BrokerStats()> source);
    std::uint16_t port() const { return m_endpoint.port(); }

private:
    service::HttpEndpoint m_endpoint;
};

}  // namespace estrade::qa
