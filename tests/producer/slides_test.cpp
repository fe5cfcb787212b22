// Decks rendered before the event, title cards from the event file, the programme walk, control commands.
#include "producer/control.hpp"
#include "producer/presenter_keys.hpp"
#include "producer/slide_renderer.hpp"
#include "producer/slideshow.hpp"

#include "config/event_file.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace estrade;
using namespace estrade::producer;

namespace {

const std::filesystem::path examples = std::filesystem::path(ESTRADE_SOURCE_DIR) / "examples";

config::Event example_event()
{
    return std::get<config::Event>(config::load_event_file(examples / "zoom-metiers.toml"));
}

double mean_luma(const Picture& p)
{
    double sum = 0;
    for (auto v : p.luma())
        sum += v;
    return sum / static_cast<double>(p.luma().size());
}

}  // namespace

TEST_CASE("a PDF deck is rendered page by page at the stream's size")
{
    auto deck = render_deck(examples / "decks/police.pdf", {640, 360});
    REQUIRE(std::holds_alternative<std::vector<Picture>>(deck));
    const auto& pages = std::get<std::vector<Picture>>(deck);
    CHECK(pages.size() == 4);
    for (const auto& page : pages) {
        CHECK(page.width == 640);
        CHECK(page.height == 360);
        CHECK(page.i420.size() == 640 * 360 * 3 / 2);
    }
    // Different pages, different pictures.
    CHECK(luma_distance(pages[0].luma(), pages[1].luma(), 640, 360, 16) > 1.0);
}

TEST_CASE("a folder deck takes its images in name order, letterboxed")
{
    auto deck = render_deck(examples / "decks/douane", {320, 180});
    REQUIRE(std::holds_alternative<std::vector<Picture>>(deck));
    CHECK(std::get<std::vector<Picture>>(deck).size() == 3);
}

TEST_CASE("a deck that cannot be loaded names the file and the reason")
{
    testing::TempDir dir;
    std::ofstream(dir.path() / "broken.pdf") << "this is not a PDF";
    std::filesystem::create_directory(dir.path() / "empty");
    std::ofstream(dir.path() / "empty/notes.txt") << "no slides here";
    std::ofstream(dir.path() / "bad.png") << "not a PNG";

    auto broken = render_deck(dir.path() / "broken.pdf", {320, 180});
    REQUIRE(std::holds_alternative<DeckError>(broken));
    CHECK(std::get<DeckError>(broken).to_string().find("broken.pdf: not a readable PDF") != std::string::npos);

    auto empty = render_deck(dir.path() / "empty", {320, 180});
    REQUIRE(std::holds_alternative<DeckError>(empty));
    CHECK(std::get<DeckError>(empty).reason == "the folder holds no .png, .jpg or .jpeg slide");

    auto bad = render_deck(dir.path() / "bad.png", {320, 180});
    REQUIRE(std::holds_alternative<DeckError>(bad));
    CHECK(std::get<DeckError>(bad).reason.find("not a readable image") == 0);

    CHECK(std::get<DeckError>(render_deck(dir.path() / "missing.pdf", {320, 180})).reason == "no such file or folder");
}

TEST_CASE("title cards carry the event file's words, accents included")
{
    const auto event = example_event();
    CHECK(card_lines(event, CardKind::title, 1) ==
          std::vector<std::string>{"Zoom métiers : police et gendarmerie", "2 / 3", "Yann Guéguen",
                                   "Maréchal des logis-chef", "Gendarmerie nationale", "Gendarme en brigade territoriale"});
    const auto opening = card_lines(event, CardKind::opening, 0);
    REQUIRE(opening.size() == 1 + 3 * 3);
    CHECK(opening[2] == "Claire Le Bihan — Gardienne de la paix · Police nationale");
    CHECK(opening[9] == "Contrôler les marchandises aux frontières");
    CHECK(card_lines(event, CardKind::questions, 2)[3] == "Questions");

    SECTION("a talk without role or organisation leaves them out")
    {
        auto bare = event;
        bare.talks[0].role.clear();
        bare.talks[0].organisation.clear();
        CHECK(card_lines(bare, CardKind::title, 0).size() == 4);
        CHECK(card_lines(bare, CardKind::opening, 0)[2] == "Claire Le Bihan");
    }
}

TEST_CASE("cards are drawn at any size: dark background, light text, different for each speaker")
{
    const auto event = example_event();
    for (config::VideoSize size : {config::VideoSize{1920, 1080}, config::VideoSize{320, 180}}) {
        const Picture first = render_card(event, CardKind::title, 0, size);
        const Picture second = render_card(event, CardKind::title, 1, size);
        CHECK(first.width == size.width);
        CHECK(mean_luma(first) < 90);  // dark blue ...
        const auto brightest = *std::max_element(first.luma().begin(), first.luma().end());
        CHECK(brightest > 220);  // ... with white text
        CHECK(luma_distance(first.luma(), second.luma(), size.width, size.height, 8) > 0.5);
    }
}

