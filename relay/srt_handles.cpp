#include "srt_handles.hpp"

#include <syslog.h>

namespace estrade::relay {

SrtLibrary::SrtLibrary()
{
    if (srt_startup() < 0)
        throw SrtError("srt_startup: " + last_srt_error());
    // libsrt logs expected conditions (a non-blocking read with nothing to read) as warnings on stderr;
    // the relay reports what matters itself.
    srt_setloglevel(LOG_ERR);
}

SrtLibrary::~SrtLibrary() { srt_cleanup(); }

std::string last_srt_error() { return srt_getlasterror_str(); }

SrtSocket SrtSocket::create()
{
    SRTSOCKET s = srt_create_socket();
    if (s == SRT_INVALID_SOCK)
        throw SrtError("srt_create_socket: " + last_srt_error());
    return SrtSocket(s);
}

std::string SrtSocket::stream_id() const
{
    char buffer[513] = {};
    int length = sizeof buffer - 1;
    if (srt_getsockflag(m_socket, SRTO_STREAMID, buffer, &length) == SRT_ERROR)
        return {};
    return std::string(buffer, static_cast<std::size_t>(length));
}

SrtEpoll::SrtEpoll() : m_id(srt_epoll_create())
{
    if (m_id < 0)
        throw SrtError("srt_epoll_create: " + last_srt_error());
    srt_epoll_set(m_id, SRT_EPOLL_ENABLE_EMPTY);
}

void SrtEpoll::add(SRTSOCKET socket, int events)
{
    if (srt_epoll_add_usock(m_id, socket, &events) == SRT_ERROR)
        throw SrtError("srt_epoll_add_usock: " + last_srt_error());
}

void SrtEpoll::update(SRTSOCKET socket, int events)
{
    if (srt_epoll_update_usock(m_id, socket, &events) == SRT_ERROR)
        throw SrtError("srt_epoll_update_usock: " + last_srt_error());
}

}  // namespace estrade::relay
