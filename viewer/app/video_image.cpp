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
    ~ImageHolder() override
    {
        m_texture.reset();
        unmap();
    }
    ImageHolder(const ImageHolder&) = delete;
    ImageHolder& operator=(const ImageHolder&) = delete;

    bool show(QQuickWindow& window, gst::Sample sample)
    {
        GstVideoInfo info;
        GstCaps* caps = gst_sample_get_caps(sample.get());
        GstBuffer* buffer = gst_sample_get_buffer(sample.get());
        GstVideoFrame frame;
        if (!caps || !buffer || !gst_video_info_from_caps(&info, caps) || GST_VIDEO_INFO_FORMAT(&info) != GST_VIDEO_FORMAT_BGRx ||
            !gst_video_frame_map(&frame, &info, buffer, GST_MAP_READ))
            return false;
        const QImage picture(static_cast<const uchar*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)), GST_VIDEO_FRAME_WIDTH(&frame),
                             GST_VIDEO_FRAME_HEIGHT(&frame), GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0),
                             QImage::Format_RGB32);
        std::unique_ptr<QSGTexture> texture(window.createTextureFromImage(picture));
        if (!texture) {
            gst_video_frame_unmap(&frame);
            return false;
        }
        m_image->setTexture(texture.get());
        m_texture = std::move(texture);  // the previous picture's texture goes, then its picture
        unmap();
        m_frame = frame;
        m_mapped = true;
        m_sample = std::move(sample);
        m_picture = QSizeF(GST_VIDEO_FRAME_WIDTH(&frame), GST_VIDEO_FRAME_HEIGHT(&frame));
        m_image->setSourceRect(QRectF(QPointF(0, 0), m_picture));
        return true;
    }

    const GstVideoFrame& frame() const { return m_frame; }

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
    void unmap()
    {
        if (m_mapped)
            gst_video_frame_unmap(&m_frame);
        m_mapped = false;
    }

    QSGImageNode* m_image;
    std::unique_ptr<QSGTexture> m_texture;
    gst::Sample m_sample;
    GstVideoFrame m_frame{};
    bool m_mapped = false;
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
