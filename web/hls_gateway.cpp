#include "hls_gateway.hpp"

#include "srt/caller.hpp"

namespace estrade::web {

std::string hls_tail(const std::filesystem::path& folder, int segment_seconds, int playlist_segments, bool with_sound)
{
    const auto quoted = [](const std::filesystem::path& path) { return "\"" + path.string() + "\""; };
    // send-keyframe-requests=false: the producer already sends a keyframe every 2 s, and the gateway
    // cannot reach its encoder anyway; each segment still starts at a keyframe.
    std::string tail = "hlssink2 name=hls send-keyframe-requests=false target-duration=" +
                       std::to_string(segment_seconds) + " playlist-length=" + std::to_string(playlist_segments) +
                       " max-files=" + std::to_string(playlist_segments * 4) +
                       " location=" + quoted(folder / "segment%05d.ts") +
                       " playlist-location=" + quoted(folder / "live.m3u8") +
                       " queue name=video-in max-size-time=3000000000 ! h264parse ! hls.video";
    // The queues are linked to the demuxer's streams by the stream player, each time one appears.
    if (with_sound)
        tail += " queue name=audio-in max-size-time=3000000000 ! aacparse ! hls.audio";
    return tail;
}

namespace {

gst::PlayerSettings remuxer(const config::Event& event, const std::filesystem::path& folder, const std::string& stream,
                            bool with_sound)
{
    std::filesystem::create_directories(folder / stream);
    const auto& web = *event.web;
    gst::PlayerSettings s;
    s.caller = srt::caller_settings(event, stream, srt::StreamMode::play, config::web_site_id);
    s.remux_tail = hls_tail(folder / stream, web.segment_seconds, web.playlist_segments, with_sound);
    return s;
}

}  // namespace

HlsGateway::HlsGateway(const config::Event& event, const std::filesystem::path& folder)
    : m_speaker(std::make_unique<gst::StreamPlayer>(remuxer(event, folder, "speaker", true))),
      m_slides(std::make_unique<gst::StreamPlayer>(remuxer(event, folder, "slides", false)))
{
}

gst::StreamStatus HlsGateway::status(const std::string& stream) const
{
    return (stream == "speaker" ? m_speaker : m_slides)->status();
}

}  // namespace estrade::web
