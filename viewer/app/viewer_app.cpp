#include "viewer_app.hpp"

#include "config/event_file.hpp"

#include "room.hpp"

#include "gst/pipeline.hpp"
#include "i18n/catalogue.hpp"
#include "ui/app_lifetime.hpp"
#include "viewer/room_origin.hpp"

#include <QGuiApplication>
#include <QJsonObject>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QScreen>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <iostream>

namespace estrade::viewer {

namespace {

// What GL renders with on this PC ("llvmpipe (LLVM 15.0.6, 256 bits)" without a GPU).
std::string gl_renderer()
{
    QOpenGLContext context;
    QOffscreenSurface surface;
    surface.create();
    if (!context.create() || !context.makeCurrent(&surface))
        return {};
    const auto* text = reinterpret_cast<const char*>(context.functions()->glGetString(GL_RENDERER));
    std::string renderer = text ? text : "";
    context.doneCurrent();
    return renderer;
}

// Frames the window has drawn (each new picture of either stream makes it draw).
std::atomic<long> g_window_frames{0};

QJsonObject grab_state(const Room& room)
{
    return QJsonObject{{"layout", room.layout()},
                               {"speaker_frames", static_cast<qint64>(room.decodedFrames("speaker"))},
                               {"slides_frames", static_cast<qint64>(room.decodedFrames("slides"))},
                               {"speaker_shown", static_cast<qint64>(room.shownFrames("speaker"))},
                               {"slides_shown", static_cast<qint64>(room.shownFrames("slides"))},
                               {"speaker_lost", static_cast<qint64>(room.lostFrames("speaker"))},
                               {"slides_lost", static_cast<qint64>(room.lostFrames("slides"))},
                               {"window_frames", static_cast<qint64>(g_window_frames.load())},
                               {"speaker_status", room.speakerStatus()},
                               {"slides_status", room.slidesStatus()},
                               {"floor_holder", room.floorHolder()},
                               {"have_floor", room.haveFloor()},
                               {"microphone_level_db", room.microphoneLevel()}};
}

VideoPath chosen_video_path(const std::string& option, const std::string& renderer)
{
    if (auto named = video_path_named(option))
        return *named;
    // On a GPU the planes item converts and scales for free. On Mesa's CPU renderer any GL path pays for
    // an emulated GPU drawing the window; Qt Quick's software renderer, the pictures converted straight
    // into it, costs least there in every layout (docs/benchmarks.md: 1.0-1.4x decoding alone, against
    // 1.3-5.5x for qml6glsink and 1.4-7.2x for the planes item).
    if (option == "auto")
        return video_path_for(renderer) == VideoPath::software ? VideoPath::raster : VideoPath::planes;
    return video_path_for(renderer);  // glsink: qml6glsink's path for this renderer
}

// Loading the Qt 6 sink also registers its QML type, which the views import.
bool video_sink_available()
{
    gst::ensure_initialized();
    gst::Element probe(gst_element_factory_make("qml6glsink", nullptr), gst::Ownership::sink);
    return static_cast<bool>(probe);
}


int fail(int status, const std::string& message)
{
    std::cerr << "estrade-viewer: " << message << "\n";
    return status;
}

}  // namespace

int run_viewer(int argc, char** argv, const ViewerOptions& o)
{
    if ((o.speaker_screen < 0) != (o.slides_screen < 0))
        return fail(2, "two displays need both --speaker-screen and --slides-screen");
    auto window_options = ui::parse_window_options(o.size, o.grabs);
    if (auto* problem = std::get_if<std::string>(&window_options))
        return fail(2, *problem);
    const auto& [size, grabs] = std::get<ui::WindowOptions>(window_options);
    auto loaded = load_room_origin(o.join_file, o.event_file, o.site);
    if (auto* error = std::get_if<RoomOriginError>(&loaded))
        return fail(error->exit_status, error->message);
    auto& origin = std::get<RoomOrigin>(loaded);
    if (!video_sink_available())
        return fail(1, "GStreamer's Qt 6 video sink (qml6glsink) is missing: install the Debian package "
                       "gstreamer1.0-qt6 (./estrade deps does)");

    QQuickWindow::setGraphicsApi(QSGRendererInterface::OpenGL);
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("estrade-viewer");
    spdlog::info("language: {}", i18n::speak(o.language, origin.event.event.language));
    if (const auto platform = QGuiApplication::platformName(); platform == "offscreen" || platform == "minimal")
        spdlog::warn("Qt's \"{}\" platform shows no video (the video sink needs a GL window): on a machine without a "
                     "display, run the viewer with xvfb-run", platform.toStdString());

    RoomSettings settings;
    settings.event = origin.event;
    settings.site = origin.site;
    settings.auth = origin.auth;
    settings.journal = o.journal.empty() ? qa::default_journal_path(origin.event.event.id, origin.site)
                                         : std::filesystem::path(o.journal);
    settings.sound = !o.mute;
    if (!o.microphone.empty()) {
        auto microphone = config::parse_room_microphone(o.microphone);
        if (!microphone)
            return fail(2, "--microphone must be auto, pulse, pulse:DEVICE, alsa:DEVICE, test or file:PATH, got \"" +
                               o.microphone + "\"");
        settings.microphone = *microphone;
    } else if (origin.microphone) {
        settings.microphone = *origin.microphone;
    }
    const std::string to_wav = "audioconvert ! audioresample ! audio/x-raw,format=S16LE,rate=48000,channels=1 ! "
                               "wavenc ! filesink sync=false location=";
    if (!o.sound_out.empty())
        settings.audio_sink = "volume name=programme-volume ! " + to_wav + "\"" + o.sound_out + "\"";
    if (!o.lip_sync_log.empty()) {
        // Played as the room plays it (as it arrives), into a sink that notes each tone's first sample.
        settings.audio_sink = "audioconvert ! audioresample ! audio/x-raw,format=S16LE,channels=1,layout=interleaved "
                              "! fakesink name=lip-sync-sound sync=false";
        settings.lip_sync_log = o.lip_sync_log;
    }
    if (!o.return_sound_out.empty())
        settings.return_sink = to_wav + "\"" + o.return_sound_out + "\"";
    else if (o.mute)
        settings.return_sink = "fakesink sync=false";
    settings.speaker_latency_ms = o.speaker_latency_ms;
    if (o.layout > 0)
        settings.layout = layout_from_number(o.layout);
    const auto renderer = gl_renderer();
    settings.video_path = chosen_video_path(o.video_path, renderer);
    spdlog::info("GL renderer \"{}\": video path {}", renderer, describe(settings.video_path));
    if (uses_software_renderer(settings.video_path))
        // Before the first window: the whole scene drawn by the CPU with QPainter, not GL.
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    spdlog::info("room {} of \"{}\", relay {}, questions in {}", origin.site, origin.event.event.title,
                 origin.event.relay.url.to_string(), settings.journal.string());

    std::unique_ptr<Room> room_owner;
    try {
        room_owner = std::make_unique<Room>(std::move(settings));
    } catch (const std::exception& e) {
        return fail(1, e.what());
    }
    auto& room = *room_owner;
    QQmlApplicationEngine engine;
    const bool two_displays = o.speaker_screen >= 0;
    const auto screens = QGuiApplication::screens();
    if (two_displays && (o.speaker_screen >= screens.size() || o.slides_screen >= screens.size()))
        return fail(1, "this PC has " + std::to_string(screens.size()) + " screen(s), numbered from 0");
    if (two_displays)
        engine.setInitialProperties({{"room", QVariant::fromValue(&room)},
                                     {"speakerScreen", o.speaker_screen},
                                     {"slidesScreen", o.slides_screen}});
    else
        engine.setInitialProperties({{"room", QVariant::fromValue(&room)},
                                     {"startFullScreen", o.fullscreen},
                                     {"startWithQuestions", o.questions_open},
                                     {"width", size.width},
                                     {"height", size.height}});
    auto* window = ui::load_window(
        engine, QUrl(two_displays ? "qrc:/Estrade/Viewer/qml/TwoDisplays.qml" : "qrc:/Estrade/Viewer/qml/Main.qml"));
    if (!window)
        return fail(1, "the screen could not be built (see the messages above)");
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [] { ++g_window_frames; }, Qt::DirectConnection);
    ui::schedule_grabs(app, *window, grabs, [&room] { return grab_state(room); });
    // Ctrl-C and a service stop quit cleanly: players and the question channel stop in order.
    ui::quit_on_signals_or_after(app, o.quit_after);
    const auto& site = origin.site;
    std::cout << "viewer site=" << site << " relay=" << origin.event.relay.url.to_string() << std::endl;
    const auto started = std::chrono::steady_clock::now();
    const int status = QGuiApplication::exec();
    // One line for benches and bug reports: what was decoded, and what reached the screen.
    const std::chrono::duration<double> ran = std::chrono::steady_clock::now() - started;
    std::cout << "viewer stats site=" << site << " seconds=" << ran.count()
              << " speaker_received_s=" << room.receivedSeconds("speaker")
              << " speaker_decoded=" << room.decodedFrames("speaker") << " speaker_shown=" << room.shownFrames("speaker")
              << " speaker_lost=" << room.lostFrames("speaker") << " slides_received_s=" << room.receivedSeconds("slides")
              << " slides_decoded=" << room.decodedFrames("slides") << " slides_shown=" << room.shownFrames("slides")
              << " slides_lost=" << room.lostFrames("slides")
              << std::endl;
    if (!o.lip_sync_log.empty()) {
        const auto lip = room.lipSync();
        std::cout << "viewer lip-sync pairs=" << lip.pairs << " median_ms=" << lip.median_ms << " min_ms=" << lip.min_ms
                  << " max_ms=" << lip.max_ms << std::endl;
    }
    return status;
}

}  // namespace estrade::viewer
