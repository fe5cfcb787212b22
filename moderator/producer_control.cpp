#include "producer_control.hpp"

namespace estrade::moderator {

ProducerControl::ProducerControl(zmq::context_t& context, std::string endpoint, std::optional<qa::ClientAuth> auth)
    : m_context(context), m_endpoint(std::move(endpoint)), m_auth(std::move(auth))
{
    open();
}

void ProducerControl::open()
{
    m_socket = zmq::socket_t(m_context, zmq::socket_type::req);
    m_socket.set(zmq::sockopt::linger, 0);
    if (m_auth)
        qa::apply_client_security(m_socket, *m_auth);
    m_socket.connect(m_endpoint);
}

std::optional<nlohmann::json> ProducerControl::send(const std::string& command, std::chrono::milliseconds timeout)
{
    m_socket.send(zmq::buffer(command), zmq::send_flags::none);
    zmq::pollitem_t item{m_socket.handle(), 0, ZMQ_POLLIN, 0};
    zmq::message_t reply;
    if (zmq::poll(&item, 1, timeout) <= 0 || !m_socket.recv(reply, zmq::recv_flags::dontwait)) {
        open();  // a REQ socket that sent without an answer cannot send again
        return std::nullopt;
    }
    auto json = nlohmann::json::parse(reply.to_string_view(), nullptr, false);
    if (json.is_discarded())
        return nlohmann::json{{"ok", false}, {"error", "the producer's reply is not JSON"}};
    return json;
}

}  // namespace estrade::moderator
