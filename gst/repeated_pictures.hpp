#pragma once
// The producer sends a still slide as ten pictures a second; decoded, each differs from the one before by
// at most a few levels (x264 refines the picture after each keyframe, then repeats it byte for byte).
// Passed on, every one was scaled, converted and drawn again for nothing (docs/benchmarks.md). This
// passes a picture on when some sample of it differs by more than `tolerance` levels from the last one
// passed (what is shown is never further than that from what was decoded), and at least once every
// `refresh` (the last refinement shown within a second; a resized window gets a picture at its new size
// even if pass_next() was not called). A slide change, a pointer, a slow fade (the difference adds up
// against the last picture passed) all go on.

#include "handles.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>

namespace estrade::gst {

class RepeatedPictures {
public:
    explicit RepeatedPictures(int tolerance = 4, std::chrono::milliseconds refresh = std::chrono::seconds(1))
        : m_tolerance(tolerance), m_refresh(refresh)
    {
    }

    // Whether the decoded `picture` goes on, at monotonic time `now_ns`. A picture passed is kept (a
    // reference: the decoder's buffers are not written once out) to compare the next ones with.
    bool pass(GstBuffer* picture, std::int64_t now_ns);
    // The next picture goes on whatever it is (the area it is drawn in changed size). From any thread;
    // pass() is called from the decoder's only.
    void pass_next() { m_pass_next = true; }

private:
    int m_tolerance;
    std::chrono::nanoseconds m_refresh;
    Buffer m_last;
    std::int64_t m_last_passed_ns = 0;
    std::atomic<bool> m_pass_next{false};
};

}  // namespace estrade::gst
