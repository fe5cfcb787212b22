#pragma once
// How decoded pictures reach the Qt Quick scene. On a PC without a GPU (Mesa's llvmpipe renders GL on
// the CPU) converting to RGBA with videoconvert, after scaling to the size shown, costs about half of
// letting GL convert (glcolorconvert runs as a shader on the CPU there); with a GPU, GL converts for free.
// docs/viewer.md has the measurements.

#include <string>
#include <string_view>

namespace estrade::viewer {

// software_full_size (convert whole pictures, no scaling first) and scaled_gl_convert (scale on the CPU,
// convert in GL) are kept for the benchmark's comparison.
enum class VideoPath { software, software_full_size, scaled_gl_convert, gpu };

// From GL_RENDERER: llvmpipe, softpipe and swrast are Mesa's CPU renderers.
VideoPath video_path_for(std::string_view gl_renderer);
std::string_view describe(VideoPath path);

// The launch string after the decoder, ending in `qml6glsink name=video-sink`. On the software path a
// capsfilter named `video-size` sets the size pictures are scaled to (the viewer sets it to the area's
// size in pixels); it starts at `width`x`height`.
std::string video_sink_for(VideoPath path, int width, int height);

}  // namespace estrade::viewer
