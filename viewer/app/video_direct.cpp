#include "video_direct.hpp"

#include <QImage>
#include <QPainter>
#include <QQuickWindow>
#include <QSGRenderNode>
#include <QSGRendererInterface>

#include <libyuv/convert_argb.h>

#include <algorithm>

namespace estrade::viewer {

namespace {

// The colour matrix and range of the stream (from its caps; without them GStreamer assumes BT.709 for HD
// and BT.601 below) as libyuv's constants.
const libyuv::YuvConstants& yuv_constants(const GstVideoColorimetry& colours)
{
    const bool full = colours.range == GST_VIDEO_COLOR_RANGE_0_255;
    switch (colours.matrix) {
    case GST_VIDEO_COLOR_MATRIX_BT709: return full ? libyuv::kYuvF709Constants : libyuv::kYuvH709Constants;
    case GST_VIDEO_COLOR_MATRIX_BT2020: return full ? libyuv::kYuvV2020Constants : libyuv::kYuv2020Constants;
    default: return full ? libyuv::kYuvJPEGConstants : libyuv::kYuvI601Constants;
    }
}

// Converts an I420 `picture` into the `width` x `height` pixels at `pixels`, `stride` bytes a row, opaque
// (alpha 255: right for RGB32 and ARGB32 images alike; libyuv's ARGB is QImage's byte order). libyuv's
// AVX2 code: 0.5 ms a 1080p picture here, against 2.6 ms for GStreamer's converter (orc).
bool convert(const GstVideoFrame& picture, uchar* pixels, int width, int height, int stride)
{
    if (GST_VIDEO_FRAME_FORMAT(&picture) != GST_VIDEO_FORMAT_I420)
        return false;
    const auto plane = [&](int i) { return static_cast<const uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&picture, i)); };
    const auto stride_of = [&](int i) { return GST_VIDEO_FRAME_PLANE_STRIDE(&picture, i); };
    return libyuv::I420ToARGBMatrix(plane(0), stride_of(0), plane(1), stride_of(1), plane(2), stride_of(2), pixels, stride,
                                    &yuv_constants(GST_VIDEO_INFO_COLORIMETRY(&picture.info)),
                                    std::min(width, GST_VIDEO_FRAME_WIDTH(&picture)),
                                    std::min(height, GST_VIDEO_FRAME_HEIGHT(&picture))) == 0;
}

// Whether writing `target` straight into the window stays inside the clip (empty: none). QRegion's
// contains(QRect) only says whether they overlap.
bool inside_clip(const QRect& target, const QRegion& clip) { return clip.isEmpty() || (QRegion(target) - clip).isEmpty(); }

// Draws the newest picture into the window's image. Told by the software renderer that it paints only
// inside rect() and covers it (black where the picture leaves room), the renderer repaints its area alone
// and nothing under it.
class PictureNode : public QSGRenderNode {
public:
    explicit PictureNode(QQuickWindow& window) : m_window(window) {}

    bool show(gst::Sample sample)
    {
        auto picture = MappedPicture::map(std::move(sample), GST_VIDEO_FORMAT_I420);
        if (!picture)
            return false;
        m_picture = std::move(picture);
        return true;
    }
    const GstVideoFrame& frame() const { return m_picture.frame(); }
    void set_area(const QRectF& area) { m_area = area; }

    RenderingFlags flags() const override { return BoundedRectRendering | OpaqueRendering; }
    QRectF rect() const override { return m_area; }
    StateFlags changedStates() const override { return {}; }

    void render(const RenderState* state) override
    {
        auto* painter = static_cast<QPainter*>(
            m_window.rendererInterface()->getResource(&m_window, QSGRendererInterface::PainterResource));
        if (!painter || !matrix())
            return;
        const QTransform to_window = matrix()->toTransform();
        painter->save();
        painter->setTransform(to_window);
        if (!m_picture) {
            painter->fillRect(m_area, Qt::black);
        } else {
            const GstVideoFrame& frame = m_picture.frame();
            const QSizeF picture(GST_VIDEO_FRAME_WIDTH(&frame), GST_VIDEO_FRAME_HEIGHT(&frame));
            const auto place = place_picture(picture, m_area, 1.0, 1.0);
            const QRect target = to_window.mapRect(place.rect).toRect();
            auto* image = painter->device()->devType() == QInternal::Image ? static_cast<QImage*>(painter->device()) : nullptr;
            const bool straight = image && image->depth() == 32 && to_window.type() <= QTransform::TxTranslate &&
                                  target.size() == picture.toSize() && image->rect().contains(target) &&
                                  inside_clip(target, *state->clipRegion());
            // The black around the picture (none when GStreamer scaled it to the area's shape).
            const QRegion around = QRegion(m_area.toAlignedRect()) - QRegion(place.rect.toAlignedRect());
            for (const QRect& part : around)
                painter->fillRect(part, Qt::black);
            if (straight) {
                // constBits: bits() would copy the window's image if anything else held it.
                auto* pixels = const_cast<uchar*>(image->constBits()) + target.y() * image->bytesPerLine() + target.x() * 4;
                convert(frame, pixels, target.width(), target.height(), static_cast<int>(image->bytesPerLine()));
            } else {
                // A resize under way (the picture not yet at the area's size), a scaled window, or a painter
                // on something else: through an image of the picture's own, scaled by the painter.
                if (m_scratch.size() != picture.toSize())
                    m_scratch = QImage(picture.toSize(), QImage::Format_RGB32);
                if (convert(frame, m_scratch.bits(), m_scratch.width(), m_scratch.height(),
                            static_cast<int>(m_scratch.bytesPerLine()))) {
                    painter->setRenderHint(QPainter::SmoothPixmapTransform, !place.own_size);
                    painter->drawImage(place.rect, m_scratch);
                }
            }
        }
        painter->restore();
    }

private:
    QQuickWindow& m_window;
    QRectF m_area;
    MappedPicture m_picture;
    QImage m_scratch;
};

}  // namespace

QSGNode* VideoDirect::updatePaintNode(QSGNode* old, UpdatePaintNodeData*)
{
    gst::Sample sample = take_next();
    auto* node = static_cast<PictureNode*>(old);
    if (!window())
        return node;
    if (!node)
        node = new PictureNode(*window());  // the scene graph owns its nodes and deletes them
    if (sample && node->show(std::move(sample)))
        picture_drawn(node->frame());
    node->set_area(boundingRect());
    node->markDirty(QSGNode::DirtyMaterial);
    return node;
}

}  // namespace estrade::viewer
