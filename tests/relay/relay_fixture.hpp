#pragma once
// A real relay on loopback (port chosen by the OS) in a thread of the test, and SRT callers that
// publish the shipped MPEG-TS fixture or play a stream and keep every byte they receive.

#include "relay/relay_server.hpp"
#include "srt/caller.hpp"
#include "srt/stream_id.hpp"

#include <fstream>
#include <iterator>
#include <thread>

namespace estrade::testing {

// tests/data/make-test-stream.sh: 4 s of 320x180 H.264, without sound (like the slides) or with AAC
// sound (like the speaker).
// test-room.ts: 4 s of Opus sound alone (a room's microphone).
enum class Sound { without, with, only };
inline std::vector<std::uint8_t> test_stream(Sound sound = Sound::without)
{
    const char* file = sound == Sound::with   ? "/tests/data/test-stream-av.ts"
                       : sound == Sound::only ? "/tests/data/test-room.ts"
                                              : "/tests/data/test-stream.ts";
    std::ifstream in(std::string(ESTRADE_SOURCE_DIR) + file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// The stream cut as a publisher sends it: 7 TS packets per SRT message.
inline std::vector<std::vector<std::uint8_t>> as_messages(const std::vector<std::uint8_t>& ts)
{
    std::vector<std::vector<std::uint8_t>> messages;
    for (std::size_t at = 0; at < ts.size(); at += relay::max_srt_message)
        messages.emplace_back(ts.begin() + static_cast<long>(at),
                              ts.begin() + static_cast<long>(std::min(ts.size(), at + relay::max_srt_message)));
    return messages;
}

inline const std::string producer_passphrase = "producer-secret-123";

// An event file with one site, loudeac; `relay_section` is inserted as is (empty: the defaults).
inline std::string one_site_event(const std::string& relay_section = {})
{
    return R"([event]
id = "demo"
title = "Démo"
host_site = "loudeac"
)" + relay_section + R"([producer]
passphrase = "producer-secret-123"
[[talk]]
speaker = "Claire Le Bihan"
title = "Une journée en commissariat"
[[site]]
id = "loudeac"
name = "Loudéac"
passphrase = "loudeac-secret-42"
)";
}
inline std::string site_passphrase(const std::string& site) { return site + "-secret-42"; }

inline relay::RelayOptions relay_options(std::vector<std::string> sites)
{
    relay::RelayOptions options;
    options.listen = {"127.0.0.1", 0};
    options.event_id = "demo";
    options.latency_ms = 120;
    options.producer_passphrase = producer_passphrase;
    for (const auto& site : sites)
        options.site_passphrases[site] = site_passphrase(site);
    return options;
}

class RelayFixture {
public:
    explicit RelayFixture(relay::RelayOptions options) : server(std::move(options))
    {
        m_thread = std::thread([this] { server.run(m_stop); });
    }
    ~RelayFixture()
    {
        m_stop = true;
        m_thread.join();
    }
    config::HostPort address() const { return {"127.0.0.1", server.port()}; }

    relay::RelayServer server;

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

inline std::variant<srt::Caller, srt::ConnectFailure> connect(const config::HostPort& address,
                                                                     const std::string& stream_id,
                                                                     const std::string& passphrase)
{
    return srt::Caller::connect({address, stream_id, passphrase, 120, std::chrono::milliseconds(2000)});
}

inline srt::Caller publisher(const config::HostPort& address, const std::string& stream = "speaker")
{
    auto result = connect(address, "#!::r=demo/" + stream + ",m=publish,u=producer", producer_passphrase);
    if (auto* failure = std::get_if<srt::ConnectFailure>(&result))
        throw std::runtime_error("publisher refused: " + failure->reason);
    return std::get<srt::Caller>(std::move(result));
}

// Plays a stream in its own thread, keeping each message, until no data came for `idle`.
class Player {
public:
    Player(const config::HostPort& address, const std::string& site, const std::string& stream = "speaker",
           std::chrono::milliseconds idle = std::chrono::milliseconds(1500))
    {
        auto result = connect(address, "#!::r=demo/" + stream + ",m=request,u=" + site,
                              site == "producer" ? producer_passphrase : site_passphrase(site));
        if (auto* failure = std::get_if<srt::ConnectFailure>(&result))
            throw std::runtime_error("player refused: " + failure->reason);
        m_caller.emplace(std::get<srt::Caller>(std::move(result)));
        m_thread = std::thread([this, idle] {
            std::vector<std::uint8_t> buffer(relay::max_srt_message);
            bool started = false;
            while (!m_stop) {
                auto n = m_caller->receive(buffer, started ? idle : std::chrono::milliseconds(200));
                if (!n) {
                    if (started || m_caller->connected() == false)
                        break;
                    continue;
                }
                if (!started)
                    first_at = relay::Clock::now();
                started = true;
                messages.emplace_back(buffer.begin(), buffer.begin() + static_cast<long>(*n));
            }
        });
    }
    ~Player() { stop(); }
    void finish()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    void stop()
    {
        m_stop = true;
        finish();
    }
    std::vector<std::uint8_t> bytes() const
    {
        std::vector<std::uint8_t> all;
        for (const auto& m : messages)
            all.insert(all.end(), m.begin(), m.end());
        return all;
    }

    std::vector<std::vector<std::uint8_t>> messages;
    relay::Clock::time_point first_at;

private:
    std::optional<srt::Caller> m_caller;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// Sends messages at a steady pace, as an encoder would.
inline void publish(srt::Caller& caller, const std::vector<std::vector<std::uint8_t>>& messages,
                    std::chrono::microseconds interval)
{
    auto next = std::chrono::steady_clock::now();
    for (const auto& m : messages) {
        caller.send(m);
        next += interval;
        std::this_thread::sleep_until(next);
    }
}

// Compares without printing megabytes on failure: says where the two first differ.
inline bool same_bytes(const std::vector<std::uint8_t>& received, const std::vector<std::uint8_t>& sent)
{
    if (received == sent)
        return true;
    const auto mismatch = std::mismatch(received.begin(), received.end(), sent.begin(), sent.end());
    std::fprintf(stderr, "received %zu bytes, sent %zu; first difference at byte %ld\n", received.size(), sent.size(),
                 static_cast<long>(mismatch.first - received.begin()));
    return false;
}

template <typename Condition>
bool wait_until(Condition condition, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000))
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

inline std::uint16_t pid_of(const std::vector<std::uint8_t>& message, std::size_t packet)
{
    const auto* p = message.data() + packet * relay::ts_packet_size;
    return static_cast<std::uint16_t>(((p[1] & 0x1F) << 8) | p[2]);
}

}  // namespace estrade::testing
