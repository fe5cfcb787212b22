#pragma once
// An SRT caller to the event's relay: the producer publishes with it, each room's viewer plays with it
// (their own threads, blocking calls with timeouts), and so do tests and benchmarks.

#include "config/event.hpp"
#include "handles.hpp"
#include "stream_id.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <variant>

namespace estrade::srt {

struct CallerSettings {
    config::HostPort address;
    std::string stream_id;
    std::string passphrase;  // empty: no encryption
    int latency_ms = 120;
    std::chrono::milliseconds connect_timeout{3000};
};

// The one way a component calls the event's relay: its address and latency, the stream id for `stream`
// (publish as the producer, or play as a site), and that caller's own passphrase from the event file
// (the producer's, or the site's; empty when the site is unknown).
CallerSettings caller_settings(const config::Event& event, const std::string& stream, StreamMode mode,
                               const std::string& user);

struct ConnectFailure {
    int reject_code = 0;  // SRT_REJ_* or SRT_REJX_* (srt_getrejectreason)
    std::string reason;

    // What a person at the host station or in a room can do about it, in one sentence.
    std::string explanation() const;
    bool unreachable() const;  // nobody answered (relay down, wrong address, firewall)
};

class Caller {
public:
    static std::variant<Caller, ConnectFailure> connect(const CallerSettings& settings);

    bool send(std::span<const std::uint8_t> message);
    // One message, or nothing on timeout or a closed connection.
    std::optional<std::size_t> receive(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout);
    SRTSOCKET handle() const { return m_socket.get(); }
    bool connected() const { return srt_getsockstate(m_socket.get()) == SRTS_CONNECTED; }

private:
    explicit Caller(Socket socket) : m_socket(std::move(socket)) {}
    Socket m_socket;
    int m_receive_timeout_ms = -1;  // as set on the socket: setting it takes three of libsrt's locks
};

}  // namespace estrade::srt
