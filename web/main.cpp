// estrade-web: the event for browsers — both streams as HLS, the page, and its questions (docs/web.md).
#include "gateway.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>

namespace {
std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }
}  // namespace

int main(int argc, char** argv)
{
    estrade::web::GatewayOptions o;
    CLI::App app{"Estrade web gateway: the event's streams and questions for browsers, through invitation links."};
    app.add_option("--event", o.event_file, "the event file (with a [web] section)")->required()->check(CLI::ExistingFile);
    app.add_option("--listen", o.listen, "override [web] listen (host:port; port 0 lets the system pick)");
    app.add_option("--page", o.page_dir, "the folder of the page (index.html, app.js, style.css)");
    app.add_option("--vendor", o.vendor_dir, "the folder holding hls.min.js");
    app.add_flag("--no-streams", o.no_streams, "tests: serve the page and the API only");
    CLI11_PARSE(app, argc, argv);
    spdlog::set_default_logger(spdlog::stderr_color_mt("estrade-web"));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
    spdlog::cfg::load_env_levels();
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    return estrade::web::run_gateway(o, g_stop);
}
