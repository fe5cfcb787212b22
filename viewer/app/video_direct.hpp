#pragma once
// A decoded stream converted straight into the window's pixels, for PCs without a GPU. GStreamer scales
// each picture to the item's size in pixels (in the decoder's 4:2:0, cheap); while Qt Quick's software
// renderer draws the window, the item's render node converts the picture from its Y, U, V planes into
// the window's own image, where it is shown (libyuv's SIMD code). The image item
// before it converted into a picture of its own, which the renderer then copied onto the window: a 1080p
// picture written and read twice more, thirty times a second (docs/benchmarks.md).

#include "picture_item.hpp"

#include <QtQml/qqmlregistration.h>

namespace estrade::viewer {

class VideoDirect : public PictureItem {
    Q_OBJECT
    QML_ELEMENT

public:
    explicit VideoDirect(QQuickItem* parent = nullptr) : PictureItem(parent) {}

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;
};

}  // namespace estrade::viewer
