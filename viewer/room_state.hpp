#pragma once
// What a room's screen shows, as plain data computed from the event, the programme and the question
// queue: the layout the host suggests, the banner, the picked question, the question panel's rows.
// Pure functions, no Qt: the Qt Quick types only copy these into properties and models.

#include "config/event.hpp"
#include "qa/poll.hpp"
#include "qa/protocol.hpp"
#include "qa/question.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace estrade::viewer {

// The numbers are the keys 1–4 a room presses.
enum class Layout { speaker = 1, slides = 2, side_by_side = 3, slides_with_speaker_inset = 4 };

std::optional<Layout> layout_from_number(int number);
std::string describe(Layout layout);

// What the host's programme step suggests: the slides (opening card, then each deck, with the speaker
// inset while a talk runs), the speaker alone for questions.
Layout suggested_layout(const std::optional<qa::ProgrammeStep>& step);

// The host suggests, the room may override; the override holds until the room goes back to following.
class LayoutChoice {
public:
    void host_suggests(Layout layout) { m_suggested = layout; }
    void room_chooses(Layout layout) { m_chosen = layout; }
    void follow_host() { m_chosen.reset(); }
    Layout shown() const { return m_chosen.value_or(m_suggested); }
    bool following_host() const { return !m_chosen; }

private:
    Layout m_suggested = Layout::slides;
    std::optional<Layout> m_chosen;
};

struct Banner {
    std::string headline;  // "Talk 2 of 3 — Yann Guéguen"
    std::string detail;    // "Maréchal des logis-chef, Gendarmerie nationale · Gendarme en brigade territoriale"
};

// From the programme object the question channel publishes (docs/qa-protocol.md).
Banner banner_for(const std::optional<qa::Programme>& programme, const std::string& event_title);

struct PickedQuestion {
    std::int64_t id = 0;
    std::string text;
    std::string from;  // "Léa — Maison de l'Emploi, Loudéac", or the site's name alone
};

std::optional<PickedQuestion> picked_question(const std::map<std::int64_t, qa::Question>& questions,
                                              const config::Event& event);

// The show of hands as a room's screen shows it: the question and a countdown while open, the results
// across the event and per room once closed, until the moderator moves on.
struct PollRoomRow {
    std::string room;  // the site's name
    std::vector<int> counts;
    bool this_room = false;
    friend bool operator==(const PollRoomRow&, const PollRoomRow&) = default;
};

struct PollScreen {
    std::int64_t id = 0;
    std::string question;
    std::vector<std::string> choices;
    bool open = false;
    int seconds_left = 0;
    int seats = 0;                          // this room's, the bound of its count (0: not bounded)
    std::optional<std::vector<int>> sent;   // this room's count as the broker has it
    std::vector<int> totals;
    std::vector<PollRoomRow> rooms;         // in the event file's order
    friend bool operator==(const PollScreen&, const PollScreen&) = default;
};

// `broker_now_ms`: the broker's clock (this PC's plus the offset the channel measured).
std::optional<PollScreen> poll_screen(const std::map<std::int64_t, qa::Poll>& polls, const std::string& site,
                                      const config::Event& event, std::int64_t broker_now_ms);

// A question typed in this room that the channel has not acknowledged yet (it waits in the journal).
struct PendingQuestion {
    std::string request_id;
    std::string text;
    std::string name;
};

struct QuestionRow {
    std::int64_t id = 0;  // 0 for a question not sent yet
    std::string text;
    std::string from;        // site name (and the asker's name for this room's questions)
    std::string state;       // in words: "waiting", "on screen", "answered", "dismissed: <reason>", "not sent yet"
    int votes = 0;           // other rooms that voted for it (the asking room counts as its own voice)
    bool mine = false;       // asked from this room
    bool can_vote = false;   // another room's waiting question this room has not voted for
    bool voted = false;      // this room has voted for it
    int rank = 3;            // the panel's order: 0 on screen, 1 waiting, 2 not sent or awaiting approval, 3 closed
};

// The panel: what is on screen first, then waiting questions by votes (oldest first on a tie), then this
// room's not-yet-sent ones, then this room's closed ones (answered, dismissed, withdrawn) newest first.
// Other rooms' closed questions are not shown: the panel is for what can still happen.
std::vector<QuestionRow> question_rows(const std::map<std::int64_t, qa::Question>& questions,
                                       const std::vector<PendingQuestion>& pending, const std::string& site,
                                       const config::Event& event);


// "No sound from the host": the speaker's pictures keep arriving but no sound has come for a few seconds
// (a stream published without an audio track, a microphone unplugged at the host). Cleared as soon as
// sound comes back; never claimed while the pictures themselves have stopped (the stream's own status
// says that).
class SoundWatch {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::seconds silence_after{4};

    // Called a few times a second with the player's counters; true while the host's sound is missing.
    bool update(long pictures, long sound_buffers, Clock::time_point now);

private:
    long m_pictures = -1;
    long m_sound = -1;
    Clock::time_point m_last_sound{};
    bool m_missing = false;
};

}  // namespace estrade::viewer
