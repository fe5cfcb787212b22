#include "programme.hpp"

#include "i18n/words.hpp"

namespace estrade::moderator {

std::vector<qa::ProgrammeStep> programme_of(const config::Event& event)
{
    std::vector<qa::ProgrammeStep> steps{{qa::StepKind::opening, 0}};
    for (int talk = 1; talk <= static_cast<int>(event.talks.size()); ++talk) {
        steps.push_back({qa::StepKind::talk, talk});
        steps.push_back({qa::StepKind::questions, talk});
    }
    steps.push_back({qa::StepKind::ended, 0});
    return steps;
}

std::optional<std::size_t> position_of(const std::vector<qa::ProgrammeStep>& programme, const qa::ProgrammeStep& step)
{
    for (std::size_t i = 0; i < programme.size(); ++i)
        if (programme[i].kind == step.kind && (step.kind == qa::StepKind::ended || programme[i].talk == step.talk))
            return i;
    return std::nullopt;
}

StepCommands commands_for(const qa::ProgrammeStep& step)
{
    StepCommands commands;
    const auto talk = std::to_string(step.talk);
    switch (step.kind) {
    case qa::StepKind::opening:
    case qa::StepKind::ended: commands.producer = "opening"; break;
    case qa::StepKind::talk: commands.producer = "title-card talk " + talk; break;
    case qa::StepKind::questions:
        commands.producer = "questions talk " + talk;
        commands.open_questions = true;
        break;
    case qa::StepKind::break_: commands.producer = "opening"; break;
    }
    return commands;
}

std::string describe(const qa::ProgrammeStep& step, const config::Event& event)
{
    const auto speaker = [&] {
        if (step.talk < 1 || step.talk > static_cast<int>(event.talks.size()))
            return std::string{};
        return " — " + event.talks[static_cast<std::size_t>(step.talk - 1)].speaker;
    };
    switch (step.kind) {
    using words::translate;
    case qa::StepKind::opening: return translate("ProgrammeStep", "Opening");
    case qa::StepKind::talk: return words::fill(translate("ProgrammeStep", "Talk %1"), {std::to_string(step.talk)}) + speaker();
    case qa::StepKind::questions:
        return words::fill(translate("ProgrammeStep", "Questions after talk %1"), {std::to_string(step.talk)}) + speaker();
    case qa::StepKind::break_: return translate("ProgrammeStep", "Break");
    case qa::StepKind::ended: return translate("ProgrammeStep", "End");
    }
    return {};
}

}  // namespace estrade::moderator
