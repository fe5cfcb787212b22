#include "zap.hpp"

#include <spdlog/spdlog.h>
#include <zmq_addon.hpp>

#include <array>
#include <iterator>
#include <vector>

namespace estrade::qa {

namespace {

using Security = config::QaSettings::Security;

std::string z85_encode(const zmq::message_t& binary_key)
{
    char text[41] = {};
    if (binary_key.size() != 32 || !zmq_z85_encode(text, static_cast<const std::uint8_t*>(binary_key.data()), 32))
        return {};
    return text;
}

}  // namespace

void apply_server_security(zmq::socket_t& socket, const ServerAuth& auth)
{
    socket.set(zmq::sockopt::zap_domain, "estrade");
    if (auth.security == Security::curve) {
        socket.set(zmq::sockopt::curve_server, true);
        socket.set(zmq::sockopt::curve_secretkey, auth.server.secret_key);
    } else {
        socket.set(zmq::sockopt::plain_server, true);
    }
}

ZapHandler::ZapHandler(zmq::context_t& context, ServerAuth auth, std::string server)
    : m_auth(std::move(auth)), m_server(std::move(server)), m_socket(context, zmq::socket_type::rep)
{
    m_socket.bind("inproc://zeromq.zap.01");
}

void ZapHandler::handle()
{
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(m_socket, std::back_inserter(frames), zmq::recv_flags::dontwait) || frames.size() < 6)
        return;
    const std::string request_id = frames[1].to_string();
    const std::string address = frames[3].to_string();
    const std::string mechanism = frames[5].to_string();
    std::string user;
    if (mechanism == "CURVE" && frames.size() >= 7 && m_auth.security == Security::curve) {
        auto it = m_auth.public_keys.find(z85_encode(frames[6]));
        if (it != m_auth.public_keys.end())
            user = it->second;
    } else if (mechanism == "PLAIN" && frames.size() >= 8 && m_auth.security == Security::plaintext) {
        auto it = m_auth.passwords.find(frames[6].to_string());
        if (it != m_auth.passwords.end() && it->second == frames[7].to_string())
            user = it->first;
    }
    if (user.empty())
        spdlog::warn("{}: refused a {} connection from {}: unknown key or wrong password", m_server, mechanism, address);
    std::array<zmq::const_buffer, 6> reply = {
        zmq::str_buffer("1.0"),
        zmq::buffer(request_id),
        user.empty() ? zmq::str_buffer("400") : zmq::str_buffer("200"),
        user.empty() ? zmq::str_buffer("unknown key") : zmq::str_buffer("OK"),
        zmq::buffer(user),
        zmq::str_buffer(""),
    };
    zmq::send_multipart(m_socket, reply);
}

HandshakeLog::HandshakeLog(zmq::socket_t& socket, std::string server) : m_server(std::move(server))
{
    static std::atomic<int> count{0};
    init(socket, "inproc://estrade-handshakes-" + std::to_string(++count),
         ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL);
}

void HandshakeLog::poll()
{
    while (check_event(0)) {
    }
}

void HandshakeLog::on_event_handshake_failed_no_detail(const zmq_event_t&, const char* address)
{
    refused("the handshake failed", address);
}

void HandshakeLog::on_event_handshake_failed_protocol(const zmq_event_t& event, const char* address)
{
    switch (event.value) {
    case ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH:
        refused("the client uses another security mechanism (PLAIN or NULL where CURVE is needed, or the reverse)",
                address);
        break;
    case ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC:
        refused("a known public key with the wrong secret key, or the wrong server key", address);
        break;
    default: refused("a protocol error (" + std::to_string(event.value) + ")", address); break;
    }
}

void HandshakeLog::refused(const std::string& why, const char* address)
{
    const auto now = std::chrono::steady_clock::now();
    auto& [last, suppressed] = m_last[why];
    if (last != std::chrono::steady_clock::time_point{} && now - last < std::chrono::seconds(10)) {
        ++suppressed;
        return;
    }
    if (suppressed > 0)
        spdlog::warn("{}: refused a connection on {}: {}; {} more in the last 10 s", m_server, address, why, suppressed);
    else
        spdlog::warn("{}: refused a connection on {}: {}", m_server, address, why);
    last = now;
    suppressed = 0;
}

ServerAuth producer_control_server_auth(const config::Event& event)
{
    ServerAuth auth;
    auth.security = event.qa.security;
    if (auth.security == Security::curve) {
        auth.server = read_key_pair(event.qa.keys, producer_key_owner);
        auth.public_keys[read_public_key(event.qa.keys, moderator_key_owner)] = moderator_key_owner;
    } else {
        auth.passwords[moderator_key_owner] = event.producer.passphrase;
    }
    return auth;
}

}  // namespace estrade::qa
