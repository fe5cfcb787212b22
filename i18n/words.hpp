#pragma once
// Words a person reads, from code that does not use Qt: the stream's status, the programme strip, the
// question states, the producer's cards. The English is written in the code; a program that shows words
// installs a translator (i18n/catalogue.hpp) that looks them up in the compiled Qt Linguist catalogue.
// lupdate finds the calls to words::translate (the shape of QCoreApplication::translate), so one
// catalogue, i18n/estrade_fr.ts, holds every word of every program.

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

// Marks a word kept in a table, translated later with words::translate(context, word).
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace estrade::words {

using Translator = std::function<std::string(const char* context, const char* english)>;

// Safe to call while other threads translate (the stream players' threads read their status in words).
void set_translator(Translator translator);
// The word in the installed language; the English itself when no translator is installed or the
// catalogue lacks it.
std::string translate(const char* context, const char* english);

// "%1 of %2" with the values in order, like QString::arg; a %N without a value stays as it is.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values);

// The language a screen speaks: --language, else the event file's [event] language, else the system's
// (a locale name such as "fr_FR.UTF-8"); "fr" or "en" (English for any other).
std::string choose_language(std::string_view option, std::string_view event_language, std::string_view locale_name);

// The languages there is a catalogue for.
bool is_known_language(std::string_view language);

}  // namespace estrade::words
