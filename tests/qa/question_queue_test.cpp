#include "qa/question_queue.hpp"

#include <catch2/catch.hpp>

using namespace estrade::qa;

namespace {

const Caller moderator{{}, true};
const Caller loudeac{"loudeac", false};
const Caller merdrignac{"merdrignac", false};
const Caller brest{"brest", false};

QuestionQueue make_queue(int cap = 20)
{
    return QuestionQueue(QueueRules{{"ploufragan", "loudeac", "merdrignac", "brest"}, 3, cap});
}

std::int64_t ask(QuestionQueue& queue, const Caller& site, std::string text, std::int64_t at_ms = 0)
{
    std::int64_t id = 0;
    auto error = queue.ask(site, {"r-" + text, std::move(text), {}, std::nullopt, at_ms}, id);
    REQUIRE_FALSE(error);
    return id;
}

std::vector<std::int64_t> order_of(const QuestionQueue& queue)
{
    std::vector<std::int64_t> ids;
    for (const auto* q : queue.suggested_order())
        ids.push_back(q->id);
    return ids;
}

}  // namespace

TEST_CASE("one vote per site per question — a site's own question is already its voice")
{
    auto queue = make_queue();
    const auto id = ask(queue, loudeac, "Quel salaire ?");
    CHECK_FALSE(queue.vote(merdrignac, id));
    CHECK(queue.vote(merdrignac, id)->code == "already_voted");
    CHECK(queue.vote(loudeac, id)->code == "own_question");
    CHECK(queue.vote(moderator, id)->code == "forbidden");
    CHECK_FALSE(queue.vote(brest, id));
    CHECK(queue.find(id)->voters == std::set<std::string>{"brest", "merdrignac"});
}

TEST_CASE("fair order: a site not yet heard first, then votes, then time")
{
    auto queue = make_queue();
    const auto a1 = ask(queue, loudeac, "a1", 100);
    const auto a2 = ask(queue, loudeac, "a2", 200);
    const auto m1 = ask(queue, merdrignac, "m1", 300);
    const auto b1 = ask(queue, brest, "b1", 400);
    CHECK(order_of(queue) == std::vector<std::int64_t>{a1, a2, m1, b1});  // nobody heard yet: time

    REQUIRE_FALSE(queue.vote(merdrignac, b1));
    CHECK(order_of(queue) == std::vector<std::int64_t>{b1, a1, a2, m1});  // votes before time

    REQUIRE_FALSE(queue.pick(moderator, b1));  // brest has been heard
    REQUIRE_FALSE(queue.pick(moderator, a1));  // loudeac too; b1 is answered automatically
    CHECK(queue.find(b1)->state == QuestionState::answered);
    // merdrignac is the only room not heard yet: it comes before loudeac's second question.
    CHECK(order_of(queue) == std::vector<std::int64_t>{m1, a2});
}

TEST_CASE("only the moderator picks, dismisses, merges, edits and steps — only sites ask")
{
    auto queue = make_queue();
    const auto id = ask(queue, loudeac, "x");
    CHECK(queue.pick(loudeac, id)->code == "forbidden");
    CHECK(queue.dismiss(loudeac, id, "")->code == "forbidden");
    CHECK(queue.merge(loudeac, id, id)->code == "forbidden");
    CHECK(queue.edit(loudeac, id, "y")->code == "forbidden");
    CHECK(queue.set_step(loudeac, {StepKind::talk, 1})->code == "forbidden");
    std::int64_t ignored = 0;
    CHECK(queue.ask(moderator, {"r", "x", {}, {}, 0}, ignored)->code == "forbidden");
    CHECK(queue.ask(Caller{"unknown-site", false}, {"r", "x", {}, {}, 0}, ignored)->code == "forbidden");
    CHECK(queue.withdraw(merdrignac, id)->code == "forbidden");  // not its question
    CHECK_FALSE(queue.withdraw(loudeac, id));
    CHECK(queue.find(id)->state == QuestionState::withdrawn);
}

TEST_CASE("merging a duplicate adds its room's voice and its votes to the question that carries on")
{
    auto queue = make_queue();
    const auto keep = ask(queue, loudeac, "Quel salaire ?");
    const auto dup = ask(queue, merdrignac, "Combien on gagne ?");
    REQUIRE_FALSE(queue.vote(brest, dup));
    REQUIRE_FALSE(queue.merge(moderator, dup, keep));
    CHECK(queue.find(dup)->state == QuestionState::merged);
    CHECK(queue.find(dup)->merged_into == keep);
    CHECK(queue.find(keep)->voters == std::set<std::string>{"brest", "merdrignac"});
    CHECK(queue.merge(moderator, dup, keep)->code == "bad_state");
}

TEST_CASE("dismissal keeps the reason, edits keep the original, the cap and the window are enforced")
{
    auto queue = make_queue(2);
    const auto a = ask(queue, loudeac, "Quel salair ?");
    REQUIRE_FALSE(queue.edit(moderator, a, "Quel salaire ?"));
    CHECK(queue.find(a)->original_text == "Quel salair ?");
    ask(queue, loudeac, "deux");
    std::int64_t id = 0;
    CHECK(queue.ask(loudeac, {"r3", "trois", {}, {}, 0}, id)->code == "too_many_waiting");
    REQUIRE_FALSE(queue.dismiss(moderator, a, "Déjà répondu pendant l'exposé"));
    CHECK(queue.find(a)->reason == "Déjà répondu pendant l'exposé");
    CHECK_FALSE(queue.ask(loudeac, {"r3", "trois", {}, {}, 0}, id));  // a slot freed
    REQUIRE_FALSE(queue.set_window(moderator, false));
    CHECK(queue.ask(merdrignac, {"r4", "quatre", {}, {}, 0}, id)->code == "window_closed");
}

