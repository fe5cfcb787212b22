#pragma once
// The compiled catalogue of a language (Qt Linguist: i18n/estrade_fr.ts, compiled by lrelease into the
// program) for Qt's own tr()/qsTr() and for words::translate. docs/languages.md says how to add a word
// or a language.

#include <string>

namespace estrade::i18n {

// Installs the language's catalogue in the running QCoreApplication, when there is one (before the QML is
// loaded, so that qsTr finds it), and as words::translate's translator; "en" takes any catalogue away
// (the code's words are English). False when there is no catalogue for the language.
bool use_language(const std::string& language);
// What use_language last installed: "en" until then.
std::string current_language();
// --language, else the event's language, else the system's (words::choose_language), installed with
// use_language; returns the language now spoken.
std::string speak(const std::string& option, const std::string& event_language);
// The system's locale as Qt reads it (LC_ALL, LC_MESSAGES, LANG): "fr_FR", "C"...
std::string system_locale_name();

}  // namespace estrade::i18n
