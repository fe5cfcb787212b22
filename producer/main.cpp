// estrade-producer: the host station's two streams, speaker and slides (docs/producer.md).
#include "producer/pipelines.hpp"
#include "producer/producer.hpp"
#include "producer/slide_renderer.hpp"

#include "config/endpoint.hpp"
#include "config/event_file.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <zmq.hpp>

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

int send_control(const config::Event& event, const std::string& endpoint, const std::vector<std::string>& words)
{
    std::string command;
    for (const auto& w : words)
        command += (command.empty() ? "" : " ") + w;
    zmq::context_t context;
    zmq::socket_t socket(context, zmq::socket_type::req);
    socket.set(zmq::sockopt::linger, 0);
    socket.connect(endpoint.empty() ? event.producer.control_url : endpoint);
    socket.send(zmq::buffer(command), zmq::send_flags::none);
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(3000));
    zmq::message_t reply;
    if (!(item.revents & ZMQ_POLLIN) || !socket.recv(reply)) {
        std::cerr << "estrade-producer: no answer from the producer at "
                  << (endpoint.empty() ? event.producer.control_url : endpoint) << " (is it running?)\n";
        return 3;
    }
    const auto json = nlohmann::json::parse(reply.to_string(), nullptr, false);
    std::cout << (json.is_discarded() ? reply.to_string() : json.dump(2)) << "\n";
    return !json.is_discarded() && json.value("ok", false) ? 0 : 1;
}

int write_cards(const config::Event& event, const std::filesystem::path& out)
{
    using producer::CardKind;
    std::filesystem::create_directories(out);
    const auto size = event.producer.resolution;
    producer::write_card_png(event, CardKind::opening, 0, size, out / "opening.png");
    int problems = 0;
    for (std::size_t i = 0; i < event.talks.size(); ++i) {
        const std::string talk = "talk" + std::to_string(i + 1);
        producer::write_card_png(event, CardKind::title, i, size, out / (talk + "-title.png"));
        producer::write_card_png(event, CardKind::questions, i, size, out / (talk + "-questions.png"));
        if (!event.talks[i].deck)
            continue;
        auto deck = producer::render_deck(*event.talks[i].deck, size);
        if (auto* error = std::get_if<producer::DeckError>(&deck)) {
            std::cerr << "estrade-producer: " << talk << ": " << error->to_string() << "\n";
            ++problems;
            continue;
        }
        const auto& pictures = std::get<std::vector<producer::Picture>>(deck);
        for (std::size_t s = 0; s < pictures.size(); ++s)
            producer::write_picture_png(pictures[s], out / (talk + "-slide" + std::to_string(s + 1) + ".png"));
        std::cout << talk << ": " << pictures.size() << " slides\n";
    }
    std::cout << "cards and slides written to " << out.string() << "\n";
    return problems ? 1 : 0;
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
    app.add_flag("--bench-stamp-frames", options.stamp_frames, "benchmarks only: write the capture time into each frame");
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
            return send_control(event, control, words);
        if (cards->parsed())
            return write_cards(event, out);
        if (pipelines->parsed()) {
            auto encoding = producer::encoding_from(event);
            if (!options.x264_preset.empty())
                encoding.x264_preset = options.x264_preset;
            std::cout << "speaker: " << producer::speaker_pipeline(event.producer, encoding) << "\n"
                      << "slides: " << producer::slides_pipeline(event.producer, encoding) << "\n";
            return 0;
        }
        return run_producer(std::move(event), options);
    } catch (const std::exception& e) {
        std::cerr << "estrade-producer: " << e.what() << "\n";
        return 1;
    }
}
