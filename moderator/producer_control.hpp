#pragma once
// The moderator's end of the producer's control socket (docs/producer.md#control): a text command in,
// the producer's state (JSON) out. A REQ socket, reopened after a timeout so one lost reply does not
// wedge it (the zguide's Lazy Pirate).

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace estrade::moderator {

class ProducerControl {
public:
    ProducerControl(zmq::context_t& context, std::string endpoint);

    // The producer's reply, or nothing when it did not answer in time.
    std::optional<nlohmann::json> send(const std::string& command,
                                       std::chrono::milliseconds timeout = std::chrono::milliseconds(1500));
    const std::string& endpoint() const { return m_endpoint; }

private:
    void open();

    zmq::context_t& m_context;
    std::string m_endpoint;
    zmq::socket_t m_socket;
};

}  // namespace estrade::moderator
