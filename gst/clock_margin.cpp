#include "clock_margin.hpp"

#include <algorithm>

namespace estrade::gst {

std::optional<std::int64_t> ClockMargin::decoded(std::int64_t margin_ns, std::int64_t now_ns)
{
    if (!m_window_start) {
        m_window_start = now_ns;
        m_least = margin_ns;
        return std::nullopt;
    }
    m_least = std::min(m_least, margin_ns);
    if (now_ns - *m_window_start < std::chrono::nanoseconds(m_settings.window).count())
        return std::nullopt;
    const std::int64_t least = m_least;
    m_window_start.reset();
    const auto target = std::chrono::nanoseconds(m_settings.target).count();
    const auto ceiling = target + std::chrono::nanoseconds(m_settings.tolerance).count();
    if (least >= 0 && least <= ceiling)
        return std::nullopt;
    return target - least;
}

}  // namespace estrade::gst
