#include "slideshow.hpp"

#include <algorithm>

namespace estrade::producer {

std::string to_string(Showing showing)
{
    switch (showing) {
    case Showing::opening:
        return "opening";
    case Showing::title_card:
        return "title-card";
    case Showing::slide:
        return "slide";
    case Showing::questions:
        return "questions";
    }
    return "?";
}

Slideshow::Slideshow(std::vector<int> slides_per_talk) : m_slides_per_talk(std::move(slides_per_talk))
{
    m_sequence.push_back({Showing::opening, 0, 0});
    for (int talk = 1; talk <= talks(); ++talk) {
        m_sequence.push_back({Showing::title_card, talk, 0});
        for (int slide = 1; slide <= slides(talk); ++slide)
            m_sequence.push_back({Showing::slide, talk, slide});
        m_sequence.push_back({Showing::questions, talk, 0});
    }
}

bool Slideshow::next()
{
    if (m_index + 1 >= m_sequence.size())
        return false;
    m_position = m_sequence[++m_index];
    return true;
}

bool Slideshow::previous()
{
    if (m_index == 0)
        return false;
    m_position = m_sequence[--m_index];
    return true;
}

std::optional<std::string> Slideshow::go_to(SlidePosition position)
{
    if (position.showing != Showing::opening) {
        if (position.talk < 1 || position.talk > talks())
            return "there is no talk " + std::to_string(position.talk) + ": the programme has " +
                   std::to_string(talks()) + (talks() == 1 ? " talk" : " talks");
        if (position.showing == Showing::slide) {
            const int count = slides(position.talk);
            if (count == 0)
                return "talk " + std::to_string(position.talk) + " has no deck, only its title card";
            if (position.slide < 1 || position.slide > count)
                return "there is no slide " + std::to_string(position.slide) + " in talk " +
                       std::to_string(position.talk) + ": its deck has " + std::to_string(count) + " slides";
        } else {
            position.slide = 0;
        }
    } else {
        position.talk = position.slide = 0;
    }
    const auto found = std::find(m_sequence.begin(), m_sequence.end(), position);
    m_index = static_cast<std::size_t>(found - m_sequence.begin());
    m_position = position;
    return std::nullopt;
}

}  // namespace estrade::producer
