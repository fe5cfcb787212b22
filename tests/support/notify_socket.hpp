#pragma once
// What systemd would receive from a Type=notify service: a datagram socket the test binds, whose path goes
// in the program's NOTIFY_SOCKET. Each message is one datagram of "KEY=value" lines (sd_notify(3)).

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace estrade::testing {

class NotifySocket {
public:
    explicit NotifySocket(std::filesystem::path path) : m_path(std::move(path))
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, m_path.c_str(), sizeof address.sun_path - 1);
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("cannot bind the notify socket " + m_path.string());
    }
    ~NotifySocket()
    {
        ::close(m_fd);
        std::filesystem::remove(m_path);
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    // The next message, or nothing within `timeout`.
    std::optional<std::string> next(std::chrono::milliseconds timeout)
    {
        pollfd item{m_fd, POLLIN, 0};
        if (::poll(&item, 1, static_cast<int>(timeout.count())) <= 0)
            return std::nullopt;
        char buffer[4096];
        const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
        return n > 0 ? std::optional<std::string>(std::string(buffer, static_cast<std::size_t>(n))) : std::nullopt;
    }

    // Waits for a message holding `text`, for up to `timeout`.
    bool says(const std::string& text, std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            auto message = next(left);
            if (message && message->find(text) != std::string::npos)
                return true;
        }
        return false;
    }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
};

}  // namespace estrade::testing
