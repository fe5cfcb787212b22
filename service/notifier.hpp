#pragma once
// Telling systemd how a server is doing (sd_notify(3)): ready once its sockets are bound, reloading,
// stopping, and alive — the watchdog ping, sent from the server's event loop so that a loop stuck for
// longer than WatchdogSec gets the service restarted. Outside systemd (no $NOTIFY_SOCKET) it does nothing.
// The relay and the broker use it; it needs only libsystemd, never Qt or GStreamer.

#include <chrono>
#include <string>

namespace estrade::service {

class Notifier {
public:
    Notifier();

    void ready(const std::string& status);
    void reloading();
    void stopping();
    // Call from the event loop as often as it turns: pings the watchdog at half its period.
    void alive();

    bool watchdog_enabled() const { return m_watchdog_period.count() > 0; }

private:
    std::chrono::microseconds m_watchdog_period{0};
    std::chrono::steady_clock::time_point m_next_ping{};
};

}  // namespace estrade::service
