#pragma once
// The site board: each remote room's connection to the relay (from its /stats: which streams it plays,
// round trip, losses), to the question channel (when the broker last heard from it), its seats and its
// questions. Pure: computed from the event, the question replica and the relay's statistics.

#include "config/event.hpp"
#include "qa/question_queue.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace estrade::moderator {

struct SiteRow {
    std::string id;
    std::string name;
    int seats = 0;
    bool host = false;
    int streams_playing = 0;  // 0, 1 or 2 (speaker and slides)
    double rtt_ms = 0;        // the worst of its streams
    std::int64_t lost_packets = 0;    // reported lost on the way, most then sent again in time
    std::int64_t missed_packets = 0;  // never delivered (dropped as too late): what the room really missed
    double loss_percent = 0;          // lost / sent
    bool on_question_channel = false;  // heard from in the last 10 s
    int asked = 0;
    int heard = 0;  // questions put on screen
    int waiting = 0;
    // "speaker + slides · 12 ms · 0.3 % loss, all recovered", "… · 2.1 % loss, 40 packets missed", "not connected"
    std::string relay_text;
};

// `last_seen`: site → when the broker last heard it; `now_ms`: milliseconds since the epoch, to judge it.
std::vector<SiteRow> site_board(const config::Event& event, const std::map<std::string, qa::SiteCounts>& counts,
                                const std::map<std::string, std::int64_t>& last_seen,
                                const nlohmann::json& relay_stats, std::int64_t now_ms);

}  // namespace estrade::moderator
