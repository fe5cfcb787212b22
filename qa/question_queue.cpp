#include "question_queue.hpp"

#include <algorithm>
#include <tuple>

namespace estrade::qa {

namespace {

constexpr std::size_t max_text_characters = 500;
constexpr std::size_t max_asker_characters = 60;

QueueError error(std::string code, std::string reason)
{
    return QueueError{std::move(code), std::move(reason)};
}

std::string trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}



QueueError not_found(std::int64_t id)
{
    return error("not_found", "there is no question " + std::to_string(id));
}

QueueError bad_state(const Question& q, std::string_view action)
{
    return error("bad_state", "question " + std::to_string(q.id) + " is " + std::string(to_string(q.state)) +
                                  ", it cannot be " + std::string(action));
}

}  // namespace

bool has_control_characters(std::string_view text, LineBreaks line_breaks)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (u == '\n' && line_breaks == LineBreaks::allowed)
            continue;
        if (u < 0x20 || u == 0x7F)
            return true;
        if (u == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            return true;
    }
    return false;
}

bool is_valid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2, code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3, code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4, code = c & 0x07;
        } else {
            return false;
        }
        if (i + length > text.size())
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto cont = static_cast<unsigned char>(text[i + k]);
            if ((cont & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (cont & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        constexpr std::uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < min_for_length[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

std::size_t utf8_length(std::string_view text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<QueueError> check_question_text(std::string& text)
{
    if (!is_valid_utf8(text))
        return error("invalid_utf8", "the text is not valid UTF-8");
    text = trimmed(text);
    if (text.empty())
        return error("empty_text", "the question is empty");
    if (utf8_length(text) > max_text_characters)
        return error("text_too_long", "a question is at most 500 characters, this one has " +
                                          std::to_string(utf8_length(text)));
    if (has_control_characters(text))
        return error("bad_text", "the text contains control characters");
    return std::nullopt;
}

QuestionQueue::QuestionQueue(QueueRules rules) : m_rules(std::move(rules)) {}

void QuestionQueue::restore(std::vector<Question> questions, ProgrammeStep step, bool window_open, Floor floor)
{
    m_floor = std::move(floor);
    m_questions.clear();
    for (auto& q : questions) {
        m_next_id = std::max(m_next_id, q.id + 1);
        m_questions.emplace(q.id, std::move(q));
    }
    m_step = step;
    m_window_open = window_open;
    m_changes = {};
}

QuestionQueue::Result QuestionQueue::require_moderator(const Caller& caller) const
{
    if (!caller.moderator)
        return error("forbidden", "only the moderator can do this");
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::require_site(const Caller& caller) const
{
    if (caller.moderator || std::find(m_rules.sites.begin(), m_rules.sites.end(), caller.site) == m_rules.sites.end())
        return error("forbidden", "only a site can do this");
    return std::nullopt;
}

// The question a command acts on, once the caller may act at all.
QuestionQueue::Result QuestionQueue::target(const Caller& caller, Role role, std::int64_t id, Question*& question)
{
    if (auto e = role == Role::moderator ? require_moderator(caller) : require_site(caller))
        return e;
    question = find_mutable(id);
    if (!question)
        return not_found(id);
    return std::nullopt;
}

const Question* QuestionQueue::find(std::int64_t id) const
{
    auto it = m_questions.find(id);
    return it == m_questions.end() ? nullptr : &it->second;
}

Question* QuestionQueue::find_mutable(std::int64_t id)
{
    auto it = m_questions.find(id);
    return it == m_questions.end() ? nullptr : &it->second;
}

QuestionQueue::Result QuestionQueue::ask(const Caller& caller, NewQuestion question, std::int64_t& new_id)
{
    if (auto e = require_site(caller))
        return e;
    if (!m_window_open)
        return error("window_closed", "the moderator has closed questions for now");
    if (question.kind == QuestionKind::typed || !trimmed(question.text).empty())
        if (auto e = check_question_text(question.text))
            return e;
    if (question.kind == QuestionKind::aloud)
        question.text = trimmed(question.text);
    question.asker = trimmed(question.asker);
    if (!is_valid_utf8(question.asker) || utf8_length(question.asker) > max_asker_characters ||
        has_control_characters(question.asker, LineBreaks::refused))
        return error("bad_name", "a name is at most 60 characters of plain text");
    const int talk = question.talk.value_or(talk_for_new_question(m_step, m_rules.talk_count));
    if (talk < 1 || talk > m_rules.talk_count)
        return error("bad_talk", "talk must be from 1 to " + std::to_string(m_rules.talk_count));
    const auto waiting = std::count_if(m_questions.begin(), m_questions.end(), [&](const auto& entry) {
        return entry.second.site == caller.site &&
               (entry.second.state == QuestionState::waiting || entry.second.state == QuestionState::pending);
    });
    if (waiting >= m_rules.max_waiting_per_site)
        return error("too_many_waiting", "this site already has " + std::to_string(waiting) +
                                             " questions waiting; wait until one is answered");
    Question q;
    q.id = m_next_id++;
    q.request_id = std::move(question.request_id);
    q.site = caller.site;
    q.asker = std::move(question.asker);
    q.text = std::move(question.text);
    q.talk = talk;
    q.kind = question.kind;
    q.asked_at_ms = question.now_ms;
    if (m_rules.approval) {
        q.state = QuestionState::pending;
        q.approved = false;
    }
    new_id = q.id;
    m_questions.emplace(q.id, std::move(q));
    touched(new_id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::withdraw(const Caller& caller, std::int64_t id)
{
    Question* q = nullptr;
    if (auto e = target(caller, Role::site, id, q))
        return e;
    if (q->site != caller.site)
        return error("forbidden", "a site can only withdraw its own questions");
    if (q->state != QuestionState::waiting && q->state != QuestionState::pending)
        return bad_state(*q, "withdrawn");
    q->state = QuestionState::withdrawn;
    touched(id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::vote(const Caller& caller, std::int64_t id)
{
    Question* q = nullptr;
    if (auto e = target(caller, Role::site, id, q))
        return e;
    if (!q->approved && q->site != caller.site)
        return not_found(id);  // other rooms do not know it yet
    if (q->site == caller.site)
        return error("own_question", "asking a question already counts as this site's voice");
    if (q->state != QuestionState::waiting)
        return bad_state(*q, "voted for");
    if (!q->voters.insert(caller.site).second)
        return error("already_voted", "this site has already voted for question " + std::to_string(id));
    touched(id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::pick(const Caller& caller, std::int64_t id)
{
    Question* q = nullptr;
    if (auto e = target(caller, Role::moderator, id, q))
        return e;
    if (q->state != QuestionState::waiting && q->state != QuestionState::pending)
        return bad_state(*q, "put on screen");
    q->approved = true;  // on screen, every room sees it
    // One question on screen at a time: the one before it has been answered.
    for (auto& [other_id, other] : m_questions) {
        if (other.state == QuestionState::on_screen) {
            other.state = QuestionState::answered;
            touched(other_id);
        }
    }
    q->state = QuestionState::on_screen;
    touched(id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::mark_answered(const Caller& caller, std::int64_t id)
{
    Question* q = nullptr;
    if (auto e = target(caller, Role::moderator, id, q))
        return e;
    if (q->state != QuestionState::waiting && q->state != QuestionState::on_screen)
        return bad_state(*q, "marked answered");
    q->state = QuestionState::answered;
    touched(id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::dismiss(const Caller& caller, std::int64_t id, std::string reason)
{
    Question* q = nullptr;
    if (auto e = target(caller, Role::moderator, id, q))
        return e;
    if (q->state != QuestionState::waiting && q->state != QuestionState::on_screen &&
        q->state != QuestionState::pending)
        return bad_state(*q, "dismissed");
    reason = trimmed(reason);
    if (!is_valid_utf8(reason) || utf8_length(reason) > max_text_characters)
        return error("bad_reason", "a reason is at most 500 characters of UTF-8 text");
    q->state = QuestionState::dismissed;
    q->reason = std::move(reason);
    touched(id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::merge(const Caller& caller, std::int64_t from, std::int64_t into)
{
    if (auto e = require_moderator(caller))
        return e;
    if (from == into)
        return error("bad_request", "a question cannot be merged into itself");
    Question* source = find_mutable(from);
    Question* target = find_mutable(into);
    if (!source)
        return not_found(from);
    if (!target)
        return not_found(into);
    if (source->state != QuestionState::waiting && source->state != QuestionState::pending)
        return bad_state(*source, "merged");
    if (target->state != QuestionState::waiting && target->state != QuestionState::on_screen)
        return bad_state(*target, "merged into");  // a pending one: approve it first
    // The rooms behind the duplicate keep their voice: its site and its voters vote for the target.
    target->voters.insert(source->voters.begin(), source->voters.end());
    target->voters.insert(source->site);
    target->voters.erase(target->site);
    source->state = QuestionState::merged;
    source->merged_into = into;
    touched(from);
    touched(into);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::approve(const Caller& caller, std::int64_t id)
{
    Question* q = nullptr;
    if (auto e = target(caller, Role::moderator, id, q))
        return e;
    if (q->approved && q->state == QuestionState::waiting)
        return std::nullopt;  // a second press
    if (q->state != QuestionState::pending)
        return bad_state(*q, "approved");
    q->state = QuestionState::waiting;
    q->approved = true;
    touched(id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::edit(const Caller& caller, std::int64_t id, std::string text)
{
    Question* q = nullptr;
    if (auto e = target(caller, Role::moderator, id, q))
        return e;
    if (auto e = check_question_text(text))
        return e;
    if (q->original_text.empty())
        q->original_text = q->text;
    q->text = std::move(text);
    touched(id);
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::set_window(const Caller& caller, bool open)
{
    if (auto e = require_moderator(caller))
        return e;
    m_window_open = open;
    m_changes.window = true;
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::set_step(const Caller& caller, ProgrammeStep step)
{
    if (auto e = require_moderator(caller))
        return e;
    const bool needs_talk = step.kind == StepKind::talk || step.kind == StepKind::questions;
    if (needs_talk && (step.talk < 1 || step.talk > m_rules.talk_count))
        return error("bad_talk", "talk must be from 1 to " + std::to_string(m_rules.talk_count));
    if (!needs_talk && step.kind != StepKind::break_)
        step.talk = 0;
    m_step = step;
    m_changes.programme = true;
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::give_floor(const Caller& caller, std::string site, std::int64_t question,
                                               std::int64_t now_ms)
{
    if (!caller.moderator)
        return error("forbidden", "only the moderator gives the floor");
    Question* entry = nullptr;
    if (question != 0) {
        entry = find_mutable(question);
        if (!entry)
            return not_found(question);
        if (entry->kind != QuestionKind::aloud)
            return error("not_aloud", "question " + std::to_string(question) + " is typed, not a request to speak");
        if (entry->state != QuestionState::waiting && entry->state != QuestionState::on_screen &&
            entry->state != QuestionState::pending)
            return bad_state(*entry, "given the floor");
        entry->approved = true;  // on screen, every room sees it
        site = entry->site;
    }
    if (std::find(m_rules.sites.begin(), m_rules.sites.end(), site) == m_rules.sites.end())
        return error("unknown_site", "no site \"" + site + "\" in this event");
    if (m_floor.site == site && m_floor.question == question)
        return std::nullopt;  // already so: a resend, or a second press
    close_floor_question();
    m_floor = Floor{site, now_ms, question};
    m_changes.floor = true;
    if (entry && entry->state != QuestionState::on_screen) {
        entry->state = QuestionState::on_screen;
        touched(question);
    }
    return std::nullopt;
}

QuestionQueue::Result QuestionQueue::end_floor(const Caller& caller)
{
    if (!caller.moderator && (caller.site.empty() || caller.site != m_floor.site))
        return error("forbidden", "only the moderator takes the floor back; a room can hand back only its own");
    if (!m_floor.held())
        return std::nullopt;
    close_floor_question();
    m_floor = {};
    m_changes.floor = true;
    return std::nullopt;
}

// The room has spoken: its request to speak is answered.
void QuestionQueue::close_floor_question()
{
    if (m_floor.question == 0)
        return;
    if (Question* q = find_mutable(m_floor.question); q && q->state == QuestionState::on_screen) {
        q->state = QuestionState::answered;
        touched(q->id);
    }
}

std::vector<const Question*> QuestionQueue::suggested_order(std::optional<int> talk) const
{
    return fair_order(m_questions, talk);
}

std::map<std::string, SiteCounts> QuestionQueue::site_counts() const
{
    return qa::site_counts(m_questions, m_rules.sites);
}

std::vector<const Question*> fair_order(const std::map<std::int64_t, Question>& questions, std::optional<int> talk)
{
    const auto counts = site_counts(questions);
    std::vector<const Question*> order;
    for (const auto& [id, q] : questions)
        if (q.state == QuestionState::waiting && (!talk || q.talk == *talk))
            order.push_back(&q);
    auto heard = [&](const Question* q) {
        auto it = counts.find(q->site);
        return it == counts.end() ? 0 : it->second.picked;
    };
    std::stable_sort(order.begin(), order.end(), [&](const Question* a, const Question* b) {
        return std::tuple(heard(a), -static_cast<long>(a->voters.size()), a->asked_at_ms, a->id) <
               std::tuple(heard(b), -static_cast<long>(b->voters.size()), b->asked_at_ms, b->id);
    });
    return order;
}

std::vector<std::int64_t> suggested_ids(const std::map<std::int64_t, Question>& questions, int current_talk)
{
    std::vector<std::int64_t> ids;
    for (const Question* q : fair_order(questions, current_talk > 0 ? std::optional(current_talk) : std::nullopt))
        ids.push_back(q->id);
    if (current_talk > 0)
        for (const Question* q : fair_order(questions))
            if (q->talk != current_talk)
                ids.push_back(q->id);
    return ids;
}

std::map<std::string, SiteCounts> site_counts(const std::map<std::int64_t, Question>& questions,
                                              const std::vector<std::string>& sites)
{
    std::map<std::string, SiteCounts> counts;
    for (const auto& site : sites)
        counts[site];
    for (const auto& [id, q] : questions) {
        auto& c = counts[q.site];
        ++c.asked;
        if (q.state == QuestionState::on_screen || q.state == QuestionState::answered)
            ++c.picked;
        if (q.state == QuestionState::answered)
            ++c.answered;
        if (q.state == QuestionState::waiting)
            ++c.waiting;
    }
    return counts;
}

}  // namespace estrade::qa
