#pragma once
// Runs a NoiseGate on every buffer leaving an identity element (S16LE mono), on its streaming thread.

#include "noise_gate.hpp"

#include <gst/gst.h>

namespace estrade::gst {

// `gate` must outlive the pipeline's playing state.
void attach_noise_gate(GstElement* identity, NoiseGate& gate);

}  // namespace estrade::gst
