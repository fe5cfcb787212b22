// One 1080p I420 picture converted to 32-bit pixels (QImage's RGB32 byte order) again and again: libyuv
// (the viewer's direct item) against GStreamer's converter (orc; what videoconvert does), side by side,
// on the same buffers. bench/convert-bench.sh runs it; results in docs/benchmarks.md.
#include <CLI/CLI.hpp>
#include <gst/video/video.h>
#include <libyuv/convert_argb.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace {

template <typename Work> double ms_per_picture(int pictures, Work work)
{
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < pictures; ++i)
        work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / pictures;
}

}  // namespace

int main(int argc, char** argv)
{
    int width = 1920;
    int height = 1080;
    int pictures = 300;
    CLI::App cli{"I420 to 32-bit pixels: libyuv against GStreamer's converter"};
    cli.add_option("--width", width);
    cli.add_option("--height", height);
    cli.add_option("--pictures", pictures);
    CLI11_PARSE(cli, argc, argv);
    gst_init(nullptr, nullptr);

    GstVideoInfo in;
    GstVideoInfo out;
    gst_video_info_set_format(&in, GST_VIDEO_FORMAT_I420, static_cast<guint>(width), static_cast<guint>(height));
    gst_video_info_set_format(&out, GST_VIDEO_FORMAT_BGRA, static_cast<guint>(width), static_cast<guint>(height));
    GstBuffer* source = gst_buffer_new_allocate(nullptr, in.size, nullptr);
    GstBuffer* target = gst_buffer_new_allocate(nullptr, out.size, nullptr);
    GstVideoFrame from;
    GstVideoFrame to;
    gst_video_frame_map(&from, &in, source, GST_MAP_READWRITE);
    gst_video_frame_map(&to, &out, target, GST_MAP_WRITE);
    // A picture with content (gradients), not a constant one.
    for (int plane = 0; plane < 3; ++plane) {
        auto* data = static_cast<std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&from, plane));
        const int rows = GST_VIDEO_FRAME_COMP_HEIGHT(&from, plane);
        const int stride = GST_VIDEO_FRAME_PLANE_STRIDE(&from, plane);
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < stride; ++x)
                data[y * stride + x] = static_cast<std::uint8_t>(x * (plane + 1) + y);
    }
    const auto plane = [&](int i) { return static_cast<const std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&from, i)); };
    const auto stride = [&](int i) { return GST_VIDEO_FRAME_PLANE_STRIDE(&from, i); };
    auto* pixels = static_cast<std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&to, 0));
    const double yuv = ms_per_picture(pictures, [&] {
        libyuv::I420ToARGBMatrix(plane(0), stride(0), plane(1), stride(1), plane(2), stride(2), pixels,
            GST_VIDEO_FRAME_PLANE_STRIDE(&to, 0), &libyuv::kYuvH709Constants, width, height);
    });
    GstVideoConverter* converter = gst_video_converter_new(&in, &out, nullptr);
    const double orc = ms_per_picture(pictures, [&] { gst_video_converter_frame(converter, &from, &to); });
    gst_video_converter_free(converter);
    std::printf("| %dx%d | libyuv %.2f ms | GStreamer (orc) %.2f ms | %.2fx |\n", width, height, yuv, orc, orc / yuv);
    gst_video_frame_unmap(&to);
    gst_video_frame_unmap(&from);
    gst_buffer_unref(target);
    gst_buffer_unref(source);
    return 0;
}
