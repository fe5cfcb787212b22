#include "handles.hpp"

#include <syslog.h>

namespace estrade::srt {

Library::Library()
{
    if (srt_startup() < 0)
        throw Error("srt_startup: " + last_error());
    // libsrt logs expected conditions (a non-blocking read with nothing to read) as warnings on stderr;
    // the relay reports what matters itself.
    srt_setloglevel(LOG_ERR);
}

Library::~Library() { srt_cleanup(); }

std::string last_error() { return srt_getlasterror_str(); }

Socket Socket::create()
{
    SRTSOCKET s = srt_create_socket();
    if (s == SRT_INVALID_SOCK)
        throw Error("srt_create_socket: " + last_error());
    return Socket(s);
}

std::string Socket::stream_id() const
{
    char buffer[513] = {};
    int length = sizeof buffer - 1;
    if (srt_getsockflag(m_socket, SRTO_STREAMID, buffer, &length) == SRT_ERROR)
        return {};
    return std::string(buffer, static_cast<std::size_t>(length));
}

Epoll::Epoll() : m_id(srt_epoll_create())
{
    if (m_id < 0)
        throw Error("srt_epoll_create: " + last_error());
    srt_epoll_set(m_id, SRT_EPOLL_ENABLE_EMPTY);
}

void Epoll::add(SRTSOCKET socket, int events)
{
    if (srt_epoll_add_usock(m_id, socket, &events) == SRT_ERROR)
        throw Error("srt_epoll_add_usock: " + last_error());
}

void Epoll::update(SRTSOCKET socket, int events)
{
    if (srt_epoll_update_usock(m_id, socket, &events) == SRT_ERROR)
        throw Error("srt_epoll_update_usock: " + last_error());
}

int socket_events(SRTSOCKET socket)
{
    std::int32_t events = 0;
    int length = sizeof events;
    return srt_getsockflag(socket, SRTO_EVENT, &events, &length) == SRT_ERROR ? static_cast<int>(SRT_EPOLL_ERR)
                                                                              : events;
}

}  // namespace estrade::srt
