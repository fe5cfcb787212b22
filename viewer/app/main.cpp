// estrade-viewer: what a remote room runs on the PC connected to its projector or TV (docs/viewer.md).
#include "room.hpp"
#include "window_grab.hpp"

#include "config/event_file.hpp"
#include "config/invitation.hpp"
#include "qa/invitations.hpp"
#include "gst/pipeline.hpp"

#include <CLI/CLI.hpp>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QScreen>
#include <QTimer>
#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>

#include <QFile>

#include <atomic>
#include <csignal>
#include <iostream>

namespace {

using namespace estrade;

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

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

void grab_window(QQuickWindow& window, const viewer::Room& room, const QString& path)
{
    ui::write_grab(window, path,
                   QJsonObject{{"layout", room.layout()},
                               {"speaker_frames", static_cast<qint64>(room.decodedFrames("speaker"))},
                               {"slides_frames", static_cast<qint64>(room.decodedFrames("slides"))},
                               {"speaker_shown", static_cast<qint64>(room.shownFrames("speaker"))},
                               {"slides_shown", static_cast<qint64>(room.shownFrames("slides"))},
                               {"window_frames", static_cast<qint64>(g_window_frames.load())},
                               {"speaker_status", room.speakerStatus()},
                               {"slides_status", room.slidesStatus()}});
}

}  // namespace

