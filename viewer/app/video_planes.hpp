#pragma once
// A decoded stream drawn straight from the decoder's planes. Each I420 picture an appsink receives is
// mapped (no copy), its Y, U and V planes uploaded as three one-byte textures, and the scene graph's own
// shader (shaders/video_planes.frag) converts to RGB with the stream's colour matrix while it scales the
// picture to the screen. On a PC without a GPU (Mesa's llvmpipe) this replaces scaling and converting
// every picture to RGBA on the CPU, then uploading four bytes a pixel (docs/benchmarks.md).

#include "picture_slot.hpp"

#include "gst/handles.hpp"

#include <gst/video/video.h>

#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

namespace estrade::viewer {

class VideoPlanes : public QQuickItem {
    Q_OBJECT
    QML_ELEMENT

public:
    explicit VideoPlanes(QQuickItem* parent = nullptr);
    ~VideoPlanes() override;

    // Takes the pictures of `appsink` (named video-frames by the planes path's pipeline);
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
