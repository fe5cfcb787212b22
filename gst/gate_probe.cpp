#include "gate_probe.hpp"

#include "gst/handles.hpp"

namespace estrade::gst {

namespace {

GstPadProbeReturn gate_buffer(GstPad*, GstPadProbeInfo* info, gpointer gate)
{
    GstBuffer* buffer = gst_buffer_make_writable(GST_PAD_PROBE_INFO_BUFFER(info));
    GST_PAD_PROBE_INFO_DATA(info) = buffer;
    GstMapInfo map;
    if (gst_buffer_map(buffer, &map, GST_MAP_READWRITE)) {
        static_cast<SoundGate*>(gate)->process({reinterpret_cast<std::int16_t*>(map.data), map.size / sizeof(std::int16_t)}, 1);
        gst_buffer_unmap(buffer, &map);
    }
    return GST_PAD_PROBE_OK;
}

GstPadProbeReturn hear_before_cleanup(GstPad*, GstPadProbeInfo* info, gpointer gate)
{
    GstMapInfo map;
    GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    if (gst_buffer_map(buffer, &map, GST_MAP_READ)) {
        static_cast<SpeechGate*>(gate)->listen_before_cleanup(
            {reinterpret_cast<const std::int16_t*>(map.data), map.size / sizeof(std::int16_t)}, 1);
        gst_buffer_unmap(buffer, &map);
    }
    return GST_PAD_PROBE_OK;
}

}  // namespace

void attach_gate_side_chain(GstElement* cleanup, SpeechGate& gate)
{
    gst::Pad pad(gst_element_get_static_pad(cleanup, "sink"), gst::Ownership::adopt);
    gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &hear_before_cleanup, &gate, nullptr);
}

void attach_gate(GstElement* identity, SoundGate& gate)
{
    gst::Pad pad(gst_element_get_static_pad(identity, "src"), gst::Ownership::adopt);
    gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &gate_buffer, &gate, nullptr);
}

}  // namespace estrade::gst
