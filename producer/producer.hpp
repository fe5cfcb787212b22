#pragma once
// The host station: renders every deck and card, runs the speaker and slides pipelines, publishes both
// streams to the relay, and obeys the control socket and the keyboard.

#include "config/event.hpp"
#include "gst/pipeline.hpp"
#include "gst/sound_meter.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace estrade::producer {

struct ProducerOptions {
    bool keyboard = false;      // read presenter keys from the terminal
    bool stamp_frames = false;  // the latency bench's capture-time stamps in the speaker picture
    bool flash_and_beep = false;  // bench/lip-sync.sh: a flash and a tone on every whole second (test sources)
    std::string x264_preset;    // empty: the default (EncodingSettings)
    // The floor bench: a meter (outliving the producer) on what reaches the hall output.
    gst::SoundMeter* hall_meter = nullptr;
};

// One line naming the source and what to check, from what a pipeline's bus said.
std::string describe_pipeline_problem(const gst::PipelineProblem& problem, const config::Event& event);

class Producer {
public:
    // Every deck is rendered and both pipelines are playing before this returns; otherwise the
    // problems, one per line, in words.
    static std::variant<std::unique_ptr<Producer>, std::string> start(const config::Event& event,
                                                                      const ProducerOptions& options);
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    // The control socket's endpoint as bound (a port 0 in the event file becomes the real one).
    std::string control_endpoint() const;
    // Serves the control socket and the keyboard, and watches the pipelines, until `stop` is set.
    void run(const std::atomic<bool>& stop);

private:
    struct Impl;
    explicit Producer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace estrade::producer
