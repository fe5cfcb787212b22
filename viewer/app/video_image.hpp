#pragma once
// A decoded stream drawn by Qt Quick's software renderer, for PCs without a GPU. GStreamer scales each
// picture to the item's size in pixels (in the decoder's 4:2:0) and converts it to the screen's 32-bit
// pixels (orc's SIMD code); the item hands it to the scene graph as an image, which the
// software renderer copies onto the window where it changed. On Mesa's llvmpipe every GL path paid for a
// CPU-emulated GPU drawing the whole window, pictures sampled by JIT'd shaders (docs/benchmarks.md).

#include "picture_item.hpp"

#include <QtQml/qqmlregistration.h>

namespace estrade::viewer {

class VideoImage : public PictureItem {
    Q_OBJECT
    QML_ELEMENT

public:
    explicit VideoImage(QQuickItem* parent = nullptr) : PictureItem(parent) {}

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;
};

}  // namespace estrade::viewer
