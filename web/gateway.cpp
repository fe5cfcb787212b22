#include "gateway.hpp"

#include "hls_gateway.hpp"
#include "question_gateway.hpp"
#include "web_server.hpp"

#include "config/endpoint.hpp"
#include "config/event_file.hpp"
#include "gst/pipeline.hpp"
#include "srt/handles.hpp"

#include <spdlog/spdlog.h>

#include <iostream>
#include <thread>

namespace estrade::web {

namespace {

int fail(int status, const std::string& message)
{
    std::cerr << "estrade-web: " << message << "\n";
    return status;
}

// The page and hls.js: beside the installed program first, then the source tree the program was built from.
std::filesystem::path first_existing(const std::vector<std::filesystem::path>& candidates)
{
    for (const auto& candidate : candidates)
        if (std::filesystem::exists(candidate))
            return candidate;
    return candidates.back();
}

}  // namespace

int run_gateway(const GatewayOptions& o, const std::atomic<bool>& stop)
{
    auto event = config::load_event_file_or_exit(o.event_file);
    if (!event.web)
        return fail(2, o.event_file + " has no [web] section (docs/web.md says what to put in it)");
    ServerSettings settings;
    settings.listen = event.web->listen;
    if (!o.listen.empty()) {
        auto parsed = config::parse_host_port(o.listen, config::PortRule::any_port);
        if (!parsed)
            return fail(2, "--listen \"" + o.listen + "\" must be host:port, like 127.0.0.1:0");
        settings.listen = *parsed;
    }
    settings.page = o.page_dir.empty() ? first_existing({"/usr/share/estrade/web", ESTRADE_WEB_PAGE_DIR})
                                       : std::filesystem::path(o.page_dir);
    settings.vendor = o.vendor_dir.empty()
                          ? first_existing({"/usr/share/estrade/web/vendor", ESTRADE_WEB_VENDOR_DIR})
                          : std::filesystem::path(o.vendor_dir);
    if (!std::filesystem::exists(settings.page / "index.html"))
        return fail(1, "the page is missing (" + (settings.page / "index.html").string() + ")");
    if (!std::filesystem::exists(settings.vendor / "hls.min.js"))
        return fail(1, "hls.js is missing (" + (settings.vendor / "hls.min.js").string() +
                           "): run ./estrade deps, which installs it from npm");
    // A new path for the segments at each start: a cache never mixes this run's segments with an earlier one's.
    settings.live_key = config::make_web_token().substr(0, 16);
    const auto live_root = event.web->state / "live";
    std::error_code ec;
    std::filesystem::remove_all(live_root, ec);
    settings.live = live_root / settings.live_key;
    std::filesystem::create_directories(settings.live);

    try {
        srt::Library srt;
        gst::ensure_initialized();
        QuestionGateway questions(event, event.web->state / "journals");
        std::unique_ptr<HlsGateway> hls;
        if (!o.no_streams)
            hls = std::make_unique<HlsGateway>(event, settings.live);
        WebServer server(event, settings, questions, hls.get());
        std::thread serving([&] { server.run(); });
        // One parseable line for scripts and tests.
        std::cout << "web port=" << server.port() << " url=http://" << settings.listen.host << ":" << server.port()
                  << std::endl;
        while (!stop)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        server.stop();
        serving.join();
    } catch (const std::exception& e) {
        return fail(1, e.what());
    }
    spdlog::info("web gateway stopped");
    return 0;
}

}  // namespace estrade::web
