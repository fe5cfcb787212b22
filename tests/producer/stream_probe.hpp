#pragma once
// What arrived, read with GStreamer: the H.264 picture size, keyframe times and audio frames of an
// MPEG-TS capture, and its last decoded picture.

#include "gst/pipeline.hpp"
#include "producer/picture.hpp"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <vector>

namespace estrade::testing {

struct StreamReport {
    int width = 0;
    int height = 0;
    int video_frames = 0;
    int audio_frames = 0;
    double first_video_seconds = -1;       // presentation time of the first picture
    double framerate = 0;                  // pictures a second, from the caps
    std::vector<double> keyframe_seconds;  // presentation times of the keyframes
    std::vector<int> keyframe_pictures;    // ...and their places in the stream (0 = its first picture)

    double longest_keyframe_gap() const { return longest_gap(keyframe_seconds); }
    int longest_keyframe_gap_pictures() const { return longest_gap(keyframe_pictures); }

    template <class T>
    static T longest_gap(const std::vector<T>& at)
    {
        T gap = 0;
        for (std::size_t i = 1; i < at.size(); ++i)
            gap = std::max(gap, at[i] - at[i - 1]);
        return gap;
    }
};

inline void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline gst::Pipeline parse_or_throw(const std::string& description)
{
    auto parsed = gst::Pipeline::parse(description);
    if (auto* error = std::get_if<std::string>(&parsed))
        throw std::runtime_error(*error);
    return std::move(std::get<gst::Pipeline>(parsed));
}

// Pulls until end of stream, or until nothing came for 3 s (a branch the file has no stream for).
template <typename OnSample>
void pull_all(GstElement* appsink, OnSample on_sample)
{
    while (true) {
        gst::Sample sample(gst_app_sink_try_pull_sample(GST_APP_SINK(appsink), 3 * GST_SECOND), gst::Ownership::adopt);
        if (!sample)
            return;
        on_sample(sample.get());
    }
}

inline StreamReport analyse_ts(const std::filesystem::path& file)
{
    auto pipeline = parse_or_throw(
        "filesrc location=\"" + file.string() +
        "\" ! tsdemux name=d d. ! video/x-h264 ! queue max-size-buffers=0 max-size-time=0 max-size-bytes=0 ! h264parse ! "
        "video/x-h264,alignment=au ! appsink name=video sync=false async=false "
        "d. ! audio/mpeg ! queue max-size-buffers=0 max-size-time=0 max-size-bytes=0 ! aacparse ! appsink name=audio "
        "sync=false async=false");
    pipeline.play();
    StreamReport report;
    gst::Element video = pipeline.element("video");
    gst::Element audio = pipeline.element("audio");
    pull_all(video.get(), [&](GstSample* sample) {
        ++report.video_frames;
        if (const GstStructure* s = gst_caps_get_structure(gst_sample_get_caps(sample), 0)) {
            gst_structure_get_int(s, "width", &report.width);
            gst_structure_get_int(s, "height", &report.height);
            int num = 0, den = 1;
            if (gst_structure_get_fraction(s, "framerate", &num, &den) && den > 0)
                report.framerate = static_cast<double>(num) / den;
        }
        GstBuffer* buffer = gst_sample_get_buffer(sample);
        if (report.first_video_seconds < 0 && GST_BUFFER_PTS_IS_VALID(buffer))
            report.first_video_seconds = static_cast<double>(GST_BUFFER_PTS(buffer)) / GST_SECOND;
        if (!GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT) && GST_BUFFER_PTS_IS_VALID(buffer)) {
            report.keyframe_seconds.push_back(static_cast<double>(GST_BUFFER_PTS(buffer)) / GST_SECOND);
            report.keyframe_pictures.push_back(report.video_frames - 1);
        }
    });
    pull_all(audio.get(), [&](GstSample*) { ++report.audio_frames; });
    pipeline.stop();
    return report;
}

// The last picture of the H.264 stream in an MPEG-TS capture, decoded.
inline std::optional<producer::Picture> last_picture(const std::filesystem::path& file)
{
    auto pipeline = parse_or_throw("filesrc location=\"" + file.string() +
                                   "\" ! tsdemux ! video/x-h264 ! h264parse ! avdec_h264 ! videoconvert ! "
                                   "video/x-raw,format=I420 ! appsink name=frames sync=false async=false");
    pipeline.play();
    gst::Element frames = pipeline.element("frames");
    std::optional<producer::Picture> last;
    pull_all(frames.get(), [&](GstSample* sample) {
        GstVideoInfo info;
        GstVideoFrame frame;
        if (!gst_video_info_from_caps(&info, gst_sample_get_caps(sample)) ||
            !gst_video_frame_map(&frame, &info, gst_sample_get_buffer(sample), GST_MAP_READ))
            return;
        producer::Picture p;
        p.width = GST_VIDEO_INFO_WIDTH(&info);
        p.height = GST_VIDEO_INFO_HEIGHT(&info);
        const auto* luma = static_cast<const std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0));
        const int stride = GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0);
        p.i420.resize(static_cast<std::size_t>(p.width) * p.height);
        for (int y = 0; y < p.height; ++y)
            std::copy_n(luma + static_cast<std::ptrdiff_t>(y) * stride, p.width,
                        p.i420.begin() + static_cast<std::ptrdiff_t>(y) * p.width);
        gst_video_frame_unmap(&frame);
        last = std::move(p);
    });
    pipeline.stop();
    return last;
}

}  // namespace estrade::testing
