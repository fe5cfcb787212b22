#pragma once
// Any SRT listener, as the producer must be testable against one: accepts every caller on loopback
// (port chosen by the OS) with the producer's passphrase and keeps what each stream id sent.

#include "srt/handles.hpp"

#include <arpa/inet.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace estrade::testing {

class SrtTestListener {
public:
    explicit SrtTestListener(const std::string& passphrase, std::uint16_t port = 0)
    {
        m_socket = srt::Socket::create();
        m_socket.set_string(SRTO_PASSPHRASE, passphrase);
        const int yes = 1;
        m_socket.set(SRTO_REUSEADDR, yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        srt_listen_callback(m_socket.get(), &SrtTestListener::admit, this);
        if (srt_bind(m_socket.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == SRT_ERROR ||
            srt_listen(m_socket.get(), 8) == SRT_ERROR)
            throw srt::Error("listen: " + srt::last_error());
        int length = sizeof address;
        srt_getsockname(m_socket.get(), reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_epoll.add(m_socket.get(), SRT_EPOLL_IN);
        m_accepting = std::thread([this] { accept_loop(); });
    }
    ~SrtTestListener()
    {
        // Gone at once, as a relay that stops: libsrt completes handshakes for the listener's backlog on its
        // own, so callers are refused first, then every socket closes.
        m_refusing = true;
        m_stop = true;
        m_accepting.join();
        m_socket.reset();
        for (auto& t : m_readers)
            t.join();
    }
    SrtTestListener(const SrtTestListener&) = delete;
    SrtTestListener& operator=(const SrtTestListener&) = delete;

    std::uint16_t port() const { return m_port; }

    // Everything received so far from callers whose stream id contains `stream` ("/speaker").
    std::vector<std::uint8_t> received(const std::string& stream) const
    {
        std::lock_guard lock(m_mutex);
        std::vector<std::uint8_t> out;
        for (const auto& [id, bytes] : m_bytes)
            if (id.find(stream) != std::string::npos)
                out.insert(out.end(), bytes.begin(), bytes.end());
        return out;
    }
    int connections() const { return m_connections; }

private:
    static int admit(void* self, SRTSOCKET, int, const sockaddr*, const char*)
    {
        return static_cast<SrtTestListener*>(self)->m_refusing ? -1 : 0;
    }

    void accept_loop()
    {
        while (!m_stop) {
            SRTSOCKET ready[4];
            int count = 4;
            if (srt_epoll_wait(m_epoll.id(), ready, &count, nullptr, nullptr, 100, nullptr, nullptr, nullptr, nullptr) <= 0)
                continue;
            sockaddr_storage peer{};
            int length = sizeof peer;
            srt::Socket caller(srt_accept(m_socket.get(), reinterpret_cast<sockaddr*>(&peer), &length));
            if (!caller)
                continue;
            ++m_connections;
            m_readers.emplace_back([this, c = std::move(caller)]() mutable { read_loop(std::move(c)); });
        }
    }

    void read_loop(srt::Socket caller)
    {
        const std::string id = caller.stream_id();
        const int timeout_ms = 100;
        srt_setsockflag(caller.get(), SRTO_RCVTIMEO, &timeout_ms, sizeof timeout_ms);
        char buffer[1500];
        while (!m_stop) {
            const int n = srt_recvmsg(caller.get(), buffer, sizeof buffer);
            if (n > 0) {
                std::lock_guard lock(m_mutex);
                auto& bytes = m_bytes[id];
                bytes.insert(bytes.end(), buffer, buffer + n);
            } else if (srt_getsockstate(caller.get()) != SRTS_CONNECTED) {
                return;
            }
        }
    }

    srt::Library m_library;
    srt::Socket m_socket;
    srt::Epoll m_epoll;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_refusing{false};
    std::atomic<int> m_connections{0};
    mutable std::mutex m_mutex;
    std::map<std::string, std::vector<std::uint8_t>> m_bytes;
    std::thread m_accepting;
    std::vector<std::thread> m_readers;
};

}  // namespace estrade::testing
