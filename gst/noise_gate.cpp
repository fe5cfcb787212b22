#include "noise_gate.hpp"

#include <algorithm>
#include <cmath>

namespace estrade::gst {

NoiseGate::NoiseGate(int sample_rate, NoiseGateSettings settings) : m_settings(settings), m_sample_rate(sample_rate)
{
    m_gain = std::pow(10.0, m_settings.floor_db / 20);
}

void NoiseGate::process(std::span<std::int16_t> samples, int channels)
{
    const std::size_t block = static_cast<std::size_t>(m_sample_rate / 100) * static_cast<std::size_t>(channels);
    for (std::size_t start = 0; start < samples.size(); start += block)
        process_block(samples.subspan(start, std::min(block, samples.size() - start)), channels);
}

void NoiseGate::process_block(std::span<std::int16_t> block, int channels)
{
    double sum = 0;
    for (const std::int16_t s : block)
        sum += static_cast<double>(s) * s;
    const double rms = std::sqrt(sum / static_cast<double>(std::max<std::size_t>(1, block.size()))) / 32768.0;
    const double level_dbfs = 20 * std::log10(std::max(rms, 1e-9));
    const double block_ms = 1000.0 * static_cast<double>(block.size()) / channels / m_sample_rate;
    if (level_dbfs > m_settings.open_dbfs) {
        m_open = true;
        m_quiet_ms = 0;
    } else if (level_dbfs < m_settings.close_dbfs) {
        m_quiet_ms += block_ms;
        if (m_quiet_ms > m_settings.hold_ms)
            m_open = false;
    }
    // The gain moves sample by sample towards its target, on a one-pole curve.
    const double target = m_open ? 1.0 : std::pow(10.0, m_settings.floor_db / 20);
    const double time_ms = m_open ? m_settings.attack_ms : m_settings.release_ms;
    const double step = 1.0 - std::exp(-1000.0 / (time_ms * m_sample_rate));
    const std::size_t frames = block.size() / static_cast<std::size_t>(channels);
    for (std::size_t f = 0; f < frames; ++f) {
        m_gain += (target - m_gain) * step;
        for (int c = 0; c < channels; ++c) {
            auto& s = block[f * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)];
            s = static_cast<std::int16_t>(std::lround(s * m_gain));
        }
    }
}

}  // namespace estrade::gst
