#pragma once
// --grab PATH@SECONDS for the Qt Quick programs (viewer, moderator console): the window as a PNG and,
// next to it, PATH.json with every named item's text and visibility plus the program's own figures —
// what a test, a benchmark or a person reading a bug report needs to know about what the screen said.

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QThreadPool>
#include <spdlog/spdlog.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace estrade::ui {

struct Grab {
    QString path;
    double seconds = 0;
};

inline std::optional<Grab> parse_grab(const std::string& text)
{
    const auto at = text.rfind('@');
    if (at == std::string::npos)
        return std::nullopt;
    try {
        return Grab{QString::fromStdString(text.substr(0, at)), std::stod(text.substr(at + 1))};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

inline void collect_texts(QQuickItem* item, QJsonObject& out)
{
    if (!item->objectName().isEmpty()) {
        const auto text = item->property("text");
        if (text.isValid())
            out[item->objectName()] = QJsonObject{{"text", text.toString()}, {"visible", item->isVisible()}};
        else
            out[item->objectName()] = QJsonObject{{"visible", item->isVisible()}, {"x", item->x()}, {"y", item->y()},
                                                  {"width", item->width()}, {"height", item->height()}};
    }
    for (auto* child : item->childItems())
        collect_texts(child, out);
}

// The window is drawn into an image on the GUI thread; the PNG and the JSON are written on Qt's thread
// pool (waited for when the application ends). Encoding a 1920x1080 PNG took the GUI thread for long
// enough that the speaker's pictures arriving meanwhile were never drawn: the viewer bench counted as lost
// the pictures its own grab made it lose.
inline void write_grab(QQuickWindow& window, const QString& path, QJsonObject state)
{
    // The counters in `state` were read just before: the time goes with them.
    state["taken_at_ms"] = QDateTime::currentMSecsSinceEpoch();
    const auto image = window.grabWindow();
    QJsonObject items;
    collect_texts(window.contentItem(), items);
    state["items"] = items;
    state["width"] = image.width();
    state["height"] = image.height();
    QThreadPool::globalInstance()->start([image, path, state] {
        if (!image.save(path))
            spdlog::error("could not write the grab {}", path.toStdString());
        // After the picture: whoever waits for the JSON finds the picture there.
        QFile file(path + ".json");
        if (file.open(QIODevice::WriteOnly))
            file.write(QJsonDocument(state).toJson());
        spdlog::info("grabbed {} ({}x{})", path.toStdString(), image.width(), image.height());
    });
}

}  // namespace estrade::ui
