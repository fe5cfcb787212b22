#include "picture_item.hpp"

#include <gst/app/gstappsink.h>

namespace estrade::viewer {

namespace {

GstFlowReturn picture_arrived(GstAppSink* sink, gpointer data)
{
    auto& slot = *static_cast<std::shared_ptr<PictureSlot>*>(data);
    gst::Sample sample(gst_app_sink_pull_sample(sink), gst::Ownership::adopt);
    if (!sample)
        return GST_FLOW_OK;
    std::lock_guard lock(slot->mutex);
    if (slot->pending.size() >= 2) {
        slot->pending.pop_front();
        if (slot->lost)
            slot->lost();
    }
    slot->pending.push_back(std::move(sample));
    if (slot->item)
        QMetaObject::invokeMethod(slot->item, &QQuickItem::update, Qt::QueuedConnection);
    return GST_FLOW_OK;
}

void forget_slot(gpointer data) { delete static_cast<std::shared_ptr<PictureSlot>*>(data); }

}  // namespace

PictureItem::PictureItem(QQuickItem* parent) : QQuickItem(parent), m_slot(std::make_shared<PictureSlot>())
{
    setFlag(ItemHasContents, true);
    m_slot->item = this;
}

PictureItem::~PictureItem()
{
    std::lock_guard lock(m_slot->mutex);
    m_slot->item = nullptr;
}

void PictureItem::attach(GstElement* appsink, Shown shown, std::function<void()> lost)
{
    m_appsink = gst::Element(appsink, gst::Ownership::add_ref);
    m_shown = std::move(shown);
    {
        std::lock_guard lock(m_slot->mutex);
        m_slot->lost = std::move(lost);
    }
    GstAppSinkCallbacks callbacks{};
    callbacks.new_sample = &picture_arrived;
    // The appsink keeps its own reference to the slot (a C callback's user data, hence the new), dropped
    // by forget_slot when its callbacks are replaced or it goes.
    gst_app_sink_set_callbacks(GST_APP_SINK(appsink), &callbacks, new std::shared_ptr<PictureSlot>(m_slot), &forget_slot);
}

MappedPicture MappedPicture::map(gst::Sample sample, GstVideoFormat format)
{
    GstVideoInfo info;
    GstCaps* caps = sample ? gst_sample_get_caps(sample.get()) : nullptr;
    GstBuffer* buffer = sample ? gst_sample_get_buffer(sample.get()) : nullptr;
    MappedPicture picture;
    if (!caps || !buffer || !gst_video_info_from_caps(&info, caps) ||
        (format != GST_VIDEO_FORMAT_UNKNOWN && GST_VIDEO_INFO_FORMAT(&info) != format) ||
        !gst_video_frame_map(&picture.m_frame, &info, buffer, GST_MAP_READ))
        return picture;
    picture.m_mapped = true;
    picture.m_sample = std::move(sample);
    return picture;
}

gst::Sample PictureItem::take_next()
{
    std::lock_guard lock(m_slot->mutex);
    if (m_slot->pending.empty())
        return {};
    gst::Sample next = std::move(m_slot->pending.front());
    m_slot->pending.pop_front();
    if (!m_slot->pending.empty())
        QMetaObject::invokeMethod(this, &QQuickItem::update, Qt::QueuedConnection);
    return next;
}

}  // namespace estrade::viewer
