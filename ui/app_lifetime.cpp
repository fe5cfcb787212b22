#include "app_lifetime.hpp"

#include <QCoreApplication>
#include <QQmlApplicationEngine>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace estrade::ui {

namespace {
std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }
}  // namespace

void quit_on_signals_or_after(QCoreApplication& app, double seconds)
{
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    auto* stop_check = new QTimer(&app);  // owned by the application
    QObject::connect(stop_check, &QTimer::timeout, &app, [] {
        if (g_stop)
            QCoreApplication::quit();
    });
    stop_check->start(100);
    if (seconds > 0)
        QTimer::singleShot(static_cast<int>(seconds * 1000), &app, &QCoreApplication::quit);
}

void schedule_grabs(QCoreApplication& app, QQuickWindow& window, const std::vector<Grab>& grabs,
                    std::function<QJsonObject()> state)
{
    for (const auto& grab : grabs)
        QTimer::singleShot(static_cast<int>(grab.seconds * 1000), &app,
                           [&window, state, path = grab.path] { write_grab(window, path, state()); });
}

QQuickWindow* load_window(QQmlApplicationEngine& engine, const QUrl& url)
{
    engine.load(url);
    if (engine.rootObjects().isEmpty())
        return nullptr;
    return qobject_cast<QQuickWindow*>(engine.rootObjects().first());
}

std::optional<WindowSize> parse_window_size(const std::string& text, WindowSize minimum)
{
    WindowSize size;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%dx%d%c", &size.width, &size.height, &extra) != 2 || size.width < minimum.width ||
        size.height < minimum.height)
        return std::nullopt;
    return size;
}

std::variant<WindowOptions, std::string> parse_window_options(const std::string& size,
                                                              const std::vector<std::string>& grabs)
{
    WindowOptions options;
    if (auto parsed = parse_window_size(size))
        options.size = *parsed;
    else
        return "--size " + size + " is not WIDTHxHEIGHT (at least 160x90)";
    for (const auto& text : grabs) {
        auto grab = parse_grab(text);
        if (!grab)
            return "--grab " + text + " is not PATH@SECONDS";
        options.grabs.push_back(*grab);
    }
    return options;
}

}  // namespace estrade::ui
