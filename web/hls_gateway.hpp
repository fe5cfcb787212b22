#pragma once
// The two streams for browsers: each played from the relay as the `web` site and cut into HLS segments
// without re-encoding (tsdemux → parsers → hlssink2, a segment starting at each keyframe), written to
// <folder>/<stream>/live.m3u8 and segmentNNNNN.ts.

#include "gst/stream_player.hpp"

#include "config/event.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace estrade::web {

// The pipeline's tail after `tsdemux name=demux` (pure, tested): the H.264 video, and the AAC sound when
// `with_sound`, into hlssink2. Files stay on disk a few playlists long, so a cache that fetched a playlist
// can still fetch its segments.
std::string hls_tail(const std::filesystem::path& folder, int segment_seconds, int playlist_segments, bool with_sound);

class HlsGateway {
public:
    HlsGateway(const config::Event& event, const std::filesystem::path& folder);

    // Per stream ("speaker", "slides"): whether it arrives from the relay, in words for the log and the API.
    gst::StreamStatus status(const std::string& stream) const;

private:
    std::unique_ptr<gst::StreamPlayer> m_speaker;
    std::unique_ptr<gst::StreamPlayer> m_slides;
};

}  // namespace estrade::web
