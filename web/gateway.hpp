#pragma once
// estrade-web's whole run once its command line is read: the HLS folders, the question channel, the
// HTTP server, until a signal.

#include <atomic>
#include <string>

namespace estrade::web {

struct GatewayOptions {
    std::string event_file;
    std::string listen;      // overrides [web] listen (host:port; port 0 lets the system pick)
    std::string page_dir;    // default: the page installed with the program (or the source tree's web/page)
    std::string vendor_dir;  // default: hls.js as ./estrade deps installed it
    bool no_streams = false; // tests of the API alone
};

// The exit status: 0 after a signal, 1 when it cannot start (the reason on stderr), 2 for bad options.
int run_gateway(const GatewayOptions& options, const std::atomic<bool>& stop);

}  // namespace estrade::web
