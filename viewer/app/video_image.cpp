#include "video_image.hpp"

#include <QImage>
#include <QQuickWindow>
#include <QSGImageNode>
#include <QSGTexture>

namespace estrade::viewer {

namespace {

// The picture's node: the window's own image node, the texture it shows and the picture under it,
// mapped until the next replaces it (the renderer's texture may share the picture's memory rather than copy
// it: Qt's raster pixmaps take a QImage of the same format as it is).
class ImageHolder : public QSGNode {
public:
    explicit ImageHolder(QQuickWindow& window) : m_image(window.createImageNode())
    {
        m_image->setOwnsTexture(false);
        appendChildNode(m_image);  // the parent node deletes it
    }
    ImageHolder(const ImageHolder&) = delete;
    ImageHolder& operator=(const ImageHolder&) = delete;

    bool show(QQuickWindow& window, gst::Sample sample)
    {
        auto mapped = MappedPicture::map(std::move(sample), GST_VIDEO_FORMAT_BGRx);
        if (!mapped)
            return false;
        const GstVideoFrame& frame = mapped.frame();
        const QImage picture(static_cast<const uchar*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)), GST_VIDEO_FRAME_WIDTH(&frame),
                             GST_VIDEO_FRAME_HEIGHT(&frame), GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0),
                             QImage::Format_RGB32);
        std::unique_ptr<QSGTexture> texture(window.createTextureFromImage(picture));
        if (!texture)
            return false;
        m_image->setTexture(texture.get());
        m_texture = std::move(texture);  // the previous picture's texture goes, then its picture
        m_picture = QSizeF(GST_VIDEO_FRAME_WIDTH(&frame), GST_VIDEO_FRAME_HEIGHT(&frame));
        m_mapped = std::move(mapped);
        m_image->setSourceRect(QRectF(QPointF(0, 0), m_picture));
        return true;
    }

    const GstVideoFrame& frame() const { return m_mapped.frame(); }

    // As large as fits, proportions kept, centred. GStreamer scaled it to the item's size, so this is its
    // own size but for rounding, drawn pixel for pixel; while a resize is under way (or when GStreamer
    // does not scale), the renderer scales it smoothly.
    void place(const QRectF& area, qreal device_pixel_ratio)
    {
        if (m_picture.isEmpty())
            return;
        const auto place = place_picture(m_picture, area, device_pixel_ratio, 1.0);
        const auto filtering = place.own_size ? QSGTexture::Nearest : QSGTexture::Linear;
        if (m_image->filtering() != filtering)
            m_image->setFiltering(filtering);
        if (place.rect != m_image->rect())
            m_image->setRect(place.rect);
    }

private:
    QSGImageNode* m_image;
    MappedPicture m_mapped;  // declared before the texture, so destroyed after it: the texture may share its memory
    std::unique_ptr<QSGTexture> m_texture;
    QSizeF m_picture;
};

}  // namespace

QSGNode* VideoImage::updatePaintNode(QSGNode* old, UpdatePaintNodeData*)
{
    gst::Sample sample = take_next();
    auto* node = static_cast<ImageHolder*>(old);
    if ((!node && !sample) || !window())
        return node;
    if (!node)
        node = new ImageHolder(*window());  // the scene graph owns its nodes and deletes them
    if (sample && node->show(*window(), std::move(sample)))
        picture_drawn(node->frame());
    node->place(boundingRect(), window()->effectiveDevicePixelRatio());
    return node;
}

}  // namespace estrade::viewer
