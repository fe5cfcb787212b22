#pragma once
// A decoded stream drawn straight from the decoder's planes. Each I420 picture an appsink receives is
// mapped (no copy), its Y, U and V planes uploaded as three one-byte textures, and the scene graph's own
// shader (shaders/video_planes.frag) converts to RGB with the stream's colour matrix while it scales the
// picture to the screen. On a PC without a GPU (Mesa's llvmpipe) this replaces scaling and converting
// every picture to RGBA on the CPU, then uploading four bytes a pixel (docs/benchmarks.md).

#include "picture_item.hpp"

#include <QtQml/qqmlregistration.h>

namespace estrade::viewer {

class VideoPlanes : public PictureItem {
    Q_OBJECT
    QML_ELEMENT

public:
    explicit VideoPlanes(QQuickItem* parent = nullptr) : PictureItem(parent) {}

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;
};

}  // namespace estrade::viewer
