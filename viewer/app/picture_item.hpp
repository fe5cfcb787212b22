#pragma once
// What the items that draw a stream's pictures share (the planes item with a GPU, the image item for
// Qt Quick's software renderer): the appsink they take pictures from, the slot where its streaming thread
// leaves the newest one for the render thread, and who is told of each picture drawn.

#include "gst/handles.hpp"

#include <gst/video/video.h>

#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

#include <cmath>
#include <functional>
#include <memory>
#include <mutex>

namespace estrade::viewer {

// Where an appsink's streaming thread leaves the newest decoded picture. It outlives the item while the
// appsink's callback may still run as the item goes away (the item clears `item` first).
struct PictureSlot {
    std::mutex mutex;
    gst::Sample newest;
    QQuickItem* item = nullptr;
    std::function<void()> lost;  // a picture replaced before the screen took it
};

// Where a picture `picture` pixels large is drawn in `area` (the item's own units): as large as fits,
// proportions kept, centred (the black around it is the area's own); and whether that is the picture's own
// size on screen, within `tolerance` device pixels — drawn sample for sample, where nearest sampling is
// exact and cheapest.
struct PicturePlace {
    QRectF rect;
    bool own_size = false;
};
inline PicturePlace place_picture(const QSizeF& picture, const QRectF& area, qreal device_pixel_ratio, qreal tolerance)
{
    const QSizeF fitted = picture.scaled(area.size(), Qt::KeepAspectRatio);
    return {QRectF(area.center() - QPointF(fitted.width() / 2, fitted.height() / 2), fitted),
            std::abs(fitted.width() * device_pixel_ratio - picture.width()) < tolerance};
}

class PictureItem : public QQuickItem {
    Q_OBJECT
    QML_ANONYMOUS

public:
    ~PictureItem() override;

    // Takes the pictures of `appsink` (named video-frames by the pipeline); a picture not drawn yet is
    // replaced by the next (the screen shows the newest, never falls behind). `shown` is called on the
    // render thread with each picture drawn, `lost` on the streaming thread with each picture replaced
    // before it was drawn.
    using Shown = std::function<void(const GstVideoFrame&)>;
    void attach(GstElement* appsink, Shown shown, std::function<void()> lost);

protected:
    explicit PictureItem(QQuickItem* parent = nullptr);
    // On the render thread: the newest picture since the last call, or none.
    gst::Sample take_newest();
    void picture_drawn(const GstVideoFrame& frame) const
    {
        if (m_shown)
            m_shown(frame);
    }

private:
    std::shared_ptr<PictureSlot> m_slot;
    gst::Element m_appsink;
    Shown m_shown;
};

}  // namespace estrade::viewer
