#include "slides_pusher.hpp"

#include <gst/app/gstappsrc.h>

#include <utility>

namespace estrade::producer {

SlidesPusher::SlidesPusher(gst::Element appsrc, int framerate, const Picture* first, std::function<void()> changed)
    : m_appsrc(std::move(appsrc)), m_on_changed(std::move(changed)), m_period(1000000 / std::max(1, framerate)),
      m_picture(first)
{
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

void SlidesPusher::show(const Picture* picture)
{
    {
        std::lock_guard lock(m_mutex);
        m_picture = picture;
        m_changed = true;
    }
    m_wake.notify_all();
}

void SlidesPusher::run(std::stop_token stop)
{
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        m_wake.wait_for(lock, stop, m_period, [this] { return m_changed; });
        if (stop.stop_requested())
            return;
        const bool changed = std::exchange(m_changed, false);
        const Picture* picture = m_picture;
        // Wrapped, not copied: the CardSet keeps every picture alive for as long as the pipeline runs.
        GstBuffer* buffer = gst_buffer_new_wrapped_full(GST_MEMORY_FLAG_READONLY,
                                                        const_cast<std::uint8_t*>(picture->i420.data()),
                                                        picture->i420.size(), 0, picture->i420.size(), nullptr, nullptr);
        gst_app_src_push_buffer(GST_APP_SRC(m_appsrc.get()), buffer);
        if (changed && m_on_changed)
            m_on_changed();
    }
}

}  // namespace estrade::producer
