#pragma once
// The moderator's question queue as rows: the one on screen, then the waiting ones in the broker's fair
// order (the current talk's first; rooms heard least first; then votes; then time), then the closed ones;
// filtered by room and by talk. Pure.

#include "config/event.hpp"
#include "qa/question.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace estrade::moderator {

struct QueueFilter {
    std::string site;  // "" for every room
    int talk = 0;      // 0 for every talk
};

struct QueueRow {
    std::int64_t id = 0;
    std::string text;
    std::string original_text;  // when edited
    std::string site;
    std::string site_name;
    std::string asker;
    int talk = 0;
    std::string state;  // qa's state names: waiting, on_screen, answered, dismissed, withdrawn, merged
    int votes = 0;      // other rooms behind it
    int rank = 0;       // 1, 2, 3… in the fair order for waiting questions; 0 otherwise
    bool aloud = false; // a request to speak: giving the floor answers it
};

std::vector<QueueRow> queue_rows(const std::map<std::int64_t, qa::Question>& questions,
                                 const std::vector<std::int64_t>& suggested, const QueueFilter& filter,
                                 const config::Event& event);

}  // namespace estrade::moderator
