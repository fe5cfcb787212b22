#include "picture_slot.hpp"

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
    slot->newest = std::move(sample);
    if (slot->item)
        QMetaObject::invokeMethod(slot->item, &QQuickItem::update, Qt::QueuedConnection);
    return GST_FLOW_OK;
}

void forget_slot(gpointer data) { delete static_cast<std::shared_ptr<PictureSlot>*>(data); }

}  // namespace

void fill_from(GstElement* appsink, const std::shared_ptr<PictureSlot>& slot)
{
    GstAppSinkCallbacks callbacks{};
    callbacks.new_sample = &picture_arrived;
    // The appsink keeps its own reference to the slot (a C callback's user data, hence the new), dropped
    // by forget_slot when its callbacks are replaced or it goes.
    gst_app_sink_set_callbacks(GST_APP_SINK(appsink), &callbacks, new std::shared_ptr<PictureSlot>(slot), &forget_slot);
}

void forget_item(PictureSlot& slot)
{
    std::lock_guard lock(slot.mutex);
    slot.item = nullptr;
}

}  // namespace estrade::viewer
