#pragma once
// What the items that draw a stream's pictures share (the planes item with a GPU, the image item for
// Qt Quick's software renderer): the appsink they take pictures from, the slot where its streaming thread
// leaves the newest one for the render thread, and who is told of each picture drawn.

#include "gst/handles.hpp"

#include <gst/video/video.h>

#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

#include <cmath>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

namespace estrade::viewer {

// Where an appsink's streaming thread leaves the decoded pictures for the render thread: two at most.
// With one, a picture that came a few milliseconds early (the machine busy, two released together) replaced
// the one before it before the window was drawn, 1 to 5 pictures in 600 (docs/benchmarks.md); with two, the
// window draws both, one frame later, and is back on time at the next (it draws faster than pictures
// come). A third replaces the older: the screen never falls further behind. It outlives the item while the
// appsink's callback may still run as the item goes away (the item clears `item` first).
struct PictureSlot {
    std::mutex mutex;
    std::deque<gst::Sample> pending;
    QQuickItem* item = nullptr;
    std::function<void()> lost;  // a picture replaced before the screen took it
};

// A decoded picture mapped for reading, with the sample that holds its memory; unmapped when it goes (a
// scene-graph node keeps the picture it shows mapped until the next replaces it).
class MappedPicture {
public:
    MappedPicture() = default;
    // The sample's picture, mapped; empty when the sample has no caps or buffer, is not in `format`
    // (GST_VIDEO_FORMAT_UNKNOWN: any), or cannot be mapped.
    static MappedPicture map(gst::Sample sample, GstVideoFormat format = GST_VIDEO_FORMAT_UNKNOWN);
    ~MappedPicture() { unmap(); }
    MappedPicture(MappedPicture&& other) noexcept { take(other); }
    MappedPicture& operator=(MappedPicture&& other) noexcept
    {
        if (this != &other) {
            unmap();
            take(other);
        }
        return *this;
    }
    MappedPicture(const MappedPicture&) = delete;
    MappedPicture& operator=(const MappedPicture&) = delete;

    explicit operator bool() const { return m_mapped; }
    const GstVideoFrame& frame() const { return m_frame; }

private:
    void unmap()
    {
        if (m_mapped)
            gst_video_frame_unmap(&m_frame);
        m_mapped = false;
        m_sample.reset();
    }
    void take(MappedPicture& other)
    {
        m_sample = std::move(other.m_sample);
        m_frame = other.m_frame;
        m_mapped = std::exchange(other.m_mapped, false);
    }

    gst::Sample m_sample;
    GstVideoFrame m_frame{};
    bool m_mapped = false;
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

    // Takes the pictures of `appsink` (named video-frames by the pipeline); of the pictures not drawn yet,
    // the two newest are kept (PictureSlot). `shown` is called on the
    // render thread with each picture drawn, `lost` on the streaming thread with each picture replaced
    // before it was drawn.
    using Shown = std::function<void(const GstVideoFrame&)>;
    void attach(GstElement* appsink, Shown shown, std::function<void()> lost);

protected:
    explicit PictureItem(QQuickItem* parent = nullptr);
    // On the render thread: the oldest picture not drawn yet, or none (another update is asked for when
    // one more waits).
    gst::Sample take_next();
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
