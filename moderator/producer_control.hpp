#pragma once
// The moderator's end of the producer's control socket (docs/producer.md#control): a text command in,
// the producer's state (JSON) out; authenticated with the moderator's key (CurveZMQ). A REQ socket, reopened after a timeout so one lost reply does not
// wedge it (the zguide's Lazy Pirate).

#include "qa/connection.hpp"

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace estrade::moderator {

class ProducerControl {
public:
    // `auth`: the moderator's keys (qa::producer_control_client_auth); nothing when they cannot be read, and
    // then the producer refuses (the console says it does not answer).
    ProducerControl(zmq::context_t& context, std::string endpoint, std::optional<qa::ClientAuth> auth);

    // The producer's reply, or nothing when it did not answer in time.
    std::optional<nlohmann::json> send(const std::string& command,
                                       std::chrono::milliseconds timeout = std::chrono::milliseconds(1500));
    const std::string& endpoint() const { return m_endpoint; }

private:
    void open();

    zmq::context_t& m_context;
    std::string m_endpoint;
    std::optional<qa::ClientAuth> m_auth;
    zmq::socket_t m_socket;
};

}  // namespace estrade::moderator
