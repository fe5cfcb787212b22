#include "page_state.hpp"

#include <algorithm>
#include <chrono>

namespace estrade::web {

namespace {


qa::Json programme_json(const std::optional<qa::Programme>& programme)
{
    return programme ? qa::to_json(*programme) : qa::Json();
}

}  // namespace

std::string suggested_layout(const std::optional<qa::Programme>& programme)
{
    if (!programme)
        return "slides";
    switch (programme->step.kind) {
    case qa::StepKind::talk: return "slides-inset";
    case qa::StepKind::questions: return "speaker";
    case qa::StepKind::opening:
    case qa::StepKind::break_:
    case qa::StepKind::ended: return "slides";
    }
    return "slides";
}

qa::Json poll_state(const std::map<std::int64_t, qa::Poll>& polls, const config::Event& event,
                    std::int64_t broker_now_ms)
{
    const auto* poll = qa::current_poll(polls);
    if (!poll)
        return nullptr;
    const bool open = poll->state == qa::PollState::open;
    qa::Json state{{"id", poll->id},
                   {"question", poll->question},
                   {"choices", poll->choices},
                   {"open", open},
                   {"seconds_left", open ? std::max<std::int64_t>(0, (poll->closes_at_ms - broker_now_ms + 999) / 1000) : 0}};
    if (!open) {
        state["totals"] = poll->totals();
        qa::Json rooms = qa::Json::array();
        const auto per_site = poll->per_site();
        for (const auto& s : event.sites)
            if (auto it = per_site.find(s.id); it != per_site.end())
                rooms.push_back({{"room", event.site_name(s.id)}, {"counts", it->second}});
        state["rooms"] = std::move(rooms);
    }
    return state;
}

qa::Json page_state(const ReplicaCopy& replica, const config::Event& event, const std::string& site,
                    const std::vector<PendingAsk>& pending)
{
    qa::Json questions = qa::Json::array();
    qa::Json picked = nullptr;
    // Every page's state is made on every change: copy the questions only for a site that has some
    // awaiting approval (approval on), to list them in id order with the others.
    const auto* shown = &replica.questions;
    std::map<std::int64_t, qa::Question> with_own;
    if (auto own = replica.unapproved.find(site); own != replica.unapproved.end() && !own->second.empty()) {
        with_own = replica.questions;
        with_own.insert(own->second.begin(), own->second.end());
        shown = &with_own;
    }
    for (const auto& [id, q] : *shown) {
        const bool mine = q.site == site;
        const bool open = q.state == qa::QuestionState::waiting || q.state == qa::QuestionState::on_screen;
        if (!q.approved && !mine)
            continue;
        if (q.state == qa::QuestionState::on_screen)
            picked = {{"id", id}, {"text", q.text}, {"name", q.asker}, {"site", event.site_name(q.site)}};
        if (!open && !mine)
            continue;
        const bool voted = q.voters.contains(site);
        qa::Json row{{"id", id},
                     {"text", q.text},
                     {"site", event.site_name(q.site)},
                     {"state", qa::to_string(q.state)},
                     {"votes", q.voters.size()},
                     {"mine", mine},
                     {"voted", voted},
                     {"can_vote", !mine && !voted && q.state == qa::QuestionState::waiting}};
        if (mine && !q.asker.empty())
            row["name"] = q.asker;
        if (!q.reason.empty())
            row["reason"] = q.reason;
        questions.push_back(std::move(row));
    }
    for (const auto& p : pending)
        questions.push_back({{"id", 0}, {"text", p.text}, {"name", p.name}, {"site", event.site_name(site)},
                             {"state", "not_sent"}, {"votes", 0}, {"mine", true}, {"voted", false}, {"can_vote", false}});
    return {{"seq", replica.seq},
            {"connected", replica.connected},
            {"event_title", event.event.title},
            {"site", {{"id", site}, {"name", event.site_name(site)}}},
            {"programme", programme_json(replica.programme)},
            {"layout", suggested_layout(replica.programme)},
            {"window_open", replica.window_open},
            {"picked", picked},
            {"questions", std::move(questions)},
            {"poll", poll_state(replica.polls, event,
                                std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                        .count() +
                                    replica.clock_offset_ms)}};
}

qa::Json follow_up(const ReplicaCopy& replica, const config::Event& event, const std::string& site)
{
    qa::Json asked = qa::Json::array();
    for (const auto& [id, q] : replica.questions) {
        if (q.site != site)
            continue;
        asked.push_back({{"id", id},
                         {"text", q.text},
                         {"name", q.asker},
                         {"talk", q.talk},
                         {"speaker", q.talk >= 1 && q.talk <= static_cast<int>(event.talks.size())
                                         ? event.talks[static_cast<std::size_t>(q.talk - 1)].speaker
                                         : std::string{}},
                         {"state", qa::to_string(q.state)},
                         {"answered_on_air", q.state == qa::QuestionState::answered ||
                                                 q.state == qa::QuestionState::on_screen},
                         {"reason", q.reason}});
    }
    return {{"event_title", event.event.title}, {"site", event.site_name(site)}, {"questions", std::move(asked)}};
}

}  // namespace estrade::web
