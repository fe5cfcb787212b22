// The programme strip at the bottom of a room's screen, laid out with long French words at every window
// size from 640x360 to 1920x1080 (Qt's software renderer, offscreen): the parts of the strip never run
// over each other or off the window, and a sound problem gets its own line above it.
#include <QImage>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

namespace {

// Where the text is drawn, in window coordinates: a Text item may be wider than its words.
QRectF painted(const QQuickItem& text)
{
    const qreal width = std::min(text.width(), text.property("contentWidth").toReal());
    const qreal height = std::min(text.height(), text.property("contentHeight").toReal());
    const bool right = text.property("horizontalAlignment").toInt() == Qt::AlignRight;
    const QPointF top_left = text.mapToScene(QPointF(right ? text.width() - width : 0, 0));
    return {top_left, QSizeF(width, height)};
}

QQuickItem* named(QQuickItem* root, const QString& name)
{
    if (root->objectName() == name)
        return root;
    for (auto* child : root->childItems())
        if (auto* found = named(child, name))
            return found;
    return nullptr;
}

}  // namespace

TEST_CASE("the programme strip never draws words over words, from 640x360 to 1920x1080, long French texts included")
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    QQmlComponent component(&engine);
    component.setData(R"(
import QtQuick
import Estrade.Viewer
Window {
    width: 640; height: 360; visible: true; color: "#203040"
    Banner {
        objectName: "strip"
        anchors.left: parent.left; anchors.right: parent.right; anchors.bottom: parent.bottom
        headline: "Questions — intervention 2 sur 3 — Maréchale des logis-cheffe Anne-Sophie Le Guennec-Kerbrat"
        detail: "Anne-Sophie Le Guennec-Kerbrat, Maréchale des logis-cheffe, Gendarmerie nationale · Brigade territoriale autonome"
        floorHolder: "Collectif brestois pour l'emploi (Cobrem), Brest"
        soundStatus: "pas de sortie son : on n'entend pas l'intervenant — vérifiez les haut-parleurs ou le câble son du PC, puis relancez l'écran"
        siteName: "Point Information Jeunesse, Merdrignac"
    }
})", QUrl());
    INFO(component.errorString().toStdString());
    REQUIRE(component.isReady());
    std::unique_ptr<QObject> created(component.create());
    auto* window = qobject_cast<QQuickWindow*>(created.get());
    REQUIRE(window);
    REQUIRE(QTest::qWaitForWindowExposed(window));

    const char* folder = std::getenv("ESTRADE_SCREENSHOTS");
    for (const QSize size : {QSize(640, 360), QSize(960, 540), QSize(1280, 720), QSize(1920, 1080)}) {
        INFO(size.width() << "x" << size.height());
        window->resize(size);
        QTest::qWait(100);
        auto* strip = named(window->contentItem(), "strip");
        REQUIRE(strip);
        const QRectF strip_area(strip->mapToScene(QPointF(0, 0)), QSizeF(strip->width(), strip->height()));
        std::vector<QRectF> parts;
        for (const char* name : {"bannerHeadline", "floorHolder", "bannerDetail", "siteName"}) {
            auto* text = named(window->contentItem(), name);
            REQUIRE(text);
            CHECK(text->isVisible());
            const auto area = painted(*text);
            INFO(name << " at " << area.x() << "+" << area.width());
            CHECK(area.left() >= 0);
            CHECK(area.right() <= size.width());
            CHECK(area.top() >= strip_area.top() - 1);
            CHECK(area.bottom() <= strip_area.bottom() + 1);
            CHECK(area.width() > 20);  // elided, not gone
            for (const auto& other : parts)
                CHECK_FALSE(area.intersects(other));
            parts.push_back(area);
        }
        auto* sound = named(window->contentItem(), "soundStatus");
        REQUIRE(sound);
        CHECK(sound->isVisible());
        const auto sound_area = painted(*sound);
        CHECK(sound_area.bottom() <= strip_area.top());  // its own line, above the strip
        CHECK(sound_area.right() <= size.width());
        CHECK(sound->property("lineCount").toInt() <= 2);
        if (folder)
            window->grabWindow().save(QString("%1/viewer-strip-%2x%3.png").arg(folder).arg(size.width()).arg(size.height()));
    }
}
