// estrade-moderator: the host's control room (docs/moderator.md).
#include "desk.hpp"

#include "viewer/app/window_grab.hpp"

#include "config/event_file.hpp"
#include "qa/invitations.hpp"

#include <CLI/CLI.hpp>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QTimer>
#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <iostream>

namespace {

using namespace estrade;

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

}  // namespace

int main(int argc, char** argv)
{
    spdlog::cfg::load_env_levels();
    CLI::App cli{"estrade-moderator: the question queue, the programme and the site board of a live event"};
    cli.allow_extras();  // Qt's own options
    std::string event_file;
    std::string size = "1400x860";
    std::vector<std::string> grabs;
    double quit_after = 0;
    std::string out_dir = "invitations";
    cli.add_option("--event", event_file, "the event file")->required()->check(CLI::ExistingFile);
    cli.add_option("--size", size, "window size, WIDTHxHEIGHT");
    cli.add_option("--grab", grabs, "write the window to PATH (PNG, and PATH.json) after SECONDS; PATH@SECONDS");
    cli.add_option("--quit-after", quit_after, "quit after SECONDS");
    double autopilot = 0;
    cli.add_option("--autopilot", autopilot,
                   "demo: step through the programme every SECONDS, putting the first question in fair order on "
                   "screen halfway through each question time");
    auto* invite = cli.add_subcommand("invite", "write each remote room's join file, then quit (no window)");
    invite->add_option("--out", out_dir, "folder to write into")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);

    auto event = config::load_event_file_or_exit(event_file);
    if (invite->parsed()) {
        try {
            for (const auto& file : qa::write_invitations(event, out_dir))
                std::cout << file.string() << "\n";
            return 0;
        } catch (const std::exception& e) {
            std::cerr << "estrade-moderator: " << e.what() << "\n";
            return 1;
        }
    }
    qa::ClientAuth auth;
    try {
        auth = qa::client_auth_from(event, qa::moderator_key_owner);
    } catch (const std::exception& e) {
        std::cerr << "estrade-moderator: " << e.what() << "\n";
        return 1;
    }
    int width = 1400;
    int height = 860;
    if (std::sscanf(size.c_str(), "%dx%d", &width, &height) != 2) {
        std::cerr << "estrade-moderator: --size " << size << " is not WIDTHxHEIGHT\n";
        return 2;
    }
    const auto grab_list = ui::parse_grabs(grabs, "estrade-moderator");
    if (!grab_list)
        return 2;

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("estrade-moderator");
    moderator::Desk desk(event, auth);
    QQmlApplicationEngine engine;
    engine.setInitialProperties({{"desk", QVariant::fromValue(&desk)}, {"width", width}, {"height", height},
                                 {"invitationFolder", QString::fromStdString(
                                                          (event.file.parent_path() / "invitations").string())},
                                 {"reportFolder", QString::fromStdString((event.file.parent_path() / "report").string())}});
    engine.load(QUrl("qrc:/Estrade/Moderator/qml/Main.qml"));
    if (engine.rootObjects().isEmpty()) {
        std::cerr << "estrade-moderator: the console could not be built (see the messages above)\n";
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    for (const auto& grab : *grab_list)
        QTimer::singleShot(static_cast<int>(grab.seconds * 1000), &app, [window, &desk, path = grab.path] {
            ui::write_grab(*window, path,
                           QJsonObject{{"broker_connected", desk.brokerConnected()},
                                       {"current_step", desk.currentStep()},
                                       {"queue", desk.queue()->rowCount()}});
        });
    // The demo's moderator: half a step in, pick during question time; at the end of the step, next.
    QTimer pilot;
    bool halfway = false;
    QObject::connect(&pilot, &QTimer::timeout, &desk, [&desk, &halfway] {
        halfway = !halfway;
        if (halfway) {
            if (!desk.currentStep().startsWith("Questions"))
                return;
            for (const auto& row : desk.queue()->rows())
                if (row.state == "waiting") {  // the first in fair order
                    std::cout << "autopilot: on screen #" << row.id << " from " << row.site_name << std::endl;
                    desk.pick(row.id);
                    break;
                }
            return;
        }
        if (desk.hasNext()) {
            std::cout << "autopilot: next → " << desk.nextStep().toStdString() << std::endl;
            desk.next();
        }
    });
    if (autopilot > 0)
        pilot.start(static_cast<int>(autopilot * 500));
    if (quit_after > 0)
        QTimer::singleShot(static_cast<int>(quit_after * 1000), &app, &QGuiApplication::quit);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    QTimer stop_check;
    QObject::connect(&stop_check, &QTimer::timeout, &app, [] {
        if (g_stop)
            QGuiApplication::quit();
    });
    stop_check.start(100);
    std::cout << "moderator event=" << event.event.id << std::endl;
    return QGuiApplication::exec();
}
