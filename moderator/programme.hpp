#pragma once
// The morning's programme as the moderator steps through it: the opening card, then for each talk the
// talk (the producer shows the speaker's title card, the presenter then moves into the deck) and the
// questions after it, then the end. One step drives both the producer (its control socket) and the
// question broker (the programme step every site shows), so every room follows.

#include "config/event.hpp"
#include "qa/protocol.hpp"
#include "qa/question.hpp"

#include <optional>
#include <string>
#include <vector>

namespace estrade::moderator {

std::vector<qa::ProgrammeStep> programme_of(const config::Event& event);

// Where a step is in the programme (the broker's current step after a console restart); nothing when it
// is not one of them (a break set by hand).
std::optional<std::size_t> position_of(const std::vector<qa::ProgrammeStep>& programme, const qa::ProgrammeStep& step);

struct StepCommands {
    std::string producer;  // a control command (docs/producer.md#control); the broker gets qa::requests::step
    bool open_questions = false;  // questions after a talk: make sure the window is open
};

StepCommands commands_for(const qa::ProgrammeStep& step);

// "Talk 2 — Yann Guéguen", "Questions after talk 2", "Opening", "End".
std::string describe(const qa::ProgrammeStep& step, const config::Event& event);

}  // namespace estrade::moderator
