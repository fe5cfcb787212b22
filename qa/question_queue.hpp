#pragma once
// The rules of the question queue, in memory: who may do what, and in which order questions
// are suggested. No sockets and no files here; the broker persists what changed.

#include "question.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace estrade::qa {

struct QueueRules {
    std::vector<std::string> sites;  // ids allowed to ask and vote
    int talk_count = 1;
    int max_waiting_per_site = 20;
    bool approval = false;  // a room's new question waits for the moderator before other rooms see it
};

struct QueueError {
    std::string code;  // stable, for programs (see docs/qa-protocol.md)
    std::string reason;  // for people
};

// What a mutation touched, so the broker can persist and publish exactly that.
struct Changes {
    std::vector<std::int64_t> questions;
    bool programme = false;
    bool window = false;
    bool floor = false;
    bool empty() const { return questions.empty() && !programme && !window && !floor; }
};

struct SiteCounts {
    int asked = 0;
    int picked = 0;  // put on screen at some point (on screen now, or answered)
    int answered = 0;
    int waiting = 0;
};

struct NewQuestion {
    std::string request_id;
    std::string text;
    std::string asker;
    std::optional<int> talk;
    std::int64_t now_ms = 0;
    QuestionKind kind = QuestionKind::typed;
};

class QuestionQueue {
public:
    explicit QuestionQueue(QueueRules rules);

    // Restores persisted state (the broker's start-up); ids continue after the largest.
    void restore(std::vector<Question> questions, ProgrammeStep step, bool window_open, Floor floor = {});

    using Result = std::optional<QueueError>;  // nothing on success
    Result ask(const Caller& caller, NewQuestion question, std::int64_t& new_id);
    Result withdraw(const Caller& caller, std::int64_t id);
    Result vote(const Caller& caller, std::int64_t id);
    Result pick(const Caller& caller, std::int64_t id);
    Result mark_answered(const Caller& caller, std::int64_t id);
    Result dismiss(const Caller& caller, std::int64_t id, std::string reason);
    // With approval on: every room sees the question and may vote for it.
    Result approve(const Caller& caller, std::int64_t id);
    Result merge(const Caller& caller, std::int64_t from, std::int64_t into);
    Result edit(const Caller& caller, std::int64_t id, std::string text);
    Result set_window(const Caller& caller, bool open);
    Result set_step(const Caller& caller, ProgrammeStep step);
    // The moderator gives the floor to a site, or to the site of a waiting "aloud" entry (`question`,
    // which goes on screen); giving it to another room takes it from the first.
    Result give_floor(const Caller& caller, std::string site, std::int64_t question, std::int64_t now_ms);
    // The moderator takes it back, or the room holding it hands it back; nothing held is not an error.
    Result end_floor(const Caller& caller);

    // Waiting questions in fair order: sites heard least first, then votes, then time.
    std::vector<const Question*> suggested_order(std::optional<int> talk = std::nullopt) const;
    std::map<std::string, SiteCounts> site_counts() const;

    const Question* find(std::int64_t id) const;
    const std::map<std::int64_t, Question>& questions() const { return m_questions; }
    const ProgrammeStep& step() const { return m_step; }
    bool window_open() const { return m_window_open; }
    const Floor& floor() const { return m_floor; }
    const QueueRules& rules() const { return m_rules; }
    // A reloaded event file: sites added or removed, the cap, approval (questions already asked keep theirs).
    void set_rules(QueueRules rules) { m_rules = std::move(rules); }

    Changes take_changes() { return std::exchange(m_changes, {}); }

private:
    enum class Role { site, moderator };
    Result target(const Caller& caller, Role role, std::int64_t id, Question*& question);
    Result require_moderator(const Caller& caller) const;
    Result require_site(const Caller& caller) const;
    Question* find_mutable(std::int64_t id);
    void touched(std::int64_t id) { m_changes.questions.push_back(id); }
    void close_floor_question();

    QueueRules m_rules;
    std::map<std::int64_t, Question> m_questions;
    std::int64_t m_next_id = 1;
    ProgrammeStep m_step;
    bool m_window_open = true;
    Floor m_floor;
    Changes m_changes;
};

// The fair order and the per-site counts are functions of the questions alone, so the broker and
// every replica (rooms, console) compute the same ones.
// Waiting questions (of `talk`, when given) in fair order: sites heard least first, then votes, then time.
std::vector<const Question*> fair_order(const std::map<std::int64_t, Question>& questions,
                                        std::optional<int> talk = std::nullopt);
// The order the moderator is offered: during the steps of talk N, talk N's waiting questions first.
std::vector<std::int64_t> suggested_ids(const std::map<std::int64_t, Question>& questions, int current_talk);
// Per site; `sites` get a row even with no question.
std::map<std::string, SiteCounts> site_counts(const std::map<std::int64_t, Question>& questions,
                                              const std::vector<std::string>& sites = {});

// Checks a question's text as a person typed it: trims, then 1 to 500 characters, no control characters
// (an "aloud" entry may be empty: the room will say it).
std::optional<QueueError> check_question_text(std::string& text);
bool is_valid_utf8(std::string_view text);
// C0 controls, DEL and the C1 controls (U+0080–U+009F, NEL among them). A question may hold line breaks
// (U+000A: a question in two lines); a name, a poll's question and its answers are one line.
enum class LineBreaks { allowed, refused };
bool has_control_characters(std::string_view text, LineBreaks line_breaks = LineBreaks::allowed);
std::size_t utf8_length(std::string_view text);

}  // namespace estrade::qa
