#pragma once
// Everything the slides stream can show, drawn before the event starts: each talk's deck (PDF pages or
// a folder of images, letterboxed on black) and the cards generated from the event file (the opening
// card listing the talks, a title card per speaker, a questions card per talk).

#include "picture.hpp"

#include "config/event.hpp"
#include "qa/poll.hpp"

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace estrade::producer {

struct DeckError {
    std::filesystem::path file;
    std::string reason;

    std::string to_string() const { return file.string() + ": " + reason; }
};

// Every page of a deck at `size`. A PDF via poppler; a folder: its .png/.jpg/.jpeg files in name order.
std::variant<std::vector<Picture>, DeckError> render_deck(const std::filesystem::path& deck, config::VideoSize size);

enum class CardKind { opening, title, questions };

// The card's text, top to bottom, exactly as drawn (empty fields are left out):
//   opening:   event title, then "N", "speaker — role · organisation", "talk title" for each talk
//   title:     event title, "N / total", speaker, role, organisation, talk title
//   questions: event title, "N / total", "?", "Questions", "speaker — role", talk title
std::vector<std::string> card_lines(const config::Event& event, CardKind kind, std::size_t talk_index);

// The card as a picture to send, and as PNG for a preview (`estrade-producer cards`).
Picture render_card(const config::Event& event, CardKind kind, std::size_t talk_index, config::VideoSize size);
void write_card_png(const config::Event& event, CardKind kind, std::size_t talk_index, config::VideoSize size,
                    const std::filesystem::path& png);
void write_picture_png(const Picture& picture, const std::filesystem::path& png);

// A show of hands' results, for the slides stream (so recordings and any player show them): the question,
// one bar per answer with its total, and each room's count. Its text, as drawn: event title, "Show of
// hands", question, "answer: total" per answer, then the rooms' counts on one line.
std::vector<std::string> poll_card_lines(const config::Event& event, const qa::Poll& poll);
Picture render_poll_card(const config::Event& event, const qa::Poll& poll, config::VideoSize size);

}  // namespace estrade::producer
