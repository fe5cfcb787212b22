#include "stats_http.hpp"

#include <nlohmann/json.hpp>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <sstream>

namespace estrade::relay {

std::string stats_json(const RelayStats& stats)
{
    nlohmann::json json{{"rejected_connections", stats.rejected}, {"streams", nlohmann::json::array()},
                        {"sites", nlohmann::json::array()}};
    for (const auto& s : stats.streams)
        json["streams"].push_back({{"stream", s.name},
                                   {"publishing", s.publishing},
                                   {"publisher", s.publisher},
                                   {"publisher_since_ms", s.publisher_since_ms},
                                   {"bytes", s.bytes},
                                   {"keyframes", s.keyframes},
                                   {"mbps", s.mbps},
                                   {"lost_packets", s.lost},
                                   {"dropped_packets", s.dropped},
                                   {"sites", s.subscribers}});
    for (const auto& s : stats.subscribers)
        json["sites"].push_back({{"site", s.site},
                                 {"stream", s.stream},
                                 {"connected_since_ms", s.connected_since_ms},
                                 {"rtt_ms", s.rtt_ms},
                                 {"lost_packets", s.lost},
                                 {"retransmitted_packets", s.retransmitted},
                                 {"send_drops", s.send_drops},
                                 {"packets_sent", s.packets_sent},
                                 {"keyframe_skips", s.keyframe_skips},
                                 {"bytes", s.bytes},
                                 {"mbps", s.mbps}});
    return json.dump(2);
}

std::string stats_prometheus(const RelayStats& stats)
{
    // A registry per scrape, filled from the snapshot: nothing shared with the relay loop.
    prometheus::Registry registry;
    auto& stream_bytes = prometheus::BuildCounter().Name("estrade_relay_stream_bytes_total").Help("Bytes received from the publisher").Register(registry);
    auto& stream_publishing = prometheus::BuildGauge().Name("estrade_relay_stream_publishing").Help("1 while a publisher is connected").Register(registry);
    auto& stream_sites = prometheus::BuildGauge().Name("estrade_relay_stream_sites").Help("Sites playing the stream").Register(registry);
    auto& site_bytes = prometheus::BuildCounter().Name("estrade_relay_site_bytes_total").Help("Bytes sent to the site").Register(registry);
    auto& site_rtt = prometheus::BuildGauge().Name("estrade_relay_site_rtt_seconds").Help("SRT round-trip time").Register(registry);
    auto& site_lost = prometheus::BuildCounter().Name("estrade_relay_site_lost_packets_total").Help("Packets reported lost by the site").Register(registry);
    auto& site_retrans = prometheus::BuildCounter().Name("estrade_relay_site_retransmitted_packets_total").Help("Packets sent again").Register(registry);
    auto& site_sent = prometheus::BuildCounter().Name("estrade_relay_site_packets_sent_total").Help("Packets sent once (retransmissions not counted)").Register(registry);
    auto& site_drops = prometheus::BuildCounter().Name("estrade_relay_site_send_drops_total").Help("Packets dropped as too late to send").Register(registry);
    auto& site_skips = prometheus::BuildCounter().Name("estrade_relay_site_keyframe_skips_total").Help("Times the site fell behind and skipped to a keyframe").Register(registry);
    auto& rejected = prometheus::BuildCounter().Name("estrade_relay_rejected_connections_total").Help("Connections refused during the handshake").Register(registry);
    rejected.Add({}).Increment(static_cast<double>(stats.rejected));
    for (const auto& s : stats.streams) {
        const prometheus::Labels labels{{"stream", s.name}};
        stream_bytes.Add(labels).Increment(static_cast<double>(s.bytes));
        stream_publishing.Add(labels).Set(s.publishing ? 1 : 0);
        stream_sites.Add(labels).Set(static_cast<double>(s.subscribers));
    }
    for (const auto& s : stats.subscribers) {
        const prometheus::Labels labels{{"stream", s.stream}, {"site", s.site}};
        site_bytes.Add(labels).Increment(static_cast<double>(s.bytes));
        site_rtt.Add(labels).Set(s.rtt_ms / 1000.0);
        site_lost.Add(labels).Increment(static_cast<double>(s.lost));
        site_retrans.Add(labels).Increment(static_cast<double>(s.retransmitted));
        site_drops.Add(labels).Increment(static_cast<double>(s.send_drops));
        site_sent.Add(labels).Increment(static_cast<double>(s.packets_sent));
        site_skips.Add(labels).Increment(static_cast<double>(s.keyframe_skips));
    }
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, registry.Collect());
    return out.str();
}

StatsServer::StatsServer(const config::HostPort& listen, std::function<RelayStats()> source)
    : m_endpoint(listen.host, listen.port,
                 {{"/stats", [source] { return service::HttpReply{200, stats_json(source()), "application/json"}; }},
                  {"/metrics", [source] { return service::prometheus_reply(stats_prometheus(source())); }},
                  {"/health",
                   [source] {
                       const auto stats = source();
                       std::size_t publishing = 0;
                       for (const auto& s : stats.streams)
                           publishing += s.publishing;
                       return service::loop_health(stats.refreshed, {{"streams_publishing", publishing},
                                                                     {"sites_playing", stats.subscribers.size()}});
                   }}},
                 "statistics")
{
}

}  // namespace estrade::relay
