#pragma once
// Sends one stream's MPEG-TS, pulled from the pipeline's appsink, to the relay over SRT. The pipeline
// never waits for the network: while the relay is away the publisher drops what the encoder makes,
// tries again with back-off, and asks the encoder for a keyframe as soon as it is back.

#include "srt/caller.hpp"

#include <gst/gst.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace estrade::gst {

struct PublisherStatus {
    enum class State { connecting, publishing, retrying };
    State state = State::connecting;
    std::string detail;  // for retrying: what is wrong, in words
    std::int64_t bytes_sent = 0;
    int connections = 0;  // how many times it (re)connected
};

std::string to_string(PublisherStatus::State state);

class StreamPublisher {
public:
    // `appsink` must outlive the publisher; `request_keyframe` is called from the publisher's thread.
    StreamPublisher(std::string stream, srt::CallerSettings caller, GstElement* appsink,
                    std::function<void()> request_keyframe);
    ~StreamPublisher();
    StreamPublisher(const StreamPublisher&) = delete;
    StreamPublisher& operator=(const StreamPublisher&) = delete;

    PublisherStatus status() const;

private:
    void run();
    void set_status(PublisherStatus::State state, std::string detail);
    void drain_for(std::chrono::milliseconds duration);

    std::string m_stream;
    srt::CallerSettings m_caller;
    GstElement* m_appsink;
    std::function<void()> m_request_keyframe;
    mutable std::mutex m_mutex;
    PublisherStatus m_status;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

}  // namespace estrade::gst
