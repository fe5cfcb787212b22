#pragma once
// Runs a gate on every buffer leaving an identity element (S16LE mono), on its streaming thread.

#include "sound_gate.hpp"

#include <gst/gst.h>

namespace estrade::gst {

// `gate` must outlive the pipeline's playing state.
void attach_gate(GstElement* identity, SoundGate& gate);

}  // namespace estrade::gst
