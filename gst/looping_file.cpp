#include "looping_file.hpp"

#include "launch.hpp"

namespace estrade::gst {

using namespace std::chrono_literals;

std::string looping_file_pipeline(const std::filesystem::path& file, FileMedia media, const std::string& channel)
{
    const std::string decode = "filesrc location=" + quoted(file.string()) + " ! decodebin name=file-decoder file-decoder. ! ";
    if (media == FileMedia::video)
        return decode + "video/x-raw ! queue ! videoconvert ! intervideosink channel=" + quoted(channel);
    return decode + "audio/x-raw ! queue ! audioconvert ! audioresample ! interaudiosink channel=" + quoted(channel);
}

std::variant<LoopingFile, std::string> LoopingFile::open(const std::filesystem::path& file, FileMedia media,
                                                         const std::string& channel)
{
    auto parsed = Pipeline::parse(looping_file_pipeline(file, media, channel));
    if (auto* error = std::get_if<std::string>(&parsed))
        return *error;
    return LoopingFile(std::move(std::get<Pipeline>(parsed)),
                       (media == FileMedia::video ? "video file " : "sound file ") + file.string());
}

std::optional<std::string> LoopingFile::poll()
{
    PipelineProblem problem;
    while (true) {
        const auto seen = m_pipeline.next_event(0ms, problem);
        if (seen == BusEvent::end_of_stream)
            gst_element_seek_simple(m_pipeline.get(), GST_FORMAT_TIME,
                                    static_cast<GstSeekFlags>(GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT), 0);
        else if (seen == BusEvent::problem && problem.severity == PipelineProblem::Severity::error)
            return m_label + ": " + problem.message;
        else if (seen == BusEvent::none)
            return std::nullopt;
    }
}

}  // namespace estrade::gst
