// The noise bench's measuring tool: runs a recording through the producer's audio clean-up exactly as
// the speaker pipeline does (audio_cleanup_chain + the NoiseGate probe), and compares levels with the
// input where the clean speech track says someone speaks, and between words. One JSON line.
#include "gst/pipeline.hpp"
#include "gst/gate_probe.hpp"
#include "producer/pipelines.hpp"

#include <CLI/CLI.hpp>
#include <gst/app/gstappsink.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <vector>

using namespace estrade;

namespace {

enum class Cleanup { none, webrtcdsp, webrtcdsp_and_gate };

std::vector<std::int16_t> run(const std::string& wav, Cleanup cleanup)
{
    const std::string caps = "audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=1";
    const std::string chain = cleanup == Cleanup::none ? "audioconvert ! audioresample ! " + caps
                                                       : producer::audio_cleanup_chain();
    auto parsed = gst::Pipeline::parse("filesrc location=\"" + wav + "\" ! wavparse ! " + chain +
                                       " ! audioconvert ! " + caps + " ! appsink name=out sync=false");
    auto& pipeline = std::get<gst::Pipeline>(parsed);
    gst::NoiseGate gate(producer::audio_cleanup_rate);
    if (cleanup == Cleanup::webrtcdsp_and_gate)
        gst::attach_noise_gate(pipeline.element("speaker-gate").get(), gate);
    pipeline.play();
    gst::Element out = pipeline.element("out");
    std::vector<std::int16_t> samples;
    while (gst::Sample sample{gst_app_sink_pull_sample(GST_APP_SINK(out.get())), gst::Ownership::adopt}) {
        GstMapInfo map;
        GstBuffer* buffer = gst_sample_get_buffer(sample.get());
        gst_buffer_map(buffer, &map, GST_MAP_READ);
        const auto* s = reinterpret_cast<const std::int16_t*>(map.data);
        samples.insert(samples.end(), s, s + map.size / 2);
        gst_buffer_unmap(buffer, &map);
    }
    pipeline.stop();
    return samples;
}

constexpr std::size_t block = 480;  // 10 ms

std::vector<double> block_power(const std::vector<std::int16_t>& s)
{
    std::vector<double> power;
    for (std::size_t at = 0; at + block <= s.size(); at += block) {
        double sum = 0;
        for (std::size_t i = at; i < at + block; ++i)
            sum += static_cast<double>(s[i]) * s[i];
        power.push_back(sum / block);
    }
    return power;
}

double level_db(const std::vector<double>& power, const std::vector<bool>& in_region)
{
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < std::min(power.size(), in_region.size()); ++i)
        if (in_region[i]) {
            sum += power[i];
            ++n;
        }
    return 10 * std::log10(std::max(sum / static_cast<double>(std::max<std::size_t>(n, 1)), 1e-3) / (32768.0 * 32768.0));
}

// The typical (median) 10 ms block between words: the steady noise (whispers, rumble), where the
// power average above is dominated by the loudest events (pages turned).
double median_db(const std::vector<double>& power, const std::vector<bool>& in_region)
{
    std::vector<double> levels;
    for (std::size_t i = 0; i < std::min(power.size(), in_region.size()); ++i)
        if (in_region[i])
            levels.push_back(10 * std::log10(std::max(power[i], 1e-3) / (32768.0 * 32768.0)));
    if (levels.empty())
        return 0;
    std::nth_element(levels.begin(), levels.begin() + static_cast<long>(levels.size() / 2), levels.end());
    return levels[levels.size() / 2];
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"measure the producer's audio clean-up on a mix of speech and room noise"};
    std::string speech, mix;
    app.add_option("--speech", speech, "the clean speech track (where the words are)")->required();
    app.add_option("--mix", mix, "speech + noise, as the microphone hears it")->required();
    CLI11_PARSE(app, argc, argv);
    gst::ensure_initialized();

    // Words: 10 ms blocks of the clean track above -45 dBFS. Between words: blocks at least 150 ms from any word.
    const auto speech_power = block_power(run(speech, Cleanup::none));
    const double threshold = std::pow(10.0, -45 / 10.0) * 32768.0 * 32768.0;
    std::vector<bool> words(speech_power.size()), between(speech_power.size());
    for (std::size_t i = 0; i < speech_power.size(); ++i)
        words[i] = speech_power[i] > threshold;
    for (std::size_t i = 0; i < speech_power.size(); ++i) {
        bool near = false;
        for (std::size_t j = i >= 15 ? i - 15 : 0; j < std::min(speech_power.size(), i + 16) && !near; ++j)
            near = words[j];
        between[i] = !near;
    }
    const auto input = block_power(run(mix, Cleanup::none));
    nlohmann::json result{{"input",
                           {{"words_dbfs", level_db(input, words)},
                            {"between_words_dbfs", level_db(input, between)},
                            {"between_words_median_dbfs", median_db(input, between)}}}};
    for (auto [name, cleanup] : {std::pair{"webrtcdsp", Cleanup::webrtcdsp},
                                 std::pair{"webrtcdsp_and_gate", Cleanup::webrtcdsp_and_gate}}) {
        const auto output = block_power(run(mix, cleanup));
        const double w = level_db(output, words), b = level_db(output, between);
        result[name] = {{"words_dbfs", w},
                        {"between_words_dbfs", b},
                        {"between_words_median_dbfs", median_db(output, between)},
                        {"steady_noise_reduction_db", median_db(input, between) - median_db(output, between)},
                        {"noise_reduction_db", level_db(input, between) - b},
                        {"speech_level_change_db", w - level_db(input, words)},
                        {"words_to_noise_db", w - b}};
    }
    result["input"]["words_to_noise_db"] = level_db(input, words) - level_db(input, between);
    std::cout << result.dump() << std::endl;
    return 0;
}
