#pragma once
// A media file played at its own pace, over and over, into an inter-pipeline channel: what a live
// pipeline reads as an endless camera or microphone (intervideosrc / interaudiosrc on that channel).
// Used for rehearsals and tests: the producer's `file:` camera and microphone, a room's `file:` microphone.

#include "pipeline.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace estrade::gst {

enum class FileMedia { video, audio };

// The launch description (pure, unit-tested).
std::string looping_file_pipeline(const std::filesystem::path& file, FileMedia media, const std::string& channel);

class LoopingFile {
public:
    // Built, not yet playing; or why it cannot be built.
    static std::variant<LoopingFile, std::string> open(const std::filesystem::path& file, FileMedia media,
                                                       const std::string& channel);
    std::optional<PipelineProblem> play() { return m_pipeline.play(); }
    // Seeks back to the start at the end; returns a failure to report (an unreadable file), if any.
    // Called from the owner's loop, every 100 ms or so.
    std::optional<std::string> poll();
    void stop() { m_pipeline.stop(); }
    const std::string& label() const { return m_label; }

private:
    LoopingFile(Pipeline pipeline, std::string label) : m_pipeline(std::move(pipeline)), m_label(std::move(label)) {}
    Pipeline m_pipeline;
    std::string m_label;
};

}  // namespace estrade::gst
