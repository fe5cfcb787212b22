#pragma once
// Who may talk to a ZeroMQ server of the event (the question broker, the producer's control socket):
// CurveZMQ keys (or, where the event file says plaintext, a user name and password), checked by a ZAP
// handler (RFC 27) before any message is read. The server then authorises by the User-Id it gets,
// never by anything a client writes in its messages.

#include "keys.hpp"

#include "config/event.hpp"

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <string>

namespace estrade::qa {

struct ServerAuth {
    config::QaSettings::Security security = config::QaSettings::Security::curve;
    KeyPair server;                                  // curve: the server's own pair
    std::map<std::string, std::string> public_keys;  // curve: Z85 public key → user ("moderator", a site id)
    std::map<std::string, std::string> passwords;    // plaintext: user → password
};

// Makes `socket` a CURVE (or PLAIN) server checked by the context's ZAP handler.
void apply_server_security(zmq::socket_t& socket, const ServerAuth& auth);

// The ZAP handler of one context: bind it before any secured socket of that context sees a handshake.
class ZapHandler {
public:
    // `server` names the server in the log line of a refusal ("question broker", "producer control").
    ZapHandler(zmq::context_t& context, ServerAuth auth, std::string server);
    zmq::socket_t& socket() { return m_socket; }
    // Answers one pending ZAP request (when the socket is readable).
    void handle();
    const ServerAuth& auth() const { return m_auth; }
    // Who may connect from now on (a reload): the clients' keys or passwords; the server's own pair stays.
    void set_clients(const ServerAuth& auth)
    {
        m_auth.public_keys = auth.public_keys;
        m_auth.passwords = auth.passwords;
    }

private:
    ServerAuth m_auth;
    std::string m_server;
    zmq::socket_t m_socket;
};

// The handshakes the ZAP handler never sees, logged too: ZeroMQ refuses a client that holds a known public
// key with the wrong secret key, or that speaks another mechanism (PLAIN or NULL against CURVE), before
// any ZAP request. One line per kind of failure per 10 s (a misconfigured client retries every 100 ms).
class HandshakeLog : public zmq::monitor_t {
public:
    HandshakeLog(zmq::socket_t& socket, std::string server);
    // Logs what happened since the last call; never waits.
    void poll();

private:
    void on_event_handshake_failed_no_detail(const zmq_event_t& event, const char* address) override;
    void on_event_handshake_failed_protocol(const zmq_event_t& event, const char* address) override;
    void refused(const std::string& why, const char* address);

    std::string m_server;
    std::map<std::string, std::pair<std::chrono::steady_clock::time_point, int>> m_last;  // why → when, suppressed
};

// The producer's control socket: the moderator only, with its key pair (curve) or, in plaintext mode, the
// user "moderator" and the producer's passphrase. The producer's own pair is "producer" in the keys folder.
ServerAuth producer_control_server_auth(const config::Event& event);

}  // namespace estrade::qa
