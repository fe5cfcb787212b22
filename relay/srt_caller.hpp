#pragma once
// A blocking SRT caller: how a test, a benchmark or a simple tool publishes to or plays from a relay.

#include "config/event.hpp"
#include "srt_handles.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <variant>

namespace estrade::relay {

struct CallerSettings {
    config::HostPort address;
    std::string stream_id;
    std::string passphrase;  // empty: no encryption
    int latency_ms = 120;
    std::chrono::milliseconds connect_timeout{3000};
};

struct ConnectFailure {
    int reject_code = 0;  // SRT_REJ_* or SRT_REJX_* (srt_getrejectreason)
    std::string reason;

    // What a person at the host station or in a room can do about it, in one sentence.
    std::string explanation() const;
    bool unreachable() const;  // nobody answered (relay down, wrong address, firewall)
};

class SrtCaller {
public:
    static std::variant<SrtCaller, ConnectFailure> connect(const CallerSettings& settings);

    bool send(std::span<const std::uint8_t> message);
    // One message, or nothing on timeout or a closed connection.
    std::optional<std::size_t> receive(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout);
    SRTSOCKET handle() const { return m_socket.get(); }
    bool connected() const { return srt_getsockstate(m_socket.get()) == SRTS_CONNECTED; }

private:
    explicit SrtCaller(SrtSocket socket) : m_socket(std::move(socket)) {}
    SrtSocket m_socket;
};

}  // namespace estrade::relay
