#include "pipeline.hpp"

#include <mutex>

namespace estrade::gst {

void ensure_initialized()
{
    static std::once_flag once;
    std::call_once(once, [] { gst_init(nullptr, nullptr); });
}

std::variant<Pipeline, std::string> Pipeline::parse(const std::string& description)
{
    ensure_initialized();
    ErrorOut error;
    GstElement* raw = gst_parse_launch_full(description.c_str(), nullptr, GST_PARSE_FLAG_FATAL_ERRORS, error.out());
    Element pipeline(raw, Ownership::sink);
    if (error || !pipeline)
        return error ? error.message() : std::string("the pipeline could not be built");
    return Pipeline(std::move(pipeline));
}

Element Pipeline::element(const char* name) const
{
    return Element(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), name), Ownership::adopt);
}

namespace {

PipelineProblem problem_from(GstMessage* message)
{
    PipelineProblem problem;
    ErrorOut error;
    OwnedString debug;
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
        gst_message_parse_error(message, error.out(), debug.out());
        problem.severity = PipelineProblem::Severity::error;
    } else {
        gst_message_parse_warning(message, error.out(), debug.out());
        problem.severity = PipelineProblem::Severity::warning;
    }
    GError* e = *error.out();
    problem.message = error.message();
    problem.debug = debug.str();
    if (e && e->domain == GST_RESOURCE_ERROR) {
        problem.resource_not_found = e->code == GST_RESOURCE_ERROR_NOT_FOUND ||
                                     e->code == GST_RESOURCE_ERROR_OPEN_READ ||
                                     e->code == GST_RESOURCE_ERROR_OPEN_READ_WRITE;
        problem.resource_busy = e->code == GST_RESOURCE_ERROR_BUSY;
    }
    if (GST_MESSAGE_SRC(message))
        problem.element = GST_OBJECT_NAME(GST_MESSAGE_SRC(message));
    return problem;
}

}  // namespace

std::optional<PipelineProblem> Pipeline::play(std::chrono::milliseconds timeout)
{
    if (gst_element_set_state(m_pipeline.get(), GST_STATE_PLAYING) != GST_STATE_CHANGE_FAILURE) {
        // Live pipelines answer NO_PREROLL at once; a failing device shows up as an error on the bus.
        PipelineProblem problem;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            GstState state = GST_STATE_NULL;
            gst_element_get_state(m_pipeline.get(), &state, nullptr, 0);
            if (state == GST_STATE_PLAYING)
                return std::nullopt;
            if (next_event(std::chrono::milliseconds(50), problem) == BusEvent::problem &&
                problem.severity == PipelineProblem::Severity::error)
                return problem;
        }
        return PipelineProblem{PipelineProblem::Severity::error, "pipeline", "did not start in time", "", false, false};
    }
    // The error that made it fail, not a warning before it (autoaudiosink's candidates that found no
    // device warn, then it falls back to discarding the sound).
    PipelineProblem problem;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    while (std::chrono::steady_clock::now() < deadline) {
        const auto seen = next_event(std::chrono::milliseconds(50), problem);
        if (seen == BusEvent::problem && problem.severity == PipelineProblem::Severity::error)
            return problem;
    }
    return PipelineProblem{PipelineProblem::Severity::error, "pipeline", "refused to start", "", false, false};
}

void Pipeline::stop()
{
    if (m_pipeline)
        gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
}

BusEvent Pipeline::next_event(std::chrono::milliseconds timeout, PipelineProblem& problem)
{
    Bus bus(gst_element_get_bus(m_pipeline.get()), Ownership::adopt);
    const auto filter = static_cast<GstMessageType>(GST_MESSAGE_ERROR | GST_MESSAGE_WARNING | GST_MESSAGE_EOS);
    Message message(gst_bus_timed_pop_filtered(bus.get(), static_cast<GstClockTime>(timeout.count()) * GST_MSECOND, filter),
                    Ownership::adopt);
    if (!message)
        return BusEvent::none;
    if (GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_EOS)
        return BusEvent::end_of_stream;
    problem = problem_from(message.get());
    return BusEvent::problem;
}

}  // namespace estrade::gst
