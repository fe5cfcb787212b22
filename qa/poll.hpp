#pragma once
// The show of hands: the moderator asks a quick question of every room, with one to five answers, for a
// set time; each room's operator enters how many hands went up for each answer, a browser participant
// answers for themselves. Rules only, in memory: the broker persists and publishes what changed.

#include "question.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace estrade::qa {

// Open: rooms answer. Closed: every screen shows the results until the moderator moves on (archived).
enum class PollState { open, closed, archived };

std::string_view to_string(PollState state);
std::optional<PollState> poll_state_from(std::string_view text);

inline constexpr std::size_t max_poll_choices = 5;
inline constexpr int max_poll_seconds = 15 * 60;
inline constexpr std::size_t max_participants_per_poll = 5000;  // browsers; bounds the broker's memory

struct Poll {
    std::int64_t id = 0;
    std::string question;
    std::vector<std::string> choices;  // one: a plain "hands up"
    PollState state = PollState::open;
    std::int64_t opened_ms = 0;
    std::int64_t closes_at_ms = 0;  // the broker closes it then, unless the moderator did before
    std::int64_t closed_ms = 0;
    // A room's count per answer, entered by its operator (or by the moderator for the host room).
    std::map<std::string, std::vector<int>> rooms;
    // Browser participants' hands per site and answer (one hand each; who they are stays in the broker).
    std::map<std::string, std::vector<int>> browsers;

    // Per site: the operator's counts plus its participants' hands. Sites that answered only.
    std::map<std::string, std::vector<int>> per_site() const;
    std::vector<int> totals() const;
    friend bool operator==(const Poll&, const Poll&) = default;
};

struct PollRules {
    std::map<std::string, int> seats;  // site id → seats (0: not bounded); every site that may answer
    std::string host_site;             // the moderator enters the host room's count
};

struct PollError {
    std::string code;    // stable, for programs (docs/qa-protocol.md)
    std::string reason;  // for people
};

struct NewPoll {
    std::string question;
    std::vector<std::string> choices;
    int seconds = 60;
    std::int64_t now_ms = 0;
};

struct PollAnswer {
    std::int64_t poll = 0;
    std::vector<int> counts;  // one number per answer
    std::string site;         // the moderator answering for a room (the host room); empty from a site
    std::string participant;  // a browser participant of the calling site: one hand at most
};

class PollBook {
public:
    explicit PollBook(PollRules rules) : m_rules(std::move(rules)) {}

    struct Stored {
        Poll poll;
        std::map<std::string, int> participants;
    };
    void restore(std::vector<Stored> polls);
    // What the store keeps of a poll: what everyone sees, and who among the browsers answered what.
    Stored stored(std::int64_t id) const;

    using Result = std::optional<PollError>;  // nothing on success
    // Opening a poll moves on from the results of the one before; one poll open at a time.
    Result open(const Caller& caller, NewPoll poll, std::int64_t& new_id);
    Result close(const Caller& caller, std::int64_t id, std::int64_t now_ms);
    Result archive(const Caller& caller, std::int64_t id);
    Result answer(const Caller& caller, const PollAnswer& answer);
    // Closes the open poll whose time is up; true when it did.
    bool expire(std::int64_t now_ms);
    // When the broker must look again (the open poll's closing time), if any.
    std::optional<std::int64_t> next_deadline_ms() const;

    const std::map<std::int64_t, Poll>& polls() const { return m_polls; }
    void set_rules(PollRules rules) { m_rules = std::move(rules); }
    const Poll* find(std::int64_t id) const;
    std::vector<std::int64_t> take_changes() { return std::exchange(m_changes, {}); }

private:
    Poll* find_mutable(std::int64_t id);
    void close_now(Poll& poll, std::int64_t now_ms);

    PollRules m_rules;
    std::map<std::int64_t, Poll> m_polls;
    // poll → "site/participant" → the answer's index: so a participant who changes their mind moves a hand.
    std::map<std::int64_t, std::map<std::string, int>> m_participants;
    std::int64_t m_next_id = 1;
    std::vector<std::int64_t> m_changes;
};

// The poll as every site sees it: per-site counts and totals, never participants' ids.
nlohmann::json to_json(const Poll& poll);
Poll poll_from_json(const nlohmann::json& json);  // throws nlohmann::json::exception on a malformed object

// The poll rooms are shown now: the latest one not archived.
const Poll* current_poll(const std::map<std::int64_t, Poll>& polls);

}  // namespace estrade::qa
