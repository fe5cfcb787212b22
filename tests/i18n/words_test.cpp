// The screens' languages: choosing one, filling words, the compiled French catalogue, and the catalogue's
// source itself (every word translated, every %N kept).
#include "i18n/catalogue.hpp"
#include "i18n/words.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace estrade;

TEST_CASE("the language is the option's, else the event's, else the system's, else English")
{
    CHECK(words::choose_language("en", "fr", "fr_FR.UTF-8") == "en");
    CHECK(words::choose_language("", "fr", "en_GB.UTF-8") == "fr");
    CHECK(words::choose_language("", "", "fr_FR.UTF-8") == "fr");
    CHECK(words::choose_language("", "", "fr_BE") == "fr");
    CHECK(words::choose_language("", "", "fr") == "fr");
    CHECK(words::choose_language("", "", "fy_NL") == "en");  // Frisian is not French
    CHECK(words::choose_language("", "", "C") == "en");
    CHECK(words::choose_language("", "", "de_DE.UTF-8") == "en");
}

TEST_CASE("words are filled in order and a missing value leaves its mark")
{
    CHECK(words::fill("Talk %1 of %2 — %3", {"2", "5", "Claire"}) == "Talk 2 of 5 — Claire");
    CHECK(words::fill("%2 before %1", {"a", "b"}) == "b before a");
    CHECK(words::fill("%1 and %3", {"x"}) == "x and %3");
    CHECK(words::fill("100 % sure", {}) == "100 % sure");
}

TEST_CASE("the compiled French catalogue translates the words of code without Qt, and English takes it away")
{
    REQUIRE(i18n::use_language("fr"));
    CHECK(i18n::current_language() == "fr");
    CHECK(words::translate("StreamStatus", "connecting…") == "connexion…");
    CHECK(words::translate("Card", "Show of hands") == "Vote à main levée");
    CHECK(words::fill(words::translate("Programme", "Talk %1 of %2 — %3"), {"1", "2", "Claire"}) ==
          "Intervention 1 sur 2 — Claire");
    // A word the catalogue lacks stays English rather than disappearing.
    CHECK(words::translate("StreamStatus", "no such word") == "no such word");
    REQUIRE(i18n::use_language("en"));
    CHECK(words::translate("StreamStatus", "connecting…") == "connecting…");
    CHECK_FALSE(i18n::use_language("xx"));
    CHECK(i18n::current_language() == "en");
}

namespace {

std::set<std::string> placeholders(const std::string& text)
{
    std::set<std::string> found;
    static const std::regex mark("%[1-9n]");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), mark); it != std::sregex_iterator(); ++it)
        found.insert(it->str());
    return found;
}

}  // namespace

TEST_CASE("every word of the French catalogue is translated and keeps the source's %1, %2, %n")
{
    std::ifstream in(std::string(ESTRADE_SOURCE_DIR) + "/i18n/estrade_fr.ts");
    REQUIRE(in);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string ts = buffer.str();
    static const std::regex message(R"(<message[^>]*>\s*<source>([^<]*)</source>[\s\S]*?<translation([^>]*)>([\s\S]*?)</translation>)");
    int messages = 0;
    for (auto it = std::sregex_iterator(ts.begin(), ts.end(), message); it != std::sregex_iterator(); ++it) {
        ++messages;
        const std::string source = (*it)[1];
        const std::string attributes = (*it)[2];
        const std::string translation = (*it)[3];
        INFO(source);
        CHECK(attributes.find("unfinished") == std::string::npos);
        CHECK_FALSE(translation.empty());
        CHECK(placeholders(translation) == placeholders(source));
    }
    CHECK(messages > 150);
}
