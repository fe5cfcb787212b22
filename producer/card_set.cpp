#include "card_set.hpp"

#include "slide_renderer.hpp"

#include <spdlog/spdlog.h>

namespace estrade::producer {

std::optional<std::string> CardSet::render(const config::Event& event, config::VideoSize size, bool live_slides)
{
    m_live_slides = live_slides;
    m_opening = render_card(event, CardKind::opening, 0, size);
    std::string problems;
    for (std::size_t i = 0; i < event.talks.size(); ++i) {
        const config::Talk& talk = event.talks[i];
        m_title_cards.push_back(render_card(event, CardKind::title, i, size));
        m_questions_cards.push_back(render_card(event, CardKind::questions, i, size));
        std::vector<Picture> deck;
        if (talk.deck && !live_slides) {
            auto rendered = render_deck(*talk.deck, size);
            if (auto* error = std::get_if<DeckError>(&rendered)) {
                problems += "talk " + std::to_string(i + 1) + " (" + talk.speaker + "): deck " + error->to_string() + "\n";
            } else {
                deck = std::move(std::get<std::vector<Picture>>(rendered));
                spdlog::info("talk {} ({}): {} slides ready from {}", i + 1, talk.speaker, deck.size(),
                             talk.deck->string());
            }
        }
        m_decks.push_back(std::move(deck));
    }
    if (!problems.empty())
        return problems + "Fix the decks (or remove the `deck` key of those talks); nothing was published.";
    return std::nullopt;
}

const Picture* CardSet::picture_at(SlidePosition at) const
{
    const auto talk = static_cast<std::size_t>(at.talk - 1);
    switch (at.showing) {
    case Showing::opening: return &m_opening;
    case Showing::title_card: return &m_title_cards.at(talk);
    case Showing::questions: return &m_questions_cards.at(talk);
    case Showing::slide: return m_live_slides ? nullptr : &m_decks.at(talk).at(static_cast<std::size_t>(at.slide - 1));
    }
    return nullptr;
}

std::vector<int> CardSet::slides_per_talk() const
{
    std::vector<int> slides;
    for (const auto& deck : m_decks)
        slides.push_back(m_live_slides ? 1 : static_cast<int>(deck.size()));
    return slides;
}

}  // namespace estrade::producer
