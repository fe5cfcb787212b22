#include "tools.hpp"

#include "qa/connection.hpp"

#include "pipelines.hpp"
#include "slide_renderer.hpp"

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <iostream>

namespace estrade::producer {

int send_control(const config::Event& event, const std::string& endpoint, const std::vector<std::string>& words)
{
    std::string command;
    for (const auto& w : words)
        command += (command.empty() ? "" : " ") + w;
    zmq::context_t context;
    zmq::socket_t socket(context, zmq::socket_type::req);
    socket.set(zmq::sockopt::linger, 0);
    // As the moderator: the producer takes commands from the moderator's key only.
    qa::apply_client_security(socket, qa::producer_control_client_auth(event));
    socket.connect(endpoint.empty() ? event.producer.control_url : endpoint);
    socket.send(zmq::buffer(command), zmq::send_flags::none);
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(3000));
    zmq::message_t reply;
    if (!(item.revents & ZMQ_POLLIN) || !socket.recv(reply)) {
        std::cerr << "estrade-producer: no answer from the producer at "
                  << (endpoint.empty() ? event.producer.control_url : endpoint)
                  << " (is it running, with the same keys folder?)\n";
        return 3;
    }
    const auto json = nlohmann::json::parse(reply.to_string(), nullptr, false);
    std::cout << (json.is_discarded() ? reply.to_string() : json.dump(2)) << "\n";
    return !json.is_discarded() && json.value("ok", false) ? 0 : 1;
}

int write_cards(const config::Event& event, const std::filesystem::path& out)
{
        std::filesystem::create_directories(out);
    const auto size = event.producer.resolution;
    write_card_png(event, CardKind::opening, 0, size, out / "opening.png");
    int problems = 0;
    for (std::size_t i = 0; i < event.talks.size(); ++i) {
        const std::string talk = "talk" + std::to_string(i + 1);
        write_card_png(event, CardKind::title, i, size, out / (talk + "-title.png"));
        write_card_png(event, CardKind::questions, i, size, out / (talk + "-questions.png"));
        if (!event.talks[i].deck)
            continue;
        auto deck = render_deck(*event.talks[i].deck, size);
        if (auto* error = std::get_if<DeckError>(&deck)) {
            std::cerr << "estrade-producer: " << talk << ": " << error->to_string() << "\n";
            ++problems;
            continue;
        }
        const auto& pictures = std::get<std::vector<Picture>>(deck);
        for (std::size_t s = 0; s < pictures.size(); ++s)
            write_picture_png(pictures[s], out / (talk + "-slide" + std::to_string(s + 1) + ".png"));
        std::cout << talk << ": " << pictures.size() << " slides\n";
    }
    std::cout << "cards and slides written to " << out.string() << "\n";
    return problems ? 1 : 0;
}

int print_pipelines(const config::Event& event, const std::string& x264_preset)
{
    auto encoding = encoding_from(event);
    if (!x264_preset.empty())
        encoding.x264_preset = x264_preset;
    std::cout << "speaker: " << speaker_pipeline(event.producer, encoding) << "\n"
              << "slides: " << slides_pipeline(event.producer, encoding) << "\n";
    return 0;
}

}  // namespace estrade::producer
