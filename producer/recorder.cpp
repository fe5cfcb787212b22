#include "recorder.hpp"

#include "element_names.hpp"

namespace estrade::producer {

void Recorder::attach(gst::Pipeline& pipeline, const char* stream)
{
    gst::Element recorder = pipeline.element(names::recorder(stream).c_str());
    g_object_set_data(G_OBJECT(recorder.get()), "estrade-stream", const_cast<char*>(stream));
    g_signal_connect(recorder.get(), "format-location", G_CALLBACK(&Recorder::file_name), this);
    m_recorders.push_back(std::move(recorder));
}

bool Recorder::talk_changed(int talk)
{
    if (m_talk.exchange(talk) == talk)
        return false;
    for (auto& recorder : m_recorders)
        g_signal_emit_by_name(recorder.get(), "split-now");
    return true;
}

gchar* Recorder::file_name(GstElement* recorder, guint fragment, gpointer self)
{
    const auto* me = static_cast<const Recorder*>(self);
    const char* stream = static_cast<const char*>(g_object_get_data(G_OBJECT(recorder), "estrade-stream"));
    const int talk = me->m_talk.load();
    const std::string part = talk == 0 ? "opening" : "talk" + std::to_string(talk);
    const auto file = me->m_folder / (std::string(stream) + "-" + part + "-" + std::to_string(fragment + 1000).substr(1) + ".ts");
    return g_strdup(file.c_str());
}

}  // namespace estrade::producer
