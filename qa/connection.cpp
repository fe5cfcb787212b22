#include "connection.hpp"

#include <random>

namespace estrade::qa {

namespace {

// `who` proves itself to the server whose key pair is `server_owner` (the broker, or the producer).
ClientAuth client_auth_to(const config::Event& event, const std::string& who, const char* server_owner)
{
    ClientAuth auth;
    auth.security = event.qa.security;
    if (auth.security == config::QaSettings::Security::curve) {
        auth.server_public_key = read_public_key(event.qa.keys, server_owner);
        auth.own = read_key_pair(event.qa.keys, who);
    } else {
        auth.user = who;
        if (who == moderator_key_owner)
            auth.password = event.producer.passphrase;
        else if (const auto* site = event.find_site(who))
            auth.password = site->passphrase;
        else
            throw std::runtime_error("\"" + who + "\" is not a site of this event");
    }
    return auth;
}

}  // namespace

ClientAuth client_auth_from(const config::Event& event, const std::string& who)
{
    return client_auth_to(event, who, broker_key_owner);
}

ClientAuth producer_control_client_auth(const config::Event& event)
{
    return client_auth_to(event, moderator_key_owner, producer_key_owner);
}

void apply_client_security(zmq::socket_t& socket, const ClientAuth& auth)
{
    if (auth.security == config::QaSettings::Security::curve) {
        socket.set(zmq::sockopt::curve_serverkey, auth.server_public_key);
        socket.set(zmq::sockopt::curve_publickey, auth.own.public_key);
        socket.set(zmq::sockopt::curve_secretkey, auth.own.secret_key);
    } else {
        socket.set(zmq::sockopt::plain_username, auth.user);
        socket.set(zmq::sockopt::plain_password, auth.password);
    }
}

QaConnection::QaConnection(zmq::context_t& context, std::string endpoint, ClientAuth auth)
    : m_context(context), m_endpoint(std::move(endpoint)), m_auth(std::move(auth))
{
    connect();
}

void QaConnection::connect()
{
    m_socket = zmq::socket_t(m_context, zmq::socket_type::dealer);
    m_socket.set(zmq::sockopt::linger, 0);
    apply_client_security(m_socket, m_auth);
    m_socket.connect(m_endpoint);
}

std::optional<Json> QaConnection::request(Json request, std::chrono::milliseconds timeout, int attempts)
{
    if (!request.contains("id"))
        request["id"] = make_request_id();
    const std::string id = request["id"].get<std::string>();
    const std::string text = request.dump();
    for (int attempt = 0; attempt < attempts; ++attempt) {
        if (attempt > 0)
            connect();  // a fresh socket drops whatever the old one had queued
        m_socket.send(zmq::buffer(text), zmq::send_flags::none);
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                                     std::chrono::steady_clock::now());
            if (left.count() <= 0)
                break;
            zmq::pollitem_t item{m_socket.handle(), 0, ZMQ_POLLIN, 0};
            if (zmq::poll(&item, 1, left) == 0)
                break;
            zmq::message_t reply;
            if (!m_socket.recv(reply, zmq::recv_flags::dontwait))
                continue;
            Json json = Json::parse(reply.to_string_view(), nullptr, false);
            // Late replies to earlier requests on this socket are not ours.
            if (json.is_object() && json.value("id", std::string{}) == id)
                return json;
        }
    }
    return std::nullopt;
}

}  // namespace estrade::qa
