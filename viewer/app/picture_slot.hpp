#pragma once
// Where an appsink's streaming thread leaves the newest decoded picture for the item that draws it (the
// planes item, the image item), and asks that item to draw. It outlives the item while the appsink's
// callback may still run as the item goes away (the item clears `item` first).

#include "gst/handles.hpp"

#include <QQuickItem>

#include <memory>
#include <mutex>

namespace estrade::viewer {

struct PictureSlot {
    std::mutex mutex;
    gst::Sample newest;
    QQuickItem* item = nullptr;

    gst::Sample take()
    {
        std::lock_guard lock(mutex);
        return std::move(newest);
    }
};

// Hands each picture `appsink` receives to `slot` (replacing one not drawn yet: the screen shows the
// newest, never falls behind) and asks the slot's item to draw.
void fill_from(GstElement* appsink, const std::shared_ptr<PictureSlot>& slot);

// Called from the item's destructor: no more draw requests to it.
void forget_item(PictureSlot& slot);

}  // namespace estrade::viewer
