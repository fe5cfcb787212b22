#include "room_state.hpp"

#include "i18n/words.hpp"

#include <algorithm>

namespace estrade::viewer {

std::optional<Layout> layout_from_number(int number)
{
    if (number < 1 || number > 4)
        return std::nullopt;
    return static_cast<Layout>(number);
}

std::string describe(Layout layout)
{
    switch (layout) {
    case Layout::speaker: return words::translate("Layout", "speaker");
    case Layout::slides: return words::translate("Layout", "slides");
    case Layout::side_by_side: return words::translate("Layout", "side by side");
    case Layout::slides_with_speaker_inset: return words::translate("Layout", "slides with the speaker inset");
    }
    return words::translate("Layout", "slides");
}

Layout suggested_layout(const std::optional<qa::ProgrammeStep>& step)
{
    if (!step)
        return Layout::slides;
    switch (step->kind) {
    case qa::StepKind::talk: return Layout::slides_with_speaker_inset;
    case qa::StepKind::questions: return Layout::speaker;
    case qa::StepKind::opening:
    case qa::StepKind::break_:
    case qa::StepKind::ended: return Layout::slides;
    }
    return Layout::slides;
}

namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& separator)
{
    std::string out;
    for (const auto& part : parts) {
        if (part.empty())
            continue;
        if (!out.empty())
            out += separator;
        out += part;
    }
    return out;
}

}  // namespace

Banner banner_for(const std::optional<qa::Programme>& programme, const std::string& event_title)
{
    using words::fill;
    using words::translate;
    if (!programme)
        return {event_title, translate("Programme", "waiting for the host's programme")};
    const auto* step = &programme->step;
    const auto talk = std::to_string(step->talk);
    const auto talks = std::to_string(programme->talks);
    const auto& speaker = programme->speaker;
    const auto who = joined({programme->role, programme->organisation}, ", ");
    switch (step->kind) {
    case qa::StepKind::opening: return {event_title, translate("Programme", "starting soon")};
    case qa::StepKind::talk:
        return {fill(translate("Programme", "Talk %1 of %2 — %3"), {talk, talks, speaker}),
                joined({who, programme->title}, " · ")};
    case qa::StepKind::questions:
        return {fill(translate("Programme", "Questions — talk %1 of %2"), {talk, talks}), joined({speaker, who}, ", ")};
    case qa::StepKind::break_:
        return {translate("Programme", "Break"),
                step->talk < programme->talks
                    ? fill(translate("Programme", "next: talk %1 of %2"), {std::to_string(step->talk + 1), talks})
                    : translate("Programme", "back soon")};
    case qa::StepKind::ended: return {event_title, translate("Programme", "the event has ended — thank you for joining")};
    }
    return {event_title, {}};
}


std::optional<PickedQuestion> picked_question(const std::map<std::int64_t, qa::Question>& questions,
                                              const config::Event& event)
{
    for (const auto& [id, q] : questions)
        if (q.state == qa::QuestionState::on_screen)
            return PickedQuestion{id, q.text, joined({q.asker, event.site_name(q.site)}, " — ")};
    return std::nullopt;
}

namespace {

std::string state_in_words(const qa::Question& q)
{
    using words::translate;
    switch (q.state) {
    case qa::QuestionState::pending: return translate("QuestionState", "awaiting the moderator's approval");
    case qa::QuestionState::waiting: return translate("QuestionState", "waiting");
    case qa::QuestionState::on_screen: return translate("QuestionState", "on screen");
    case qa::QuestionState::answered: return translate("QuestionState", "answered");
    case qa::QuestionState::dismissed:
        return q.reason.empty() ? translate("QuestionState", "dismissed")
                                : words::fill(translate("QuestionState", "dismissed: %1"), {q.reason});
    case qa::QuestionState::withdrawn: return translate("QuestionState", "withdrawn");
    case qa::QuestionState::merged: return translate("QuestionState", "merged with a similar question");
    }
    return {};
}

// Where a row goes: on screen, waiting, not sent or awaiting approval, closed.
int rank_of(std::int64_t id, qa::QuestionState state)
{
    if (id == 0)
        return 2;
    switch (state) {
    case qa::QuestionState::on_screen: return 0;
    case qa::QuestionState::waiting: return 1;
    case qa::QuestionState::pending: return 2;
    default: return 3;
    }
}

}  // namespace

std::vector<QuestionRow> question_rows(const std::map<std::int64_t, qa::Question>& questions,
                                       const std::vector<PendingQuestion>& pending, const std::string& site,
                                       const config::Event& event)
{
    std::vector<QuestionRow> rows;
    const auto this_room = words::translate("QuestionPanel", "this room");
    for (const auto& [id, q] : questions) {
        const bool mine = q.site == site;
        const bool open = q.state == qa::QuestionState::waiting || q.state == qa::QuestionState::on_screen;
        if (!open && !mine)
            continue;
        QuestionRow row;
        row.id = id;
        row.text = qa::shown_text(q);
        row.from = mine ? joined({q.asker, this_room}, " — ") : event.site_name(q.site);
        row.state = state_in_words(q);
        row.rank = rank_of(id, q.state);
        row.votes = static_cast<int>(q.voters.size());
        row.mine = mine;
        row.voted = q.voters.contains(site);
        row.can_vote = !mine && !row.voted && q.state == qa::QuestionState::waiting;
        rows.push_back(std::move(row));
    }
    for (const auto& p : pending)
        rows.push_back({0, p.text, joined({p.name, this_room}, " — "), words::translate("QuestionState", "not sent yet"),
                        0, true, false, false, 2});
    std::stable_sort(rows.begin(), rows.end(), [](const QuestionRow& a, const QuestionRow& b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        if (a.rank == 1 && a.votes != b.votes)
            return a.votes > b.votes;
        if (a.rank == 3)
            return a.id > b.id;
        return false;  // ids ascending already (the map's order), pending in journal order
    });
    return rows;
}

std::optional<PollScreen> poll_screen(const std::map<std::int64_t, qa::Poll>& polls, const std::string& site,
                                      const config::Event& event, std::int64_t broker_now_ms)
{
    const auto* poll = qa::current_poll(polls);
    if (!poll)
        return std::nullopt;
    PollScreen screen;
    screen.id = poll->id;
    screen.question = poll->question;
    screen.choices = poll->choices;
    screen.open = poll->state == qa::PollState::open;
    screen.seconds_left =
        screen.open ? static_cast<int>(std::max<std::int64_t>(0, (poll->closes_at_ms - broker_now_ms + 999) / 1000)) : 0;
    if (const auto* own = event.find_site(site))
        screen.seats = own->seats;
    if (auto it = poll->rooms.find(site); it != poll->rooms.end())
        screen.sent = it->second;
    screen.totals = poll->totals();
    const auto per_site = poll->per_site();
    for (const auto& s : event.sites)
        if (auto it = per_site.find(s.id); it != per_site.end())
            screen.rooms.push_back({event.site_name(s.id), it->second, s.id == site});
    return screen;
}

bool SoundWatch::update(long pictures, long sound_buffers, Clock::time_point now)
{
    const bool first = m_pictures < 0;
    const bool moving = !first && pictures != m_pictures;
    if (first || sound_buffers != m_sound)
        m_last_sound = now;
    m_pictures = pictures;
    m_sound = sound_buffers;
    m_missing = moving && now - m_last_sound >= silence_after;
    return m_missing;
}

}  // namespace estrade::viewer
