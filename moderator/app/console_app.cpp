#include "console_app.hpp"

#include "autopilot.hpp"
#include "desk.hpp"

#include "config/event_file.hpp"
#include "i18n/catalogue.hpp"
#include "qa/invitations.hpp"
#include "ui/app_lifetime.hpp"

#include <QGuiApplication>
#include <spdlog/spdlog.h>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

#include <iostream>

namespace estrade::moderator {

namespace {

int fail(int status, const std::string& message)
{
    std::cerr << "estrade-moderator: " << message << "\n";
    return status;
}

int write_join_files(const config::Event& event, const std::string& folder)
{
    try {
        for (const auto& file : qa::write_invitations(event, folder))
            std::cout << file.string() << "\n";
        return 0;
    } catch (const std::exception& e) {
        return fail(1, e.what());
    }
}

}  // namespace

int run_console(int argc, char** argv, const ConsoleOptions& o)
{
    auto event = config::load_event_file_or_exit(o.event_file);
    if (o.invite_only)
        return write_join_files(event, o.invitation_dir);
    qa::ClientAuth auth;
    try {
        auth = qa::client_auth_from(event, qa::moderator_key_owner);
    } catch (const std::exception& e) {
        return fail(1, e.what());
    }
    auto window_options = ui::parse_window_options(o.size, o.grabs);
    if (auto* problem = std::get_if<std::string>(&window_options))
        return fail(2, *problem);
    const auto& [size, grabs] = std::get<ui::WindowOptions>(window_options);

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("estrade-moderator");
    spdlog::info("language: {}", i18n::speak(o.language, event.event.language));
    Desk desk(event, auth);
    QQmlApplicationEngine engine;
    const auto beside_event = [&](const char* folder) {
        return QString::fromStdString((event.file.parent_path() / folder).string());
    };
    engine.setInitialProperties({{"desk", QVariant::fromValue(&desk)},
                                 {"width", size.width},
                                 {"height", size.height},
                                 {"invitationFolder", beside_event("invitations")},
                                 {"reportFolder", beside_event("report")}});
    auto* window = ui::load_window(engine, QUrl("qrc:/Estrade/Moderator/qml/Main.qml"));
    if (!window)
        return fail(1, "the console could not be built (see the messages above)");
    ui::schedule_grabs(app, *window, grabs, [&desk] {
        return QJsonObject{{"broker_connected", desk.brokerConnected()},
                           {"current_step", desk.currentStep()},
                           {"queue", desk.queue()->rowCount()}};
    });
    std::unique_ptr<Autopilot> autopilot;
    if (o.autopilot > 0)
        autopilot = std::make_unique<Autopilot>(desk, o.autopilot);
    ui::quit_on_signals_or_after(app, o.quit_after);
    std::cout << "moderator event=" << event.event.id << std::endl;
    return QGuiApplication::exec();
}

}  // namespace estrade::moderator
