#pragma once
// The follow-up report after the event: each site's questions with their state and votes,
// so local advisers can get back to the people who asked.

#include "config/event.hpp"
#include "protocol.hpp"

#include <filesystem>
#include <vector>

namespace estrade::qa {

// `snapshot` is the broker's reply to "snapshot". Returns the files written: the questions (CSV, then
// JSON, which also holds the shows of hands), then the shows of hands' counts per room (CSV).
std::vector<std::filesystem::path> write_follow_up_report(const config::Event& event, const Json& snapshot,
                                                          const std::filesystem::path& dir);

std::string csv_field(std::string_view text);

}  // namespace estrade::qa
