#pragma once
// A site's or the moderator's connection to the broker: DEALER, authenticated, and Lazy Pirate
// retries (a timed-out request is resent with the same id on a fresh socket).

#include "config/event.hpp"
#include "keys.hpp"
#include "protocol.hpp"

#include <zmq.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace estrade::qa {

struct ClientAuth {
    config::QaSettings::Security security = config::QaSettings::Security::curve;
    std::string server_public_key;  // curve
    KeyPair own;                    // curve
    std::string user;               // plaintext
    std::string password;           // plaintext
};

// `who` is a site id or "moderator". Throws std::runtime_error naming a missing key file.
ClientAuth client_auth_from(const config::Event& event, const std::string& who);
void apply_client_security(zmq::socket_t& socket, const ClientAuth& auth);
// The moderator as a client of the producer's control socket (its server key: "producer"). Throws
// std::runtime_error naming a missing key file.
ClientAuth producer_control_client_auth(const config::Event& event);

class QaConnection {
public:
    QaConnection(zmq::context_t& context, std::string endpoint, ClientAuth auth);

    // Fills in "id" when the request has none. Returns the reply, or nothing when no attempt was answered.
    std::optional<Json> request(Json request, std::chrono::milliseconds timeout = std::chrono::milliseconds(2500),
                                int attempts = 3);

    const std::string& endpoint() const { return m_endpoint; }

private:
    void connect();

    zmq::context_t& m_context;
    std::string m_endpoint;
    ClientAuth m_auth;
    zmq::socket_t m_socket;
};

}  // namespace estrade::qa
