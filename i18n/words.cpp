#include "words.hpp"

#include <atomic>
#include <memory>

namespace estrade::words {

namespace {

std::atomic<std::shared_ptr<const Translator>> g_translator;

}  // namespace

void set_translator(Translator translator)
{
    g_translator.store(translator ? std::make_shared<const Translator>(std::move(translator)) : nullptr);
}

std::string translate(const char* context, const char* english)
{
    const auto translator = g_translator.load();
    if (!translator)
        return english;
    auto word = (*translator)(context, english);
    return word.empty() ? std::string(english) : word;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values)
{
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
            const auto n = static_cast<std::size_t>(pattern[i + 1] - '1');
            if (n < values.size()) {
                out += *(values.begin() + n);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

bool is_known_language(std::string_view language) { return language == "fr" || language == "en"; }

std::string choose_language(std::string_view option, std::string_view event_language, std::string_view locale_name)
{
    if (!option.empty())
        return is_known_language(option) ? std::string(option) : "en";
    if (!event_language.empty())
        return is_known_language(event_language) ? std::string(event_language) : "en";
    // "fr", "fr_FR", "fr_BE.UTF-8", "fr-CA": French; "C", "POSIX", English or anything else: English.
    if (locale_name.substr(0, 2) == "fr" && (locale_name.size() == 2 || locale_name[2] == '_' || locale_name[2] == '-' ||
                                            locale_name[2] == '.'))
        return "fr";
    return "en";
}

}  // namespace estrade::words
