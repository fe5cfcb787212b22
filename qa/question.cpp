#include "question.hpp"

#include "i18n/words.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace estrade::qa {

namespace {

constexpr std::array<std::pair<QuestionState, std::string_view>, 7> state_names{{
    {QuestionState::pending, "pending"},
    {QuestionState::waiting, "waiting"},
    {QuestionState::on_screen, "on_screen"},
    {QuestionState::answered, "answered"},
    {QuestionState::dismissed, "dismissed"},
    {QuestionState::withdrawn, "withdrawn"},
    {QuestionState::merged, "merged"},
}};

constexpr std::array<std::pair<StepKind, std::string_view>, 5> step_names{{
    {StepKind::opening, "opening"},
    {StepKind::talk, "talk"},
    {StepKind::questions, "questions"},
    {StepKind::break_, "break"},
    {StepKind::ended, "ended"},
}};

constexpr std::array<std::pair<QuestionKind, std::string_view>, 2> kind_names{{
    {QuestionKind::typed, "typed"},
    {QuestionKind::aloud, "aloud"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value)
{
    for (auto [v, name] : names)
        if (v == value)
            return name;
    return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text)
{
    for (auto [v, name] : names)
        if (name == text)
            return v;
    return std::nullopt;
}

}  // namespace

std::string_view to_string(QuestionState state) { return name_of(state_names, state); }
std::optional<QuestionState> question_state_from(std::string_view text) { return value_of(state_names, text); }
std::string_view to_string(QuestionKind kind) { return name_of(kind_names, kind); }
std::optional<QuestionKind> question_kind_from(std::string_view text) { return value_of(kind_names, text); }
std::string_view to_string(StepKind kind) { return name_of(step_names, kind); }
std::optional<StepKind> step_kind_from(std::string_view text) { return value_of(step_names, text); }

std::string shown_text(const Question& q)
{
    if (q.kind != QuestionKind::aloud)
        return q.text;
    return q.text.empty() ? words::translate("Question", "Asks to speak")
                          : words::fill(words::translate("Question", "Asks to speak: %1"), {q.text});
}

int talk_for_new_question(const ProgrammeStep& step, int talk_count)
{
    return std::clamp(step.talk, 1, std::max(1, talk_count));
}

}  // namespace estrade::qa
