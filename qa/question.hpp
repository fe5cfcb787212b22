#pragma once
// The question channel's domain: questions, the programme step, and who is asking.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace estrade::qa {

// Pending: with approval on (event file), a new question waits for the moderator before other rooms see it.
enum class QuestionState { pending, waiting, on_screen, answered, dismissed, withdrawn, merged };

// Typed: the text is the question. Aloud: the room asks to speak (the text, optional, says what about);
// picking it means giving the room the floor.
enum class QuestionKind { typed, aloud };

struct Question {
    std::int64_t id = 0;
    std::string request_id;  // the asking client's id for the ask, so it can match its journal
    std::string site;
    std::string asker;  // optional name the room typed
    std::string text;
    std::string original_text;  // kept when the moderator edits, for the audit
    int talk = 1;               // 1-based: the talk this question is for
    QuestionKind kind = QuestionKind::typed;
    QuestionState state = QuestionState::waiting;
    std::set<std::string> voters;  // sites; one room is one voice
    std::int64_t asked_at_ms = 0;
    std::string reason;            // why the moderator dismissed it; the site sees this
    std::int64_t merged_into = 0;  // when merged: the question that carries on
    // Seen by every room. False while pending, and for good when dismissed or withdrawn before approval:
    // then only its own room and the moderator ever see its words.
    bool approved = true;
};

enum class StepKind { opening, talk, questions, break_, ended };

struct ProgrammeStep {
    StepKind kind = StepKind::opening;
    int talk = 0;  // the talk the step is about (1-based); 0 for opening
    friend bool operator==(const ProgrammeStep&, const ProgrammeStep&) = default;
};

// Which room may speak: at most one at a time, given and taken back by the moderator (docs/qa-protocol.md).
struct Floor {
    std::string site;           // empty: nobody has the floor
    std::int64_t since_ms = 0;  // when it was given (ms since the epoch)
    std::int64_t question = 0;  // the "aloud" entry it was given from, if any
    bool held() const { return !site.empty(); }
    friend bool operator==(const Floor&, const Floor&) = default;
};

// Who sent a request: decided by the authenticated key, never by the message.
struct Caller {
    std::string site;  // empty for the moderator
    bool moderator = false;
    std::string name() const { return moderator ? "moderator" : site; }
};

std::string_view to_string(QuestionState state);
std::optional<QuestionState> question_state_from(std::string_view text);
std::string_view to_string(QuestionKind kind);
std::optional<QuestionKind> question_kind_from(std::string_view text);
std::string_view to_string(StepKind kind);
std::optional<StepKind> step_kind_from(std::string_view text);

// What people read for a question: its text; for a request to speak, "Asks to speak" and what about.
std::string shown_text(const Question& question);

// The talk a new question belongs to: during talk N or the questions after it, talk N;
// during a break after talk N, talk N+1; at the opening, talk 1.
int talk_for_new_question(const ProgrammeStep& step, int talk_count);

}  // namespace estrade::qa
