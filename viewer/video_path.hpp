#pragma once
// How decoded pictures reach the Qt Quick scene. On a PC without a GPU (Mesa's llvmpipe renders GL on
// the CPU) converting to RGBA with videoconvert, after scaling to the size shown, costs about half of
// letting GL convert (glcolorconvert runs as a shader on the CPU there); with a GPU, GL converts for free.
// docs/viewer.md has the measurements.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace estrade::viewer {

// planes: the decoder's Y, U and V planes go to the Qt Quick scene as they are, uploaded as three
// one-byte textures and converted to RGB by the scene graph's own shader (viewer/app/video_planes.hpp):
// no conversion or scaling on the CPU (the default with a GPU; on llvmpipe the shader's per-pixel work
// costs more than the software path, docs/benchmarks.md). The others feed GStreamer's qml6glsink and are kept
// as the fallback (--video-path) and for the benchmark's comparison: software (scale and convert to RGBA
// on the CPU, then upload), gpu (upload, glcolorconvert), software_full_size, scaled_gl_convert.
// raster: Qt Quick's software renderer (no GL); GStreamer scales the pictures to the item's size in 4:2:0,
// the item converts them straight into the window's image (VideoDirect).
// raster_image (benchmarks, the default of session 9): GStreamer converts them to BGRx, the image item hands
// them to the renderer, which copies them onto the window. raster_full_size (benchmarks): the same,
// converted at the stream's size and scaled by the renderer.
enum class VideoPath { planes, raster, raster_image, raster_full_size, software, software_full_size, scaled_gl_convert, gpu };

// Whether the window is drawn by Qt Quick's software renderer (no GL).
inline bool uses_software_renderer(VideoPath path)
{
    return path == VideoPath::raster || path == VideoPath::raster_image || path == VideoPath::raster_full_size;
}

// The path `--video-path NAME` forces (planes, raster, raster-image, raster-full-size, software,
// software-full-size, scaled-gl-convert, gpu); none for another name ("auto" and "glsink" choose by the GL
// renderer). video_path_names(): those names, for the option's check.
std::optional<VideoPath> video_path_named(std::string_view name);
std::vector<std::string> video_path_names();

// The fallback for qml6glsink by GL_RENDERER: llvmpipe, softpipe and swrast are Mesa's CPU renderers.
VideoPath video_path_for(std::string_view gl_renderer);
std::string_view describe(VideoPath path);

// The launch string after the decoder, ending in `qml6glsink name=video-sink`. On the software path a
// capsfilter named `video-size` sets the size pictures are scaled to (the viewer sets it to the area's
// size in pixels); it starts at `width`x`height`.
// On the planes path: `appsink name=video-frames` taking I420 pictures (the scene-graph item pulls them).
// `on_clock`: the pictures wait for their time (gst::PlayerSettings::clock_latency_ms), so the queue in
// front holds up to a second of them instead of three.
std::string video_sink_for(VideoPath path, int width, int height, bool on_clock = false);

// The matrix (column-major, for GLSL's mat4) that turns (Y, U, V, 1), each read from a one-byte texture
// as 0..1, into RGB: the colour matrix's Kr and Kb (BT.601 0.299/0.114, BT.709 0.2126/0.0722) and the
// range (limited: Y 16–235, U and V 16–240; full: 0–255).
std::array<float, 16> yuv_to_rgb(double kr, double kb, bool full_range);

}  // namespace estrade::viewer
