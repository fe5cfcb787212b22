#include "poll.hpp"

#include "question_queue.hpp"

#include <algorithm>
#include <numeric>

namespace estrade::qa {

namespace {

constexpr std::size_t max_poll_text_characters = 200;
constexpr std::size_t max_participant_id_bytes = 64;

PollError error(std::string code, std::string reason)
{
    return PollError{std::move(code), std::move(reason)};
}

PollError no_poll(std::int64_t id)
{
    return error("not_found", "there is no show of hands " + std::to_string(id));
}

std::optional<PollError> check_poll_text(std::string& text, std::string_view what)
{
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    text = first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
    if (!is_valid_utf8(text))
        return error("invalid_utf8", std::string(what) + " is not valid UTF-8");
    if (text.empty())
        return error("empty_text", std::string(what) + " is empty");
    if (utf8_length(text) > max_poll_text_characters)
        return error("text_too_long", std::string(what) + " is at most 200 characters");
    if (has_control_characters(text, LineBreaks::refused))
        return error("bad_text", std::string(what) + " contains control characters");
    return std::nullopt;
}

void add(std::vector<int>& into, const std::vector<int>& counts)
{
    into.resize(std::max(into.size(), counts.size()), 0);
    for (std::size_t i = 0; i < counts.size(); ++i)
        into[i] += counts[i];
}

}  // namespace

std::string_view to_string(PollState state)
{
    switch (state) {
    case PollState::open: return "open";
    case PollState::closed: return "closed";
    case PollState::archived: return "archived";
    }
    return "open";
}

std::optional<PollState> poll_state_from(std::string_view text)
{
    for (auto state : {PollState::open, PollState::closed, PollState::archived})
        if (to_string(state) == text)
            return state;
    return std::nullopt;
}

std::map<std::string, std::vector<int>> Poll::per_site() const
{
    auto sites = rooms;
    for (const auto& [site, hands] : browsers)
        add(sites[site], hands);
    for (auto& [site, counts] : sites)
        counts.resize(choices.size(), 0);
    return sites;
}

std::vector<int> Poll::totals() const
{
    std::vector<int> totals(choices.size(), 0);
    for (const auto& [site, counts] : per_site())
        add(totals, counts);
    return totals;
}

void PollBook::restore(std::vector<Stored> polls)
{
    m_polls.clear();
    m_participants.clear();
    for (auto& stored : polls) {
        m_next_id = std::max(m_next_id, stored.poll.id + 1);
        m_participants[stored.poll.id] = std::move(stored.participants);
        m_polls.emplace(stored.poll.id, std::move(stored.poll));
    }
    m_changes.clear();
}

PollBook::Stored PollBook::stored(std::int64_t id) const
{
    auto participants = m_participants.find(id);
    return Stored{m_polls.at(id), participants == m_participants.end() ? std::map<std::string, int>{}
                                                                         : participants->second};
}

const Poll* PollBook::find(std::int64_t id) const
{
    auto it = m_polls.find(id);
    return it == m_polls.end() ? nullptr : &it->second;
}

Poll* PollBook::find_mutable(std::int64_t id)
{
    auto it = m_polls.find(id);
    return it == m_polls.end() ? nullptr : &it->second;
}

PollBook::Result PollBook::open(const Caller& caller, NewPoll request, std::int64_t& new_id)
{
    if (!caller.moderator)
        return error("forbidden", "only the moderator asks for a show of hands");
    if (auto e = check_poll_text(request.question, "the question"))
        return e;
    if (request.choices.empty() || request.choices.size() > max_poll_choices)
        return error("bad_choices", "a show of hands has 1 to 5 answers");
    for (auto& choice : request.choices)
        if (auto e = check_poll_text(choice, "an answer"))
            return e;
    if (request.seconds < 1 || request.seconds > max_poll_seconds)
        return error("bad_duration", "a show of hands lasts 1 second to 15 minutes");
    for (auto& [id, poll] : m_polls) {
        if (poll.state == PollState::open)
            return error("poll_open", "show of hands " + std::to_string(id) + " is still open: close it first");
        if (poll.state == PollState::closed) {
            poll.state = PollState::archived;
            m_changes.push_back(id);
        }
    }
    Poll poll;
    poll.id = m_next_id++;
    poll.question = std::move(request.question);
    poll.choices = std::move(request.choices);
    poll.opened_ms = request.now_ms;
    poll.closes_at_ms = request.now_ms + request.seconds * std::int64_t{1000};
    new_id = poll.id;
    m_polls.emplace(poll.id, std::move(poll));
    m_changes.push_back(new_id);
    return std::nullopt;
}

void PollBook::close_now(Poll& poll, std::int64_t now_ms)
{
    poll.state = PollState::closed;
    poll.closed_ms = now_ms;
    m_changes.push_back(poll.id);
}

PollBook::Result PollBook::close(const Caller& caller, std::int64_t id, std::int64_t now_ms)
{
    if (!caller.moderator)
        return error("forbidden", "only the moderator closes a show of hands");
    Poll* poll = find_mutable(id);
    if (!poll)
        return no_poll(id);
    if (poll->state != PollState::open)
        return std::nullopt;  // already closed: a resend, or the clock got there first
    close_now(*poll, now_ms);
    return std::nullopt;
}

PollBook::Result PollBook::archive(const Caller& caller, std::int64_t id)
{
    if (!caller.moderator)
        return error("forbidden", "only the moderator moves on from a show of hands");
    Poll* poll = find_mutable(id);
    if (!poll)
        return no_poll(id);
    if (poll->state == PollState::open)
        return error("poll_open", "show of hands " + std::to_string(id) + " is still open: close it first");
    if (poll->state == PollState::closed) {
        poll->state = PollState::archived;
        m_changes.push_back(id);
    }
    return std::nullopt;
}

PollBook::Result PollBook::answer(const Caller& caller, const PollAnswer& answer)
{
    std::string site = caller.site;
    if (caller.moderator) {
        if (answer.site.empty())
            return error("bad_request", "the moderator answers for a room: give \"site\"");
        site = answer.site;
    } else if (!answer.site.empty() && answer.site != caller.site) {
        return error("forbidden", "a room answers only for itself");
    }
    const auto seats = m_rules.seats.find(site);
    if (seats == m_rules.seats.end())
        return error(caller.moderator ? "unknown_site" : "forbidden", "no site \"" + site + "\" in this event");
    Poll* poll = find_mutable(answer.poll);
    if (!poll)
        return no_poll(answer.poll);
    if (poll->state != PollState::open)
        return error("poll_closed", "this show of hands has closed: answers are no longer counted");
    if (answer.counts.size() != poll->choices.size())
        return error("bad_counts", "give one number per answer (" + std::to_string(poll->choices.size()) + ")");
    if (std::any_of(answer.counts.begin(), answer.counts.end(), [](int n) { return n < 0; }))
        return error("bad_counts", "a number of hands cannot be negative");
    const long hands = std::accumulate(answer.counts.begin(), answer.counts.end(), 0L);
    if (!answer.participant.empty()) {
        if (answer.participant.size() > max_participant_id_bytes || !is_valid_utf8(answer.participant))
            return error("bad_request", "a participant id is at most 64 bytes of UTF-8");
        if (hands > 1)
            return error("too_many_hands", "a participant raises one hand");
        auto& answered = m_participants[poll->id];
        const auto key = site + "/" + answer.participant;
        auto& browsers = poll->browsers[site];
        browsers.resize(poll->choices.size(), 0);
        if (auto before = answered.find(key); before != answered.end()) {
            browsers[static_cast<std::size_t>(before->second)] -= 1;
            answered.erase(before);
        } else if (answered.size() >= max_participants_per_poll) {
            return error("too_many_participants", "this show of hands has as many participants as it can count");
        }
        if (hands == 1) {
            const auto choice = std::find(answer.counts.begin(), answer.counts.end(), 1) - answer.counts.begin();
            answered[key] = static_cast<int>(choice);
            browsers[static_cast<std::size_t>(choice)] += 1;
        }
    } else {
        if (seats->second > 0 && hands > seats->second)
            return error("too_many_hands", std::to_string(hands) + " hands is more than the " +
                                               std::to_string(seats->second) + " seats of this room");
        poll->rooms[site] = answer.counts;
    }
    m_changes.push_back(poll->id);
    return std::nullopt;
}

bool PollBook::expire(std::int64_t now_ms)
{
    bool closed = false;
    for (auto& [id, poll] : m_polls)
        if (poll.state == PollState::open && now_ms >= poll.closes_at_ms) {
            close_now(poll, now_ms);
            closed = true;
        }
    return closed;
}

std::optional<std::int64_t> PollBook::next_deadline_ms() const
{
    std::optional<std::int64_t> next;
    for (const auto& [id, poll] : m_polls)
        if (poll.state == PollState::open && (!next || poll.closes_at_ms < *next))
            next = poll.closes_at_ms;
    return next;
}

nlohmann::json to_json(const Poll& poll)
{
    return nlohmann::json{{"id", poll.id},
                          {"question", poll.question},
                          {"choices", poll.choices},
                          {"state", to_string(poll.state)},
                          {"opened_ms", poll.opened_ms},
                          {"closes_at_ms", poll.closes_at_ms},
                          {"closed_ms", poll.closed_ms},
                          {"rooms", poll.rooms},
                          {"browsers", poll.browsers},
                          {"totals", poll.totals()}};
}

Poll poll_from_json(const nlohmann::json& json)
{
    Poll poll;
    poll.id = json.at("id").get<std::int64_t>();
    poll.question = json.at("question").get<std::string>();
    poll.choices = json.at("choices").get<std::vector<std::string>>();
    const auto state = poll_state_from(json.at("state").get<std::string>());
    if (!state)
        throw nlohmann::json::other_error::create(501, "unknown poll state", &json);
    poll.state = *state;
    poll.opened_ms = json.value("opened_ms", std::int64_t{0});
    poll.closes_at_ms = json.value("closes_at_ms", std::int64_t{0});
    poll.closed_ms = json.value("closed_ms", std::int64_t{0});
    poll.rooms = json.value("rooms", std::map<std::string, std::vector<int>>{});
    poll.browsers = json.value("browsers", std::map<std::string, std::vector<int>>{});
    return poll;
}

const Poll* current_poll(const std::map<std::int64_t, Poll>& polls)
{
    for (auto it = polls.rbegin(); it != polls.rend(); ++it)
        if (it->second.state != PollState::archived)
            return &it->second;
    return nullptr;
}

}  // namespace estrade::qa
