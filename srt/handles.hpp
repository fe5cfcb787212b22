#pragma once
// The one owner of each libsrt handle (SRTSOCKET, epoll id) and of libsrt's start-up/clean-up, for every
// component that speaks SRT: the relay, the producer's publishers, the viewer's players, tests and benchmarks.

#include <srt/srt.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace estrade::srt {

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// srt_startup() once per process for as long as any SRT object lives.
class Library {
public:
    Library();
    ~Library();
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
};

std::string last_error();

// SRT_EPOLL_IN when a message is due, SRT_EPOLL_OUT when a send would be taken, SRT_EPOLL_ERR when the
// connection is gone. Asking wakes no thread; a read that finds nothing wakes libsrt's delivery thread.
int socket_events(SRTSOCKET socket);

class Socket {
public:
    Socket() = default;
    explicit Socket(SRTSOCKET socket) : m_socket(socket) {}  // adopts
    static Socket create();
    ~Socket() { reset(); }
    Socket(Socket&& other) noexcept : m_socket(std::exchange(other.m_socket, SRT_INVALID_SOCK)) {}
    Socket& operator=(Socket&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_socket = std::exchange(other.m_socket, SRT_INVALID_SOCK);
        }
        return *this;
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

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
            throw Error("srt_setsockflag(" + std::to_string(option) + "): " + last_error());
    }
    void set_string(SRT_SOCKOPT option, const std::string& value)
    {
        if (srt_setsockflag(m_socket, option, value.data(), static_cast<int>(value.size())) == SRT_ERROR)
            throw Error("srt_setsockflag(" + std::to_string(option) + "): " + last_error());
    }
    std::string stream_id() const;

private:
    SRTSOCKET m_socket = SRT_INVALID_SOCK;
};

class Epoll {
public:
    Epoll();
    ~Epoll() { srt_epoll_release(m_id); }
    Epoll(const Epoll&) = delete;
    Epoll& operator=(const Epoll&) = delete;

    int id() const { return m_id; }
    void add(SRTSOCKET socket, int events);
    void update(SRTSOCKET socket, int events);
    void remove(SRTSOCKET socket) { srt_epoll_remove_usock(m_id, socket); }

private:
    int m_id;
};

}  // namespace estrade::srt
