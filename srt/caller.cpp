#include "caller.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <srt/access_control.h>

#include <cstring>

namespace estrade::srt {

CallerSettings caller_settings(const config::Event& event, const std::string& stream, StreamMode mode,
                               const std::string& user)
{
    CallerSettings s;
    s.address = event.relay.url;
    s.stream_id = StreamId{event.event.id, stream, mode, user}.to_string();
    // The producer's key for the producer (publishing the programme, playing a room's voice); a site's
    // own key for a site (playing, or publishing its room's microphone).
    if (user == producer_user) {
        s.passphrase = event.producer.passphrase;
    } else if (const auto* site = event.find_site(user)) {
        s.passphrase = site->passphrase;
    }
    s.latency_ms = event.relay.latency_ms;
    return s;
}

std::variant<Caller, ConnectFailure> Caller::connect(const CallerSettings& settings)
{
    auto socket = Socket::create();
    socket.set(SRTO_LATENCY, settings.latency_ms);
    socket.set(SRTO_CONNTIMEO, static_cast<int>(settings.connect_timeout.count()));
    if (!settings.stream_id.empty())
        socket.set_string(SRTO_STREAMID, settings.stream_id);
    // libsrt refuses a passphrase outside 10–79 characters: the same answer as a wrong one, not an exception
    // on the caller's thread (a player or a publisher would end the program).
    if (!settings.passphrase.empty() &&
        srt_setsockflag(socket.get(), SRTO_PASSPHRASE, settings.passphrase.data(),
                        static_cast<int>(settings.passphrase.size())) == SRT_ERROR)
        return ConnectFailure{SRT_REJ_BADSECRET, "the passphrase is not usable (10 to 79 characters): " + last_error()};
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* result = nullptr;
    if (getaddrinfo(settings.address.host.c_str(), std::to_string(settings.address.port).c_str(), &hints, &result) != 0)
        return ConnectFailure{0, "cannot resolve " + settings.address.to_string()};
    const int rc = srt_connect(socket.get(), result->ai_addr, static_cast<int>(result->ai_addrlen));
    freeaddrinfo(result);
    if (rc == SRT_ERROR) {
        const int code = srt_getrejectreason(socket.get());
        return ConnectFailure{code, std::string(srt_rejectreason_str(code)) + " / " + last_error()};
    }
    return Caller(std::move(socket));
}

bool ConnectFailure::unreachable() const
{
    return reject_code == SRT_REJ_TIMEOUT || reject_code == SRT_REJ_UNKNOWN || reject_code == SRT_REJ_CLOSE ||
           reject_code == SRT_REJ_PEER;
}

std::string ConnectFailure::explanation() const
{
    switch (reject_code) {
    case SRT_REJ_BADSECRET:
        return "wrong passphrase: the relay expects another one (check the passphrase in the event file)";
    case SRT_REJ_UNSECURE:
        return "no passphrase set, and the relay only accepts encrypted streams (check the event file)";
    case SRT_REJ_TIMEOUT:
    case SRT_REJ_UNKNOWN:
    case SRT_REJ_CLOSE:
    case SRT_REJ_PEER:
        return "the relay does not answer (is estrade-relay running, and is the address in the event file right?)";
    case SRT_REJX_UNAUTHORIZED:
        return "the relay does not know this site (the relay and this room use different event files)";
    case SRT_REJX_NOTFOUND:
        return "the relay serves another event, or this stream is not published (the relay and this program use "
               "different event files)";
    case SRT_REJX_FORBIDDEN:
        return "the relay refused to let this program publish (only the producer may)";
    default:
        return "the relay refused the connection (" + reason + ")";
    }
}

bool Caller::send(std::span<const std::uint8_t> message)
{
    return srt_sendmsg2(m_socket.get(), reinterpret_cast<const char*>(message.data()), static_cast<int>(message.size()),
                        nullptr) != SRT_ERROR;
}

std::optional<std::size_t> Caller::receive(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout)
{
    // Once, not per message: libsrt's setsockflag locks the connection, the sender and the receiver, the
    // last against libsrt's own delivery thread.
    if (const int ms = static_cast<int>(timeout.count()); ms != m_receive_timeout_ms) {
        srt_setsockflag(m_socket.get(), SRTO_RCVTIMEO, &ms, sizeof ms);
        m_receive_timeout_ms = ms;
    }
    const int n = srt_recvmsg2(m_socket.get(), reinterpret_cast<char*>(buffer.data()), static_cast<int>(buffer.size()),
                               nullptr);
    if (n <= 0)
        return std::nullopt;
    return static_cast<std::size_t>(n);
}

}  // namespace estrade::srt
