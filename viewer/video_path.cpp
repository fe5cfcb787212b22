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
    return path == VideoPath::software ? "software (scale, convert to RGBA, then upload)" : "GPU (upload, GL converts)";
}

std::string video_sink_for(VideoPath path, int width, int height)
{
    // A 1-frame leaky queue: when the screen cannot keep up, show the newest picture, never fall behind.
    const std::string queue = "queue max-size-buffers=1 max-size-bytes=0 max-size-time=0 leaky=downstream ! ";
    if (path == VideoPath::gpu)
        return queue + "glupload ! glcolorconvert ! qml6glsink name=video-sink";
    return queue + "videoscale ! capsfilter name=video-size caps=video/x-raw,width=" + std::to_string(width) +
           ",height=" + std::to_string(height) +
           " ! videoconvert ! video/x-raw,format=RGBA ! glupload ! qml6glsink name=video-sink";
}

}  // namespace estrade::viewer