TEST_CASE("a show of hands' results card: the question, each answer's total across rooms, each room's count")
{
    const auto event = example_event();
    qa::Poll poll;
    poll.question = "Qui a déjà fait un stage ?";
    poll.choices = {"En entreprise", "Dans l'administration", "Pas encore"};
    poll.state = qa::PollState::closed;
    poll.rooms = {{"ploufragan", {12, 9, 20}}, {"loudeac", {7, 2, 11}}, {"merdrignac", {0, 1, 1}}};
    poll.browsers = {{"web", {1, 0, 2}}};
    CHECK(poll_card_lines(event, poll) ==
          std::vector<std::string>{"Zoom métiers : police et gendarmerie", "Show of hands", "Qui a déjà fait un stage ?",
                                   "En entreprise: 20", "Dans l'administration: 12", "Pas encore: 34",
                                   "Cité des Métiers, Ploufragan 12 · 9 · 20   Maison de l'Emploi, Loudéac 7 · 2 · 11   "
                                   "Point Information Jeunesse, Merdrignac 0 · 1 · 1   Chez soi 1 · 0 · 2"});
    const auto size = config::VideoSize{1920, 1080};
    const Picture card = render_poll_card(event, poll, size);
    CHECK(card.width == 1920);
    CHECK(mean_luma(card) < 110);
    if (const char* folder = std::getenv("ESTRADE_SCREENSHOTS"))
        write_picture_png(card, std::filesystem::path(folder) / "producer-show-of-hands-card.png");
}

TEST_CASE("next and previous walk the programme: opening, then title card, slides, questions for each talk")
{
    Slideshow show({2, 0, 1});
    CHECK(show.position() == SlidePosition{Showing::opening, 0, 0});
    std::vector<SlidePosition> walked;
    while (show.next())
        walked.push_back(show.position());
    CHECK(walked == std::vector<SlidePosition>{
                        {Showing::title_card, 1, 0}, {Showing::slide, 1, 1},      {Showing::slide, 1, 2},
                        {Showing::questions, 1, 0},  {Showing::title_card, 2, 0}, {Showing::questions, 2, 0},
                        {Showing::title_card, 3, 0}, {Showing::slide, 3, 1},      {Showing::questions, 3, 0}});
    CHECK_FALSE(show.next());
    CHECK(show.previous());
    CHECK(show.position() == SlidePosition{Showing::slide, 3, 1});

    SECTION("goto jumps, and next continues from there")
    {
        CHECK_FALSE(show.go_to({Showing::slide, 1, 2}));
        CHECK(show.next());
        CHECK(show.position() == SlidePosition{Showing::questions, 1, 0});
    }
    SECTION("goto refuses what does not exist, saying why, and stays")
    {
        CHECK(show.go_to({Showing::slide, 4, 1}) == "there is no talk 4: the programme has 3 talks");
        CHECK(show.go_to({Showing::slide, 1, 3}) == "there is no slide 3 in talk 1: its deck has 2 slides");
        CHECK(show.go_to({Showing::slide, 2, 1}) == "talk 2 has no deck, only its title card");
        CHECK(show.position() == SlidePosition{Showing::slide, 3, 1});
    }
}

TEST_CASE("control commands parse, and a bad one says what the commands are")
{
    using Verb = ControlCommand::Verb;
    auto parse = [](std::string_view text) { return std::get<ControlCommand>(parse_control_command(text)); };
    CHECK(parse("next").verb == Verb::next);
    CHECK(parse("  previous ").verb == Verb::previous);
    CHECK(parse("state").verb == Verb::state);
    CHECK(parse("opening").target == SlidePosition{Showing::opening, 0, 0});
    CHECK(parse("title-card talk 2").target == SlidePosition{Showing::title_card, 2, 0});
    CHECK(parse("questions talk 3").target == SlidePosition{Showing::questions, 3, 0});
    CHECK(parse("goto talk 1 slide 4").target == SlidePosition{Showing::slide, 1, 4});
    CHECK(parse("goto talk 2").target == SlidePosition{Showing::slide, 2, 1});
    for (const char* bad : {"", "jump", "goto talk x", "goto talk 1 page 2", "title-card 2", "next please",
                            "goto talk -1"}) {
        auto parsed = parse_control_command(bad);
        REQUIRE(std::holds_alternative<std::string>(parsed));
        CHECK(std::get<std::string>(parsed).find("commands: state, next") != std::string::npos);
    }
}

TEST_CASE("presenter keys become typed control commands, and each command reads back from its text")
{
    using Verb = ControlCommand::Verb;
    // → space n PageDown; ← p Backspace PageUp; o; t and q of the current talk; a digit.
    const auto commands = commands_from_keys("\x1b[C n\x1b[6~\x1b[Dp\x7f\x1b[5~otq3x", 2);
    REQUIRE(commands.size() == 12);
    for (int i : {0, 1, 2, 3})
        CHECK(commands[static_cast<std::size_t>(i)].verb == Verb::next);
    for (int i : {4, 5, 6, 7})
        CHECK(commands[static_cast<std::size_t>(i)].verb == Verb::previous);
    CHECK(commands[8].target == SlidePosition{Showing::opening, 0, 0});
    CHECK(commands[9].target == SlidePosition{Showing::title_card, 2, 0});
    CHECK(commands[10].target == SlidePosition{Showing::questions, 2, 0});
    CHECK(commands[11].target == SlidePosition{Showing::slide, 3, 1});
    // At the opening, t means talk 1's title card.
    CHECK(commands_from_keys("t", 0).at(0).target == SlidePosition{Showing::title_card, 1, 0});
    for (const auto& command : commands) {
        const auto text = to_string(command);
        INFO(text);
        const auto back = std::get<ControlCommand>(parse_control_command(text));
        CHECK(back.verb == command.verb);
        if (command.verb == Verb::go_to)
            CHECK(back.target == command.target);
    }
}