int main(int argc, char** argv)
{
    spdlog::cfg::load_env_levels();
    CLI::App cli{"estrade-viewer: the speaker and the slides of a live event, full screen, with the question panel"};
    cli.allow_extras();  // Qt's own options (-platform ...)
    std::string event_file;
    std::string site;
    std::string journal;
    int layout = 0;
    bool fullscreen = false;
    std::string size = "1280x720";
    int speaker_screen = -1;
    int slides_screen = -1;
    bool mute = false;
    std::string video_path = "auto";
    std::vector<std::string> grabs;
    double quit_after = 0;
    std::string join_file;
    cli.add_option("joinfile", join_file, "the join file the host sent this room (<site>.estrade)")
        ->check(CLI::ExistingFile);
    auto* event_option =
        cli.add_option("--event", event_file, "or: the whole event file (with --site)")->check(CLI::ExistingFile);
    auto* site_option = cli.add_option("--site", site, "this room's site id in the event file");
    event_option->needs(site_option);
    site_option->needs(event_option);
    event_option->excludes("joinfile");
    cli.add_option("--journal", journal, "where this room keeps its questions until they are sent (SQLite)");
    cli.add_option("--layout", layout, "start in a layout of the room's own: 1 speaker, 2 slides, 3 side by side, "
                                       "4 slides with the speaker inset (default: follow the host)")
        ->check(CLI::Range(1, 4));
    cli.add_flag("--fullscreen", fullscreen, "start full screen (F toggles)");
    cli.add_option("--size", size, "window size when not full screen, WIDTHxHEIGHT");
    cli.add_option("--speaker-screen", speaker_screen, "two displays: the speaker full screen on this screen (0, 1...)");
    cli.add_option("--slides-screen", slides_screen, "two displays: the slides full screen on this screen");
    cli.add_flag("--mute", mute, "do not play the speaker's sound");
    bool questions_open = false;
    cli.add_flag("--questions", questions_open, "start with the question panel open (a PC used to ask questions)");
    cli.add_option("--video-path", video_path,
                   "how pictures reach the screen: auto (by the GL renderer), software, gpu (software-full-size, "
                   "scaled-gl-convert: for benchmarks)")
        ->check(CLI::IsMember({"auto", "software", "gpu", "software-full-size", "scaled-gl-convert"}));
    cli.add_option("--grab", grabs, "write the window to PATH.png (and what it says to PATH.png.json) after SECONDS; "
                                    "PATH@SECONDS, repeatable");
    cli.add_option("--quit-after", quit_after, "quit after SECONDS (tests, benches)");
    CLI11_PARSE(cli, argc, argv);
    if ((speaker_screen < 0) != (slides_screen < 0)) {
        std::cerr << "estrade-viewer: two displays need both --speaker-screen and --slides-screen\n";
        return 2;
    }
    int width = 1280;
    int height = 720;
    if (std::sscanf(size.c_str(), "%dx%d", &width, &height) != 2 || width < 160 || height < 90) {
        std::cerr << "estrade-viewer: --size " << size << " is not WIDTHxHEIGHT (at least 160x90)\n";
        return 2;
    }
    const auto grab_list = ui::parse_grabs(grabs, "estrade-viewer");
    if (!grab_list)
        return 2;

    if (join_file.empty() && event_file.empty()) {
        std::cerr << "estrade-viewer: open the join file the host sent (estrade-viewer loudeac.estrade), or give "
                     "--event FILE --site ID\n";
        return 2;
    }
    config::Event event;
    std::optional<qa::ClientAuth> join_auth;
    if (!join_file.empty()) {
        auto loaded = config::load_invitation(join_file);
        if (auto* errors = std::get_if<config::EventFileErrors>(&loaded)) {
            for (const auto& e : *errors)
                std::cerr << e.to_string() << "\n";
            std::cerr << "The join file has " << errors->size() << " problem(s): ask the host for a new one.\n";
            return 2;
        }
        const auto& invitation = std::get<config::Invitation>(loaded);
        event = invitation.as_event(join_file);
        site = invitation.site.id;
        join_auth = qa::client_auth_from(invitation);
    } else {
        event = config::load_event_file_or_exit(event_file);
    }
    if (!event.find_site(site)) {
        std::string known;
        for (const auto& s : event.sites)
            known += (known.empty() ? "" : ", ") + s.id;
        std::cerr << "estrade-viewer: there is no site \"" << site << "\" in " << event_file
                  << "; its sites are: " << known << "\n";
        return 1;
    }

    gst::ensure_initialized();
    {
        // Loading the Qt 6 sink also registers its QML type, which the views import.
        gst::Element probe(gst_element_factory_make("qml6glsink", nullptr), gst::Ownership::sink);
        if (!probe) {
            std::cerr << "estrade-viewer: GStreamer's Qt 6 video sink (qml6glsink) is missing: install the Debian "
                         "package gstreamer1.0-qt6 (./estrade deps does)\n";
            return 1;
        }
    }
    QQuickWindow::setGraphicsApi(QSGRendererInterface::OpenGL);
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("estrade-viewer");
    if (const auto platform = QGuiApplication::platformName(); platform == "offscreen" || platform == "minimal")
        spdlog::warn("Qt's \"{}\" platform shows no video (the video sink needs a GL window): on a machine without a "
                     "display, run the viewer with xvfb-run", platform.toStdString());

    viewer::RoomSettings settings;
    settings.event = event;
    settings.site = site;
    settings.auth = join_auth;
    settings.journal = journal.empty() ? qa::default_journal_path(event.event.id, site) : std::filesystem::path(journal);
    settings.sound = !mute;
    if (layout > 0)
        settings.layout = viewer::layout_from_number(layout);
    const auto renderer = gl_renderer();
    settings.video_path = video_path == "software"             ? viewer::VideoPath::software
                          : video_path == "software-full-size" ? viewer::VideoPath::software_full_size
                          : video_path == "scaled-gl-convert"  ? viewer::VideoPath::scaled_gl_convert
                          : video_path == "gpu"                ? viewer::VideoPath::gpu
                                                               : viewer::video_path_for(renderer);
    spdlog::info("GL renderer \"{}\": video path {}", renderer, viewer::describe(settings.video_path));
    spdlog::info("room {} of \"{}\", relay {}, questions in {}", site, event.event.title, event.relay.url.to_string(),
                 settings.journal.string());

    std::unique_ptr<viewer::Room> room_owner;
    try {
        room_owner = std::make_unique<viewer::Room>(std::move(settings));
    } catch (const std::exception& e) {
        std::cerr << "estrade-viewer: " << e.what() << "\n";
        return 1;
    }
    auto& room = *room_owner;
    QQmlApplicationEngine engine;
    const bool two_displays = speaker_screen >= 0;
    const auto screens = QGuiApplication::screens();
    if (two_displays && (speaker_screen >= screens.size() || slides_screen >= screens.size())) {
        std::cerr << "estrade-viewer: this PC has " << screens.size() << " screen(s), numbered from 0\n";
        return 1;
    }
    engine.setInitialProperties({{"room", QVariant::fromValue(&room)},
                                 {"startFullScreen", fullscreen},
                                 {"startWithQuestions", questions_open},
                                 {"width", width},
                                 {"height", height}});
    if (two_displays)
        engine.setInitialProperties({{"room", QVariant::fromValue(&room)},
                                     {"speakerScreen", speaker_screen},
                                     {"slidesScreen", slides_screen}});
    engine.load(QUrl(two_displays ? "qrc:/Estrade/Viewer/qml/TwoDisplays.qml" : "qrc:/Estrade/Viewer/qml/Main.qml"));
    if (engine.rootObjects().isEmpty()) {
        std::cerr << "estrade-viewer: the screen could not be built (see the messages above)\n";
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [] { ++g_window_frames; }, Qt::DirectConnection);
    for (const auto& grab : *grab_list)
        QTimer::singleShot(static_cast<int>(grab.seconds * 1000), &app,
                           [window, &room, path = grab.path] { grab_window(*window, room, path); });
    if (quit_after > 0)
        QTimer::singleShot(static_cast<int>(quit_after * 1000), &app, &QGuiApplication::quit);
    // Ctrl-C and a service stop quit cleanly (players and the question channel stop in order): the
    // handler only sets a flag, the event loop looks at it.
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    QTimer stop_check;
    QObject::connect(&stop_check, &QTimer::timeout, &app, [] {
        if (g_stop)
            QGuiApplication::quit();
    });
    stop_check.start(100);
    std::cout << "viewer site=" << site << " relay=" << event.relay.url.to_string() << std::endl;
    const auto started = std::chrono::steady_clock::now();
    const int status = QGuiApplication::exec();
    // One line for benches and bug reports: what was decoded, and what reached the screen.
    const std::chrono::duration<double> ran = std::chrono::steady_clock::now() - started;
    std::cout << "viewer stats site=" << site << " seconds=" << ran.count()
              << " speaker_received_s=" << room.receivedSeconds("speaker")
              << " speaker_decoded=" << room.decodedFrames("speaker") << " speaker_shown=" << room.shownFrames("speaker")
              << " slides_received_s=" << room.receivedSeconds("slides")
              << " slides_decoded=" << room.decodedFrames("slides") << " slides_shown=" << room.shownFrames("slides")
              << std::endl;
    return status;
}