TEST_CASE("a question asked during a talk is for that talk and waits for the question time after it")
{
    auto queue = make_queue();
    REQUIRE_FALSE(queue.set_step(moderator, {StepKind::talk, 2}));
    const auto during = ask(queue, loudeac, "pendant l'exposé 2");
    CHECK(queue.find(during)->talk == 2);
    CHECK(queue.set_step(moderator, {StepKind::talk, 4})->code == "bad_talk");
    REQUIRE_FALSE(queue.set_step(moderator, {StepKind::questions, 2}));
    CHECK(queue.suggested_order(2).size() == 1);
    CHECK(queue.suggested_order(1).empty());
}

TEST_CASE("question text rules")
{
    std::string text = "  Bonjour, une question ?  ";
    CHECK_FALSE(check_question_text(text));
    CHECK(text == "Bonjour, une question ?");
    std::string empty = "   ";
    CHECK(check_question_text(empty)->code == "empty_text");
    std::string accented(500, 'e');
    accented.replace(0, 1, "é");  // 500 characters, 501 bytes: still allowed
    CHECK_FALSE(check_question_text(accented));
    std::string too_long(501, 'x');
    CHECK(check_question_text(too_long)->code == "text_too_long");
    std::string bad_utf8 = "caf\xC3";
    CHECK(check_question_text(bad_utf8)->code == "invalid_utf8");
    std::string overlong = "\xC0\xAF";
    CHECK(check_question_text(overlong)->code == "invalid_utf8");
    std::string control = "bell\x07";
    CHECK(check_question_text(control)->code == "bad_text");
    std::string next_line = "NEL\xC2\x85 (U+0085)";
    CHECK(check_question_text(next_line)->code == "bad_text");
    std::string c1 = "CSI\xC2\x9B";
    CHECK(check_question_text(c1)->code == "bad_text");
    std::string two_lines = "Première ligne\nseconde ligne ?";
    CHECK_FALSE(check_question_text(two_lines));  // a line break is allowed in a question
    std::string nbsp = "Avec\xC2\xA0" "espace insécable ?";
    CHECK_FALSE(check_question_text(nbsp));  // U+00A0 is text, not a control
}

TEST_CASE("the floor: one room at a time, given by the moderator, handed back by the room holding it")
{
    auto queue = make_queue();
    std::int64_t aloud = 0;
    REQUIRE_FALSE(queue.ask(loudeac, {"r-aloud", "  ", {}, std::nullopt, 10, QuestionKind::aloud}, aloud));
    CHECK(queue.find(aloud)->kind == QuestionKind::aloud);
    CHECK(queue.find(aloud)->text.empty());  // a request to speak need not say what about
    std::int64_t typed = 0;
    CHECK(queue.ask(loudeac, {"r-empty", "  ", {}, std::nullopt, 10, QuestionKind::typed}, typed)->code == "empty_text");
    CHECK(order_of(queue) == std::vector<std::int64_t>{aloud});  // the same fair order as typed questions
    queue.take_changes();

    CHECK(queue.give_floor(loudeac, "loudeac", 0, 20)->code == "forbidden");
    CHECK(queue.give_floor(moderator, "nowhere", 0, 20)->code == "unknown_site");
    const auto typed_id = ask(queue, brest, "typed");
    CHECK(queue.give_floor(moderator, {}, typed_id, 20)->code == "not_aloud");
    queue.take_changes();

    REQUIRE_FALSE(queue.give_floor(moderator, {}, aloud, 30));
    CHECK(queue.floor() == Floor{"loudeac", 30, aloud});
    CHECK(queue.find(aloud)->state == QuestionState::on_screen);
    auto changes = queue.take_changes();
    CHECK(changes.floor);
    CHECK(changes.questions == std::vector<std::int64_t>{aloud});

    // Another room: the first loses it, and its request to speak is answered.
    REQUIRE_FALSE(queue.give_floor(moderator, "merdrignac", 0, 40));
    CHECK(queue.floor() == Floor{"merdrignac", 40, 0});
    CHECK(queue.find(aloud)->state == QuestionState::answered);

    CHECK(queue.end_floor(loudeac)->code == "forbidden");  // not its floor
    REQUIRE_FALSE(queue.end_floor(merdrignac));             // its own: handed back
    CHECK_FALSE(queue.floor().held());
    queue.take_changes();
    REQUIRE_FALSE(queue.end_floor(moderator));  // nobody holds it: nothing to do, not an error
    CHECK_FALSE(queue.take_changes().floor);
    REQUIRE_FALSE(queue.give_floor(moderator, "brest", 0, 50));
    REQUIRE_FALSE(queue.end_floor(moderator));
    CHECK_FALSE(queue.floor().held());
}

TEST_CASE("a name is one line of plain text: a line break or a control character in it is refused")
{
    auto queue = make_queue();
    std::int64_t id = 0;
    CHECK(queue.ask(loudeac, {"r-name-1", "Une question ?", "Léa\nGarnier", std::nullopt, 10}, id)->code == "bad_name");
    CHECK(queue.ask(loudeac, {"r-name-2", "Une question ?", "Léa\xC2\x85", std::nullopt, 10}, id)->code == "bad_name");
    CHECK_FALSE(queue.ask(loudeac, {"r-name-3", "Une question ?", "Léa Garnier", std::nullopt, 10}, id));
}
