#include "site_board.hpp"

#include "i18n/words.hpp"

#include <algorithm>
#include <cstdio>

namespace estrade::moderator {

std::vector<SiteRow> site_board(const config::Event& event, const std::map<std::string, qa::SiteCounts>& counts,
                                const std::map<std::string, std::int64_t>& last_seen,
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
        std::int64_t sent = 0;
        if (relay_stats.is_object() && relay_stats.contains("sites") && relay_stats["sites"].is_array()) {
            for (const auto& s : relay_stats["sites"]) {
                if (s.value("site", "") != site.id)
                    continue;
                ++row.streams_playing;
                const auto stream = s.value("stream", "");
                streams.push_back(stream.substr(stream.rfind('/') + 1));
                row.rtt_ms = std::max(row.rtt_ms, s.value("rtt_ms", 0.0));
                row.lost_packets += s.value("lost_packets", std::int64_t{0});
                row.missed_packets += s.value("send_drops", std::int64_t{0});
                sent += s.value("packets_sent", std::int64_t{0});
            }
        }
        if (auto c = counts.find(site.id); c != counts.end()) {
            row.asked = c->second.asked;
            row.heard = c->second.picked;
            row.waiting = c->second.waiting;
        }
        if (auto seen = last_seen.find(site.id); seen != last_seen.end())
            row.on_question_channel = now_ms - seen->second < 10000;
        if (!relay_stats.is_object()) {
            row.relay_text = words::translate("SiteBoard", "relay statistics unavailable");
        } else if (streams.empty()) {
            row.relay_text = words::translate("SiteBoard", "not connected");
        } else {
            std::sort(streams.begin(), streams.end(), std::greater<>());  // speaker before slides
            std::string names;
            for (const auto& name : streams)
                names += (names.empty() ? "" : " + ") + name;
            // SRT resends what is lost: the raw count ("195 lost" for a room that got everything) says
            // little to a moderator; the rate, and what never arrived, say how the room is doing.
            row.loss_percent = sent > 0 ? 100.0 * static_cast<double>(row.lost_packets) / static_cast<double>(sent) : 0;
            char rtt[32];
            char loss[32];
            std::snprintf(rtt, sizeof rtt, "%.0f", row.rtt_ms);
            std::snprintf(loss, sizeof loss, "%.1f", row.loss_percent);
            const auto detail =
                row.missed_packets == 0
                    ? words::fill(words::translate("SiteBoard", " · %1 ms · %2 % loss, all recovered"), {rtt, loss})
                    : words::fill(words::translate("SiteBoard", " · %1 ms · %2 % loss, %3 packets missed"),
                                  {rtt, loss, std::to_string(row.missed_packets)});
            row.relay_text = names + detail;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace estrade::moderator
