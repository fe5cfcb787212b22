#pragma once
// What both Qt programs (the room's viewer, the moderator console) do around their event loop: quit
// cleanly on Ctrl-C or a service stop, quit after a set time (tests, benchmarks), take the --grab
// pictures, and read --size.

#include "window_grab.hpp"

#include <QJsonObject>
#include <QQuickWindow>

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

class QCoreApplication;
class QQmlApplicationEngine;
class QUrl;

namespace estrade::ui {

// SIGINT and SIGTERM quit the application's event loop (the handler only sets a flag, a timer on the
// loop looks at it, so the program's objects stop in order); `seconds` > 0 also quits after that long.
void quit_on_signals_or_after(QCoreApplication& app, double seconds);

// Each grab at its time: the window as PNG, and the JSON with `state()`'s figures taken at that moment.
void schedule_grabs(QCoreApplication& app, QQuickWindow& window, const std::vector<Grab>& grabs,
                    std::function<QJsonObject()> state);

// Loads `url` into the engine; its window, or nullptr when the QML could not be built (the QML engine
// has already said why on stderr).
QQuickWindow* load_window(QQmlApplicationEngine& engine, const QUrl& url);

struct WindowSize {
    int width = 0;
    int height = 0;
};
// "1280x720" → {1280, 720}; nothing when it is not WIDTHxHEIGHT or smaller than the minimum.
std::optional<WindowSize> parse_window_size(const std::string& text, WindowSize minimum = {160, 90});

// --size and every --grab of a Qt program, or what is wrong with them in one line.
struct WindowOptions {
    WindowSize size;
    std::vector<Grab> grabs;
};
std::variant<WindowOptions, std::string> parse_window_options(const std::string& size,
                                                              const std::vector<std::string>& grabs);

}  // namespace estrade::ui
