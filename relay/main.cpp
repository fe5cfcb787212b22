// estrade-relay: receives the producer's streams and serves them to every site (docs/relay.md).
#include "relay/relay_server.hpp"
#include "relay/stats_http.hpp"

#include "config/endpoint.hpp"
#include "service/notifier.hpp"
#include "config/event_file.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <optional>
#include <tuple>

namespace {
std::atomic<bool> g_stop{false};
std::atomic<bool> g_reload{false};
void on_signal(int) { g_stop = true; }
void on_hangup(int) { g_reload = true; }
}  // namespace

int main(int argc, char** argv)
{
    using namespace estrade;
    CLI::App app{"Estrade relay: SRT fan-out of the event's streams to every site, one key per site."};
    std::string event_file, listen, stats_listen;
    app.add_option("--event", event_file, "the event file")->required()->check(CLI::ExistingFile);
    app.add_option("--listen", listen, "override relay.listen (host:port; port 0 lets the system pick)");
    app.add_option("--stats", stats_listen, "override relay.stats_listen (host:port; port 0 lets the system pick)");
    bool no_encryption = false;
    app.add_flag("--bench-no-encryption", no_encryption,
                 "benchmarks only: ignore every passphrase, so encryption costs can be compared");
    CLI11_PARSE(app, argc, argv);
    spdlog::set_default_logger(spdlog::stderr_color_mt("estrade-relay"));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");

    auto event = config::load_event_file_or_exit(event_file);
    auto options = relay::relay_options_from(event);
    options.encryption = !no_encryption;
    auto stats_address = event.relay.stats_listen;
    // An override is host:port; port 0 lets the system pick (tests, several relays on one host).
    for (auto [option, text, target] : {std::tuple{"--listen", &listen, &options.listen},
                                        std::tuple{"--stats", &stats_listen, &stats_address}}) {
        if (text->empty())
            continue;
        auto parsed = config::parse_host_port(*text, config::PortRule::any_port);
        if (!parsed) {
            std::cerr << "estrade-relay: " << option << " \"" << *text << "\" must be host:port, like 127.0.0.1:0\n";
            return 2;
        }
        *target = *parsed;
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGHUP, on_hangup);  // systemctl reload: read the event file again
    // The sites' keys from the file as it is now; a broken file is refused with its file:line errors.
    service::Notifier systemd;
    auto reread = [&]() -> std::optional<relay::RelayOptions> {
        systemd.reloading();
        auto result = config::reread_event_file(event_file);
        if (auto* errors = std::get_if<std::string>(&result)) {
            spdlog::error("relay: reload refused, the running configuration is kept:\n{}", *errors);
            systemd.ready("reload refused: the event file has errors (see the log); serving as before");
            return std::nullopt;
        }
        systemd.ready("serving " + std::get<config::Event>(result).event.id);
        auto reread_options = relay::relay_options_from(std::get<config::Event>(result));
        reread_options.encryption = options.encryption;
        reread_options.listen = options.listen;
        return reread_options;
    };
    try {
        relay::RelayServer relay(options);
        relay::StatsServer stats(stats_address, [&relay] { return relay.stats(); });
        // One parseable line for scripts and tests.
        std::cout << "relay port=" << relay.port() << " stats=" << stats.port() << std::endl;
        systemd.ready("serving " + event.event.id + " on SRT port " + std::to_string(relay.port()));
        relay.run(g_stop, {&g_reload, reread, [&systemd] { systemd.alive(); }});
        systemd.stopping();
    } catch (const std::exception& e) {
        std::cerr << "estrade-relay: " << e.what() << "\n";
        return 1;
    }
    spdlog::info("relay stopped");
    return 0;
}
