#pragma once
// What a browser page shows, as JSON computed from the question replica for one site (docs/web.md):
// the programme, the layout the host suggests, the question on screen, and the question list with what
// this site may do with each. Codes, not words: the page says them in the browser's language.

#include "config/event.hpp"
#include "qa/poll.hpp"
#include "qa/protocol.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace estrade::web {

struct ReplicaCopy {
    bool connected = false;
    std::int64_t seq = -1;
    std::map<std::int64_t, qa::Question> questions;
    std::optional<qa::Programme> programme;
    bool window_open = true;
    std::map<std::int64_t, qa::Poll> polls;
    // With approval on: a site's questions other rooms do not see yet (read with that site's own key).
    std::map<std::string, std::map<std::int64_t, qa::Question>> unapproved;
    std::int64_t clock_offset_ms = 0;  // the broker's clock minus this server's
};

struct PendingAsk {  // typed in a page, in the site's journal, not acknowledged yet
    std::string text;
    std::string name;
};

// "slides" (opening, breaks, the end), "slides-inset" (a talk: slides with the speaker inset), "speaker"
// (questions after a talk) — the viewer's suggestion, as the page names its layouts.
std::string suggested_layout(const std::optional<qa::Programme>& programme);

qa::Json page_state(const ReplicaCopy& replica, const config::Event& event, const std::string& site,
                    const std::vector<PendingAsk>& pending);

// The show of hands as a page shows it (null when there is none): while open, the seconds left on the
// broker's clock at `broker_now_ms`; once closed, the totals and each room's count.
qa::Json poll_state(const std::map<std::int64_t, qa::Poll>& polls, const config::Event& event,
                    std::int64_t broker_now_ms);

// The follow-up page's data: every question this site asked, in the order asked.
qa::Json follow_up(const ReplicaCopy& replica, const config::Event& event, const std::string& site);

}  // namespace estrade::web
