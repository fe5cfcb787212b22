#pragma once
// A gate after webrtcdsp: between words the room's remaining noise (whispers, pages turned) is pulled
// down to a floor instead of reaching every site. It follows the level of 10 ms blocks, opens at once
// on speech, holds through the short pauses inside a sentence, and closes gently so words keep their tails.

#include "sound_gate.hpp"

namespace estrade::gst {

struct NoiseGateSettings {
    // After webrtcdsp's gain control, speech sits around -17 dBFS (docs/benchmarks.md): whispers and
    // rumble stay under -38.
    double open_dbfs = -34;   // a block louder than this opens the gate
    double close_dbfs = -38;  // quieter than this for `hold_ms` starts closing it (hysteresis)
    double floor_db = -30;    // gain when closed: quieter, not dead silent (a dead room sounds broken)
    double hold_ms = 250;
    double attack_ms = 5;
    double release_ms = 150;
};

class NoiseGate : public SoundGate {
public:
    explicit NoiseGate(int sample_rate, NoiseGateSettings settings = {});

    void process(std::span<std::int16_t> samples, int channels) override;
    bool open() const override { return m_open; }

private:
    void process_block(std::span<std::int16_t> block, int channels);

    NoiseGateSettings m_settings;
    int m_sample_rate;
    double m_gain = 1.0;
    bool m_open = false;
    double m_quiet_ms = 0;
};

}  // namespace estrade::gst
