#include "video_path.hpp"

#include <utility>

namespace estrade::viewer {

namespace {

constexpr std::pair<std::string_view, VideoPath> named_paths[] = {
    {"planes", VideoPath::planes},
    {"raster", VideoPath::raster},
    {"raster-image", VideoPath::raster_image},
    {"raster-full-size", VideoPath::raster_full_size},
    {"software", VideoPath::software},
    {"software-full-size", VideoPath::software_full_size},
    {"scaled-gl-convert", VideoPath::scaled_gl_convert},
    {"gpu", VideoPath::gpu},
};

}  // namespace

std::optional<VideoPath> video_path_named(std::string_view name)
{
    for (const auto& [path_name, path] : named_paths)
        if (path_name == name)
            return path;
    return std::nullopt;
}

std::vector<std::string> video_path_names()
{
    std::vector<std::string> names;
    for (const auto& named : named_paths)
        names.emplace_back(named.first);
    return names;
}

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
    case VideoPath::planes: return "planes (the decoder's Y, U, V uploaded as they are, converted by the scene graph)";
    case VideoPath::raster: return "raster (scaled by GStreamer, converted straight into the window by Qt Quick's software renderer, no GL)";
    case VideoPath::raster_image: return "raster, image (scaled and converted to BGRx by GStreamer, copied onto the window by Qt Quick's software renderer)";
    case VideoPath::raster_full_size: return "raster, full size (converted by GStreamer, scaled by Qt Quick's software renderer)";
    case VideoPath::software: return "software (scale, convert to RGBA, then upload)";
    case VideoPath::software_full_size: return "software, full size (convert to RGBA, then upload)";
    case VideoPath::scaled_gl_convert: return "scaled on the CPU, converted by GL";
    case VideoPath::gpu: return "GPU (upload, GL converts)";
    }
    return "software";
}

std::string video_sink_for(VideoPath path, int width, int height, bool on_clock)
{
    // A leaky queue: when the screen cannot keep up, show the newest pictures, never fall behind. As they
    // arrive, three pictures absorb a burst from the decoder; on the clock, pictures wait in it for
    // their time, so it holds a second of them.
    const std::string queue = on_clock ? "queue max-size-buffers=0 max-size-bytes=0 max-size-time=1000000000 "
                                         "leaky=downstream ! "
                                       : "queue max-size-buffers=3 max-size-bytes=0 max-size-time=0 leaky=downstream ! ";
    const std::string sink = "qml6glsink name=video-sink sync=false";
    // The videoconvert in front of glupload passes the decoder's pictures through untouched; without it
    // the decoder and glupload cannot agree on a format before the window's GL context exists.
    if (path == VideoPath::planes)
        // videoconvert passes the decoder's I420 through untouched; it converts only a stream in another format.
        return queue + "videoconvert ! appsink name=video-frames caps=video/x-raw,format=I420 sync=false "
                       "max-buffers=2 drop=true enable-last-sample=false";
    if (path == VideoPath::gpu)
        return queue + "videoconvert ! glupload ! glcolorconvert ! " + sink;
    const auto size = ",width=" + std::to_string(width) + ",height=" + std::to_string(height);
    // Square pixels: GStreamer keeps the picture's proportions with black borders, so the item draws it at
    // its own size, with no scaling left to the renderer. Scaled in the decoder's 4:2:0 first, then
    // converted: for 600 pictures of 1080p shown at 960x540, 0.3 s of CPU against 2.3 s when
    // videoconvertscale does both in one pass (scaling, it leaves orc's fast paths), docs/benchmarks.md.
    const std::string scaled = "videoscale ! capsfilter name=video-size caps=video/x-raw,pixel-aspect-ratio=1/1" + size;
    const std::string to_appsink = " ! appsink name=video-frames sync=false max-buffers=2 drop=true enable-last-sample=false";
    if (path == VideoPath::raster)
        // The item converts each picture into the window's pixels itself.
        return queue + scaled + " ! videoconvert ! video/x-raw,format=I420" + to_appsink;
    if (path == VideoPath::raster_image)
        // BGRx is QImage's RGB32 on little-endian PCs: the software renderer draws it as it is.
        return queue + scaled + " ! videoconvert ! video/x-raw,format=BGRx" + to_appsink;
    if (path == VideoPath::raster_full_size)
        return queue + "videoconvert ! video/x-raw,format=BGRx" + to_appsink;
    if (path == VideoPath::software_full_size)
        return queue + "videoconvert ! video/x-raw,format=RGBA ! glupload ! " + sink;
    if (path == VideoPath::scaled_gl_convert)
        return queue + "videoscale ! capsfilter name=video-size caps=video/x-raw" + size +
               " ! videoconvert ! glupload ! glcolorconvert ! " + sink;
    // Scaled before converting, as on the raster path (with a 10-bit 4:4:4 stream, one pass was cheaper).
    return queue + "videoscale ! capsfilter name=video-size caps=video/x-raw" + size +
           " ! videoconvert ! video/x-raw,format=RGBA ! glupload ! " + sink;
}

std::array<float, 16> yuv_to_rgb(double kr, double kb, bool full_range)
{
    const double kg = 1.0 - kr - kb;
    // From the byte values read as 0..1 to Y in 0..1 and U, V in -0.5..0.5.
    const double y_scale = full_range ? 1.0 : 255.0 / 219.0;
    const double y_offset = full_range ? 0.0 : 16.0 / 255.0;
    const double c_scale = full_range ? 1.0 : 255.0 / 224.0;
    const double c_offset = 128.0 / 255.0;
    // R = Y + 2(1-Kr) V;  G = Y - 2Kb(1-Kb)/Kg U - 2Kr(1-Kr)/Kg V;  B = Y + 2(1-Kb) U.
    const double rv = 2 * (1 - kr) * c_scale;
    const double gu = -2 * kb * (1 - kb) / kg * c_scale;
    const double gv = -2 * kr * (1 - kr) / kg * c_scale;
    const double bu = 2 * (1 - kb) * c_scale;
    const double rows[3][4] = {
        {y_scale, 0, rv, -y_scale * y_offset - rv * c_offset},
        {y_scale, gu, gv, -y_scale * y_offset - (gu + gv) * c_offset},
        {y_scale, bu, 0, -y_scale * y_offset - bu * c_offset},
    };
    std::array<float, 16> m{};
    for (int column = 0; column < 4; ++column) {
        for (int row = 0; row < 3; ++row)
            m[static_cast<std::size_t>(column * 4 + row)] = static_cast<float>(rows[row][column]);
        m[static_cast<std::size_t>(column * 4 + 3)] = column == 3 ? 1.0f : 0.0f;
    }
    return m;
}

}  // namespace estrade::viewer
