#pragma once
// Every picture the slides stream can show, rendered before the first byte is published (decks ready at
// the start): the opening card, each talk's title and questions cards, and each deck's slides. They
// outlive the pipelines: the slides pusher hands them to GStreamer without copying.

#include "picture.hpp"
#include "slideshow.hpp"

#include "config/event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace estrade::producer {

class CardSet {
public:
    // With live slides (a screen or a capture card) the decks are not rendered: the live source shows
    // instead. Returns the problems, one line per deck, or nothing.
    std::optional<std::string> render(const config::Event& event, config::VideoSize size, bool live_slides);

    // The picture to push at this position; nothing when the live source is shown.
    const Picture* picture_at(SlidePosition at) const;
    const Picture& opening() const { return m_opening; }
    std::vector<int> slides_per_talk() const;

private:
    Picture m_opening;
    std::vector<Picture> m_title_cards;
    std::vector<Picture> m_questions_cards;
    std::vector<std::vector<Picture>> m_decks;
    bool m_live_slides = false;
};

}  // namespace estrade::producer
