#pragma once
// A GStreamer pipeline built from a launch string, and what its bus says, in words a user can act on.

#include "handles.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <variant>

namespace estrade::gst {

struct PipelineProblem {
    enum class Severity { warning, error };
    Severity severity = Severity::error;
    std::string element;  // the name of the element that posted it ("camera", "speaker-encoder", ...)
    std::string message;  // GStreamer's message
    std::string debug;    // GStreamer's debug text, for the log only
    bool resource_not_found = false;
    bool resource_busy = false;
};

enum class BusEvent { none, problem, end_of_stream };

class Pipeline {
public:
    // The launch string is parsed with GST_PARSE_FLAG_FATAL_ERRORS: a missing element or a bad
    // property fails here, never as a half-built bin.
    static std::variant<Pipeline, std::string> parse(const std::string& description);

    GstElement* get() const { return m_pipeline.get(); }
    Element element(const char* name) const;

    // Starts playing; the problem if the pipeline refused (a device missing, a caps mismatch...).
    std::optional<PipelineProblem> play(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    void stop();

    // The next error, warning or end of stream on the bus, waiting at most `timeout`.
    BusEvent next_event(std::chrono::milliseconds timeout, PipelineProblem& problem);

private:
    explicit Pipeline(Element pipeline) : m_pipeline(std::move(pipeline)) {}
    Element m_pipeline;
};

}  // namespace estrade::gst
