#pragma once
// A loopback port free right now, for an event file that several real programs read (each needs to
// know the others' ports before any of them starts). The OS picks it; another program could take it
// before ours binds, which on a test machine's loopback does not happen in practice.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace estrade::testing {

inline std::uint16_t free_port(int type /* SOCK_STREAM or SOCK_DGRAM */)
{
    const int fd = ::socket(AF_INET, type, 0);
    if (fd < 0)
        throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

}  // namespace estrade::testing
