#pragma once
// The slides pipeline's source: the picture on show pushed into its appsrc at the slides frame rate
// (an encoder of still pictures still needs a steady stream), and at once after a change. It runs on
// its own thread; the main thread only says which picture (owned by the CardSet) to show.

#include "picture.hpp"

#include "gst/handles.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <stop_token>
#include <mutex>
#include <thread>

namespace estrade::producer {

class SlidesPusher {
public:
    // `changed` runs on the pusher's thread right after a new picture went in (the producer asks the
    // encoder for a keyframe there: the new slide arrives sharp at once, not refined over a second).
    SlidesPusher(gst::Element appsrc, int framerate, const Picture* first, std::function<void()> changed = {});
    ~SlidesPusher() = default;
    SlidesPusher(const SlidesPusher&) = delete;
    SlidesPusher& operator=(const SlidesPusher&) = delete;

    void show(const Picture* picture);

private:
    void run(std::stop_token stop);

    gst::Element m_appsrc;
    std::function<void()> m_on_changed;
    std::chrono::microseconds m_period;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    const Picture* m_picture;  // guarded by m_mutex
    bool m_changed = false;
    std::jthread m_thread;  // last: stopped and joined before the rest goes away
};

}  // namespace estrade::producer
