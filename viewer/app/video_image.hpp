#pragma once
// A decoded stream drawn by Qt Quick's software renderer, for PCs without a GPU. GStreamer scales each
// picture to the item's size in pixels and converts it to the screen's 32-bit pixels in one pass
// (videoconvertscale, orc's SIMD code); the item hands it to the scene graph as an image, which the
// software renderer copies onto the window where it changed. On Mesa's llvmpipe every GL path paid for a
// CPU-emulated GPU drawing the whole window, pictures sampled by JIT'd shaders (docs/benchmarks.md).

#include "picture_slot.hpp"

#include "gst/handles.hpp"

#include <gst/video/video.h>

#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

namespace estrade::viewer {

class VideoImage : public QQuickItem {
    Q_OBJECT
    QML_ELEMENT

public:
    explicit VideoImage(QQuickItem* parent = nullptr);
    ~VideoImage() override;

    // Takes the BGRx pictures of `appsink` (named video-frames by the raster path's pipeline);
    // `shown` is called on the render thread with each picture drawn.
    using Shown = std::function<void(const GstVideoFrame&)>;
    void attach(GstElement* appsink, Shown shown);

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;

private:
    std::shared_ptr<PictureSlot> m_slot;
    gst::Element m_appsink;
    Shown m_shown;
};

}  // namespace estrade::viewer
