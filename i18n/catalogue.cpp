#include "catalogue.hpp"

#include "words.hpp"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

#include <memory>
#include <mutex>

namespace estrade::i18n {

namespace {

std::mutex g_mutex;
std::shared_ptr<QTranslator> g_installed;
std::string g_language = "en";

}  // namespace

bool use_language(const std::string& language)
{
    std::shared_ptr<QTranslator> translator;
    if (language != "en") {
        translator = std::make_shared<QTranslator>();
        if (!translator->load(QStringLiteral(":/i18n/estrade_%1.qm").arg(QString::fromStdString(language))))
            return false;
    }
    std::lock_guard lock(g_mutex);
    if (g_installed && QCoreApplication::instance())
        QCoreApplication::removeTranslator(g_installed.get());
    g_installed = translator;
    g_language = translator ? language : "en";
    if (!translator) {
        words::set_translator(nullptr);
        return true;
    }
    if (QCoreApplication::instance())
        QCoreApplication::installTranslator(translator.get());
    words::set_translator([translator](const char* context, const char* english) {
        return translator->translate(context, english).toStdString();
    });
    return true;
}

std::string current_language()
{
    std::lock_guard lock(g_mutex);
    return g_language;
}

std::string speak(const std::string& option, const std::string& event_language)
{
    const auto language = words::choose_language(option, event_language, system_locale_name());
    if (!use_language(language))
        use_language("en");
    // Dates, times and numbers the Qt way of the language too ("14:05", "3,5").
    QLocale::setDefault(QLocale(current_language() == "fr" ? QLocale::French : QLocale::English));
    return current_language();
}

std::string system_locale_name() { return QLocale::system().name().toStdString(); }

}  // namespace estrade::i18n
