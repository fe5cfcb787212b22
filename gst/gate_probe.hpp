#pragma once
// Runs a gate on every buffer leaving an identity element (S16LE mono), on its streaming thread.

#include "sound_gate.hpp"
#include "speech_gate.hpp"

#include <gst/gst.h>

namespace estrade::gst {

// `gate` must outlive the pipeline's playing state.
void attach_gate(GstElement* identity, SoundGate& gate);

// Lets the speech gate hear what enters `cleanup` (webrtcdsp: the microphone as it was), each buffer
// before the gate gets it cleaned — a pad probe on its sink pad, on the same streaming thread when no
// queue stands between the two. Knocks are judged on it (SpeechGateSettings::knock_*).
void attach_gate_side_chain(GstElement* cleanup, SpeechGate& gate);

}  // namespace estrade::gst
