#pragma once
// The recording: one file per stream and talk, <record_dir>/<stream>-talk2-001.ts (the number counts
// files within the talk), cut when the talk changes. splitmuxsink asks for each file name on a
// GStreamer thread; the talk it reads is the one atomic shared with the main thread.

#include "gst/pipeline.hpp"

#include <atomic>
#include <filesystem>
#include <vector>

namespace estrade::producer {

class Recorder {
public:
    explicit Recorder(std::filesystem::path folder) : m_folder(std::move(folder)) {}
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // The stream's splitmuxsink (names::recorder(stream)) names its files through this recorder, which
    // must outlive the pipeline.
    void attach(gst::Pipeline& pipeline, const char* stream);
    // Cuts every stream's file when the talk is not the one being recorded; true when it cut (each stream
    // then needs a keyframe to start its new file).
    bool talk_changed(int talk);

private:
    static gchar* file_name(GstElement* recorder, guint fragment, gpointer self);

    std::filesystem::path m_folder;
    std::atomic<int> m_talk{0};
    std::vector<gst::Element> m_recorders;
};

}  // namespace estrade::producer
