#include "site_board.hpp"

#include <algorithm>
#include <cstdio>

namespace estrade::moderator {

std::vector<SiteRow> site_board(const config::Event& event, const nlohmann::json& broker_sites,
                                const nlohmann::json& relay_stats, std::int64_t now_ms)
{
    std::vector<SiteRow> rows;
    for (const auto& site : event.sites) {
        SiteRow row;
        row.id = site.id;
        row.name = site.name.empty() ? site.id : site.name;
        row.seats = site.seats;
        row.host = site.id == event.event.host_site;
        std::vector<std::string> streams;
        if (relay_stats.is_object() && relay_stats.contains("sites") && relay_stats["sites"].is_array()) {
            for (const auto& s : relay_stats["sites"]) {
                if (s.value("site", "") != site.id)
                    continue;
                ++row.streams_playing;
                const auto stream = s.value("stream", "");
                streams.push_back(stream.substr(stream.rfind('/') + 1));
                row.rtt_ms = std::max(row.rtt_ms, s.value("rtt_ms", 0.0));
                row.lost_packets += s.value("lost_packets", std::int64_t{0});
            }
        }
        if (broker_sites.is_object() && broker_sites.contains(site.id)) {
            const auto& b = broker_sites[site.id];
            row.asked = b.value("asked", 0);
            row.heard = b.value("picked", 0);
            row.waiting = b.value("waiting", 0);
            row.on_question_channel = b.contains("last_seen_ms") && now_ms - b["last_seen_ms"].get<std::int64_t>() < 10000;
        }
        if (!relay_stats.is_object()) {
            row.relay_text = "relay statistics unavailable";
        } else if (streams.empty()) {
            row.relay_text = "not connected";
        } else {
            std::sort(streams.begin(), streams.end(), std::greater<>());  // speaker before slides
            std::string names;
            for (const auto& name : streams)
                names += (names.empty() ? "" : " + ") + name;
            char detail[64];
            std::snprintf(detail, sizeof detail, " · %.0f ms · %lld lost", row.rtt_ms,
                          static_cast<long long>(row.lost_packets));
            row.relay_text = names + detail;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace estrade::moderator
