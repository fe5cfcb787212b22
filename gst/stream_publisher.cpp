#include "stream_publisher.hpp"

#include "gst/handles.hpp"

#include <gst/app/gstappsink.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace estrade::gst {

using namespace std::chrono_literals;

std::string to_string(PublisherStatus::State state)
{
    switch (state) {
    case PublisherStatus::State::connecting:
        return "connecting";
    case PublisherStatus::State::publishing:
        return "publishing";
    case PublisherStatus::State::retrying:
        return "retrying";
    }
    return "?";
}

StreamPublisher::StreamPublisher(std::string stream, srt::CallerSettings caller, GstElement* appsink,
                                 std::function<void()> request_keyframe)
    : m_stream(std::move(stream)), m_caller(std::move(caller)), m_appsink(appsink),
      m_request_keyframe(std::move(request_keyframe)), m_thread([this] { run(); })
{
}

StreamPublisher::~StreamPublisher()
{
    m_stopping = true;
    m_thread.join();
}

PublisherStatus StreamPublisher::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

void StreamPublisher::set_status(PublisherStatus::State state, std::string detail)
{
    std::lock_guard lock(m_mutex);
    // One line per change of state, not one per attempt: the log stays readable during an outage.
    if (state != m_status.state || detail != m_status.detail) {
        if (state == PublisherStatus::State::publishing)
            spdlog::info("{}: publishing to the relay at {}", m_stream, m_caller.address.to_string());
        else if (state == PublisherStatus::State::retrying)
            spdlog::warn("{}: {}; capture goes on, retrying", m_stream, detail);
    }
    if (state == PublisherStatus::State::publishing && m_status.state != state)
        ++m_status.connections;
    m_status.state = state;
    m_status.detail = std::move(detail);
}

void StreamPublisher::drain_for(std::chrono::milliseconds duration)
{
    const auto deadline = std::chrono::steady_clock::now() + duration;
    while (!m_stopping && std::chrono::steady_clock::now() < deadline)
        gst::Sample(gst_app_sink_try_pull_sample(GST_APP_SINK(m_appsink), 50 * GST_MSECOND), gst::Ownership::adopt);
}

void StreamPublisher::run()
{
    auto backoff = 250ms;
    std::optional<srt::Caller> caller;
    while (!m_stopping) {
        if (!caller) {
            auto connected = srt::Caller::connect(m_caller);
            if (auto* failure = std::get_if<srt::ConnectFailure>(&connected)) {
                set_status(PublisherStatus::State::retrying,
                           "cannot publish to the relay at " + m_caller.address.to_string() + ": " + failure->explanation());
                drain_for(backoff);
                backoff = std::min(backoff * 2, std::chrono::milliseconds(4000));
                continue;
            }
            caller.emplace(std::move(std::get<srt::Caller>(connected)));
            backoff = 250ms;
            // What queued up while connecting is stale: sent now, it would reach the sites as a burst and
            // put them that far behind live for good.
            while (gst::Sample(gst_app_sink_try_pull_sample(GST_APP_SINK(m_appsink), 0), gst::Ownership::adopt)) {
            }
            set_status(PublisherStatus::State::publishing, "");
            // Sites joining now, and the relay's fast start, need a keyframe: do not wait up to 2 s for one.
            m_request_keyframe();
        }
        gst::Sample sample(gst_app_sink_try_pull_sample(GST_APP_SINK(m_appsink), 100 * GST_MSECOND), gst::Ownership::adopt);
        if (!sample) {
            if (!caller->connected()) {
                caller.reset();
                set_status(PublisherStatus::State::retrying, "the relay at " + m_caller.address.to_string() +
                                                                 " closed the connection");
            }
            continue;
        }
        GstBuffer* buffer = gst_sample_get_buffer(sample.get());
        GstMapInfo map;
        if (!buffer || !gst_buffer_map(buffer, &map, GST_MAP_READ))
            continue;
        bool sent = true;
        constexpr std::size_t message = 1316;  // seven TS packets, SRT's live payload size
        for (std::size_t offset = 0; offset < map.size && sent; offset += message)
            sent = caller->send({map.data + offset, std::min(message, map.size - offset)});
        gst_buffer_unmap(buffer, &map);
        if (!sent) {
            caller.reset();
            set_status(PublisherStatus::State::retrying, "lost the connection to the relay at " + m_caller.address.to_string());
            continue;
        }
        std::lock_guard lock(m_mutex);
        m_status.bytes_sent += static_cast<std::int64_t>(map.size);
    }
}

}  // namespace estrade::gst
