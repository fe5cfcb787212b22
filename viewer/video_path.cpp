#include "video_path.hpp"

namespace estrade::viewer {

VideoPath video_path_for(std::string_view gl_renderer)
{
    for (std::string_view cpu : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"})
        if (gl_renderer.find(cpu) != std::string_view::npos)
            return VideoPath::software;
    return VideoPath::gpu;
}

std::string_view describe(VideoPath path)
{
    switch (path) {
    case VideoPath::software: return "software (scale, convert to RGBA, then upload)";
    case VideoPath::software_full_size: return "software, full size (convert to RGBA, then upload)";
    case VideoPath::scaled_gl_convert: return "scaled on the CPU, converted by GL";
    case VideoPath::gpu: return "GPU (upload, GL converts)";
    }
    return "software";
}

std::string video_sink_for(VideoPath path, int width, int height)
{
    // A 3-frame leaky queue: when the screen cannot keep up, show the newest pictures, never fall behind
    // (three absorb a burst from the decoder).
    // The sink does not wait on the clock: SRT already delivers at the sender's pace (its latency
    // window absorbs the network's jitter), so a picture is shown as soon as it is decoded.
    const std::string queue = "queue max-size-buffers=3 max-size-bytes=0 max-size-time=0 leaky=downstream ! ";
    const std::string sink = "qml6glsink name=video-sink sync=false";
    // The videoconvert in front of glupload passes the decoder's pictures through untouched; without it
    // the decoder and glupload cannot agree on a format before the window's GL context exists.
    if (path == VideoPath::gpu)
        return queue + "videoconvert ! glupload ! glcolorconvert ! " + sink;
    if (path == VideoPath::software_full_size)
        return queue + "videoconvert ! video/x-raw,format=RGBA ! glupload ! " + sink;
    const auto size = ",width=" + std::to_string(width) + ",height=" + std::to_string(height);
    if (path == VideoPath::scaled_gl_convert)
        return queue + "videoscale ! capsfilter name=video-size caps=video/x-raw" + size +
               " ! videoconvert ! glupload ! glcolorconvert ! " + sink;
    // Scaling and converting in one pass over each picture (videoconvertscale) costs less than two.
    return queue + "videoconvertscale ! capsfilter name=video-size caps=video/x-raw,format=RGBA" + size +
           " ! glupload ! " + sink;
}

}  // namespace estrade::viewer
