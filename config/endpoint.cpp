#include "endpoint.hpp"

#include <charconv>

namespace estrade::config {

namespace {

std::optional<std::uint16_t> parse_port(std::string_view text, PortRule rule)
{
    unsigned value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value > 65535)
        return std::nullopt;
    if (value == 0 && rule == PortRule::nonzero_port)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

bool is_valid_host(std::string_view host)
{
    if (host.empty())
        return false;
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '-' || c == ':' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

struct HostAndPort {
    std::string_view host;
    std::string_view port;
};

// Splits at the port's colon; an IPv6 host must be in brackets.
std::optional<HostAndPort> split_host_port(std::string_view text)
{
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return std::nullopt;
        return HostAndPort{text.substr(1, close - 1), text.substr(close + 2)};
    }
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    auto host = text.substr(0, colon);
    if (host.find(':') != std::string_view::npos)
        return std::nullopt;
    return HostAndPort{host, text.substr(colon + 1)};
}

}  // namespace

std::optional<HostPort> parse_host_port(std::string_view text, PortRule rule)
{
    auto parts = split_host_port(text);
    if (!parts || !is_valid_host(parts->host))
        return std::nullopt;
    auto number = parse_port(parts->port, rule);
    if (!number)
        return std::nullopt;
    return HostPort{std::string(parts->host), *number};
}

std::optional<HostPort> parse_srt_url(std::string_view text)
{
    constexpr std::string_view scheme = "srt://";
    if (!text.starts_with(scheme))
        return std::nullopt;
    return parse_host_port(text.substr(scheme.size()), PortRule::nonzero_port);
}

bool is_valid_zmq_endpoint(std::string_view text, PortRule rule)
{
    constexpr std::string_view scheme = "tcp://";
    if (!text.starts_with(scheme))
        return false;
    auto parts = split_host_port(text.substr(scheme.size()));
    if (!parts)
        return false;
    const bool listener = rule == PortRule::any_port;
    const bool host_ok = (listener && parts->host == "*") || is_valid_host(parts->host);
    const bool port_ok = (listener && parts->port == "*") || parse_port(parts->port, rule).has_value();
    return host_ok && port_ok;
}

std::string HostPort::to_string() const
{
    if (host.find(':') != std::string::npos)
        return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

}  // namespace estrade::config
