// estrade-producer: the host station's two streams, speaker and slides (docs/producer.md).
#include "producer/producer.hpp"
#include "producer/tools.hpp"

#include "config/endpoint.hpp"
#include "config/event_file.hpp"
#include "i18n/catalogue.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <unistd.h>

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

using namespace estrade;

int run_producer(config::Event event, producer::ProducerOptions options)
{
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    spdlog::info("preparing the decks and title cards of \"{}\" at {}", event.event.title,
                 event.producer.resolution.to_string());
    options.keyboard = ::isatty(STDIN_FILENO) == 1;
    auto started = producer::Producer::start(event, options);
    if (auto* problem = std::get_if<std::string>(&started)) {
        std::cerr << "estrade-producer: " << *problem << "\n";
        return 1;
    }
    auto& producer = *std::get<std::unique_ptr<producer::Producer>>(started);
    // One parseable line for scripts and tests.
    std::cout << "producer control=" << producer.control_endpoint() << " relay=" << event.relay.url.to_string()
              << std::endl;
    producer.run(g_stop);
    spdlog::info("producer stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Estrade producer: the speaker and the slides as two full-resolution streams to the relay."};
    std::string event_file, relay_url, control;
    app.add_option("--event", event_file, "the event file")->required()->check(CLI::ExistingFile);
    app.add_option("--relay", relay_url, "override relay.url (srt://host:port): publish to another SRT listener");
    app.add_option("--control", control, "override producer.control (tcp://host:port; port * lets the system pick)");
    producer::ProducerOptions options;
    std::string language;
    app.add_option("--language", language, "the cards' fixed words: fr or en (default: the event's, else this PC's)")
        ->check(CLI::IsMember({"fr", "en"}));
    app.add_flag("--bench-stamp-frames", options.stamp_frames, "benchmarks only: write the capture time into each frame");
    app.add_flag("--bench-flash-and-beep", options.flash_and_beep,
                 "benchmarks only (bench/lip-sync.sh): the test camera flashes white and the test microphone beeps "
                 "on every whole second");
    app.add_option("--x264-preset", options.x264_preset,
                   "x264 speed preset (default veryfast, see docs/benchmarks.md); slower ones need a stronger PC")
        ->check(CLI::IsMember({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium"}));
    auto* control_command = app.add_subcommand("control", "send one command to a running producer and print its state");
    std::vector<std::string> words;
    control_command->add_option("command", words, "state | next | previous | opening | title-card talk N | "
                                                  "questions talk N | goto talk N [slide M]")
        ->required();
    auto* pipelines = app.add_subcommand("pipelines", "print the two GStreamer pipelines this event file gives");
    auto* cards = app.add_subcommand("cards", "write every title card and rendered slide as PNG, to check decks");
    std::string out = "cards";
    cards->add_option("--out", out, "the folder to write to");
    CLI11_PARSE(app, argc, argv);
    spdlog::set_default_logger(spdlog::stderr_color_mt("estrade-producer"));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
    spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug shows the pipelines

    auto event = config::load_event_file_or_exit(event_file);
    spdlog::info("language of the cards: {}", i18n::speak(language, event.event.language));
    if (!relay_url.empty()) {
        auto parsed = config::parse_srt_url(relay_url);
        if (!parsed) {
            std::cerr << "estrade-producer: --relay \"" << relay_url << "\" must be srt://host:port\n";
            return 2;
        }
        event.relay.url = *parsed;
    }
    if (!control.empty()) {
        if (!config::is_valid_zmq_endpoint(control, config::PortRule::any_port)) {
            std::cerr << "estrade-producer: --control \"" << control << "\" must be tcp://host:port\n";
            return 2;
        }
        event.producer.control = control;
    }
    try {
        if (control_command->parsed())
            return producer::send_control(event, control, words);
        if (cards->parsed())
            return producer::write_cards(event, out);
        if (pipelines->parsed())
            return producer::print_pipelines(event, options.x264_preset);
        return run_producer(std::move(event), options);
    } catch (const std::exception& e) {
        std::cerr << "estrade-producer: " << e.what() << "\n";
        return 1;
    }
}
