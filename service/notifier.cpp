#include "notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace estrade::service {

Notifier::Notifier()
{
    std::uint64_t usec = 0;
    // 0 = do not unset the environment: the program's children are not services of their own.
    if (sd_watchdog_enabled(0, &usec) > 0)
        m_watchdog_period = std::chrono::microseconds(usec);
}

void Notifier::ready(const std::string& status)
{
    sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
}

void Notifier::reloading()
{
    sd_notify(0, "RELOADING=1\nSTATUS=reading the event file again");
}

void Notifier::stopping()
{
    sd_notify(0, "STOPPING=1\nSTATUS=stopping");
}

void Notifier::alive()
{
    if (!watchdog_enabled())
        return;
    const auto now = std::chrono::steady_clock::now();
    if (now < m_next_ping)
        return;
    sd_notify(0, "WATCHDOG=1");
    m_next_ping = now + m_watchdog_period / 2;
}

}  // namespace estrade::service
