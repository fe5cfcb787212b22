#pragma once
// The one owner of SRTSOCKET and SRT epoll ids in the relay, and libsrt's start-up/clean-up.

#include <srt/srt.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace estrade::relay {

struct SrtError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// srt_startup() once per process for as long as any SRT object lives.
class SrtLibrary {
public:
    SrtLibrary();
    ~SrtLibrary();
    SrtLibrary(const SrtLibrary&) = delete;
    SrtLibrary& operator=(const SrtLibrary&) = delete;
};

std::string last_srt_error();

class SrtSocket {
public:
    SrtSocket() = default;
    explicit SrtSocket(SRTSOCKET socket) : m_socket(socket) {}  // adopts
    static SrtSocket create();
    ~SrtSocket() { reset(); }
    SrtSocket(SrtSocket&& other) noexcept : m_socket(std::exchange(other.m_socket, SRT_INVALID_SOCK)) {}
    SrtSocket& operator=(SrtSocket&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_socket = std::exchange(other.m_socket, SRT_INVALID_SOCK);
        }
        return *this;
    }
    SrtSocket(const SrtSocket&) = delete;
    SrtSocket& operator=(const SrtSocket&) = delete;

    SRTSOCKET get() const { return m_socket; }
    explicit operator bool() const { return m_socket != SRT_INVALID_SOCK; }
    void reset()
    {
        if (m_socket != SRT_INVALID_SOCK)
            srt_close(m_socket);
        m_socket = SRT_INVALID_SOCK;
    }

    template <typename T>
    void set(SRT_SOCKOPT option, const T& value)
    {
        if (srt_setsockflag(m_socket, option, &value, sizeof value) == SRT_ERROR)
            throw SrtError("srt_setsockflag(" + std::to_string(option) + "): " + last_srt_error());
    }
    void set_string(SRT_SOCKOPT option, const std::string& value)
    {
        if (srt_setsockflag(m_socket, option, value.data(), static_cast<int>(value.size())) == SRT_ERROR)
            throw SrtError("srt_setsockflag(" + std::to_string(option) + "): " + last_srt_error());
    }
    std::string stream_id() const;

private:
    SRTSOCKET m_socket = SRT_INVALID_SOCK;
};

class SrtEpoll {
public:
    SrtEpoll();
    ~SrtEpoll() { srt_epoll_release(m_id); }
    SrtEpoll(const SrtEpoll&) = delete;
    SrtEpoll& operator=(const SrtEpoll&) = delete;

    int id() const { return m_id; }
    void add(SRTSOCKET socket, int events);
    void update(SRTSOCKET socket, int events);
    void remove(SRTSOCKET socket) { srt_epoll_remove_usock(m_id, socket); }

private:
    int m_id;
};

}  // namespace estrade::relay
