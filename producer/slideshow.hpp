#pragma once
// What the slides stream shows, and how `next`/`previous` walk the programme:
//   opening card → [title card of talk t → its slides → questions card of talk t] for each talk.
// Talk and slide numbers are 1-based, as people say them.

#include <optional>
#include <string>
#include <vector>

namespace estrade::producer {

enum class Showing { opening, title_card, slide, questions };

struct SlidePosition {
    Showing showing = Showing::opening;
    int talk = 0;   // 1..talks, 0 with the opening card
    int slide = 0;  // 1..slides of the talk when showing a slide, else 0

    friend bool operator==(const SlidePosition&, const SlidePosition&) = default;
};

std::string to_string(Showing showing);

class Slideshow {
public:
    explicit Slideshow(std::vector<int> slides_per_talk);

    SlidePosition position() const { return m_position; }
    int talks() const { return static_cast<int>(m_slides_per_talk.size()); }
    int slides(int talk) const { return m_slides_per_talk.at(static_cast<std::size_t>(talk - 1)); }

    // false at either end of the programme (the position stays).
    bool next();
    bool previous();
    // An error to show the user, or nothing when the position changed.
    std::optional<std::string> go_to(SlidePosition position);

private:
    std::vector<SlidePosition> m_sequence;
    std::vector<int> m_slides_per_talk;
    SlidePosition m_position;
    std::size_t m_index = 0;
};

}  // namespace estrade::producer
